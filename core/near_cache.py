"""A worker's own copy of the pages it serves most, in front of the shared cache.

With Redis, every cached hit costs a round trip and a copy of the page out of another process; on a two-core
machine that process competes with the workers for the CPU (traffic benchmark: 0.65 of a trivial view with
Redis alone). A page's freshness never depends on where it is kept: an entry carries the content version it was
built at, its tags and its end, and `page_cache.fresh` checks them on every hit against the database. So a
worker may keep its own copy of an entry and serve it under the very same check, and an edit on any machine
makes that copy stale as surely as the shared one.

Bounded by bytes (least recently served leave first); thread-safe, one per worker process.
"""

import threading
from collections import OrderedDict


class NearCache:
    """Entries by key, at most `max_bytes` of them as measured by `weigh(entry)`."""

    def __init__(self, max_bytes, weigh):
        self.max_bytes = max_bytes
        self.weigh = weigh
        self.entries = OrderedDict()  # key: (entry, weight), least recently served first
        self.bytes = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            kept = self.entries.get(key)
            if kept is None:
                return None
            self.entries.move_to_end(key)
            return kept[0]

    def put(self, key, entry):
        weight = self.weigh(entry)
        if weight > self.max_bytes:
            return
        with self.lock:
            self._drop(key)
            self.entries[key] = (entry, weight)
            self.bytes += weight
            while self.bytes > self.max_bytes:
                self._drop(next(iter(self.entries)))

    def discard(self, key):
        with self.lock:
            self._drop(key)

    def _drop(self, key):
        kept = self.entries.pop(key, None)
        if kept is not None:
            self.bytes -= kept[1]
