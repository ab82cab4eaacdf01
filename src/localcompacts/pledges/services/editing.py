"""Drafting a pledge step by step. Reviewers never reach these: only the owner's focal points."""

import uuid
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from localcompacts.accounts.models import User
from localcompacts.core import audit
from localcompacts.core.errors import ConflictError
from localcompacts.core.richtext import sanitize_html
from localcompacts.governments.models import LocalGovernment

from ..audit import PledgeAction
from ..changes import pledge_changed
from ..models import Indicator, Pledge, PledgeOwner, PledgeStatus, PledgeTranslation
from ..permissions import can_edit_pledge

M2M_FIELDS = (
    "objectives",
    "refugee_support_areas",
    "guiding_principles",
    "sdgs",
    "population_groups",
)
SCALAR_FIELDS = (
    "kind",
    "title",
    "summary",
    "description",
    "language",
    "pledge_type",
    "place",
    "start_date",
    "end_date",
    "budget",
    "currency",
    "partners",
    "matches",
)


class PledgeEditError(ConflictError):
    """The pledge cannot take this edit now (its state, or who is asking): 409 in the API."""


def pledge_create_draft(
    *, government: LocalGovernment, by: User, token: uuid.UUID, **fields: Any
) -> tuple[Pledge, bool]:
    """A new draft owned by `government`; the same form token twice gives the same pledge back."""
    existing = Pledge.objects.filter(creation_token=token).first()
    if existing is not None:
        return existing, False
    if not by.focal_point_roles.filter(government=government).exists():
        raise PledgeEditError(_("You do not act for this government."))
    if "description" in fields:
        fields["description"] = sanitize_html(fields["description"])
    try:
        with transaction.atomic():
            pledge = Pledge.objects.create(
                creation_token=token, created_by=by, status=PledgeStatus.DRAFT, **fields
            )
            PledgeOwner.objects.create(pledge=pledge, government=government, is_lead=True)
            audit.record(
                actor=by, action=PledgeAction.CREATED, target=pledge, government=government.pk
            )
    except IntegrityError:  # the other click won the race
        return Pledge.objects.get(creation_token=token), False
    return pledge, True


INDICATOR_FIELDS = ("name", "unit", "baseline", "target", "target_date")
# An indicator's values by field name (of INDICATOR_FIELDS; a missing one keeps its value).
IndicatorRow = Mapping[str, Any]


def sync_indicators(pledge: Pledge, rows: Sequence[IndicatorRow]) -> None:
    """Make the pledge's indicators equal `rows`, updating rows in place by position.

    Updating (rather than deleting and re-creating) keeps each indicator's id, so the values
    reported against it in progress reports survive an edit or an approved change.
    """
    existing = list(pledge.indicators.order_by("position", "id"))
    for position, row in enumerate(rows):
        values = {name: row[name] for name in INDICATOR_FIELDS if name in row}
        if position < len(existing):
            indicator = existing[position]
            for name, value in values.items():
                setattr(indicator, name, value)
            indicator.position = position
            indicator.save()
        else:
            Indicator.objects.create(pledge=pledge, position=position, **values)
    for extra in existing[len(rows) :]:
        extra.delete()


TRANSLATION_FIELDS = ("language", "title", "summary")


def sync_translations(pledge: Pledge, rows: Sequence[Mapping[str, str]]) -> None:
    """Make the pledge's translations equal `rows` (one per language; the text's own language is
    not a translation). Rows are updated in place, so the search triggers see an update."""
    wanted = {row["language"]: row for row in rows if row["language"] != pledge.language}
    existing = {t.language: t for t in pledge.translations.all()}
    for language, translation in existing.items():
        if language not in wanted:
            translation.delete()
    for language, row in wanted.items():
        values = {name: row.get(name, "") for name in ("title", "summary")}
        current = existing.get(language)
        if current is None:
            PledgeTranslation.objects.create(pledge=pledge, language=language, **values)
        elif any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            current.save()


def pledge_update_draft(
    *,
    pledge: Pledge,
    by: User,
    changes: Mapping[str, Any],
    indicators: Sequence[IndicatorRow] | None = None,
    co_owners: Collection[LocalGovernment] | None = None,
    translations: Sequence[Mapping[str, str]] | None = None,
) -> Pledge:
    """Save one editor step. `changes` holds model fields and many-to-many lists by name."""
    with transaction.atomic():
        locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if not can_edit_pledge(by, locked):
            raise PledgeEditError(
                _("This pledge cannot be edited now: it is “%(status)s”.")
                % {"status": locked.get_status_display()}
            )
        changed: list[str] = []
        for name in SCALAR_FIELDS:
            if name in changes:
                value = changes[name]
                if name == "description":
                    value = sanitize_html(value)
                if getattr(pledge, name) != value:
                    changed.append(name)
                setattr(pledge, name, value)
        pledge.status = locked.status
        pledge.save()
        for name in M2M_FIELDS:
            if name in changes:
                getattr(pledge, name).set(changes[name])
                changed.append(name)
        if indicators is not None:
            sync_indicators(pledge, indicators)
            changed.append("indicators")
        if translations is not None:
            sync_translations(pledge, translations)
            changed.append("translations")
        if co_owners is not None:
            lead = pledge.ownerships.filter(is_lead=True).values_list("government_id", flat=True)
            pledge.ownerships.filter(is_lead=False).exclude(government__in=co_owners).delete()
            for government in co_owners:
                if government.pk not in lead:
                    PledgeOwner.objects.get_or_create(pledge=pledge, government=government)
            changed.append("co_owners")
        audit.record(actor=by, action=PledgeAction.UPDATED, target=pledge, fields=changed)
        pledge_changed(pledge.pk)
    return pledge
