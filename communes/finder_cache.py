"""The finder's pages for anonymous readers, kept in each web process and, when
the cache is shared (Redis), there too.

On a busy day most people type the same few names, so a page once rendered for
a query is answered again from memory. The store in each process is bounded in
entries and in age, and needs no Redis: a hostile stream of made-up queries can
only push older pages out, never grow memory. A shared cache lets every worker
use a page any worker rendered; it keeps only pages that found something (the
gazetteer's names bound them, made-up queries do not), and its errors only cost
the time to search again. The gazetteer changes only when it is loaded again
(rarely); a page is kept at most `MAX_AGE` seconds, so a reload shows by then.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

# A page is 4-30 KB: at most a few tens of megabytes per process.
MAX_ENTRIES = 1000
MAX_AGE = 15 * 60


class PageCache:
    """A least-recently-used map of key -> bytes, with an age limit."""

    def __init__(self, *, max_entries: int = MAX_ENTRIES, max_age: float = MAX_AGE):
        self.max_entries = max_entries
        self.max_age = max_age
        self._pages: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            entry = self._pages.get(key)
            if entry is None:
                return None
            stored_at, content = entry
            if time.monotonic() - stored_at > self.max_age:
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return content

    def set(self, key: str, content: bytes) -> None:
        with self._lock:
            self._pages[key] = (time.monotonic(), content)
            self._pages.move_to_end(key)
            while len(self._pages) > self.max_entries:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()

    def __len__(self) -> int:
        return len(self._pages)


finder_pages = PageCache()


def _shared_key(key: str) -> str | None:
    """The shared cache's key for a page, or None when the cache is not shared
    (a per-process memory cache would only hold the same page twice)."""
    if "locmem" in settings.CACHES["default"]["BACKEND"].lower():
        return None
    return (
        "communes:finder:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()
    )


def finder_page_get(key: str) -> bytes | None:
    content = finder_pages.get(key)
    if content is not None:
        return content
    shared = _shared_key(key)
    if shared is None:
        return None
    try:
        content = cache.get(shared)
    except Exception:
        logger.warning("The shared cache did not answer the finder", exc_info=True)
        return None
    if content is not None:
        finder_pages.set(key, content)
    return content


def finder_page_set(key: str, content: bytes, *, found: bool) -> None:
    finder_pages.set(key, content)
    shared = _shared_key(key)
    if shared is None or not found:
        return
    try:
        cache.set(shared, content, MAX_AGE)
    except Exception:
        logger.warning("The shared cache did not keep a finder page", exc_info=True)
