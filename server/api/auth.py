"""Passwords, session tokens, and finding out which agent is calling.

Passwords are scrypt hashes with a random salt. A session token is shown to the client once; the
database keeps only its SHA-256, so a stolen database does not hand out sessions.
"""
import hashlib
import hmac
import os
import secrets

SESSION_COOKIE = "baton_session"
SESSION_MAX_AGE_SECS = 30 * 24 * 3600
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password):
    salt = os.urandom(16)
    key = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${key.hex()}"


def verify_password(password, stored):
    """Constant-time check; a malformed stored hash simply never matches."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                             p=int(p), dklen=len(key) // 2)
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), key)


# Checked when the email is unknown, so that a wrong email takes as long as a wrong password.
UNKNOWN_AGENT_HASH = hash_password(secrets.token_hex(8))


def new_token():
    return secrets.token_urlsafe(32)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def request_token(request, allow_query=False):
    """The session token from `Authorization: Bearer`, the cookie, or (WebSocket only) `?token=`."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header[len("Bearer "):].strip() or None
    if allow_query and request.query.get("token"):
        return request.query["token"]
    return request.cookies.get(SESSION_COOKIE)


def session_agent_id(store, token, now_ms):
    """The agent id of a live session, or None."""
    if not token:
        return None
    return store.session_agent(token_hash(token), now_ms - SESSION_MAX_AGE_SECS * 1000)
