"""Verified endorsements of the Marrakech Mayors Declaration."""

from ninja import Query, Router, Schema
from pydantic import Field, create_model

from localcompacts.governments.models import Endorsement
from localcompacts.governments.selectors import endorsement_list_verified

from ..auth import ApiRequest
from ..pagination import Page, paginate
from ..schemas import EndorsementOut, Error, PageMeta, PageParams
from .governments import CountryCode

router = Router(tags=["endorsements"])

EndorsementPage = create_model(
    "EndorsementPage", __base__=PageMeta, items=(list[EndorsementOut], ...)
)


class EndorsementFilters(Schema):
    country: list[CountryCode] = Field(default_factory=list, description="ISO alpha-3.")


@router.get(
    "/endorsements",
    response={200: EndorsementPage, 422: Error},
    summary="Verified endorsements of the Marrakech Mayors Declaration",
)
def endorsement_list(
    request: ApiRequest, filters: Query[EndorsementFilters], paging: Query[PageParams]
) -> Page[Endorsement]:
    """Only verified endorsements: pending and rejected ones are never public."""
    return paginate(request, endorsement_list_verified(country=filters.country), paging)
