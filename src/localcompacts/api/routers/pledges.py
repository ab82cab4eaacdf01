"""Published pledges and practices; a token holder also sees what `Pledge.objects.visible_to` allows."""

from typing import TYPE_CHECKING, Annotated, Literal

from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import Field, create_model

from localcompacts.pledges.catalogue import MAX_QUERY_LENGTH, SORTS, CatalogueQuery
from localcompacts.pledges.facets import catalogue_facet_declarations
from localcompacts.pledges.models import Pledge
from localcompacts.pledges.selectors import pledge_catalogue, pledge_get_visible
from localcompacts.progress.models import ProgressReport
from localcompacts.progress.selectors import public_timeline

from ..auth import ApiRequest
from ..errors import FieldProblem, error_response
from ..pagination import Page, paginate
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


# The catalogue page's parameters, derived from the facets' declarations (`pledges.facets`). Its
# fields exist only at run time: to the type checker it is a Schema.
if TYPE_CHECKING:
    CatalogueFilters = Schema
else:
    CatalogueFilters = create_model(
        "CatalogueFilters",
        __base__=Schema,
        __doc__="""The catalogue page's parameters (repeat a parameter for several values; values are ANDed
for objective and sdg, ORed otherwise).""",
        q=(
            str | None,
            Field(
                None,
                max_length=MAX_QUERY_LENGTH,
                pattern=r"^[^\x00-\x1f\x7f]*$",
                description="Words to search for (no control characters).",
            ),
        ),
        **{facet.name: facet.api_field() for facet in catalogue_facet_declarations()},
        sort=(Literal[SORTS] | None, None),
    )


@router.get(
    "/pledges",
    response={200: PledgePage, 422: Error},
    summary="Published pledges and practices (the catalogue)",
)
def pledge_list(
    request: ApiRequest,
    filters: Query[CatalogueFilters],
    paging: Query[PageParams],
    lang: Language | None = None,
) -> JsonResponse | Page[Pledge]:
    """Filters and search are the catalogue page's own (`pledges.catalogue.CatalogueQuery`), applied
    by the same selector. Lists always hold published items only, whoever asks."""
    query = CatalogueQuery.from_params(request.GET)
    if query.problems:
        errors: list[FieldProblem] = [
            {"field": "", "message": problem} for problem in query.problems
        ]
        return error_response(422, _("Some parameters are not valid."), errors)
    return paginate(request, pledge_catalogue(query), paging)


def _visible(request: ApiRequest, pledge_id: int) -> Pledge:
    return pledge_get_visible(pk=pledge_id, user=request.auth.user)


@router.get(
    "/pledges/{pledge_id}",
    response={200: PledgeDetailOut, 404: Error},
    summary="One pledge or practice",
)
def pledge_detail(request: ApiRequest, pledge_id: PledgeId, lang: Language | None = None) -> Pledge:
    """Published items for everyone; with a token, also what its holder may see (a focal point's own
    drafts, everything for reviewers). Anything else is 404, never 403."""
    return _visible(request, pledge_id)


@router.get(
    "/pledges/{pledge_id}/progress",
    response={200: list[ProgressEntryOut], 404: Error},
    summary="Progress history of a pledge",
)
def pledge_progress(request: ApiRequest, pledge_id: PledgeId) -> list[ProgressReport]:
    """Accepted progress reports, oldest first (`progress.selectors.public_timeline`); reports
    awaiting review or returned are never listed."""
    return public_timeline(_visible(request, pledge_id))
