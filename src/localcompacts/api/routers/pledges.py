"""Published pledges and practices; a token holder also sees what `Pledge.objects.visible_to` allows."""

from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import Field, StringConstraints, create_model

from localcompacts.pledges.catalogue import MAX_QUERY_LENGTH, CatalogueQuery
from localcompacts.pledges.models import Pledge
from localcompacts.pledges.selectors import pledge_catalogue, pledge_get_visible
from localcompacts.progress.selectors import public_timeline

from ..errors import error_response
from ..pagination import paginate
from ..schemas import (
    Error,
    Language,
    PageMeta,
    PageParams,
    PledgeDetailOut,
    PledgeOut,
    ProgressEntryOut,
)

router = Router(tags=["pledges"])

PledgePage = create_model("PledgePage", __base__=PageMeta, items=(list[PledgeOut], ...))
PledgeId = Annotated[int, Path(ge=1, le=2_147_483_647)]


def _codes(pattern: str):
    return list[Annotated[str, StringConstraints(pattern=pattern)]]


class CatalogueFilters(Schema):
    """The catalogue page's parameters (repeat a parameter for several values; values are ANDed
    for objective and sdg, ORed otherwise)."""

    q: str | None = Field(
        None,
        max_length=MAX_QUERY_LENGTH,
        pattern=r"^[^\x00-\x1f\x7f]*$",
        description="Words to search for (no control characters).",
    )
    compact: list[Literal["GCM", "GCR"]] = Field(default_factory=list)
    objective: _codes(r"^(GCM-([1-9]|1[0-9]|2[0-3])|GCR-[1-4]|GCR-A[1-3](\.([1-9]|10))?)$") = Field(
        default_factory=list, description="GCM-1…GCM-23, GCR-1…GCR-4, GCR-A1…"
    )
    sdg: _codes(r"^SDG-([1-9]|1[0-7])$") = Field(default_factory=list)
    population: _codes(r"^[a-z-]{2,40}$") = Field(default_factory=list)
    kind: list[Literal["pledge", "practice"]] = Field(default_factory=list)
    type: list[Literal["financial", "technical", "policy", "process"]] = Field(default_factory=list)
    region: _codes(r"^[0-9]{3}$") = Field(default_factory=list, description="UN M49 code.")
    country: _codes(r"^[A-Z]{3}$") = Field(default_factory=list, description="ISO alpha-3.")
    forum: _codes(r"^[-a-zA-Z0-9_]{1,60}$") = Field(default_factory=list)
    year: list[Annotated[int, Field(ge=2000, le=2100)]] = Field(
        default_factory=list, description="Year of publication."
    )
    progress: list[
        Literal[
            "planning",
            "in_progress",
            "fulfilled",
            "partially_fulfilled",
            "discontinued",
            "none",
            "stale",
        ]
    ] = Field(
        default_factory=list,
        description="Latest accepted progress status; `none` (no accepted report) or `stale`.",
    )
    sort: Literal["relevance", "newest", "oldest", "title"] | None = None


@router.get(
    "/pledges",
    response={200: PledgePage, 422: Error},
    summary="Published pledges and practices (the catalogue)",
)
def pledge_list(
    request,
    filters: Query[CatalogueFilters],
    paging: Query[PageParams],
    lang: Language | None = None,
):
    """Filters and search are the catalogue page's own (`pledges.catalogue.CatalogueQuery`), applied
    by the same selector. Lists always hold published items only, whoever asks."""
    query = CatalogueQuery.from_params(request.GET)
    if query.problems:
        errors = [{"field": "", "message": problem} for problem in query.problems]
        return error_response(422, _("Some parameters are not valid."), errors)
    return paginate(request, pledge_catalogue(query), paging)


def _visible(request, pledge_id: int) -> Pledge:
    return pledge_get_visible(pk=pledge_id, user=request.auth.user)


@router.get(
    "/pledges/{pledge_id}",
    response={200: PledgeDetailOut, 404: Error},
    summary="One pledge or practice",
)
def pledge_detail(request, pledge_id: PledgeId, lang: Language | None = None):
    """Published items for everyone; with a token, also what its holder may see (a focal point's own
    drafts, everything for reviewers). Anything else is 404, never 403."""
    return _visible(request, pledge_id)


@router.get(
    "/pledges/{pledge_id}/progress",
    response={200: list[ProgressEntryOut], 404: Error},
    summary="Progress history of a pledge",
)
def pledge_progress(request, pledge_id: PledgeId):
    """Accepted progress reports, oldest first (`progress.selectors.public_timeline`); reports
    awaiting review or returned are never listed."""
    return public_timeline(_visible(request, pledge_id))
