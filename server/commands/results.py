"""Commands that arrive over HTTP: parsed by the core, applied through a unit of work, answered as
{ticket, events}. The agents' API and the inbound mail endpoint share this."""
import json

from .commands import UnitOfWork
from .errors import from_rejection, invalid, not_found
from .http_io import json_text
from .ticket_creation import create_ticket


def parse_command(baton, text):
    command = baton.core.Command.parse(text, baton.max_command_bytes())
    if isinstance(command, baton.core.Rejection):
        baton.metrics.command("unparsed", command.code)
        raise from_rejection(command)
    return command


def apply_command(baton, ticket_id, command, actor):
    """Decides, stores and pushes one command; a duplicate reply answers with its original events.
    No await from here on: the decision is made on the ticket as it is when it is stored."""
    if baton.find_ticket(ticket_id) is None:
        raise not_found(f"Ticket {ticket_id}")
    uow = UnitOfWork(baton)
    result = uow.run(ticket_id, command, actor)
    if isinstance(result, baton.core.Rejection):
        if result.code != "duplicate":
            raise from_rejection(result)
        message_id = json.loads(result.to_json())["message_id"]
        if message_id is None:  # still in its undo window: no message yet, the reply_queued event
            original = _queued_events(baton, ticket_id, json.loads(command.to_json())["idempotency_key"])
        else:
            original = baton.store.command_events(ticket_id, message_id)
        return _ticket_result(uow.ticket(ticket_id), original, duplicate=True)
    uow.commit()
    return _ticket_result(uow.ticket(ticket_id), result.texts)


def _queued_events(baton, ticket_id, key):
    """The reply_queued event of a reply that waits out its undo window (a retry's original)."""
    queued = []
    for text in baton.store.history(ticket_id):
        if '"reply_queued"' in text:
            event = json.loads(text)
            if event["type"] == "reply_queued" and event["pending"]["idempotency_key"] == key:
                queued = [text]
    return queued


def create_and_answer(baton, command, actor):
    """Creates a ticket (and auto-assigns it when enabled): 201 {ticket, events}."""
    outcome = create_ticket(baton, command, actor)
    if isinstance(outcome, baton.core.Rejection):
        raise from_rejection(outcome)
    texts = [text for step in outcome.steps for text in step.texts]
    return _ticket_result(outcome.ticket(outcome.steps[0].ticket_id), texts, status=201)


def command_text(command_type, fields):
    """The command of a fixed type made of the posted fields (the core checks every one of them)."""
    if fields.get("type", command_type) != command_type:
        raise invalid("type", "value", f"This call only takes '{command_type}'")
    return json.dumps({**fields, "type": command_type})


def _ticket_result(ticket, event_texts, status=200, duplicate=False):
    """The answer to a command: the ticket afterwards and the events it produced."""
    tail = ',"duplicate":true' if duplicate else ""
    return json_text(f'{{"ticket":{ticket.to_json()},"events":[{",".join(event_texts)}]{tail}}}', status)
