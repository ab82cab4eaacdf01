"""Reads the home page and the site-wide figures need."""

from django.db.models import Count

from localcompacts.governments.models import Endorsement, EndorsementStatus, LocalGovernment
from localcompacts.pledges.models import Pledge, PledgeStatus


def headline_figures() -> dict[str, int]:
    """The live counts on the home page: governments, published pledges, signatories, countries."""
    published = Pledge.objects.filter(status=PledgeStatus.PUBLISHED)
    return {
        "governments": LocalGovernment.objects.count(),
        "pledges_published": published.count(),
        "signatories": Endorsement.objects.filter(status=EndorsementStatus.VERIFIED)
        .values("government")
        .distinct()
        .count(),
        "countries": LocalGovernment.objects.aggregate(n=Count("country", distinct=True))["n"],
    }
