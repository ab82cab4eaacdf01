from django.db.models import Count, Q, QuerySet

from localcompacts.compacts.models import Region
from localcompacts.pledges.models import PledgeStatus

from .models import Endorsement, EndorsementStatus, LocalGovernment


def government_list_public() -> QuerySet[LocalGovernment]:
    return (
        LocalGovernment.objects.select_related("country__subregion")
        .annotate(
            published_pledges=Count("pledges", filter=Q(pledges__status=PledgeStatus.PUBLISHED))
        )
        .order_by("name")
    )


def government_get_public(*, slug: str) -> LocalGovernment:
    return government_list_public().get(slug=slug)


def declaration_endorsements():
    """Verified endorsements for the public declaration page, oldest signature first."""
    return (
        Endorsement.objects.verified()
        .select_related("government__country__region")
        .order_by("signed_on", "government__name")
    )


def declaration_figures() -> dict:
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


def endorsement_review_queue(*, status: str = EndorsementStatus.PENDING):
    return (
        Endorsement.objects.filter(status=status)
        .select_related("government__country", "submitted_by")
        .order_by("created_at", "pk")
    )


def endorsements_of_user_governments(user):
    return (
        Endorsement.objects.filter(government__focal_points__user=user)
        .select_related("government")
        .order_by("-created_at")
        .distinct()
    )


def governments_of(user):
    return LocalGovernment.objects.filter(focal_points__user=user).order_by("name").distinct()
