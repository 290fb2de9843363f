"""Secret link tokens: the link carries the token once, the database keeps only its hash.

A copy of the database (a backup, a read-only replica, an SQL injection elsewhere) then
holds no working invitation or calendar link. SHA-256 is enough: the tokens are 256-bit
random values, so there is nothing to guess and no need for a slow password hash.
"""

import hashlib
import secrets

TOKEN_BYTES = 32


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh (token, hash): put the token into the link, store the hash."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def plausible_token(token: str) -> bool:
    """Cheap check before a database lookup; real tokens are 43 URL-safe characters."""
    return bool(token) and len(token) <= 64
