"""Rate-limit counters (API throttles, forms that send e-mail), kept in the `shared` cache.

A limit is global only if every server process counts in the same place: `SHARED_CACHE_URL`
chooses it (`db://<table>` by default in production, a table created by `migrate`; `redis://…`
where Redis runs; `locmem://` — per process — in development and tests).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches

# The limits count per fixed window (hour, day…) of this clock; tests pin it, so that no window
# ends in the middle of a test (a run crossing the hour saw two windows: twice the limit).
clock = time.time


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


def client_ip(request) -> str | None:
    """The connecting address. Behind a proxy, have it set REMOTE_ADDR (e.g. gunicorn's
    --forwarded-allow-ips with a proxy-fixing middleware); X-Forwarded-For is not trusted here."""
    return request.META.get("REMOTE_ADDR") or None


def over_limit(scope: str, subject: str, *, limit: int, period: int = 3600) -> bool:
    """Count one hit of `subject` (an IP address, a hashed e-mail address…) in `scope` for the
    current fixed window of `period` seconds; True once the window holds more than `limit`."""
    window = int(clock()) // period
    return count_hit(f"{scope}:{subject}:{window}", period=period) > limit


def mail_to_unconfirmed_address_refused(
    request, *, form: str, address: str, per_ip: int | None = None
) -> bool:
    """The one guard of every form that e-mails an address nobody has confirmed (focal-point
    application, newsletter subscription, password reset).

    Two counters, both per hour: posts of this `form` from one IP address
    (`MAIL_FORM_RATE_PER_IP_PER_HOUR`), and mails to one address from any of these forms
    (`MAIL_RATE_PER_ADDRESS_PER_HOUR`), so neither one sender nor many can flood a mailbox. The
    address is counted hashed: no address is kept in the cache. `per_ip` overrides the per-IP
    limit for one form (the newsletter keeps its own setting).
    """
    ip = client_ip(request) or "unknown"
    digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()[:32]
    if per_ip is None:
        per_ip = settings.MAIL_FORM_RATE_PER_IP_PER_HOUR
    over_ip = over_limit(f"mail-form:{form}:ip", ip, limit=per_ip)
    over_address = over_limit("mail-form:to", digest, limit=settings.MAIL_RATE_PER_ADDRESS_PER_HOUR)
    return over_ip or over_address
