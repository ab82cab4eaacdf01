"""The one registry for extension points: a lower app declares a point, higher apps plug into it.

In the spirit of Wagtail's hooks, but typed and strict. The app that *reads* contributions (for
example `pledges`, which draws the catalogue's facets) declares an `ExtensionPoint` in its own
module; apps above it register from their `AppConfig.ready()`:

    # pledges/catalogue.py (the lower app declares)
    CATALOGUE_FACETS = ExtensionPoint("pledges.catalogue_facets", "Extra catalogue facets")

    # progress/apps.py (the higher app registers)
    def ready(self):
        CATALOGUE_FACETS.register("progress", PROGRESS_FACET)

Loud failures, by design:
- registering the same key twice raises `ExtensionError` at start-up (no silent overwrite);
- a point declared with `required=(...)` keys checks, when first read and in `manage.py check`,
  that every required key is registered, so a missing piece fails before a visitor meets it;
- iterating a point before the app registry is ready raises (registrations come from `ready()`,
  so the list could still be incomplete); looking one key up works at any time and fails loudly
  when the key is missing.

`extension_points()` lists every declared point, for `docs/architecture.md` and the check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from django.apps import apps

T = TypeVar("T")

_POINTS: dict[str, ExtensionPoint] = {}


class ExtensionError(RuntimeError):
    """A programming error in how apps plug into each other: raised at start-up, never to users."""


class ExtensionPoint(Generic[T]):
    """A named slot that apps fill with contributions, each under a unique key, kept in order."""

    def __init__(
        self,
        name: str,
        description: str,
        *,
        required: tuple[str, ...] = (),
        on_register: Callable[[str, T], None] | None = None,
    ):
        if name in _POINTS:
            raise ExtensionError(f"Extension point {name!r} is declared twice.")
        self.name = name
        self.description = description
        self.required = tuple(required)
        # Called with (key, item) as each contribution arrives, for wiring a contribution needs
        # (signals, say), so the contributing app states only what it contributes.
        self.on_register = on_register
        self._items: dict[str, tuple[int, T]] = {}
        _POINTS[name] = self

    def register(self, key: str, item: T, *, position: int = 100) -> T:
        """Add `item` under `key`; `position` orders contributions (lower first, then by key)."""
        if key in self._items:
            raise ExtensionError(f"{self.name}: {key!r} is registered twice.")
        self._items[key] = (position, item)
        if self.on_register is not None:
            self.on_register(key, item)
        return item

    def missing(self) -> list[str]:
        return [key for key in self.required if key not in self._items]

    def _check_ready(self) -> None:
        if not apps.ready:
            raise ExtensionError(f"{self.name} is read before every app has registered.")
        missing = self.missing()
        if missing:
            raise ExtensionError(f"{self.name}: nothing is registered for {', '.join(missing)}.")

    def items(self) -> list[tuple[str, T]]:
        """(key, contribution) pairs in order of position, then key."""
        self._check_ready()
        ordered = sorted(self._items.items(), key=lambda kv: (kv[1][0], kv[0]))
        return [(key, item) for key, (_position, item) in ordered]

    def __iter__(self) -> Iterator[T]:
        return iter([item for _key, item in self.items()])

    def __getitem__(self, key: str) -> T:
        """One contribution by key. Unlike iteration this may run during `ready()` (a missing key
        fails loudly either way), so an app can look up what a lower app registered on import."""
        try:
            return self._items[key][1]
        except KeyError:
            raise ExtensionError(f"{self.name}: nothing is registered as {key!r}.") from None

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<ExtensionPoint {self.name}: {', '.join(self._items) or 'empty'}>"


def extension_points() -> list[ExtensionPoint]:
    return [_POINTS[name] for name in sorted(_POINTS)]


def check_extension_points(app_configs=None, **kwargs):
    """System check (registered by core): every required contribution is present."""
    from django.core.checks import Error

    return [
        Error(
            f"Extension point {point.name} lacks {', '.join(point.missing())}.",
            id="core.E001",
        )
        for point in extension_points()
        if point.missing()
    ]
