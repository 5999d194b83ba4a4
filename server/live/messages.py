"""The JSON pushed on the WebSocket, serialised once and shared by every receiver."""
import json


def dumps(value):
    return json.dumps(value, separators=(",", ":"))


def draft_item(ticket_id, author, draft):
    return dumps({"ticket": ticket_id, "author": author, "draft": draft})


def presence_item(ticket_id, agent, state):
    return dumps({"ticket": ticket_id, "agent": agent, "state": state})


def tagged(kind, item):
    """An item pushed on its own: {"type": kind} followed by the item's fields."""
    return f'{{"type":"{kind}",' + item[1:]


def digest_message(presence, drafts):
    return f'{{"type":"digest","presence":[{",".join(presence)}],"drafts":[{",".join(drafts)}]}}'
