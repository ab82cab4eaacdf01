"""Figures over the whole public catalogue, computed on the worker: no visitor waits for them.

The catalogue's facet counts, the map, the statistics and the home page's counts read every
published pledge. At 500,000 pledges that takes seconds, and the first visitor after each publish
used to pay for it. Each such computation is declared once as a `PublicFigure` (apps register
them in `PUBLIC_FIGURES` from `AppConfig.ready()`) and read with `public_figure(name)`:

- the value is kept in the database (`StoredFigure`), with the public fingerprint it was computed
  at, so every app server and worker shares it (and in each process's cache while current);
- when public content changed since, the reader gets the *previous* value at once and the worker
  is asked to recompute it (`refresh_public_figures`, once per language and change);
- only a figure never computed before is computed in the request (once, on a fresh database).

A page built from a previous figure is marked as such (`PreviousFigures`): it is kept for
a few seconds only and sent without a validator, so nobody keeps stale figures under a fresh ETag.
`PUBLIC_FIGURES_ON_WORKER = False` (the test settings) computes a changed figure in the request.
"""

from __future__ import annotations

import hashlib
import pickle  # noqa: S403 — our own values, written by our own processes to our own table
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation

from .registry import ExtensionPoint

# How long a process keeps a previous value before looking again whether the new one is ready.
PREVIOUS_FIGURE_SECONDS = 5


@dataclass(frozen=True)
class PublicFigure:
    """A computation over public content, too slow for a request at scale.

    `compute()` takes no argument and returns a picklable value; `per_language` when it holds
    translated names (facet labels, country names), computed in the language of the reader.
    """

    compute: Callable[[], Any]
    per_language: bool = True


PUBLIC_FIGURES: ExtensionPoint[PublicFigure] = ExtensionPoint(
    "core.public_figures",
    "Computations over the whole public catalogue that the worker keeps up to date "
    "(core.figures.public_figure reads them).",
)

_previous_used: ContextVar[bool] = ContextVar("previous_figures_used", default=False)


def note_previous_figures_used() -> None:
    """Something built from an older figure was reused (a cached fragment): say so upwards."""
    _previous_used.set(True)


class PreviousFigures:
    """`with PreviousFigures() as seen:` — `seen.used` tells whether the block used an older
    figure; an enclosing block learns it too (a page built from a fragment built from it)."""

    used = False

    def __enter__(self) -> PreviousFigures:
        self._token = _previous_used.set(False)
        return self

    def __exit__(self, *exc: object) -> None:
        self.used = _previous_used.get()
        _previous_used.reset(self._token)
        if self.used:
            _previous_used.set(True)


def _stored_key(name: str, figure: PublicFigure) -> str:
    return f"{name}:{translation.get_language() or ''}" if figure.per_language else name


def _digest(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()[:32]


def public_figure(name: str, *, state: str | None = None) -> Any:
    """The current value of the figure `name`, or its previous one while the worker recomputes."""
    from django.core.cache import cache

    from .caching import public_state
    from .models import StoredFigure

    figure = PUBLIC_FIGURES[name]
    key = _stored_key(name, figure)
    digest = _digest(state if state is not None else public_state()[0])
    local = f"figure:{key[:120]}:{digest}"
    kept = cache.get(local)
    if kept is not None:
        value, current = kept
        if not current:
            _previous_used.set(True)
        return value
    stored = StoredFigure.objects.filter(key=key).first()
    if stored is not None and stored.state == digest:
        value = pickle.loads(stored.value)  # noqa: S301 — see the import
        cache.set(local, (value, True), 600)
        return value
    if stored is None or not settings.PUBLIC_FIGURES_ON_WORKER:
        return _compute_and_store(key, figure, digest, local)
    _ask_worker(digest)
    _previous_used.set(True)
    value = pickle.loads(stored.value)  # noqa: S301 — see the import
    cache.set(local, (value, False), PREVIOUS_FIGURE_SECONDS)
    return value


def _compute_and_store(key: str, figure: PublicFigure, digest: str, local: str) -> Any:
    from django.core.cache import cache

    value = figure.compute()
    _store(key, digest, value)
    cache.set(local, (value, True), 600)
    return value


def _store(key: str, digest: str, value: Any) -> None:
    """One `INSERT … ON CONFLICT DO UPDATE`: two servers computing the same figure both succeed."""
    from .models import StoredFigure

    StoredFigure.objects.bulk_create(
        [StoredFigure(key=key, state=digest, value=pickle.dumps(value))],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["state", "value", "computed_at"],
    )


def _ask_worker(digest: str) -> None:
    """Enqueue one recomputation per language and change of public content (per process: a
    second server asking again finds the figures fresh and skips them)."""
    from django.core.cache import cache

    from .tasks import refresh_public_figures

    language = translation.get_language() or settings.LANGUAGE_CODE
    if cache.add(f"figures-asked:{language}:{digest}", True, 600):
        refresh_public_figures.enqueue(language)


def refresh_figures(language: str) -> list[str]:
    """Recompute every figure that is older than public content, in `language` (and the
    language-independent ones); returns the keys recomputed. Run by the worker."""
    from .caching import public_state
    from .models import StoredFigure

    refreshed = []
    with translation.override(language):
        for name, figure in PUBLIC_FIGURES.items():
            key = _stored_key(name, figure)
            # Read before computing: a change made meanwhile leaves the figure marked older.
            digest = _digest(public_state()[0])
            if StoredFigure.objects.filter(key=key, state=digest).exists():
                continue
            _store(key, digest, figure.compute())
            refreshed.append(key)
    return refreshed
