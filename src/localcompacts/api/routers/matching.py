"""Needs, offers and confirmed partnerships (matchmaking). Only public data: suggestions and
introductions stay in the workspace, and no contact details are ever in the API."""

import datetime
from decimal import Decimal
from typing import TypedDict

from ninja import Query, Router, Schema
from pydantic import Field, create_model

from localcompacts.matching.models import Direction, ItemType, Match, MatchKind, NeedOffer
from localcompacts.matching.selectors import needs_offers_of, public_partnerships
from localcompacts.pledges.selectors import pledge_get_visible

from ..auth import ApiRequest
from ..pagination import Page, paginate
from ..schemas import Error, PageMeta, PageParams

router = Router(tags=["matching"])


class PartyOut(Schema):
    pledge: int | None = Field(description="Id of the pledge, if the party is a pledge.")
    partner: str | None = Field(description="Acronym of the partner organisation, if any.")


class Party(TypedDict):
    pledge: int | None
    partner: str | None


class PartnershipOut(Schema):
    id: int
    kind: MatchKind = Field(
        description="`suggested` (a need met by an offer, confirmed by both), `declared` (the "
        "pledge's own “matches” link) or `contribution` (a pledge joining a lead pledge)."
    )
    first: PartyOut = Field(description="The party in need, the lead pledge or the declaring one.")
    second: PartyOut = Field(description="The party offering, contributing or matched.")
    need_type: ItemType | None = None
    confirmed_at: datetime.datetime | None

    @staticmethod
    def resolve_first(obj: Match) -> Party:
        return {
            "pledge": obj.first_pledge_id,
            "partner": obj.first_partner.acronym if obj.first_partner else None,
        }

    @staticmethod
    def resolve_second(obj: Match) -> Party:
        return {
            "pledge": obj.second_pledge_id,
            "partner": obj.second_partner.acronym if obj.second_partner else None,
        }

    @staticmethod
    def resolve_need_type(obj: Match) -> str | None:
        return obj.need.item_type if obj.need else None


class NeedOfferOut(Schema):
    direction: Direction
    item_type: ItemType
    amount: Decimal | None
    currency: str
    objectives: list[str]
    population_groups: list[str]
    region: str | None = Field(description="UN M49 code.")
    languages: list[str]
    description: str
    is_open: bool

    @staticmethod
    def resolve_objectives(obj: NeedOffer) -> list[str]:
        return [o.code for o in obj.objectives.all()]

    @staticmethod
    def resolve_population_groups(obj: NeedOffer) -> list[str]:
        return [g.code for g in obj.population_groups.all()]

    @staticmethod
    def resolve_region(obj: NeedOffer) -> str | None:
        return obj.region.code if obj.region else None

    @staticmethod
    def resolve_languages(obj: NeedOffer) -> list[str]:
        return obj.language_list


PartnershipPage = create_model(
    "PartnershipPage", __base__=PageMeta, items=(list[PartnershipOut], ...)
)


class PartnershipFilters(Schema):
    pledge: int | None = Field(None, ge=1, le=2_147_483_647, description="Only this pledge's.")


@router.get(
    "/partnerships",
    response={200: PartnershipPage, 422: Error},
    summary="Confirmed partnerships, newest first",
)
def partnership_list(
    request: ApiRequest, filters: Query[PartnershipFilters], paging: Query[PageParams]
) -> Page[Match]:
    partnerships = public_partnerships()
    if filters.pledge:
        partnerships = partnerships.for_pledge(filters.pledge)
    return paginate(request, partnerships, paging)


@router.get(
    "/pledges/{pk}/needs-offers",
    response={200: list[NeedOfferOut], 404: Error},
    summary="What a published pledge needs and offers",
)
def pledge_needs_offers(request: ApiRequest, pk: int) -> list[NeedOffer]:
    pledge = pledge_get_visible(pk=pk, user=None)
    return needs_offers_of(pledge=pledge)
