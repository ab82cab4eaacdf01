"""HTTP caching of public pages: anonymous visitors get a validator and a short shared max-age.

A CDN (or the browser) may keep a page for `PUBLIC_MAX_AGE` seconds, then revalidates it with
`If-None-Match`/`If-Modified-Since` and gets a 304 if nothing public changed. The validator comes
from one cheap query — the parts apps register in `PUBLIC_STATE_PARTS` about their own tables (the
latest change of a published pledge, of a government, of a verified endorsement and of accepted
progress reports, the number of progress reports…), a counter of changes to records without
timestamps (forum programmes… see `track_public_changes`), and the day — so a published change is
visible within a minute. `core` knows no other app's tables: each app declares its parts from its
`AppConfig.ready()`, and they are composed into one `SELECT (…), (…), …`.

Drafts do not count: during a forum week focal points save drafts every second, and each save
would otherwise expire every public page and computed count. A published pledge leaves the public
pages only by deletion or an admin edit, and deleted governments and endorsements leave no
timestamp: all of these bump the counter. Signed-in people get `private, no-cache`.

With a read replica, the fingerprint is read from the database the public pages read from (the
router's choice for the parts' models): a replica that lags behind the primary gives the old
fingerprint together with the old content, never a fresh validator on stale content.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from functools import cache, wraps

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections, router
from django.db.models import F, Field, Model
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language

from .figures import PREVIOUS_FIGURE_SECONDS, PreviousFigures, note_previous_figures_used
from .registry import ExtensionPoint

PUBLIC_MAX_AGE = 60


@dataclass(frozen=True)
class PublicStatePart:
    """One scalar sub-select of the public fingerprint, about the registering app's own table.

    Build it with `latest(Model, "updated_at", status__in=…)` (a time: it also moves
    Last-Modified) or `newest(Model)` (the highest id: it only changes the fingerprint).
    Filters are `field=value` or `field__in=values`, sent as query parameters. Every part must be
    an index look-up: the fingerprint is read on every public page view. A change no part sees
    (a record leaving a status group, a value edited in place) calls `note_public_change()` — the
    state machine does it for every transition into or out of a workflow's "public" group.
    """

    model: type[Model]
    field: str  # the column whose highest value is read
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    time: bool = False

    @classmethod
    def latest(cls, model: type[Model], field: str, **filters) -> PublicStatePart:
        return cls(model, field, _filters(filters), time=True)

    @classmethod
    def newest(cls, model: type[Model]) -> PublicStatePart:
        """The highest primary key: moves when a row is added (deletions bump the change counter).
        One index look-up, where `COUNT(*)` reads every row (tens of milliseconds per page view on
        a catalogue of 500,000 pledges)."""
        return cls(model, model._meta.pk.name)

    def sql(self) -> tuple[str, tuple[str, ...]]:
        """`(SELECT …, params)` with the table and columns quoted for the database in use."""
        opts, quote = self.model._meta, connection.ops.quote_name

        def column_of(name: str) -> str:
            field = opts.get_field(name)
            assert isinstance(field, Field) and field.column, f"{name} is not a column"
            return quote(field.column)

        target = column_of(self.field)
        conditions: list[str] = []
        params: list[str] = []
        for name, values in self.filters:
            column = column_of(name)
            marks = ", ".join(["%s"] * len(values))
            conditions.append(f"{column} = %s" if len(values) == 1 else f"{column} IN ({marks})")
            params.extend(values)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        # Only quoted identifiers are formatted in; every value is a parameter.
        sql = f"SELECT MAX({target}) FROM {quote(opts.db_table)}{where}"  # noqa: S608
        return sql, tuple(params)


def _filters(filters: dict) -> tuple[tuple[str, tuple[str, ...]], ...]:
    parsed = []
    for lookup, value in sorted(filters.items()):
        name, _, operator = lookup.partition("__")
        values = tuple(sorted(str(v) for v in value)) if operator == "in" else (str(value),)
        if operator not in ("", "in") or not values:
            raise ValueError(f"Public state part: unsupported filter {lookup}={value!r}.")
        parsed.append((name, values))
    return tuple(parsed)


def _count_deletions(key: str, part: PublicStatePart) -> None:
    """Every part is a MAX, which a deletion lowers or leaves as it was: deletions of a part's
    model bump the change counter instead."""
    from django.db.models.signals import post_delete

    post_delete.connect(
        note_public_change,
        sender=part.model,
        dispatch_uid=f"public-delete:{part.model._meta.label}",
    )


PUBLIC_STATE_PARTS: ExtensionPoint[PublicStatePart] = ExtensionPoint(
    "core.public_state_parts",
    "Scalar sub-selects of the public-change fingerprint (ETag/Last-Modified of public pages): "
    "each app registers parts about its own tables from AppConfig.ready().",
    on_register=_count_deletions,
)


def _state_query() -> tuple[str, tuple, tuple[bool, ...]]:
    """One `SELECT (part), (part), …` over every registered part, then core's change counter
    (built once per database vendor: the parts are fixed once the apps are ready)."""
    return _state_query_for(connection.vendor)


@cache
def _state_query_for(vendor: str) -> tuple[str, tuple, tuple[bool, ...]]:
    from .models import PublicChange

    selects: list[str] = []
    params: list[str] = []
    is_time: list[bool] = []
    for part in PUBLIC_STATE_PARTS:
        sql, part_params = part.sql()
        selects.append(sql)
        params.extend(part_params)
        is_time.append(part.time)
    # core's own parts, always last: changes to records without timestamps (track_public_changes).
    changes = connection.ops.quote_name(PublicChange._meta.db_table)
    selects += [
        f"SELECT changed_at FROM {changes} WHERE id = 1",  # noqa: S608 — a table name
        f"SELECT version FROM {changes} WHERE id = 1",  # noqa: S608 — a table name
    ]
    is_time += [True, False]
    return (
        "SELECT " + ",\n       ".join(f"({sql})" for sql in selects),
        tuple(params),
        tuple(is_time),
    )


def public_state_database() -> str:
    """The database alias the public pages read from at this moment (the replica inside its scope,
    else the primary): the parts' models must all be read from one database."""
    aliases = {router.db_for_read(part.model) for part in PUBLIC_STATE_PARTS}
    if len(aliases) > 1:
        raise ImproperlyConfigured(
            f"The public fingerprint's tables are read from several databases ({sorted(aliases)}): "
            "list their apps together in REPLICA_READ_APPS."
        )
    return aliases.pop() if aliases else "default"


