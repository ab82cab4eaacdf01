"""Rate-limit counters (API throttles, newsletter sign-ups), kept in the `shared` cache.

A limit is global only if every server process counts in the same place: `SHARED_CACHE_URL`
chooses it (`db://<table>` by default in production, a table created by `migrate`; `redis://…`
where Redis runs; `locmem://` — per process — in development and tests).
"""

from django.core.cache import caches


def count_hit(key: str, *, period: int) -> int:
    """Count one more hit for `key` (which names the current window) and return the window's total.

    The database cache reads and writes the counter in two steps, so two processes hitting the
    same key at the same instant may count once: a limit may let one extra request through.
    """
    cache = caches["shared"]
    cache.add(key, 0, timeout=period + 1)
    try:
        return cache.incr(key)
    except ValueError:  # expired or evicted between add and incr
        cache.set(key, 1, timeout=period + 1)
        return 1
