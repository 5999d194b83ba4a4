"""Customer mail coming in: a message on an existing ticket (by ref) or a new ticket.

The mail gateway authenticates with the inbound key (header X-Inbound-Key); an admin session also
works, for testing by hand. Both act as the system actor, as the core requires for `receive`.
"""
import hmac

from ..commands.results import apply_command, command_text, create_and_answer, parse_command
from ..errors import forbidden, invalid, ticket_not_found, unauthorized
from .http_io import answer, read_object


def _check_caller(request):
    baton = request.app["baton"]
    key = request.headers.get("X-Inbound-Key")
    if key is not None and hmac.compare_digest(key.encode(), baton.inbound_key.encode()):
        return
    agent = request["agent"]
    if agent is None and key is None:
        raise unauthorized()
    if agent is None or baton.config.actor(agent.id).role != "admin":
        raise forbidden("inbound.forbidden")


async def inbound(request):
    _check_caller(request)
    baton = request.app["baton"]
    fields = await read_object(request)
    if "attachments" in fields:  # their URLs are the server's own: only SMTP mail makes them
        raise invalid("attachments", "unknown", "inbound.attachments")
    if "ref" not in fields:
        command = parse_command(baton.commands, command_text("create", fields))
        return answer(create_and_answer(baton.commands, command, baton.system))
    ref = fields.pop("ref")
    if not isinstance(ref, str):
        raise invalid("ref", "type", "inbound.ref_type")
    ticket_id = baton.bus.find_ref(ref)
    if ticket_id is None:
        raise ticket_not_found(ref)
    command = parse_command(baton.commands, command_text("receive", fields))
    return answer(apply_command(baton.commands, ticket_id, command, baton.system))


def add_routes(router):
    router.add_post("/api/inbound", inbound)
