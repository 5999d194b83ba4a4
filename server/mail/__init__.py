"""Customers by mail (docs/MAIL.md): inbound SMTP on the event loop, each mail stored once on the
right ticket, and every reply mailed once after its undo window.

One module per job: `decode` (MIME to text, quoted history, attachments), `html_text`, `quoting`,
`classify` (loops, auto-replies, bounces), `signing` (Baton's own addresses and Message-IDs),
`threading` (which ticket a mail belongs to), `compose` (a reply as a mail), `retry` (the
outbox's schedule and how a relay's answer reads).
"""
