import datetime
from collections.abc import Sequence
from typing import TypedDict

from django.db.models import Count, Q, QuerySet

from localcompacts.compacts.models import Region
from localcompacts.core.people import Person

from .models import Endorsement, EndorsementQuerySet, EndorsementStatus, LocalGovernment


class DeclarationFigures(TypedDict):
    total: int
    regions: list[tuple[Region, int]]  # each M49 region with its number of governments
    unplaced: int  # governments whose country has no region


def government_list_public() -> QuerySet[LocalGovernment]:
    """Every government, by name. Its pledge counts come from
    `pledges.selectors.with_published_pledge_counts` (pledges sit above governments)."""
    return LocalGovernment.objects.select_related("country__subregion").order_by("name")


def government_get_public(*, slug: str) -> LocalGovernment:
    return government_list_public().get(slug=slug)


def government_renamed_from(*, slug: str) -> LocalGovernment | None:
    """The government whose profile was at `slug` before its slug changed, if any."""
    from .models import FormerSlug

    former = FormerSlug.objects.select_related("government").filter(slug=slug).first()
    return former.government if former else None


def government_search(
    *, country: Sequence[str] = (), region: Sequence[str] = (), endorsed: bool | None = None
) -> QuerySet[LocalGovernment]:
    """Public governments filtered by country (ISO3), M49 region or sub-region, and whether they
    have a verified endorsement of the Marrakech Mayors Declaration; ordered by name, then id."""
    from .models import Endorsement

    governments = government_list_public()
    if country:
        governments = governments.filter(country__iso3__in=country)
    if region:
        governments = governments.filter(
            Q(country__region__code__in=region) | Q(country__subregion__code__in=region)
        )
    if endorsed is not None:
        verified = Endorsement.objects.public().values("government")
        governments = (
            governments.filter(pk__in=verified)
            if endorsed
            else governments.exclude(pk__in=verified)
        )
    return governments.order_by("name", "id")


def endorsement_list_verified(*, country: Sequence[str] = ()) -> EndorsementQuerySet:
    """Verified declaration endorsements, newest signature first (id breaks ties)."""
    from .models import Endorsement

    endorsements = Endorsement.objects.public().select_related("government__country")
    if country:
        endorsements = endorsements.filter(government__country__iso3__in=country)
    return endorsements.order_by("-signed_on", "-id")


def government_endorsed_on(*, government: LocalGovernment) -> datetime.date | None:
    """Date of the government's first verified declaration endorsement, or None."""

    return (
        government.endorsements.public()
        .order_by("signed_on", "id")
        .values_list("signed_on", flat=True)
        .first()
    )


def declaration_endorsements() -> EndorsementQuerySet:
    """Verified endorsements for the public declaration page, oldest signature first."""
    return (
        Endorsement.objects.verified()
        .select_related("government__country__region")
        .order_by("signed_on", "government__name")
    )


def declaration_figures() -> DeclarationFigures:
    """How many governments endorsed, in total and by M49 region (regions in M49 order)."""
    verified = Endorsement.objects.verified()
    total = verified.values("government").distinct().count()
    by_region = dict(
        verified.values_list("government__country__region")
        .annotate(governments=Count("government", distinct=True))
        .order_by()
    )
    regions = [
        (region, by_region.get(region.pk, 0))
        for region in Region.objects.filter(parent__isnull=True).order_by("code")
    ]
    unplaced = by_region.get(None, 0)
    return {"total": total, "regions": regions, "unplaced": unplaced}


def endorsement_review_queue(*, status: str = EndorsementStatus.PENDING) -> EndorsementQuerySet:
    return (
        Endorsement.objects.filter(status=status)
        .select_related("government__country", "submitted_by")
        .order_by("created_at", "pk")
    )


def endorsements_of_user_governments(user: Person) -> EndorsementQuerySet:
    return (
        Endorsement.objects.filter(government__focal_points__user_id=user.pk)
        .select_related("government")
        .order_by("-created_at")
        .distinct()
    )


def governments_of(user: Person) -> QuerySet[LocalGovernment]:
    return LocalGovernment.objects.filter(focal_points__user_id=user.pk).order_by("name").distinct()
