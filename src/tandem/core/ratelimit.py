"""A small fixed-window rate limit in Django's cache, for public forms without an account.

allauth's own limiter reads its rates from allauth's settings, so public forms of ours
count here. The cache must be shared by all workers for the limit to hold (README).
"""

import hashlib

from django.core.cache import cache


def _key(action: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"tandem-rl:{action}:{digest}"


def hit(action: str, values, *, limit: int, period: int) -> bool:
    """Count one attempt for each value; False once any of them is over ``limit``."""
    allowed = True
    for value in values:
        key = _key(action, value)
        cache.add(key, 0, timeout=period)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=period)
            count = 1
        allowed = allowed and count <= limit
    return allowed


def client_ip(request) -> str:
    # REMOTE_ADDR only: a forwarded-for header is the client's to choose.
    return request.META.get("REMOTE_ADDR", "")
