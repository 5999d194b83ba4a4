"""A believable helpdesk to try Baton with: agents in two departments and a few hundred tickets.

Generated from a seeded random.Random (same structure every time, times relative to now), and
built only through core commands (create, receive, reply, note, assign, set_status, lock, draft),
so every ticket is exactly what its history says.
"""
import json
import random

from .api.auth import hash_password
from .commands.creation import blank_ticket

PASSWORD = "baton-demo"
SETTING_KEY = "demo"
TICKETS = 240
PROGRESS_EVERY = 10_000
SEED = 7212
SECOND = 1000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR

AGENTS = [
    ("Alesia Burvin", "alesia@baton.test", "admin", ["support", "billing"]),
    ("Marcus Lindqvist", "marcus@baton.test", "agent", ["support"]),
    ("Priya Raman", "priya@baton.test", "agent", ["support"]),
    ("Tomás Ferreira", "tomas@baton.test", "agent", ["support"]),
    ("Hannah Okafor", "hannah@baton.test", "agent", ["support"]),
    ("Jonas Weber", "jonas@baton.test", "agent", ["billing"]),
    ("Chloé Martin", "chloe@baton.test", "agent", ["billing"]),
    ("Daniel Kim", "daniel@baton.test", "agent", ["billing"]),
]

FIRST = ["Hannah", "Oliver", "Amara", "Lukas", "Sofia", "Mateo", "Yuki", "Fatima", "Liam", "Ingrid",
         "Kwame", "Elena", "Noah", "Aisha", "Pierre", "Mei", "Jakub", "Zara", "Diego", "Freya"]
LAST = ["Rebekah", "Schmidt", "Nakamura", "Okonkwo", "Rossi", "Dubois", "Kowalski", "Haddad",
        "Johansson", "Silva", "Murphy", "Chen", "Novak", "Ibrahim", "Fischer", "Lopez"]
ORGANIZATIONS = ["221B Energy", "Northwind Traders", "Blue Harbor Dental", "Kestrel Logistics",
                 "Maple & Moss Café", "Orbital Print", "Greenfield Schools", "Luma Fitness",
                 "Vantage Legal", "Copperleaf Hotels", "", ""]
LANGUAGES = ["English"] * 7 + ["German", "French", "Spanish"]

SUPPORT = [
    ("Complaint with {product}", "Hi, my {product} stopped working this morning and shows error {code}. "
     "I already restarted it twice. Can someone help?"),
    ("Can't log in after password reset", "I reset my password yesterday but the portal still says "
     "'invalid credentials'. I need access today for a report."),
    ("{product} installation appointment", "Hello, could we move the installation of our {product} to "
     "next week? Thursday afternoon would suit us best."),
    ("App crashes when exporting", "Every time I export the monthly report the app closes without a "
     "message. It started after the last update."),
    ("Noise from the {product}", "The {product} has been making a loud clicking noise since Monday. "
     "Is this normal or should a technician come by?"),
    ("Data not syncing between devices", "Changes I make on my laptop do not show on my phone any "
     "more. Last successful sync was {days} days ago."),
]
BILLING = [
    ("Refund for order #{order}", "Hi, I returned order #{order} two weeks ago and have not seen "
     "the refund yet. Could you check?"),
    ("Invoice shows wrong VAT number", "Our latest invoice lists an old VAT number. Please reissue it "
     "with the correct one, our accounting needs it by Friday."),
    ("Charged twice this month", "My card was charged twice for the {plan} plan this month. Please "
     "refund the duplicate payment."),
    ("Upgrade to the {plan} plan", "We would like to upgrade to the {plan} plan from next month. "
     "Will the price be prorated?"),
    ("Payment failed but card is valid", "The payment for invoice {code} failed although the card "
     "works everywhere else. What should I do?"),
]
PRODUCTS = ["Boiler", "Heat Pump", "Router", "Thermostat", "Solar Inverter", "Water Heater"]
PLANS = ["Team", "Business", "Enterprise", "Starter"]
FOLLOW_UPS = ["Any news on this? It is getting urgent.", "Thanks, I tried that but it did not help.",
              "I attached a photo of the display, hope that helps.", "Is there a phone number I can call?",
              "Quick update: it happened again this morning."]
REPLIES = ["Thanks for reaching out, {name}. I am looking into this now and will get back to you today.",
           "Hi {name}, could you send us the serial number and a photo of the error?",
           "Hi {name}, this is fixed on our side. Could you try again and confirm?",
           "Sorry for the trouble, {name}. I have escalated this to our specialists."]
NOTES = ["Customer called as well, seems frustrated.", "Checked the logs: matches the known issue from last week.",
         "Waiting for the warehouse to confirm the return.", "VIP account, please prioritise."]
DRAFTS = ["Hi {name}, thanks for your patience. We", "Hello {name}, I checked your account and",
          "Hi {name}, good news: the technician"]


