"""The outbox follows the events (docs/MAIL.md): a reply delivered to the customer (`replied`,
whose message the core gives a `delivery`) gets its outbox row, and every `delivery_changed`
moves that row along, in the transaction that logs the event. So an undone reply never has a row,
and a reply's row and its state in the ticket never disagree."""
import json


def follow(tx, event, text):
    """True when the outbox changed (the mail sender then looks at once)."""
    if event.type == "replied":
        payload = json.loads(text)
        delivery = payload["message"].get("delivery")
        if delivery is not None:
            tx.add_outbox(event.ticket, payload["message"]["id"], delivery["to"], delivery["state"], event.at)
            return True
    elif event.type == "delivery_changed":
        payload = json.loads(text)
        tx.set_outbox_state(event.ticket, payload["message"], payload["state"], payload["reason"], event.at)
        return True
    return False
