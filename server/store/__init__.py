"""Storage: the interface the rest of the server uses (`interface.py`), one module per database
(`sqlite.py`, `postgres.py`), and `open_store` to pick one (`opening.py`)."""
from .interface import (AgentRecord, DraftRow, EventRow, Listener, RefusalRow, Store, StoreUnavailable,
                        TicketRow, Transaction)
from .opening import describe, is_postgres_url, open_store

__all__ = ["AgentRecord", "DraftRow", "EventRow", "Listener", "RefusalRow", "Store", "StoreUnavailable",
           "TicketRow", "Transaction", "describe", "is_postgres_url", "open_store"]
