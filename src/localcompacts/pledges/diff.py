"""Word-level differences between a pledge and its last published version, for reviewers.

Every piece of text is escaped before it is wrapped in <ins>/<del>, so the result is safe HTML.
"""

import difflib

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from localcompacts.core.richtext import plain_text


def snapshot(pledge) -> list[tuple[str, str]]:
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


def diff_html(old: str, new: str) -> str:
    old_words, new_words = old.split(" "), new.split(" ")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(old_words[a1:a2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(' '.join(old_words[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(' '.join(new_words[b1:b2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 — every piece above is escaped


def pledge_diff(published, current) -> list[dict]:
    """Changed fields only: [{"label", "html"}]. With no published version, everything is new."""
    new = snapshot(current)
    old = snapshot(published) if published is not None else [(label, "") for label, _value in new]
    return [
        {"label": label, "html": diff_html(before, after)}
        for (label, before), (_label, after) in zip(old, new, strict=True)
        if before != after
    ]
