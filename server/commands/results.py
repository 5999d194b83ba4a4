"""Commands from outside (the agents' API, inbound mail): parsed by the core, applied through a
unit of work, answered as {ticket, events} (the HTTP handlers send the Answer's JSON text)."""
import json
from collections import namedtuple

from ..errors import from_rejection, invalid, ticket_not_found
from .creation import create_ticket

Answer = namedtuple("Answer", "text status")


def parse_command(commands, text):
    core = commands.core
    command = core.Command.parse(text, commands.config.max_command_bytes())
    if isinstance(command, core.Rejection):
        commands.metrics.command("unparsed", command.code)
        raise from_rejection(command)
    return command


def apply_command(commands, ticket_id, command, actor):
    """Decides, stores and pushes one command; a duplicate reply answers with its original events.
    No await from here on: the decision is made on the ticket as it is when it is stored."""
    if commands.bus.find(ticket_id) is None:
        raise ticket_not_found(ticket_id)
    uow = commands.unit()
    result = uow.run(ticket_id, command, actor)
    if isinstance(result, commands.core.Rejection):
        if result.code != "duplicate":
            raise from_rejection(result)
        message_id = json.loads(result.to_json())["message_id"]
        if message_id is None:  # still in its undo window: no message yet, the reply_queued event
            original = _queued_events(commands.store, ticket_id, json.loads(command.to_json())["idempotency_key"])
        else:
            original = commands.store.command_events(ticket_id, message_id)
        return _ticket_result(uow.ticket(ticket_id), original, duplicate=True)
    uow.commit()
    return _ticket_result(uow.ticket(ticket_id), result.texts)


def _queued_events(store, ticket_id, key):
    """The reply_queued event of a reply that waits out its undo window (a retry's original)."""
    queued = []
    for text in store.history(ticket_id):
        if '"reply_queued"' in text:
            event = json.loads(text)
            if event["type"] == "reply_queued" and event["pending"]["idempotency_key"] == key:
                queued = [text]
    return queued


def create_and_answer(commands, command, actor):
    """Creates a ticket (and auto-assigns it when enabled): 201 {ticket, events}."""
    outcome = create_ticket(commands, command, actor)
    if isinstance(outcome, commands.core.Rejection):
        raise from_rejection(outcome)
    texts = [text for step in outcome.steps for text in step.texts]
    return _ticket_result(outcome.ticket(outcome.steps[0].ticket_id), texts, status=201)


def command_text(command_type, fields):
    """The command of a fixed type made of the posted fields (the core checks every one of them)."""
    if fields.get("type", command_type) != command_type:
        raise invalid("type", "value", "commands.only", command_type)
    return json.dumps({**fields, "type": command_type})


def _ticket_result(ticket, event_texts, status=200, duplicate=False):
    """The answer to a command: the ticket afterwards and the events it produced."""
    tail = ',"duplicate":true' if duplicate else ""
    return Answer(f'{{"ticket":{ticket.to_json()},"events":[{",".join(event_texts)}]{tail}}}', status)
