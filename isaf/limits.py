"""How often someone may ask for something that costs another person a message
(a password-reset e-mail): a counter per key in the cache, over a fixed window.

The cache is an accelerator (isaf/cache.py): when it does not answer, the counter
cannot count and the request is allowed, so a Redis failure never locks people out
of their accounts; the failure is logged by the cache. A limit per address takes
the address from `isaf.clientip.client_ip`, as the sign-in lockout does.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def _key(scope: str, value: str) -> str:
    # Hashed: an e-mail address is not written into Redis in clear.
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"limit:{scope}:{digest}"


def limit_hit(*, scope: str, value: str, limit: int, window: int) -> bool:
    """Count one more request for `value`; True when it goes over `limit` within
    `window` seconds (the window starts at the first request)."""
    key = _key(scope, value)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the cache is down, or the key expired just now
        return False
    return count > limit
