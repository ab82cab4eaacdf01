from django.db.models import Count, Q, QuerySet

from localcompacts.pledges.models import PledgeStatus

from .models import LocalGovernment


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
