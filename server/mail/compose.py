"""An agent's reply as the mail the customer receives.

From the department's address (with the agent's name), To the requester, the ticket's subject
(with its reference, which threads the customer's answer even from a mail program that drops
In-Reply-To), In-Reply-To and References of the customer's last mail, a Message-ID of the mail
domain that names the ticket and the reply (signed: see signing.py), Reply-To the ticket's own
signed address, the loop header, and the reply as text with a simple HTML alternative. The same
reply always makes the same Message-ID, so a copy sent twice (see outbox.py) is recognised as one
by the receiving mail program.
"""
import email.policy
import email.utils
import html
from dataclasses import dataclass
from email.message import EmailMessage

from .classify import LOOP_HEADER


@dataclass
class Reply:
    """What the outbox row and the ticket say about one reply."""
    ticket_id: int
    message_id: int  # the reply's id in the ticket
    ref: str
    subject: str
    to_name: str
    to_address: str
    agent_name: str
    department_address: str
    body: str
    at: int  # ms: the reply's time
    in_reply_to: str | None = None  # the customer's last mail's Message-ID
    references: tuple = ()  # and its References


def subject_line(subject, ref):
    tag = f"[{ref}]"
    subject = " ".join(subject.split())
    if tag not in subject:
        subject = f"{subject} {tag}"
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def compose(reply, names):
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = email.utils.formataddr((reply.agent_name, reply.department_address))
    message["To"] = email.utils.formataddr((reply.to_name, reply.to_address))
    message["Reply-To"] = names.reply_address(reply.department_address, reply.ref)
    message["Subject"] = subject_line(reply.subject, reply.ref)
    message["Date"] = email.utils.formatdate(reply.at / 1000, localtime=False)
    message["Message-ID"] = f"<{names.message_id(reply.ticket_id, reply.message_id)}>"
    if reply.in_reply_to:
        message["In-Reply-To"] = f"<{reply.in_reply_to}>"
        chain = [r for r in reply.references if r != reply.in_reply_to][-20:] + [reply.in_reply_to]
        message["References"] = " ".join(f"<{r}>" for r in chain)
    message[LOOP_HEADER] = names.domain
    message["Auto-Submitted"] = "no"  # a person wrote it: auto-responders may answer
    message.set_content(reply.body)
    paragraphs = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>"
                         for p in reply.body.replace("\r\n", "\n").split("\n\n") if p.strip())
    message.add_alternative(f"<!DOCTYPE html><html><body>{paragraphs}</body></html>", subtype="html")
    return message
