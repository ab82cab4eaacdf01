"""The numbers behind the map and the statistics page (the API exposes the same functions).

Every statistic counts published pledges only, each pledge once per category.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Min
from django.utils.translation import gettext_lazy as _

from localcompacts.compacts.models import Compact, Objective, PopulationGroup, Region
from localcompacts.core.figures import public_figure
from localcompacts.core.translation import collation_key, column, current_language
from localcompacts.governments.models import Endorsement, LocalGovernment
from localcompacts.pledges.catalogue import CatalogueQuery
from localcompacts.pledges.models import Pledge, PledgeOwner, public_q, published_year
from localcompacts.pledges.selectors import pledge_catalogue_ids

from .geo import marker_radius, project

if TYPE_CHECKING:
    from localcompacts.matching.selectors import MatchingFigures
    from localcompacts.progress.selectors import ProgressStatistics

PUBLISHED = public_q("pledges")


@dataclass
class Row:
    key: str
    label: str
    value: int


def pledges_by_compact() -> list[Row]:
    rows = (
        Pledge.objectives.through.objects.filter(public_q("pledge"))
        .values("objective__compact")
        .annotate(n=Count("pledge_id", distinct=True))
    )
    counts = {row["objective__compact"]: row["n"] for row in rows}
    return [Row(code, str(label), counts.get(code, 0)) for code, label in Compact.choices]


def pledges_by_objective(compact: str = "GCM") -> list[Row]:
    """Every objective of a compact, zero included (all 23 GCM objectives are always there)."""
    rows = (
        Objective.objects.filter(compact=compact)
        .annotate(n=Count("pledges", filter=PUBLISHED, distinct=True))
        .order_by("number")
    )
    return [Row(o.code, f"{o.code} · {o.name}", o.n) for o in rows]


def pledges_by_region() -> list[Row]:
    """Per UN M49 region (Africa, Americas, Asia, Europe, Oceania), by the owners' countries."""
    counts = dict(
        PledgeOwner.objects.filter(public_q("pledge"))
        .values_list("government__country__region")
        .annotate(n=Count("pledge_id", distinct=True))
        .values_list("government__country__region", "n")
    )
    regions = Region.objects.filter(parent__isnull=True).exclude(code="001")
    rows = [Row(r.code, r.name, counts.get(r.pk, 0)) for r in regions]
    # alphabetically, as the reader's language spells them
    return sorted(rows, key=lambda row: collation_key(row.label))


def pledges_by_population_group() -> list[Row]:
    rows = PopulationGroup.objects.annotate(
        n=Count("pledges", filter=PUBLISHED, distinct=True)
    ).order_by("position")
    return [Row(g.code, g.name, g.n) for g in rows]


