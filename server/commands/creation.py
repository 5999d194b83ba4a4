"""New tickets: the server allocates the id and the ref, the core rules on `create`, and the
auto-assignment (when enabled) happens in the same transaction."""
import secrets

from .automations import auto_assign

REF_ATTEMPTS = 8  # 64 random bits make even one collision unlikely


class NoFreeRef(Exception):
    pass


def blank_ticket(commands, random_bits=secrets.randbits):
    """A blank ticket with the next id and a ref no other ticket has."""
    core = commands.core
    for _ in range(REF_ATTEMPTS):
        ref = core.make_ref(random_bits(64))
        if ref not in commands.tickets.by_ref:
            return core.Ticket.blank(commands.store.next_ticket_id(), ref)
    raise NoFreeRef("no free ticket reference found")


def create_ticket(commands, command, actor):
    """Returns the committed UnitOfWork (its first step is the creation), or the core's Rejection."""
    uow = commands.unit()
    result = uow.create(blank_ticket(commands), command, actor)
    if isinstance(result, commands.core.Rejection):
        return result
    auto_assign(commands, uow, uow.ticket(result.ticket_id))
    uow.commit()
    return uow
