"""The quoted history at the end of a reply mail, cut off so the thread shows what is new.

Mail programs quote the whole conversation under each reply ("On Monday, Baton wrote:" and "> "
lines, Outlook's "-----Original Message-----" or "From: ... Sent: ..." block). The thread already
shows those messages, so the history is kept apart (`Message.quoted`, shown folded) instead of
repeating under every message. Only a history at the end is cut: a reply written between quoted
lines (answering point by point) stays whole, and so does a mail that would be left empty.
"""
import re

# "On Mon, 3 Jun 2024 at 10:02, Baton Support <support@baton.test> wrote:", its translations
# ("Am ... schrieb Baton Support:"), and any short line ending in ":" that names a date or an
# address ("2024年6月3日(月) 10:02 Baton <support@baton.test>:"); mail programs may wrap it over
# two lines. It counts only when nothing but quoted lines follows it.
_ATTRIBUTION = re.compile(
    r"^.{0,300}\b(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev|napisał|написал|"
    r"написала)\b.{0,200}:\s*$|^.{0,300}(写道|のメッセージ|님이 작성)\s*:\s*$"
    r"|^(?=.{0,300}$)(?=.*(@|\d)).*:\s*$", re.IGNORECASE)
_ORIGINAL = re.compile(r"^\s*-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|"
                       r"mensaje original|messaggio originale|oorspronkelijk bericht)\s*-{2,}\s*$",
                       re.IGNORECASE)
# Outlook's header block: "From: ..." then "Sent: ..." / "Date: ..." within the next lines.
_FROM = re.compile(r"^\s*\*?(from|von|de|da|van|från|od|от|差出人|发件人|寄件者)\s*:\*?\s*\S", re.IGNORECASE)
_SENT = re.compile(r"^\s*\*?(sent|date|gesendet|datum|envoyé|enviado|fecha|inviato|data|verzonden|"
                   r"skickat|wysłano|отправлено|送信日時|发送时间|日期)\s*:\*?\s*\S", re.IGNORECASE)
_RULE = re.compile(r"^\s*_{10,}\s*$")


def split_quoted(text):
    """(body, quoted): `quoted` is "" when nothing was cut."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, line in enumerate(lines):
        if _starts_history(lines, i):
            body = "\n".join(lines[:i]).rstrip()
            if body.strip():
                return body, "\n".join(lines[i:]).strip()
            break
    return text.strip(), ""


def _starts_history(lines, i):
    line = lines[i]
    if _ORIGINAL.match(line):
        return True
    if (_RULE.match(line) and i + 1 < len(lines) and _FROM.match(lines[i + 1])) or \
            (_FROM.match(line) and any(_SENT.match(x) for x in lines[i + 1:i + 4])):
        return True  # Outlook: the original follows unquoted, to the end
    attribution = _ATTRIBUTION.match(line)
    if not attribution and i + 1 < len(lines) and lines[i].strip() and \
            _ATTRIBUTION.match(line.rstrip() + " " + lines[i + 1].strip()):
        attribution, i = True, i + 1  # wrapped over two lines
    if attribution:
        return _only_quoted(lines[i + 1:])
    if line.startswith(">"):
        return _only_quoted(lines[i:])
    return False


def _only_quoted(rest):
    """Whether what follows is all quoted lines (blank lines allowed), with at least one."""
    quoted = [line for line in rest if line.strip()]
    return bool(quoted) and all(line.lstrip().startswith(">") for line in quoted)
