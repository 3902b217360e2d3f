"""The cache is an accelerator: a Redis error or timeout is a miss, never a 500.

`TolerantRedisCache` is Django's Redis cache with every call guarded: a reading
call that fails answers as a miss (its default), a writing call does nothing,
and the error is logged. After a failure the cache is left alone for a few
seconds (`REST_SECONDS`), so that a hung Redis costs one short socket timeout
per process, not one per call. Settings give the sockets short timeouts
(`CACHES["default"]["OPTIONS"]`).
"""

from __future__ import annotations

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

REST_SECONDS = 10.0

# What each call returns when Redis does not answer: a miss, or nothing done.
_FALLBACKS = {
    "get": lambda args, kwargs: kwargs.get(
        "default", args[1] if len(args) > 1 else None
    ),
    "get_many": lambda args, kwargs: {},
    "has_key": lambda args, kwargs: False,
    "add": lambda args, kwargs: False,
    "set": lambda args, kwargs: None,
    "set_many": lambda args, kwargs: list(args[0]) if args else [],
    "touch": lambda args, kwargs: False,
    "delete": lambda args, kwargs: False,
    "delete_many": lambda args, kwargs: None,
    "clear": lambda args, kwargs: None,
    "incr": None,  # a counter that cannot count must say so: raises ValueError
    "decr": None,
}


def _guarded(name: str, method):
    fallback = _FALLBACKS[name]

    @wraps(method)
    def call(self, *args, **kwargs):
        if time.monotonic() < self._resting_until:
            return self._fail(name, args, kwargs, fallback, None)
        try:
            return method(self, *args, **kwargs)
        except Exception as error:  # redis errors, socket timeouts, refused
            self._resting_until = time.monotonic() + REST_SECONDS
            logger.warning(
                "Cache %s failed (%s); Redis left alone for %.0f s",
                name,
                error.__class__.__name__,
                REST_SECONDS,
                exc_info=True,
            )
            return self._fail(name, args, kwargs, fallback, error)

    return call


class TolerantRedisCache(RedisCache):
    _resting_until = 0.0

    def _fail(self, name, args, kwargs, fallback, error):
        if fallback is None:
            raise ValueError(f"cache {name}: Redis is not answering") from error
        return fallback(args, kwargs)

    def is_resting(self) -> bool:
        return time.monotonic() < self._resting_until


for _name in _FALLBACKS:
    setattr(TolerantRedisCache, _name, _guarded(_name, getattr(RedisCache, _name)))
