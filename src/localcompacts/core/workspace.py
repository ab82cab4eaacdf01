"""The workspace home (`/workspace/`): what each role can do and what waits for it.

The home combines pages from many apps (pledges, progress, governments, accounts, publications,
newsletter), so it reads them from one extension point, `core.workspace_panels`, declared here at
the bottom; each app registers its panels from its `AppConfig.ready()`:

    # progress/panels.py
    PANELS = {
        "progress.review": WorkspacePanel(
            title=_("Progress reports to review"),
            url_name="progress:review-queue",
            roles={REVIEWER},
            waiting=lambda user: review_queue().count(),
        ),
    }
    # progress/apps.py, in ready()
    register_panels(PANELS, position=20)  # or WORKSPACE_PANELS.register(key, panel, position=…)

Adding a page to the workspace is that one registration: the home lists it for the roles named,
with its count of what waits, and the browser test (`tests/browser/test_workspace_home.py`) checks
that every page under `/workspace/` is reached from the home by clicking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .registry import ExtensionPoint

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

FOCAL_POINT = "focal_point"
REVIEWER = "reviewer"
SECRETARIAT = "secretariat"

# The home's sections, in order; a person sees each section their role opens.
SECTIONS = {
    FOCAL_POINT: _("Your government's pledges"),
    REVIEWER: _("Review"),
    SECRETARIAT: _("Secretariat"),
}


def roles_of(user) -> set[str]:
    """The workspace roles a person holds (the secretariat reviews too)."""
    if not user.is_authenticated:
        return set()
    held = set()
    if user.is_focal_point:
        held.add(FOCAL_POINT)
    if user.is_reviewer:
        held.add(REVIEWER)
    if user.is_secretariat:
        held.add(SECRETARIAT)
    return held


@dataclass(frozen=True)
class WaitingItem:
    """One thing waiting, linked from the home (a pledge sent back with its reviewer's request)."""

    label: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class WorkspacePanel:
    """One workspace page on the home.

    `roles`: which roles see it (FOCAL_POINT, REVIEWER, SECRETARIAT); the panel is listed under
    the first of them. `waiting(user) -> int`: how many items wait for this person (None: the page
    is a tool, nothing waits). `items(user) -> list[WaitingItem]`: the waiting items themselves,
    linked one by one (a few at most).
    """

    title: StrOrPromise
    url_name: str
    roles: frozenset[str] | set[str]
    description: StrOrPromise = ""
    waiting: Callable[[object], int] | None = None
    items: Callable[[object], list[WaitingItem]] | None = None
    url_kwargs: dict = field(default_factory=dict)

    def url(self) -> str:
        return reverse(self.url_name, kwargs=self.url_kwargs or None)


WORKSPACE_PANELS: ExtensionPoint[WorkspacePanel] = ExtensionPoint(
    "core.workspace_panels",
    "Pages of the workspace home, per role, with what waits (pledges, progress, governments, "
    "accounts, publications, newsletter)",
)


def register_panels(panels: dict[str, WorkspacePanel], *, position: int) -> None:
    """Register an app's panels in the order written, from `position` on (from its `ready()`)."""
    for offset, (key, panel) in enumerate(panels.items()):
        WORKSPACE_PANELS.register(key, panel, position=position + offset)


def panels_for(user) -> list[dict]:
    """The home's sections for this person: each with its panels, counts and waiting items."""
    held = roles_of(user)
    sections = []
    for role, heading in SECTIONS.items():
        if role not in held:
            continue
        panels = []
        for panel in WORKSPACE_PANELS:
            first_role = next(r for r in SECTIONS if r in panel.roles)
            if first_role != role:
                continue
            panels.append(
                {
                    "panel": panel,
                    "url": panel.url(),
                    "waiting": panel.waiting(user) if panel.waiting else None,
                    "items": panel.items(user) if panel.items else [],
                }
            )
        if panels:
            sections.append({"role": role, "heading": heading, "panels": panels})
    return sections


@login_required
def home(request):
    """Signed-in people without a workspace role get 404, like every workspace page."""
    sections = panels_for(request.user)
    if not sections:
        raise Http404
    return render(request, "core/workspace/home.html", {"sections": sections})
