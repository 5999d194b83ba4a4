"""WebSocket text frames (RFC 6455, section 5.2) made once and written to many sockets.

aiohttp's `send_str` is a coroutine per message and socket; a fan-out of one event to 500 agents
through it costs 500 task switches. A server frame is unmasked, so the same bytes serve every
receiver: encode once, `transport.write` each. The sockets never negotiate compression
(`compress=False`), so a plain frame is always what the client expects.
"""
import struct

_FIN_TEXT = 0x81  # final fragment, opcode 1 (text)


def text_frame(text):
    payload = text.encode()
    size = len(payload)
    if size < 126:
        header = struct.pack("!BB", _FIN_TEXT, size)
    elif size < 1 << 16:
        header = struct.pack("!BBH", _FIN_TEXT, 126, size)
    else:
        header = struct.pack("!BBQ", _FIN_TEXT, 127, size)
    return header + payload


def event_text(seq, prev, event_json):
    """The `event` message; `prev` lets a client that is sent only some events detect a gap."""
    return f'{{"type":"event","seq":{seq},"prev":{prev},"event":{event_json}}}'
