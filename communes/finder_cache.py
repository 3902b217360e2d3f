"""The finder's pages for anonymous readers, kept in each web process.

On a busy day most people type the same few names, so a page once rendered for
a query is answered again from memory. The store is per process, bounded in
entries and in age, and needs no Redis: a hostile stream of made-up queries can
only push older pages out, never grow memory, and a cache outage changes
nothing. The gazetteer changes only when it is loaded again (rarely); a page
is kept at most `MAX_AGE` seconds, so a reload shows within that time.
"""

import threading
import time
from collections import OrderedDict

MAX_ENTRIES = 2000
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
