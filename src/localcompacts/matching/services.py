"""Writes: a party's needs and offers, the facilitator's decisions, the parties' answers, the
partnerships declared by pledges, and pledges joining or leaving a lead pledge as contributors. Each is one transaction, audited; suggestions are recomputed on
the worker after commit."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from localcompacts.accounts.models import PartnerOrganisation
from localcompacts.core import audit
from localcompacts.core.errors import ConflictError, PermissionDeniedError
from localcompacts.core.people import Person
from localcompacts.core.workflow import StateTransition, apply_transition
from localcompacts.pledges.models import Pledge

from .audit import MatchingAction
from .models import Answer, Match, MatchKind, MatchStatus, NeedOffer
from .permissions import (
    can_answer,
    can_edit_needs_offers,
    can_edit_partner_needs_offers,
    can_facilitate,
    can_manage_contributions,
)

ITEM_FIELDS = (
    "direction",
    "item_type",
    "amount",
    "currency",
    "region",
    "languages",
    "description",
    "is_open",
)


class MatchingError(ConflictError):
    """The match or the needs and offers cannot take this change now (409 in the API)."""


def schedule_pledge_suggestions(pledge_id: int) -> None:
    """Recompute a pledge's suggestions on the worker once the caller's transaction commits (also
    the pledges app's change listener, registered in `MatchingConfig.ready()`)."""
    from .tasks import suggest_for_pledge

    transaction.on_commit(lambda: suggest_for_pledge.enqueue(pledge_id))


def needs_offers_save(
    *,
    by: Person,
    rows: list[dict[str, Any]],
    pledge: Pledge | None = None,
    partner: PartnerOrganisation | None = None,
) -> list[NeedOffer]:
    """Replace a party's needs and offers with `rows` (each: the fields of `ITEM_FIELDS`,
    `objectives`, `population_groups`, and `id` for an item kept). Items left out are removed."""
    party: dict[str, Pledge | PartnerOrganisation]
    owner: Pledge | PartnerOrganisation
    if pledge is not None:
        if not can_edit_needs_offers(by, pledge):
            raise PermissionDeniedError(_("You cannot change this pledge's needs and offers."))
        party, owner = {"pledge": pledge}, pledge
    elif partner is not None:
        if not can_edit_partner_needs_offers(by, partner):
            raise PermissionDeniedError(
                _("You cannot change this organisation's needs and offers.")
            )
        party, owner = {"partner": partner}, partner
    else:
        raise ValueError("needs_offers_save needs a pledge or a partner")
    if len(rows) > NeedOffer.MAX_PER_PARTY:
        raise MatchingError(
            _("At most %(count)d needs and offers.") % {"count": NeedOffer.MAX_PER_PARTY}
        )
    now = timezone.now()
    with transaction.atomic():
        existing = {item.pk: item for item in NeedOffer.objects.select_for_update().filter(**party)}
        kept = []
        for row in rows:
            kept_id = row.get("id")
            item = (existing.pop(kept_id, None) if kept_id is not None else None) or NeedOffer(
                **party
            )
            for name in ITEM_FIELDS:
                value = row.get(name)
                if name == "languages":
                    value = " ".join(value or [])
                setattr(item, name, value if value is not None else _default(name))
            item.updated_at = now
            item.save()
            item.objectives.set(row.get("objectives") or [])
            item.population_groups.set(row.get("population_groups") or [])
            kept.append(item)
        removed = [item.pk for item in existing.values()]
        NeedOffer.objects.filter(pk__in=removed).delete()
        audit.record(
            actor=by,
            action=MatchingAction.NEEDS_OFFERS_SAVED,
            target=owner,
            needs=sum(1 for item in kept if item.direction == "need"),
            offers=sum(1 for item in kept if item.direction == "offer"),
            removed=len(removed),
        )
        if pledge is not None:
            schedule_pledge_suggestions(pledge.pk)
        else:
            from .tasks import suggest_for_partner

            partner_id = owner.pk
            transaction.on_commit(lambda: suggest_for_partner.enqueue(partner_id))
    return kept


def _default(name: str) -> bool | str | None:
    return {"is_open": True, "amount": None, "region": None}.get(name, "")


def match_decide(*, match: Match, action: str, by: Person, comment: str = "") -> StateTransition:
    """The facilitator's accept, dismiss (with a reason) or introduce."""
    if action not in {"accept", "dismiss", "introduce"}:
        raise MatchingError(_("Unknown action “%(action)s”.") % {"action": action})
    return apply_transition(match, action, by=by, comment=comment)


def match_answer(*, match: Match, side: str, accept: bool, by: Person) -> Match:
    """A party's answer to an introduction; both accepting confirms the partnership, one
    declining declines it (both taken by the application through the workflow)."""
    with transaction.atomic():
        match = Match.objects.select_for_update().get(pk=match.pk)
        if not can_answer(by, match, side):
            raise MatchingError(_("This introduction cannot be answered now."))
        answer = Answer.ACCEPTED if accept else Answer.DECLINED
        setattr(match, f"{side}_answer", answer)
        match.updated_at = timezone.now()
        match.save(update_fields=[f"{side}_answer", "updated_at"])
        audit.record(
            actor=by, action=MatchingAction.MATCH_ANSWERED, target=match, side=side, answer=answer
        )
        if answer == Answer.DECLINED:
            apply_transition(match, "decline", by=None)
        elif match.first_answer == match.second_answer == Answer.ACCEPTED:
            apply_transition(match, "confirm", by=None)
    return match


def partnership_declare(
    *, first_pledge: Pledge, second_pledge: Pledge, kind: str, by: Person | None
) -> Match:
    """A partnership both sides stated outside the queue: a pledge's "matches" link (declared) or
    a pledge joining a lead pledge as a contributor (multi-stakeholder). Confirmed at once."""
    if kind not in (MatchKind.DECLARED, MatchKind.CONTRIBUTION):
        raise ValueError(kind)
    if by is not None and not can_facilitate(by):
        raise PermissionDeniedError(_("Only facilitators can declare partnerships."))
    if first_pledge.pk == second_pledge.pk:
        raise MatchingError(_("A pledge cannot be matched with itself."))
    now = timezone.now()
    with transaction.atomic():
        match, created = Match.objects.get_or_create(
            kind=kind,
            first_pledge=first_pledge,
            second_pledge=second_pledge,
            defaults={
                "status": MatchStatus.CONFIRMED,
                "first_answer": Answer.ACCEPTED,
                "second_answer": Answer.ACCEPTED,
                "confirmed_at": now,
                "score": 1.0,
            },
        )
        if created:
            audit.record(actor=by, action=MatchingAction.MATCH_DECLARED, target=match, kind=kind)
    return match


def sync_declared_match(*, pledge_id: int) -> None:
    """Keep the pledge's "matches" link and its declared partnership in step (the worker's step
    after a pledge change): the link of a public pledge to a public pledge is a confirmed
    partnership; a link removed, or a pledge no longer public, withdraws it."""
    pledge = Pledge.objects.filter(pk=pledge_id).select_related("matches").first()
    if pledge is None:
        return
    target = pledge.matches
    wanted = (
        target
        if target is not None
        and Pledge.objects.public().filter(pk__in=[pledge.pk, target.pk]).count() == 2
        else None
    )
    with transaction.atomic():
        stale = Match.objects.filter(kind=MatchKind.DECLARED, first_pledge=pledge)
        if wanted is not None:
            stale = stale.exclude(second_pledge=wanted)
        for match in stale:
            audit.record(actor=None, action=MatchingAction.MATCH_WITHDRAWN, target=match)
        stale.delete()
        if wanted is not None:
            partnership_declare(
                first_pledge=pledge, second_pledge=wanted, kind=MatchKind.DECLARED, by=None
            )


def contribution_join(*, contributor: Pledge, lead: Pledge, by: Person) -> Match:
    """`contributor` joins the multi-stakeholder pledge led by `lead` (as at the Global Refugee
    Forum 2023). It is the contributing government's own statement, so it is confirmed at once and
    kept as the same record as any confirmed partnership: it counts wherever partnerships count.

    Both pledges must be published. The group stays one level deep and each pledge has at most one
    lead: a pledge others joined does not join another, a contributor is not joined, and a pledge
    never joins a pledge of its own government (that is a joint pledge, with co-owners)."""
    if not can_manage_contributions(by, contributor):
        raise PermissionDeniedError(_("You cannot change what this pledge contributes to."))
    if contributor.pk == lead.pk:
        raise MatchingError(
            _("A pledge cannot contribute to itself: choose the lead pledge it joins.")
        )
    with transaction.atomic():
        # Both rows locked, in one order: two joins at once cannot build a chain or a second lead.
        locked = {
            pledge.pk: pledge
            for pledge in Pledge.objects.select_for_update()
            .filter(pk__in=[contributor.pk, lead.pk])
            .order_by("pk")
        }
        _check_join(locked[contributor.pk], locked[lead.pk])
        now = timezone.now()
        match = Match.objects.create(
            kind=MatchKind.CONTRIBUTION,
            status=MatchStatus.CONFIRMED,
            first_pledge=lead,
            second_pledge=contributor,
            first_answer=Answer.ACCEPTED,
            second_answer=Answer.ACCEPTED,
            score=1.0,
            confirmed_at=now,
            updated_at=now,
        )
        audit.record(
            actor=by,
            action=MatchingAction.CONTRIBUTION_JOINED,
            target=match,
            lead=lead.pk,
            contributor=contributor.pk,
        )
    return match


def _check_join(contributor: Pledge, lead: Pledge) -> None:
    public = set(
        Pledge.objects.public()
        .filter(pk__in=[contributor.pk, lead.pk])
        .values_list("pk", flat=True)
    )
    if contributor.pk not in public:
        raise MatchingError(
            _(
                "Only a published pledge can join a lead pledge; this one is “%(status)s”. "
                "Come back once it is published."
            )
            % {"status": contributor.get_status_display()}
        )
    if lead.pk not in public:
        raise MatchingError(
            _("“%(title)s” is not published: only a published pledge can be joined.")
            % {"title": lead.title}
        )
    shared = contributor.owners.filter(pk__in=lead.owners.values("pk"))
    if shared.exists():
        raise MatchingError(
            _(
                "“%(title)s” belongs to the same government as this pledge. Governments that "
                "carry out one pledge together make it a joint pledge, with co-owners."
            )
            % {"title": lead.title}
        )
    contributions = Match.objects.filter(kind=MatchKind.CONTRIBUTION).select_related("first_pledge")
    current = contributions.filter(second_pledge=contributor).first()
    if current is not None:
        if current.first_pledge_id == lead.pk:
            raise MatchingError(
                _("This pledge already contributes to “%(title)s”.") % {"title": lead.title}
            )
        raise MatchingError(
            _(
                "This pledge already contributes to “%(title)s”. A pledge joins one lead pledge: "
                "leave that one first."
            )
            % {"title": current.first_pledge.title if current.first_pledge else ""}
        )
    if contributions.filter(first_pledge=contributor).exists():
        raise MatchingError(
            _(
                "Other pledges have joined this one as their lead pledge, so it cannot join "
                "another lead pledge."
            )
        )
    lead_of_lead = contributions.filter(second_pledge=lead).first()
    if lead_of_lead is not None:
        raise MatchingError(
            _("“%(title)s” contributes to “%(lead)s” itself: join that lead pledge instead.")
            % {
                "title": lead.title,
                "lead": lead_of_lead.first_pledge.title if lead_of_lead.first_pledge else "",
            }
        )


def contribution_leave(*, match: Match, by: Person) -> None:
    """The contributing pledge leaves its lead pledge: the partnership is deleted (no longer
    counted or shown) and the audit log keeps who joined and who left, and when."""
    if match.kind != MatchKind.CONTRIBUTION or match.second_pledge is None:
        raise ValueError("contribution_leave takes a contribution")
    if not can_manage_contributions(by, match.second_pledge):
        raise PermissionDeniedError(_("You cannot change what this pledge contributes to."))
    with transaction.atomic():
        current = (
            Match.objects.select_for_update()
            .filter(pk=match.pk, kind=MatchKind.CONTRIBUTION)
            .first()
        )
        if current is None:  # a second click, or another tab, got there first
            raise MatchingError(_("This pledge no longer contributes to that lead pledge."))
        audit.record(
            actor=by,
            action=MatchingAction.CONTRIBUTION_WITHDRAWN,
            target=current,
            lead=current.first_pledge_id,
            contributor=current.second_pledge_id,
        )
        current.delete()
