"""Apps above pledges that must follow a pledge's changes (matching recomputes its suggestions).

A listener is a callable taking the pledge's id, registered from the higher app's
`AppConfig.ready()`; the pledge services call `pledge_changed()` inside their transaction, so a
listener that starts background work does it with `transaction.on_commit`.
"""

from collections.abc import Callable

from localcompacts.core.registry import ExtensionPoint

PLEDGE_CHANGE_LISTENERS: ExtensionPoint[Callable[[int], None]] = ExtensionPoint(
    "pledges.change_listeners",
    "Callables told the id of a pledge that was edited or changed status (inside its transaction)",
)


def pledge_changed(pledge_id: int) -> None:
    for listener in PLEDGE_CHANGE_LISTENERS:
        listener(pledge_id)
