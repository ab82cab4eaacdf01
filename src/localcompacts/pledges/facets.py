"""The catalogue's facets, each declared once: its URL parameter, the values it accepts, how it
narrows the pledges, the lists of options (with live counts) it shows, and its API description.

From these declarations come the catalogue page's parsing (`catalogue.CatalogueQuery`), the
filtering (`selectors.pledge_catalogue`, shared by the page, the map, the API and the exports),
the option lists with counts (`selectors.catalogue_facets`), and the API's query schema (and so the OpenAPI
document). Adding a facet is one `Facet(...)` in `FACETS` (or, from an app above pledges, one
`CATALOGUE_FACETS.register(...)` in its `AppConfig.ready()`).

Each option list is one GROUP BY query over the matching pledges' ids, so a page costs the same
number of queries whatever the number of results.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from pydantic import Field, StringConstraints

from localcompacts.compacts.models import (
    Compact,
    Objective,
    PopulationGroup,
    RefugeeSupportArea,
    SustainableDevelopmentGoal,
)
from localcompacts.core.registry import ExtensionPoint
from localcompacts.core.translation import localized, name_fields

from .models import Pledge, PledgeKind, PledgeOwner, PledgeType, published_year

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The published pledges narrowed by the values chosen for a facet (codes, or whole numbers).
Filter = Callable[[QuerySet[Pledge], list[Any]], QuerySet[Pledge]]
# The matching pledges' ids: a list when they were read, else a subquery.
Ids = list[int] | QuerySet[Pledge, Any]
# (ids) -> [(value, label, count)] of one option list.
Counts = Callable[[Ids], list[tuple[Any, str, int]]]

# --- What a parameter accepts: the page's check and the API's item type, from one statement ---


@dataclass(frozen=True)
class Codes:
    """Codes matching `pattern` (after `normalise`, so the page forgives case; the API does not)."""

    pattern: str
    normalise: Callable[[str], str] = str

    def clean(self, value: str) -> str | None:
        value = self.normalise(value)
        return value if re.match(self.pattern, value) else None

    @property
    def item_type(self) -> Any:
        return Annotated[str, StringConstraints(pattern=self.pattern)]


@dataclass(frozen=True)
class Choices:
    """One of a fixed list of values."""

    values: tuple[str, ...]
    normalise: Callable[[str], str] = str

    def clean(self, value: str) -> str | None:
        value = self.normalise(value)
        return value if value in self.values else None

    @property
    def item_type(self) -> Any:
        return Literal[self.values]


@dataclass(frozen=True)
class Whole:
    """A whole number between `low` and `high`."""

    low: int
    high: int

    def clean(self, value: str) -> int | None:
        return int(value) if value.isdigit() and self.low <= int(value) <= self.high else None

    @property
    def item_type(self) -> Any:
        return Annotated[int, Field(ge=self.low, le=self.high)]


# --- The declaration --------------------------------------------------------------------------


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class FacetList:
    """One list of options as the page shows it (a facet may show several, see `Panel`)."""

    name: str  # the URL parameter
    key: str  # unique within the page
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def selected(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]


@dataclass(frozen=True)
class Panel:
    """A list of options of a facet's parameter (the objectives show GCM, GCR and GCR areas)."""

    key: str
    label: "StrOrPromise"
    counts: Counts
    accepts: Callable[[str], bool] = lambda value: True  # which chosen values belong here

    def shown(self, name: str, ids: Ids, chosen: list[Any]) -> FacetList:
        chosen_values = {str(value) for value in chosen}
        options = [
            FacetOption(str(value), label, count, str(value) in chosen_values)
            for value, label, count in self.counts(ids)
            if value is not None
        ]
        # A chosen value with no result left stays visible (count 0) so it can be unchosen.
        found = {option.value for option in options}
        options += [
            FacetOption(value, value, 0, True)
            for value in sorted(chosen_values - found)
            if self.accepts(value)
        ]
        return FacetList(name, self.key, str(self.label), options)


@dataclass(frozen=True)
class Facet:
    """One catalogue facet. `filter(pledges, chosen_values)` narrows the published pledges;
    `joins` says it joins a pledge's tags or owners (so a pledge may match more than once)."""

    name: str  # the URL parameter, and the API's query parameter
    accepts: Codes | Choices | Whole  # what the parameter accepts
    filter: Filter
    label: "StrOrPromise" = ""  # (lazy) label of its option list
    counts: Counts | None = None
    description: str = ""  # for the API documentation (English, like the rest of it)
    joins: bool = False
    panels: tuple[Panel, ...] = ()  # several option lists instead of one (label, counts)

    def option_lists(self) -> tuple[Panel, ...]:
        if self.panels:
            return self.panels
        assert self.counts is not None  # a facet without panels counts its own options
        return (Panel(self.name, self.label, self.counts),)

    def clean(self, value: str) -> str | int | None:
        return self.accepts.clean(value)

    def api_field(self) -> tuple[Any, Any]:
        """(type, Field) of its API query parameter: a list of accepted values."""
        return (
            list[self.accepts.item_type],  # type: ignore[name-defined]  # built at run time, for pydantic
            Field(default_factory=list, description=self.description or None),
        )