def public_state() -> tuple[str, datetime.datetime | None]:
    """A fingerprint of everything public pages show, and the time of the latest change — read
    from the same database as the content (see the module docstring)."""
    sql, params, is_time = _state_query()
    with connections[public_state_database()].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    times = []
    for value, is_a_time in zip(row, is_time, strict=True):
        if not is_a_time:
            continue
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

    For records public pages show that carry no timestamp in `PUBLIC_STATE_PARTS`; changes made
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


def cached_while_unchanged(key: str, compute, timeout: int = 600, *, state: str | None = None):
    """`compute()`, cached in this process until public content changes (e.g. statistics).

    `state` is the public fingerprint when the caller has read it already (see
    `request_public_state`), which saves its query. A value built from a previous figure
    (`core.figures`) is kept for a few seconds only, and says so to whatever is built from it."""
    from django.core.cache import cache

    if state is None:
        state, _ = public_state()
    digest = hashlib.sha256(f"{key}|{get_language()}|{state}".encode()).hexdigest()[:32]
    cache_key = f"public:{key[:80]}:{digest}"
    kept = cache.get(cache_key)
    if kept is not None:
        value, previous = kept
        if previous:
            note_previous_figures_used()
        return value
    with PreviousFigures() as seen:
        value = compute()
    cache.set(cache_key, (value, seen.used), PREVIOUS_FIGURE_SECONDS if seen.used else timeout)
    return value


def request_public_state(request) -> str:
    """The public fingerprint, read once per request (`public_cache` reads it first for anonymous
    visitors), so a page built from several cached fragments pays for one query."""
    state = getattr(request, "_public_state", None)
    if state is None:
        state, _ = public_state()
        request._public_state = state
    return state


