"""The editor's steps: the pledge's own (`forms.STEPS`) and optional ones from apps above pledges.

An app registers an `EditorStep` from its `AppConfig.ready()`; the step appears before "Review
and submit", and `workspace:edit` with its key sends the person to the app's own page:

    EDITOR_STEPS.register("needs-offers", EditorStep(_("Needs and offers"), "matching:pledge-edit"))
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from localcompacts.core.registry import ExtensionPoint

from .. import forms

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class EditorStep:
    label: "StrOrPromise"
    url_name: str  # reversed with the pledge's pk


EDITOR_STEPS: ExtensionPoint[EditorStep] = ExtensionPoint(
    "pledges.editor_steps",
    "Optional steps of the pledge editor drawn by other apps (before “Review and submit”)",
)


def editor_steps() -> "list[tuple[str, StrOrPromise]]":
    """(name, label) of every step, in order."""
    extra = [(name, step.label) for name, step in EDITOR_STEPS.items()]
    return [*forms.STEPS[:-1], *extra, forms.STEPS[-1]]