CATALOGUE_FACETS: ExtensionPoint[Facet] = ExtensionPoint(
    "pledges.catalogue_facets",
    "Facets of the public catalogue declared by apps above pledges (after pledges' own FACETS).",
)


@cache
def catalogue_facet_declarations() -> tuple[Facet, ...]:
    """Pledges' own facets then the registered ones, read once (after every app is ready)."""
    return (*FACETS, *CATALOGUE_FACETS)


# --- Counts ---------------------------------------------------------------------------------


def _prefix(prefix: str) -> Callable[[str], bool]:
    return lambda value: value.startswith(prefix)


def _gcr_objective(value: str) -> bool:
    """GCR-1…GCR-4 (not GCM-…, not the areas GCR-A…): each chosen value has one checkbox."""
    return value.startswith("GCR-") and value[4:5].isdigit()


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
                **{name: F(f"{name_prefix}__{name}") for name in name_fields()},
            )
        )
        options = [(row["code"], localized(row, "name"), row["n"]) for row in rows if row["code"]]
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


# --- Filters --------------------------------------------------------------------------------


def _each(lookup: Callable[[str], Q]) -> Filter:
    """Every chosen value narrows further (AND), as the facet links add them."""

    def narrow(pledges: QuerySet[Pledge], values: list[Any]) -> QuerySet[Pledge]:
        for value in values:
            pledges = pledges.filter(lookup(value))
        return pledges

    return narrow


def _any(*fields: str) -> Filter:
    """Any of the chosen values (OR), found in any of `fields`."""

    def narrow(pledges: QuerySet[Pledge], values: list[Any]) -> QuerySet[Pledge]:
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__in": values})
        return pledges.filter(condition)

    return narrow


def _objective(code: str) -> Q:
    if code.startswith("GCR-A"):
        return Q(refugee_support_areas__code=code) | Q(refugee_support_areas__parent__code=code)
    return Q(objectives__code=code)


# --- The facets, in the page's order (registered ones follow) ----------------------------------

FACETS: tuple[Facet, ...] = (
    Facet(
        "compact",
        Choices(("GCM", "GCR"), normalise=str.upper),
        _any("objectives__compact"),
        _("Compact"),
        _compacts,
        joins=True,
    ),
    Facet(
        "objective",
        Codes(r"^(GCM-([1-9]|1[0-9]|2[0-3])|GCR-[1-4]|GCR-A[1-3](\.([1-9]|10))?)$", str.upper),
        _each(_objective),
        description="GCM-1…GCM-23, GCR-1…GCR-4, GCR-A1…",
        joins=True,
        panels=(
            Panel("gcm", _("GCM objective"), _objectives("GCM"), _prefix("GCM-")),
            Panel("gcr", _("GCR objective"), _objectives("GCR"), _gcr_objective),
            Panel(
                "gcr-area",
                _("GCR area in need of support"),
                _tagged(RefugeeSupportArea),
                _prefix("GCR-A"),
            ),
        ),
    ),
    Facet(
        "sdg",
        Codes(r"^SDG-([1-9]|1[0-7])$", str.upper),
        _each(lambda code: Q(sdgs__code=code)),
        _("Sustainable Development Goal"),
        _tagged(SustainableDevelopmentGoal),
        joins=True,
    ),
    Facet(
        "population",
        Codes(r"^[a-z-]{2,40}$", str.lower),
        _any("population_groups__code"),
        _("Population group"),
        _tagged(PopulationGroup),
        joins=True,
    ),
    Facet(
        "kind",
        Choices(tuple(PledgeKind.values)),
        _any("kind"),
        _("Kind"),
        _choices("kind", PledgeKind.choices),
    ),
    Facet(
        "type",
        Choices(tuple(PledgeType.values)),
        _any("pledge_type"),
        _("Type"),
        _choices("pledge_type", PledgeType.choices),
    ),
    Facet(
        "region",
        Codes(r"^[0-9]{3}$"),
        _any("owners__country__subregion__code", "owners__country__region__code"),
        _("Region"),
        _owners("government__country__subregion__code", "government__country__subregion"),
        description="UN M49 code.",
        joins=True,
    ),
    Facet(
        "country",
        Codes(r"^[A-Z]{3}$", str.upper),
        _any("owners__country__iso3"),
        _("Country"),
        _owners("government__country__iso3", "government__country"),
        description="ISO alpha-3.",
        joins=True,
    ),
    Facet(
        "forum",
        Codes(r"^[-a-zA-Z0-9_]{1,60}$"),
        _any("announced_at__slug"),
        _("Announced at"),
        _forums,
    ),
    Facet(
        "year",
        Whole(2000, 2100),
        _any("published_at__year"),
        _("Year published"),
        _years,
        description="Year of publication.",
    ),
)
