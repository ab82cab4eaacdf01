"""Word-level differences between a pledge and its last published version, for reviewers.

Each changed field is compared word by word with `core.diffing.word_diff` (safe HTML).
"""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from localcompacts.core.diffing import word_diff
from localcompacts.core.richtext import plain_text

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def snapshot(pledge) -> "list[tuple[StrOrPromise, str]]":
    """The reviewable content of a pledge as (label, text) pairs, in the editor's order."""

    def names(items):
        return ", ".join(sorted(str(item) for item in items))

    indicators = "\n".join(
        f"{i.name} ({i.unit}): {i.baseline} → {i.target} {i.target_date or ''}".strip()
        for i in pledge.indicators.all()
    )
    return [
        (_("Kind"), str(pledge.get_kind_display())),
        (_("Title"), pledge.title),
        (_("Summary"), pledge.summary),
        (_("Description"), plain_text(pledge.description)),
        (_("Type"), str(pledge.get_pledge_type_display() or "")),
        (_("Objectives"), names(pledge.objectives.all())),
        (_("GCR areas in need of support"), names(pledge.refugee_support_areas.all())),
        (_("GCM guiding principles"), names(pledge.guiding_principles.all())),
        (_("SDGs"), names(pledge.sdgs.all())),
        (_("Population groups"), names(pledge.population_groups.all())),
        (_("Owners"), names(pledge.owners.all())),
        (_("Place"), pledge.place),
        (_("Start date"), str(pledge.start_date or "")),
        (_("End date"), str(pledge.end_date or "")),
        (_("Budget"), f"{pledge.budget} {pledge.currency}" if pledge.budget is not None else ""),
        (_("Indicators"), indicators),
        (_("Partners"), pledge.partners),
        (_("Matches pledge"), str(pledge.matches_id or "")),
    ]


def pledge_diff(published, current) -> list[dict]:
    """Changed fields only: [{"label", "html"}]. With no published version, everything is new."""
    new = snapshot(current)
    old = snapshot(published) if published is not None else [(label, "") for label, _value in new]
    return [
        {"label": label, "html": word_diff(before, after)}
        for (label, before), (_label, after) in zip(old, new, strict=True)
        if before != after
    ]
