"""Local and regional governments, and verified endorsements of the Marrakech Mayors Declaration."""

from typing import Annotated

from ninja import Path, Query, Router, Schema
from pydantic import Field, StringConstraints, create_model

from localcompacts.governments.selectors import (
    endorsement_list_verified,
    government_endorsed_on,
    government_pledge_counts,
    government_search,
)

from ..pagination import paginate
from ..schemas import (
    EndorsementOut,
    Error,
    GovernmentDetailOut,
    GovernmentOut,
    Language,
    PageMeta,
    PageParams,
)

router = Router(tags=["governments"])

GovernmentPage = create_model("GovernmentPage", __base__=PageMeta, items=(list[GovernmentOut], ...))
EndorsementPage = create_model(
    "EndorsementPage", __base__=PageMeta, items=(list[EndorsementOut], ...)
)
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
RegionCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{3}$")]
Slug = Annotated[str, Path(pattern=r"^[-a-zA-Z0-9_]+$", max_length=220)]


class GovernmentFilters(Schema):
    country: list[CountryCode] = Field(default_factory=list, description="ISO alpha-3.")
    region: list[RegionCode] = Field(
        default_factory=list, description="UN M49 region or sub-region code."
    )
    endorsed: bool | None = Field(
        None, description="Has (true) or has not (false) a verified declaration endorsement."
    )


@router.get("/governments", response={200: GovernmentPage, 422: Error}, summary="Governments")
def government_list(
    request,
    filters: Query[GovernmentFilters],
    paging: Query[PageParams],
    lang: Language | None = None,
):
    governments = government_search(
        country=filters.country, region=filters.region, endorsed=filters.endorsed
    )
    return paginate(request, governments, paging)


@router.get(
    "/governments/{slug}",
    response={200: GovernmentDetailOut, 404: Error},
    summary="One government, with its pledge counts",
)
def government_detail(request, slug: Slug, lang: Language | None = None):
    government = government_search().get(slug=slug)
    government.published_by_kind = government_pledge_counts(government=government)
    government.endorsed_on = government_endorsed_on(government=government)
    return government


class EndorsementFilters(Schema):
    country: list[CountryCode] = Field(default_factory=list, description="ISO alpha-3.")


@router.get(
    "/endorsements",
    response={200: EndorsementPage, 422: Error},
    summary="Verified endorsements of the Marrakech Mayors Declaration",
    tags=["endorsements"],
)
def endorsement_list(request, filters: Query[EndorsementFilters], paging: Query[PageParams]):
    """Only verified endorsements: pending and rejected ones are never public."""
    return paginate(request, endorsement_list_verified(country=filters.country), paging)
