"""serve.py's mail options (docs/MAIL.md)."""
import argparse
import os

from .channel import DEFAULT_DOMAIN, MailOptions
from .retry import RetryPolicy


def add_arguments(parser):
    group = parser.add_argument_group("mail (docs/MAIL.md)")
    group.add_argument("--smtp-listen", metavar="HOST:PORT", type=_address,
                       help="receive customer mail over SMTP here (behind Postfix in production), e.g. 127.0.0.1:2525")
    group.add_argument("--smtp-relay", metavar="HOST:PORT", type=_address,
                       default=os.environ.get("BATON_SMTP_RELAY") and _address(os.environ["BATON_SMTP_RELAY"]),
                       help="send replies through this mail server (env BATON_SMTP_RELAY); "
                            "without one they wait in the outbox")
    group.add_argument("--mail-domain", default=DEFAULT_DOMAIN,
                       help=f"Baton's mail domain: <department>@DOMAIN (default {DEFAULT_DOMAIN})")
    group.add_argument("--mail-retry", metavar="FIRST,MAX,GIVE_UP", type=_retry, default=RetryPolicy(),
                       help="seconds before the first retry of a reply, the longest wait between tries, "
                            "and when to give up (default 2,60,172800)")


def from_args(args):
    return MailOptions(domain=args.mail_domain, listen=args.smtp_listen, relay=args.smtp_relay,
                       retry=args.mail_retry)


def _address(text):
    host, sep, port = text.rpartition(":")
    try:
        number = int(port)
    except ValueError:
        number = -1
    if not sep or not host or not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST:PORT")
    return host.strip("[]"), number


def _retry(text):
    try:
        return RetryPolicy.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def describe(address):
    host, port = address
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def banner(channel):
    """The start-up banner's mail lines: where mail comes in, how to send a test mail, where
    replies go."""
    listening = channel.listening()
    if listening is None:
        return ["  mail:           not received (start with --smtp-listen 127.0.0.1:2525)"]
    book = channel.book()
    to = book.by_department.get("support") or next(iter(book.by_department.values()), f"support@{channel.domain}")
    relay = describe(channel.relay) if channel.relay else "none: replies wait in the outbox (no mail relay configured)"
    where = describe(listening)
    return [f"  mail:           SMTP on {where} for {', '.join(book.by_department.values()) or 'no department yet'}",
            f"                  replies relayed through {relay}",
            "  send a test mail: "
            f"swaks --server {where} --from hannah@example.com --to {to} "
            "--header 'Subject: My boiler hisses' --body 'It started this morning.'"]
