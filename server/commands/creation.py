"""New tickets: the server allocates the id and the ref, the core rules on `create`, and the
auto-assignment (when enabled) happens in the same transaction."""
import secrets

from .automations import auto_assign
from .commands import UnitOfWork

REF_ATTEMPTS = 8  # 64 random bits make even one collision unlikely


class NoFreeRef(Exception):
    pass


def blank_ticket(baton, random_bits=secrets.randbits):
    """A blank ticket with the next id and a ref no other ticket has."""
    for _ in range(REF_ATTEMPTS):
        ref = baton.core.make_ref(random_bits(64))
        if ref not in baton.tickets.by_ref:
            return baton.core.Ticket.blank(baton.bus.next_ticket_id(), ref)
    raise NoFreeRef("no free ticket reference found")


def create_ticket(baton, command, actor):
    """Returns the committed UnitOfWork (its first step is the creation), or the core's Rejection."""
    uow = UnitOfWork(baton)
    result = uow.create(blank_ticket(baton), command, actor)
    if isinstance(result, baton.core.Rejection):
        return result
    auto_assign(baton, uow, uow.ticket(result.ticket_id))
    uow.commit()
    return uow
