"""Facets of the catalogue: for each, the values found in the current result set with live counts.

Each facet is one GROUP BY query over the matching pledges' ids, so a page costs the same number of
queries whatever the number of results. `FACETS` is the extension point: another app (progress
status, say) appends a `Facet` and, in `selectors.CATALOGUE_FILTERS`, the filter that goes with it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from localcompacts.compacts.models import (
    Compact,
    Objective,
    PopulationGroup,
    RefugeeSupportArea,
    SustainableDevelopmentGoal,
)

from .models import Pledge, PledgeKind, PledgeOwner, PledgeType
from .selectors import published_year


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str  # the URL parameter
    label: str
    counts: Callable  # (ids subquery) -> list of (value, label, count)
    key: str = ""  # unique within the page (two facets may share the `objective` parameter)
    accepts: Callable = lambda value: True  # which chosen values of the parameter belong here
    options: list[FacetOption] = field(default_factory=list)

    def with_options(self, ids, query) -> "Facet":
        chosen = {str(v) for v in getattr(query, self.name, [])}
        options = [
            FacetOption(str(value), label, count, str(value) in chosen)
            for value, label, count in self.counts(ids)
            if value is not None
        ]
        # A chosen value with no result left stays visible (count 0) so it can be unchosen.
        found = {option.value for option in options}
        options += [
            FacetOption(value, value, 0, True)
            for value in sorted(chosen - found)
            if self.accepts(value)
        ]
        return Facet(
            self.name, self.label, self.counts, self.key or self.name, self.accepts, options
        )

    @property
    def selected(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]


def _prefix(prefix: str) -> Callable:
    return lambda value: value.startswith(prefix)


def _through(relation: str):
    return getattr(Pledge, relation).through.objects


def _compacts(ids):
    rows = (
        _through("objectives")
        .filter(pledge_id__in=ids)
        .values("objective__compact")
        .annotate(n=Count("pledge_id", distinct=True))
    )
    labels = dict(Compact.choices)
    return [
        (row["objective__compact"], str(labels.get(row["objective__compact"], "")), row["n"])
        for row in sorted(rows, key=lambda r: r["objective__compact"])
    ]


def _objectives(compact: str):
    def counts(ids):
        rows = (
            Objective.objects.filter(compact=compact, pledges__in=ids)
            .annotate(n=Count("pledges", distinct=True))
            .order_by("number")
        )
        return [(o.code, f"{o.code} · {o.name}", o.n) for o in rows]

    return counts


def _tagged(model, relation="pledges"):
    def counts(ids):
        rows = model.objects.filter(**{f"{relation}__in": ids}).annotate(
            n=Count(relation, distinct=True)
        )
        return [(row.code, _label(row), row.n) for row in rows]

    return counts


def _label(row) -> str:
    code = getattr(row, "code", "")
    if code and code[:1].isupper():
        return f"{code} · {row.name}"
    return row.name


def _choices(field_name: str, choices):
    def counts(ids):
        labels = dict(choices)
        rows = (
            Pledge.objects.filter(pk__in=ids)
            .values(field_name)
            .annotate(n=Count("pk"))
            .order_by(field_name)
        )
        return [
            (row[field_name], str(labels.get(row[field_name], row[field_name])), row["n"])
            for row in rows
            if row[field_name]
        ]

    return counts


def _owners(code_field: str, name_prefix: str):
    def counts(ids):
        rows = (
            PledgeOwner.objects.filter(pledge_id__in=ids)
            .values(code=F(code_field))
            .annotate(
                n=Count("pledge_id", distinct=True),
                name_en=F(f"{name_prefix}__name_en"),
                name_fr=F(f"{name_prefix}__name_fr"),
                name_es=F(f"{name_prefix}__name_es"),
            )
        )
        from localcompacts.core.translation import current_language

        language = current_language()
        options = [
            (row["code"], row[f"name_{language}"] or row["name_en"], row["n"])
            for row in rows
            if row["code"]
        ]
        return sorted(options, key=lambda o: o[1])

    return counts


def _forums(ids):
    rows = (
        Pledge.objects.filter(pk__in=ids, announced_at__isnull=False)
        .values("announced_at__slug", "announced_at__name", "announced_at__start_date")
        .annotate(n=Count("pk"))
        .order_by("announced_at__start_date")
    )
    return [(row["announced_at__slug"], row["announced_at__name"], row["n"]) for row in rows]


def _years(ids):
    rows = (
        Pledge.objects.filter(pk__in=ids, published_at__isnull=False)
        .annotate(year=published_year())
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    return [(row["year"], str(row["year"]), row["n"]) for row in rows]


FACETS: list[Facet] = [
    Facet("compact", _("Compact"), _compacts),
    Facet("objective", _("GCM objective"), _objectives("GCM"), "gcm", _prefix("GCM-")),
    Facet("objective", _("GCR objective"), _objectives("GCR"), "gcr", lambda v: v[4:5].isdigit()),
    Facet(
        "objective",
        _("GCR area in need of support"),
        _tagged(RefugeeSupportArea),
        "gcr-area",
        _prefix("GCR-A"),
    ),
    Facet("sdg", _("Sustainable Development Goal"), _tagged(SustainableDevelopmentGoal)),
    Facet("population", _("Population group"), _tagged(PopulationGroup)),
    Facet("kind", _("Kind"), _choices("kind", PledgeKind.choices)),
    Facet("type", _("Type"), _choices("pledge_type", PledgeType.choices)),
    Facet(
        "region",
        _("Region"),
        _owners("government__country__subregion__code", "government__country__subregion"),
    ),
    Facet("country", _("Country"), _owners("government__country__iso3", "government__country")),
    Facet("forum", _("Announced at"), _forums),
    Facet("year", _("Year published"), _years),
]


def catalogue_facets(query, ids=None) -> list[Facet]:
    """Every facet with its options and counts for the pledges matching `query`.

    `ids` are the matching pledges' ids when the caller has them (a list, see
    `selectors.pledge_catalogue_page`), else a subquery is used. Counts over a large result set
    (the whole catalogue, a broad filter) are computed once per filter set and change of public
    content (and worker process) instead of on every visit.
    """
    from localcompacts.core.caching import cached_while_unchanged

    from .selectors import MATERIALISE_UP_TO, catalogue_cache_key, pledge_catalogue_ids

    if ids is None:
        ids = pledge_catalogue_ids(query)
        if query.is_filtered:
            few = list(ids.values_list("pk", flat=True)[: MATERIALISE_UP_TO + 1])
            if len(few) <= MATERIALISE_UP_TO:
                ids = few
    if isinstance(ids, list):
        return [facet.with_options(ids, query) for facet in FACETS]
    options = cached_while_unchanged(
        catalogue_cache_key(query, "facets"),
        lambda: [facet.with_options(ids, query).options for facet in FACETS],
    )
    return [
        Facet(f.name, f.label, f.counts, f.key or f.name, f.accepts, facet_options)
        for f, facet_options in zip(FACETS, options, strict=True)
    ]
