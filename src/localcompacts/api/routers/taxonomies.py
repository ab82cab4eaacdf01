"""The UN reference taxonomies, named in the requested language (`lang=` or `Accept-Language`)."""

from django.db.models import QuerySet
from ninja import Router

from localcompacts.compacts.models import (
    Country,
    GuidingPrinciple,
    Objective,
    PopulationGroup,
    RefugeeSupportArea,
    Region,
    SustainableDevelopmentGoal,
)

from ..auth import ApiRequest
from ..schemas import (
    CountryOut,
    Error,
    Language,
    ObjectiveOut,
    PrincipleOut,
    RegionOut,
    SdgOut,
    SupportAreaOut,
    Term,
)

router = Router(tags=["taxonomies"])
ERRORS = {422: Error}


@router.get(
    "/objectives", response={200: list[ObjectiveOut], **ERRORS}, summary="GCM and GCR objectives"
)
def objective_list(request: ApiRequest, lang: Language | None = None) -> QuerySet[Objective]:
    return Objective.objects.order_by("compact", "number", "id")


@router.get(
    "/guiding-principles",
    response={200: list[PrincipleOut], **ERRORS},
    summary="GCM guiding principles",
)
def principle_list(request: ApiRequest, lang: Language | None = None) -> QuerySet[GuidingPrinciple]:
    return GuidingPrinciple.objects.order_by("number", "id")


@router.get(
    "/refugee-support-areas",
    response={200: list[SupportAreaOut], **ERRORS},
    summary="GCR areas in need of support",
)
def support_area_list(
    request: ApiRequest, lang: Language | None = None
) -> QuerySet[RefugeeSupportArea]:
    return RefugeeSupportArea.objects.select_related("parent").order_by("position", "id")


@router.get(
    "/sdgs", response={200: list[SdgOut], **ERRORS}, summary="Sustainable Development Goals"
)
def sdg_list(
    request: ApiRequest, lang: Language | None = None
) -> QuerySet[SustainableDevelopmentGoal]:
    return SustainableDevelopmentGoal.objects.order_by("number", "id")


@router.get("/population-groups", response={200: list[Term], **ERRORS}, summary="Population groups")
def population_group_list(
    request: ApiRequest, lang: Language | None = None
) -> QuerySet[PopulationGroup]:
    return PopulationGroup.objects.order_by("position", "id")


@router.get(
    "/regions", response={200: list[RegionOut], **ERRORS}, summary="UN M49 regions and sub-regions"
)
def region_list(request: ApiRequest, lang: Language | None = None) -> QuerySet[Region]:
    return Region.objects.select_related("parent").order_by("code", "id")


@router.get("/countries", response={200: list[CountryOut], **ERRORS}, summary="Countries")
def country_list(request: ApiRequest, lang: Language | None = None) -> QuerySet[Country]:
    return Country.objects.select_related("region", "subregion").order_by("iso3", "id")
