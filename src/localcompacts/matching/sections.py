"""Blocks of the pledge pages: needs, offers and partnerships on the public page (with the
multi-stakeholder pledge it leads or contributes to); the same plus the suggestions and the way to
join a lead pledge on the workspace page (registered from `MatchingConfig.ready()`)."""

from localcompacts.pledges.sections import PledgePageSection

from . import selectors
from .models import Direction, MatchStatus
from .permissions import can_edit_needs_offers, can_facilitate, can_manage_contributions


def _items(pledge) -> dict:
    items = selectors.needs_offers_of(pledge=pledge)
    return {
        "needs": [item for item in items if item.direction == Direction.NEED],
        "offers": [item for item in items if item.direction == Direction.OFFER],
    }


def public_block(pledge, request) -> dict | None:
    if not pledge.is_published:
        return None
    block = _items(pledge)
    block.update(selectors.partnerships_of(pledge, declared=False))
    shown = ("needs", "offers", "partnerships", "joined_by", "contributes_to")
    if not any(block[name] for name in shown):
        return None
    return {"matching": block}


def workspace_block(pledge, request) -> dict | None:
    target = pledge.revision_of if pledge.is_revision else pledge
    block = _items(target)
    block["pledge"] = target
    block["can_edit"] = can_edit_needs_offers(request.user, target)
    block["facilitator"] = can_facilitate(request.user)
    block["open_matches"] = (
        selectors.matches_for_party_user(request.user)
        .filter(status__in=[MatchStatus.SUGGESTED, MatchStatus.ACCEPTED, MatchStatus.INTRODUCED])
        .for_pledge(target.pk)
        .count()
        if not block["facilitator"]
        else None
    )
    block.update(selectors.partnerships_of(target))
    block["can_join"] = can_manage_contributions(request.user, target)
    return {"matching": block}


PLEDGE_MATCHING = PledgePageSection(
    template_name="matching/_pledge_block.html", context=public_block
)
WORKSPACE_MATCHING = PledgePageSection(
    template_name="matching/_workspace_block.html", context=workspace_block
)