def public_fragment(request, key: str, compute, timeout: int = 600):
    """`compute()` (a rendered part of a public page, or what it is built from), cached in this
    process per `key` and language until public content changes.

    For the parts of a page that are the same for every visitor (the catalogue's facet groups and
    result list): the page around them (CSRF token, nonce, account links) is rendered each time.
    """
    return cached_while_unchanged(key, compute, timeout, state=request_public_state(request))


# Per-visitor values in a kept page, swapped for each visitor's own when it is served again.
_NONCE_HOLE = b"\x00csp-nonce\x00"
_CSRF_HOLE = b"\x00csrf-token\x00"
PAGE_CACHE_TIMEOUT = 600
PAGE_CACHE_MAX_BYTES = 2 * 1024 * 1024


def _has_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _kept_page(request, key: str) -> HttpResponse | None:
    """The page kept under `key`, with this visitor's CSP nonce and CSRF token in its holes."""
    from django.core.cache import caches
    from django.middleware.csrf import get_token

    kept = caches["pages"].get(key)
    if kept is None:
        return None
    content, headers = kept
    if _NONCE_HOLE in content:
        content = content.replace(_NONCE_HOLE, str(request.csp_nonce).encode())
    if _CSRF_HOLE in content:
        content = content.replace(_CSRF_HOLE, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def _keep_page(request, key: str, response) -> None:
    """Keep a page every anonymous visitor gets alike, with holes where this visitor's nonce and
    token were. Not kept: other answers than 200, streams, pages that showed messages or set
    cookies, and very large pages."""
    from django.core.cache import caches

    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or len(response.content) > PAGE_CACHE_MAX_BYTES
    ):
        return
    content = response.content
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str) and nonce:
        content = content.replace(nonce.encode(), _NONCE_HOLE)
    token = getattr(request, "_page_csrf_token", None)
    if token:
        content = content.replace(token.encode(), _CSRF_HOLE)
    caches["pages"].set(key, (content, list(response.items())), PAGE_CACHE_TIMEOUT)


def public_cache(view):
    """Decorate a GET view of public content with ETag, Last-Modified, Cache-Control and 304s, and
    keep the page itself while public content is unchanged.

    The comparison is Django's own (`get_conditional_response`, as `condition()` uses), so a
    weak validator (`If-None-Match: W/"…"`, which nginx's `gzip on` turns our ETag into) still
    answers 304, and `If-None-Match` takes precedence over `If-Modified-Since` (RFC 9110).

    The validator names the page exactly (public fingerprint, address, language, htmx headers), so
    the page an anonymous visitor got is kept under it, in this process (the `pages` cache), and
    the next visitor is served it without running the view: a page view then costs the
    fingerprint's query (bench/README.md, Catalogue). The CSP nonce and the CSRF token, the only
    per-visitor parts of a public page, are swapped for the visitor's own. A visitor with
    messages to show gets a fresh page. A page built while the worker recomputes a figure
    (`core.figures`) is neither kept nor given a validator.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        state, last_modified = public_state()
        request._public_state = state
        htmx_headers = sorted(
            (name, value) for name, value in request.headers.items() if name.startswith("Hx-")
        )
        fingerprint = "|".join(
            [state, request.get_full_path(), get_language() or "", repr(htmx_headers)]
        )
        etag = quote_etag(hashlib.sha256(fingerprint.encode()).hexdigest()[:32])
        timestamp = int(last_modified.timestamp()) if last_modified is not None else None
        response = get_conditional_response(request, etag=etag, last_modified=timestamp)
        if response is None:
            fresh = _has_messages(request)
            response = None if fresh else _kept_page(request, etag)
            if response is None:
                with PreviousFigures() as seen:
                    response = view(request, *args, **kwargs)
                if seen.used:  # figures being recomputed: no validator, a short max-age
                    patch_cache_control(response, public=True, max_age=PREVIOUS_FIGURE_SECONDS)
                    return response
                if not fresh:
                    _keep_page(request, etag, response)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            if timestamp is not None:
                response["Last-Modified"] = http_date(timestamp)
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
            patch_vary_headers(response, ("Cookie", "Accept-Language", "HX-Request"))
        return response

    return wrapper
