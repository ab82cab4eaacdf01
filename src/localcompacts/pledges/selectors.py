"""Reads of pledges. The page, the API and the exports call the same functions."""

from django.db.models import Prefetch, QuerySet

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
