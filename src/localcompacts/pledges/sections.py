"""Blocks that apps above pledges add to the public pledge page (progress reports, for example).

Pledges declares the slot; an app registers a `PledgePageSection` from its `AppConfig.ready()`:

    PLEDGE_PAGE_SECTIONS.register("progress", PledgePageSection(
        template_name="progress/_pledge_progress.html", context=progress_block
    ))

The page shows each section, in order of position, between the partners and the citation. Its
`context(pledge, request)` returns the variables its template reads, or None to leave it out.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from localcompacts.core.registry import ExtensionError, ExtensionPoint

from .models import Pledge


@dataclass(frozen=True)
class PledgePageSection:
    template_name: str
    context: Callable[[Pledge, HttpRequest], dict | None]


PLEDGE_PAGE_SECTIONS: ExtensionPoint[PledgePageSection] = ExtensionPoint(
    "pledges.pledge_page_sections",
    "Blocks of the public pledge page drawn by other apps (between the partners and the citation)",
)


WORKSPACE_PAGE_SECTIONS: ExtensionPoint[PledgePageSection] = ExtensionPoint(
    "pledges.workspace_page_sections",
    "Blocks of the pledge's workspace page (owners and reviewers) drawn by other apps",
)


def pledge_page_sections(
    pledge: Pledge, request: HttpRequest, page: dict, point=PLEDGE_PAGE_SECTIONS
) -> list[str]:
    """Add each shown section's variables to `page` (the page's context) and return the templates
    to include, in order. A variable the page already has is an error, not a silent overwrite."""
    templates = []
    for key, section in point.items():
        context = section.context(pledge, request)
        if context is None:
            continue
        clash = page.keys() & context.keys()
        if clash:
            raise ExtensionError(f"{point.name}: {key!r} redefines {clash}.")
        page.update(context)
        templates.append(section.template_name)
    return templates