def pledges_published_per_year() -> list[Row]:
    rows = (
        Pledge.objects.public()
        .filter(published_at__isnull=False)
        .annotate(year=published_year())
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    return [Row(str(r["year"]), str(r["year"]), r["n"]) for r in rows]


def signatories_over_time() -> list[Row]:
    """Governments that had endorsed the Marrakech Mayors Declaration by the end of each year
    (verified endorsements; a government counts once, from its first signature)."""
    firsts = (
        Endorsement.objects.public()
        .values("government")
        .annotate(first=Min("signed_on"))
        .values_list("first", flat=True)
    )
    per_year: dict[int, int] = {}
    for day in firsts:
        per_year[day.year] = per_year.get(day.year, 0) + 1
    rows, total = [], 0
    for year in range(min(per_year), max(per_year) + 1) if per_year else []:
        total += per_year.get(year, 0)
        rows.append(Row(str(year), str(year), total))
    return rows


STATISTICS = {
    "by-compact": (_("Published pledges and practices by compact"), pledges_by_compact),
    "by-gcm-objective": (
        _("Published pledges and practices by GCM objective"),
        lambda: pledges_by_objective("GCM"),
    ),
    "by-gcr-objective": (
        _("Published pledges and practices by GCR objective"),
        lambda: pledges_by_objective("GCR"),
    ),
    "by-region": (_("Published pledges and practices by region"), pledges_by_region),
    "by-population-group": (
        _("Published pledges and practices by population group"),
        pledges_by_population_group,
    ),
    "per-year": (_("Pledges and practices published per year"), pledges_published_per_year),
    "signatories": (
        _("Signatories of the Marrakech Mayors Declaration over time (cumulative)"),
        signatories_over_time,
    ),
}


@dataclass
class MapMarker:
    slug: str
    name: str
    country: str
    count: int
    x: float
    y: float
    r: float
    endorsed_on: object = None


# The map draws at most this many governments (those with the most matching pledges): beyond a
# few thousand circles the page would weigh megabytes and the list below it would be unusable.
MAP_MARKER_LIMIT = 1000


@dataclass
class WorldMap:
    markers: list[MapMarker]  # the governments with the most matching pledges, most first
    governments: int  # every government with matching pledges and coordinates

    @property
    def is_partial(self) -> bool:
        return self.governments > len(self.markers)


def governments_map(query: CatalogueQuery) -> WorldMap:
    """The map for a catalogue `query`, computed once per filter set while public content is
    unchanged (counting every government's matching pledges takes a while on a large catalogue)."""
    from localcompacts.core.caching import cached_while_unchanged
    from localcompacts.pledges.selectors import catalogue_cache_key

    world: WorldMap
    if not query.is_filtered:
        world = public_figure("explore.world-map")
    else:
        world = cached_while_unchanged(catalogue_cache_key(query, "map"), lambda: _world_map(query))
    return world


def _world_map(query: CatalogueQuery) -> WorldMap:
    counts = _matching_counts(query)
    return WorldMap(map_markers(query, counts=counts), governments=len(counts))


def whole_world_map() -> WorldMap:
    """The map of every government with published pledges (a figure the worker keeps)."""
    from localcompacts.pledges.catalogue import CatalogueQuery

    return _world_map(CatalogueQuery())


def _matching_counts(query: CatalogueQuery, slugs: Sequence[str] = ()) -> dict[int, int]:
    rows = PledgeOwner.objects.filter(
        pledge_id__in=pledge_catalogue_ids(query),
        government__latitude__isnull=False,
        government__longitude__isnull=False,
    )
    if slugs:
        rows = rows.filter(government__slug__in=slugs)
    return dict(
        rows.values("government_id")
        .annotate(n=Count("pledge_id", distinct=True))
        .order_by()
        .values_list("government_id", "n")
    )


def map_markers(
    query: CatalogueQuery, *, slugs: Sequence[str] = (), counts: dict[int, int] | None = None
) -> list[MapMarker]:
    """Governments owning published pledges that match the catalogue `query`, with coordinates:
    the `MAP_MARKER_LIMIT` with the most matching pledges (ties by id), or those of `slugs`.

    Three queries: counts per government, then names and places, and first verified endorsements
    of the governments shown only.
    """
    name_column = column("country__name", current_language())  # country__name_zh_hans
    if counts is None:
        counts = _matching_counts(query, slugs)
    shown = sorted(counts, key=lambda pk: (-counts[pk], pk))[:MAP_MARKER_LIMIT]
    places = LocalGovernment.objects.filter(pk__in=shown).values(
        "pk",
        "slug",
        "name",
        "latitude",
        "longitude",
        "country__name_en",
        name_column,
    )
    endorsed = dict(
        Endorsement.objects.public()
        .filter(government_id__in=shown)
        .values("government_id")
        .annotate(first=Min("signed_on"))
        .order_by()
        .values_list("government_id", "first")
    )
    markers = []
    for row in places:
        x, y = project(row["latitude"], row["longitude"])
        count = counts[row["pk"]]
        markers.append(
            MapMarker(
                slug=row["slug"],
                name=row["name"],
                country=row[name_column] or row["country__name_en"],
                count=count,
                x=x,
                y=y,
                r=marker_radius(count),
                endorsed_on=endorsed.get(row["pk"]),
            )
        )
    markers.sort(key=lambda marker: (-marker.count, marker.name))
    return markers


def headline_figures() -> dict[str, int]:
    """The counts on the home page (governments, published pledges, signatories, countries): a
    figure the worker keeps."""
    figures: dict[str, int] = public_figure("explore.headline")
    return figures


def count_headline_figures() -> dict[str, int]:
    published = Pledge.objects.public()
    return {
        "governments": LocalGovernment.objects.count(),
        "pledges_published": published.count(),
        "signatories": Endorsement.objects.public().values("government").distinct().count(),
        "countries": LocalGovernment.objects.aggregate(n=Count("country", distinct=True))["n"],
    }


class Statistics(TypedDict):
    rows: dict[str, list[Row]]
    progress: ProgressStatistics
    matching: MatchingFigures


def all_statistics() -> Statistics:
    """What /statistics/ shows: every chart's rows, the progress of pledges and the matching
    figures, in the reader's language (a figure the worker keeps)."""
    statistics: Statistics = public_figure("explore.statistics")
    return statistics


def compute_statistics() -> Statistics:
    from localcompacts.matching.selectors import matching_figures
    from localcompacts.progress.selectors import progress_statistics

    return {
        "rows": {key: rows() for key, (_, rows) in STATISTICS.items()},
        "progress": progress_statistics(),
        "matching": matching_figures(),
    }
