"""HTTP caching of public pages: anonymous visitors get a validator and a short shared max-age.

A CDN (or the browser) may keep a page for `PUBLIC_MAX_AGE` seconds, then revalidates it with
`If-None-Match`/`If-Modified-Since` and gets a 304 if nothing public changed. The validator comes
from one cheap query — the latest change of a published pledge, of a government, of a verified
endorsement and of accepted progress reports, the number of progress reports, a counter of changes
to records without timestamps (forum programmes… see `track_public_changes`), and the day — so a
published change is visible within a minute.

Drafts do not count: during a forum week focal points save drafts every second, and each save
would otherwise expire every public page and computed count. A published pledge leaves the public
pages only by deletion or an admin edit, and deleted governments and endorsements leave no
timestamp: all of these bump the counter. Signed-in people get `private, no-cache`.
"""

import datetime
import hashlib
from functools import wraps

from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import get_language

PUBLIC_MAX_AGE = 60

_STATE_SQL = """
SELECT (SELECT MAX(updated_at) FROM pledges_pledge WHERE status = 'published'),
       (SELECT MAX(updated_at) FROM governments_localgovernment),
       (SELECT MAX(verified_at) FROM governments_endorsement),
       (SELECT MAX(accepted_at) FROM progress_progressreport),
       (SELECT COUNT(*) FROM progress_progressreport WHERE status = 'accepted'),
       (SELECT COUNT(*) FROM progress_progressreport),
       (SELECT changed_at FROM core_publicchange WHERE id = 1),
       (SELECT version FROM core_publicchange WHERE id = 1)
"""


def public_state() -> tuple[str, datetime.datetime | None]:
    """A fingerprint of everything public pages show, and the time of the latest change."""
    with connection.cursor() as cursor:
        cursor.execute(_STATE_SQL)
        row = cursor.fetchone()
    times = []
    for value in (row[0], row[1], row[2], row[3], row[6]):
        if isinstance(value, str):  # SQLite returns text
            value = datetime.datetime.fromisoformat(value)
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
        if value is not None:
            times.append(value)
    # The day is part of the fingerprint: staleness of pledges moves with the calendar.
    fingerprint = "|".join(str(v) for v in (*row, timezone.now().date()))
    return fingerprint, max(times) if times else None


def note_public_change(**kwargs) -> None:
    """Signal receiver: a public record without a timestamp changed (see `track_public_changes`)."""
    from .models import PublicChange

    changed = PublicChange.objects.filter(pk=1).update(
        version=F("version") + 1, changed_at=timezone.now()
    )
    if not changed:
        PublicChange.objects.get_or_create(
            pk=1, defaults={"version": 1, "changed_at": timezone.now()}
        )


def track_public_changes(*models) -> None:
    """Count saves and deletions of `models` in the public fingerprint (call from `ready()`).

    For records public pages show that carry no `updated_at` read by `public_state`; changes made
    with `QuerySet.update()` or `bulk_create()` send no signal and must call `note_public_change()`.
    """
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in models:
        uid = f"public-change:{model._meta.label}"
        post_save.connect(note_public_change, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(note_public_change, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                note_public_change, sender=field.remote_field.through, dispatch_uid=uid + field.name
            )


def cached_while_unchanged(key: str, compute, timeout: int = 600):
    """`compute()`, cached in this process until public content changes (e.g. statistics)."""
    from django.core.cache import cache

    state, _ = public_state()
    digest = hashlib.sha256(f"{key}|{get_language()}|{state}".encode()).hexdigest()[:32]
    return cache.get_or_set(f"public:{key}:{digest}", compute, timeout)


def public_cache(view):
    """Decorate a GET view of public content with ETag, Last-Modified, Cache-Control and 304s."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        state, last_modified = public_state()
        fingerprint = "|".join(
            [
                state,
                request.get_full_path(),
                get_language() or "",
                request.headers.get("HX-Request", ""),
                request.headers.get("HX-Boosted", ""),
            ]
        )
        etag = quote_etag(hashlib.sha256(fingerprint.encode()).hexdigest()[:32])
        if_none_match = request.headers.get("If-None-Match", "")
        not_modified = False
        if if_none_match:
            not_modified = etag in [tag.strip() for tag in if_none_match.split(",")] or (
                if_none_match.strip() == "*"
            )
        elif last_modified is not None and request.headers.get("If-Modified-Since"):
            since = parse_http_date_safe(request.headers["If-Modified-Since"])
            not_modified = since is not None and int(last_modified.timestamp()) <= since
        if not_modified:
            from django.http import HttpResponseNotModified

            response = HttpResponseNotModified()
        else:
            response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            if last_modified is not None:
                response["Last-Modified"] = http_date(last_modified.timestamp())
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
            patch_vary_headers(response, ("Cookie", "Accept-Language", "HX-Request"))
        return response

    return wrapper
