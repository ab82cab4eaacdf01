"""Reads of pledges. The page, the API and the exports call the same functions."""

from django.db.models import Prefetch, Q, QuerySet

from localcompacts.governments.models import LocalGovernment

from .models import Indicator, Pledge


def with_public_relations(queryset: QuerySet[Pledge]) -> QuerySet[Pledge]:
    """Everything a pledge card or page shows, fetched in a constant number of queries."""
    return queryset.select_related("announced_at", "matches").prefetch_related(
        Prefetch(
            "owners",
            queryset=LocalGovernment.objects.select_related("country__subregion").order_by("name"),
        ),
        "objectives",
        "sdgs",
        "population_groups",
        "guiding_principles",
        "refugee_support_areas",
        Prefetch("indicators", queryset=Indicator.objects.order_by("position", "id")),
    )


def pledge_list_public() -> QuerySet[Pledge]:
    return with_public_relations(Pledge.objects.published()).order_by("-published_at", "-id")


def pledge_get_visible(*, pk: int, user) -> Pledge:
    """A pledge the user may see, or Pledge.DoesNotExist (shown as 404, never 403)."""
    return with_public_relations(Pledge.objects.visible_to(user)).get(pk=pk)


def pledge_catalogue(query) -> QuerySet[Pledge]:
    """Published pledges matching a `CatalogueQuery` (filters, search and sort), with relations.

    The one selector behind the catalogue page, the API list and the exports.
    """
    pledges = Pledge.objects.published()
    if query.compact:
        pledges = pledges.filter(objectives__compact__in=query.compact)
    for code in query.objective:  # each objective narrows (AND), as facet links add them
        if code.startswith("GCR-A"):
            pledges = pledges.filter(
                Q(refugee_support_areas__code=code) | Q(refugee_support_areas__parent__code=code)
            )
        else:
            pledges = pledges.filter(objectives__code=code)
    for code in query.sdg:
        pledges = pledges.filter(sdgs__code=code)
    if query.population:
        pledges = pledges.filter(population_groups__code__in=query.population)
    if query.kind:
        pledges = pledges.filter(kind__in=query.kind)
    if query.type:
        pledges = pledges.filter(pledge_type__in=query.type)
    if query.region:
        pledges = pledges.filter(
            Q(owners__country__subregion__code__in=query.region)
            | Q(owners__country__region__code__in=query.region)
        )
    if query.country:
        pledges = pledges.filter(owners__country__iso3__in=query.country)
    if query.forum:
        pledges = pledges.filter(announced_at__slug__in=query.forum)
    if query.year:
        pledges = pledges.filter(published_at__year__in=query.year)
    if query.q:
        from django.db.models import Q as _Q

        for word in query.q.split()[:10]:
            pledges = pledges.filter(
                _Q(title__icontains=word)
                | _Q(summary__icontains=word)
                | _Q(description__icontains=word)
            )
    # Joins on many-valued relations can repeat rows; keep each pledge once.
    pledges = Pledge.objects.filter(pk__in=pledges.values("pk"))
    order = {
        "newest": ("-published_at", "-id"),
        "relevance": ("-published_at", "-id"),
        "oldest": ("published_at", "id"),
        "title": ("title", "id"),
    }[query.sort]
    return with_public_relations(pledges).order_by(*order)
