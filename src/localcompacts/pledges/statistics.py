"""The numbers behind the statistics: published pledges counted by compact, objective, region,
population group and year. One function, shared by the statistics page, the API and exports."""

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from localcompacts.compacts.models import Compact, Objective, PopulationGroup, Region

from .models import Pledge, PledgeKind, PledgeStatus

PUBLISHED = Q(pledges__status=PledgeStatus.PUBLISHED)


def pledge_statistics() -> dict:
    """Counts of published pledges and practices. A pledge with several objectives (or owners in
    several regions) counts once under each, so the parts of a breakdown may add up to more than
    the total."""
    published = Pledge.objects.public()
    by_kind = dict(published.values_list("kind").annotate(n=Count("id")).order_by())
    compact_counts = dict(
        published.values_list("objectives__compact")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    region_counts = dict(
        published.values_list("owners__country__region__code")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    objectives = Objective.objects.annotate(n=Count("pledges", filter=PUBLISHED, distinct=True))
    groups = PopulationGroup.objects.annotate(n=Count("pledges", filter=PUBLISHED, distinct=True))
    years = (
        published.exclude(published_at=None)
        .annotate(year=ExtractYear("published_at"))
        .values_list("year")
        .annotate(n=Count("id"))
        .order_by("year")
    )
    return {
        "published": published.count(),
        "by_kind": [
            {"code": kind.value, "name": str(kind.label), "count": by_kind.get(kind.value, 0)}
            for kind in PledgeKind
        ],
        "by_compact": [
            {"code": c.value, "name": str(c.label), "count": compact_counts.get(c.value, 0)}
            for c in Compact
        ],
        "by_objective": [
            {"code": o.code, "name": o.name, "count": o.n}
            for o in objectives.order_by("compact", "number")
        ],
        "by_region": [
            {"code": r.code, "name": r.name, "count": region_counts.get(r.code, 0)}
            for r in Region.objects.filter(parent__isnull=True).order_by("code")
        ],
        "by_population_group": [
            {"code": g.code, "name": g.name, "count": g.n} for g in groups.order_by("position")
        ],
        "by_year": [{"year": year, "count": n} for year, n in years],
    }