def load(baton, now, tickets=TICKETS, progress=None):
    """Fills an empty database (the logins are remembered for the start-up banner). `progress`,
    if given, is called with the number of tickets made so far every PROGRESS_EVERY tickets."""
    rng = random.Random(SEED)
    for name, email, role, departments in AGENTS:
        baton.store.add_agent(name, email, role, departments, hash_password(PASSWORD))
    baton.config.reload_agents()
    team = {dept: [a.id for a in baton.config.agents.values() if dept in a.departments and a.role == "agent"]
            for dept in ("support", "billing")}
    with baton.store.bulk_load():
        for number in range(tickets):
            _ticket(baton, rng, team, now, number)
            if progress and (number + 1) % PROGRESS_EVERY == 0:
                progress(number + 1)
    baton.store.put_setting(SETTING_KEY, json.dumps({"logins": [email for _, email, _, _ in AGENTS]}))


def logins(store):
    """The demo logins, if this database was filled with the demo."""
    text = store.get_setting(SETTING_KEY)
    return [(email, PASSWORD) for email in json.loads(text)["logins"]] if text else []


class _Builder:
    """Runs the commands of one demo ticket at the given times, failing loudly on a rejection."""

    def __init__(self, baton, blank):
        self.baton, self.blank, self.uow = baton, blank, baton.commands.unit()

    @property
    def ticket(self):
        return self.uow.ticket(self.blank.id)

    def create(self, at, fields):
        self._check(self.uow.create(self.blank, self._command({"type": "create", **fields}), self.baton.system, at))

    def run(self, actor_id, at, fields):
        actor = self.baton.system if actor_id == 0 else self.baton.config.actor(actor_id)
        self._check(self.uow.run(self.blank.id, self._command(fields), actor, at))

    def _command(self, fields):
        return self.baton.core.Command.parse(json.dumps(fields), self.baton.config.max_command_bytes())

    def _check(self, result):
        if isinstance(result, self.baton.core.Rejection):
            raise RuntimeError(f"a demo command was rejected: {result.message}")


def _text(rng, template, name):
    return template.format(product=rng.choice(PRODUCTS), plan=rng.choice(PLANS), name=name.split()[0],
                           order=rng.randint(10000, 99999), code=f"E{rng.randint(100, 999)}",
                           days=rng.randint(2, 9))


def _ticket(baton, rng, team, now, number):
    department = "support" if rng.random() < 0.6 else "billing"
    subject, body = rng.choice(SUPPORT if department == "support" else BILLING)
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    at = now - rng.randint(30 * MINUTE, 14 * DAY)
    build = _Builder(baton, blank_ticket(baton.commands, rng.getrandbits))
    build.create(at, {
        "subject": _text(rng, subject, name), "department": department,
        "requester": {"name": name, "email": f"{name.split()[0].lower()}.{number}@example.com"},
        "organization": rng.choice(ORGANIZATIONS), "language": rng.choice(LANGUAGES),
        "urgency": rng.choice([2, 3, 4, 5, 5, 6, 7, 8, 9, 10]), "body": _text(rng, body, name)})
    agents = team[department]
    agent = rng.choice(agents)

    def later():
        nonlocal at
        at = max(at + 1, min(at + rng.randint(3 * MINUTE, 6 * HOUR), now - 2 * MINUTE))
        return at

    if rng.random() < 0.65:
        build.run(agent, later(), {"type": "take"} if rng.random() < 0.5 else {"type": "assign", "agent": agent})
    for _ in range(rng.randint(0, 3)):
        kind = rng.random()
        if kind < 0.45:
            build.run(agent, later(), {"type": "reply", "body": _text(rng, rng.choice(REPLIES), name),
                                       "base_version": build.ticket.version,
                                       "idempotency_key": f"demo-{number}-{build.ticket.version}"})
            if build.ticket.pending_reply_author is not None:  # it waits out the undo window, then goes out
                at += baton.config.settings.undo_send_secs * SECOND
                build.run(0, at, {"type": "deliver_reply"})
            at += 2 * SECOND  # the mail relay took it (docs/MAIL.md): nothing of the demo waits in the outbox
            build.run(0, at, {"type": "record_delivery", "message": build.ticket.message_count, "state": "sent"})
        elif kind < 0.85:
            build.run(0, later(), {"type": "receive", "body": rng.choice(FOLLOW_UPS)})
        else:
            build.run(agent, later(), {"type": "note", "body": rng.choice(NOTES)})
    roll = rng.random()
    if roll < 0.25:
        build.run(agent, later(), {"type": "set_status", "status": "resolved"})
    elif roll < 0.35:
        build.run(agent, later(), {"type": "set_status", "status": "pending"})
    elif roll < 0.45:
        build.run(agent, max(at + 1, now - rng.randint(1, 10) * MINUTE), {"type": "lock"})
    if roll >= 0.25 and rng.random() < 0.12:
        drafter = rng.choice(agents)
        build.run(drafter, max(at + 1, now - rng.randint(1, 30) * 1000), {
            "type": "draft", "kind": "reply", "body": _text(rng, rng.choice(DRAFTS), name),
            "base_version": build.ticket.version})
    build.uow.commit()
