"""The live layer: WebSocket connections (`ws.py`, `connection.py`), the fan-out to them
(`hub.py`, `digest.py`, `frames.py`, `messages.py`), presence, drafts typed live, and the bus
between processes on one database (`bus.py`)."""
