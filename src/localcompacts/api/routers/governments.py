"""Local and regional governments."""

from typing import Annotated

from ninja import Path, Query, Router, Schema
from pydantic import Field, StringConstraints, create_model

from localcompacts.governments.models import LocalGovernment
from localcompacts.governments.selectors import government_endorsed_on, government_search
from localcompacts.pledges.selectors import government_pledge_counts, with_published_pledge_counts

from ..auth import ApiRequest
from ..pagination import Page, paginate
from ..schemas import (
    Error,
    GovernmentDetailOut,
    GovernmentOut,
    Language,
    PageMeta,
    PageParams,
)

router = Router(tags=["governments"])

GovernmentPage = create_model("GovernmentPage", __base__=PageMeta, items=(list[GovernmentOut], ...))
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
    request: ApiRequest,
    filters: Query[GovernmentFilters],
    paging: Query[PageParams],
    lang: Language | None = None,
) -> Page[LocalGovernment]:
    governments = with_published_pledge_counts(
        government_search(country=filters.country, region=filters.region, endorsed=filters.endorsed)
    )
    return paginate(request, governments, paging)


@router.get(
    "/governments/{slug}",
    response={200: GovernmentDetailOut, 404: Error},
    summary="One government, with its pledge counts",
)
def government_detail(
    request: ApiRequest, slug: Slug, lang: Language | None = None
) -> LocalGovernment:
    government = with_published_pledge_counts(government_search()).get(slug=slug)
    government.published_by_kind = government_pledge_counts(government=government)  # type: ignore[attr-defined]  # only for GovernmentDetailOut
    government.endorsed_on = government_endorsed_on(government=government)  # type: ignore[attr-defined]  # only for GovernmentDetailOut
    return government
