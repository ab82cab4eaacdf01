"""The public catalogue's query: parsed once from URL parameters, used by the page, the API and exports.

    query = CatalogueQuery.from_params(request.GET)
    pledges = pledge_catalogue(query)          # selectors.py

Invalid values never raise: they are dropped and reported in `query.problems`, so a bad link still
gives a clean page (and the API a 422 listing them, if it chooses).
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import PledgeKind, PledgeType

MAX_QUERY_LENGTH = 200
# The progress app's delivery statuses, plus pledges without an accepted report and stale ones.
PROGRESS_VALUES = (
    "planning",
    "in_progress",
    "fulfilled",
    "partially_fulfilled",
    "discontinued",
    "none",
    "stale",
)
SORTS = ("relevance", "newest", "oldest", "title")
OBJECTIVE_CODE = re.compile(r"^(GCM-(?:[1-9]|1\d|2[0-3])|GCR-[1-4]|GCR-A[1-3](?:\.(?:[1-9]|10))?)$")
SDG_CODE = re.compile(r"^SDG-(?:[1-9]|1[0-7])$")
POPULATION_CODE = re.compile(r"^[a-z-]{2,40}$")
REGION_CODE = re.compile(r"^\d{3}$")
COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")


def _many(params, name: str) -> list[str]:
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        value = params.get(name, [])
        values = value if isinstance(value, list | tuple) else [value]
    cleaned = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            if part and part not in cleaned:
                cleaned.append(part)
    return cleaned[:30]


@dataclass
class CatalogueQuery:
    q: str = ""
    compact: list[str] = field(default_factory=list)
    objective: list[str] = field(default_factory=list)
    sdg: list[str] = field(default_factory=list)
    population: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    type: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    forum: list[str] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    # Reported progress (added by the progress app): a delivery status, "none" or "stale".
    progress: list[str] = field(default_factory=list)
    sort: str = ""
    page: int = 1
    problems: list[str] = field(default_factory=list)

    MULTI = (
        "compact",
        "objective",
        "sdg",
        "population",
        "kind",
        "type",
        "region",
        "country",
        "forum",
        "year",
        "progress",
    )

    @classmethod
    def from_params(cls, params) -> "CatalogueQuery":
        query = cls()
        raw_q = " ".join(str(params.get("q", "") or "").split())
        if len(raw_q) > MAX_QUERY_LENGTH:
            query.problems.append(
                _("The search text was shortened to %(n)s characters.") % {"n": MAX_QUERY_LENGTH}
            )
        query.q = raw_q[:MAX_QUERY_LENGTH]
        checks = {
            "compact": lambda v: v.upper() if v.upper() in ("GCM", "GCR") else None,
            "objective": lambda v: v.upper() if OBJECTIVE_CODE.match(v.upper()) else None,
            "sdg": lambda v: v.upper() if SDG_CODE.match(v.upper()) else None,
            "population": lambda v: v.lower() if POPULATION_CODE.match(v.lower()) else None,
            "kind": lambda v: v if v in PledgeKind.values else None,
            "type": lambda v: v if v in PledgeType.values else None,
            "region": lambda v: v if REGION_CODE.match(v) else None,
            "country": lambda v: v.upper() if COUNTRY_CODE.match(v.upper()) else None,
            "forum": lambda v: v if SLUG.match(v) else None,
            "year": lambda v: int(v) if v.isdigit() and 2000 <= int(v) <= 2100 else None,
            "progress": lambda v: v if v in PROGRESS_VALUES else None,
        }
        for name, check in checks.items():
            for value in _many(params, name):
                accepted = check(value)
                if accepted is None:
                    query.problems.append(
                        _("“%(value)s” is not a valid %(name)s and was ignored.")
                        % {"value": value[:40], "name": name}
                    )
                elif accepted not in getattr(query, name):
                    getattr(query, name).append(accepted)
        sort = str(params.get("sort", "") or "")
        if sort and sort not in SORTS:
            query.problems.append(_("Unknown sort order; showing the default order."))
            sort = ""
        query.sort = sort or ("relevance" if query.q else "newest")
        page = str(params.get("page", "1") or "1")
        query.page = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
        return query

    @staticmethod
    def sort_choices() -> list[tuple[str, str]]:
        return [
            ("relevance", _("Relevance")),
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("title", _("Title (A–Z)")),
        ]

    @property
    def is_filtered(self) -> bool:
        return bool(self.q) or any(getattr(self, name) for name in self.MULTI)

    def to_params(self, **changes) -> list[tuple[str, str]]:
        """URL parameters for this query (with `changes`), for shareable links; page is dropped."""
        values = {"q": self.q, "sort": self.sort, **{n: list(getattr(self, n)) for n in self.MULTI}}
        values.update(changes)
        pairs: list[tuple[str, str]] = []
        if values["q"]:
            pairs.append(("q", values["q"]))
        for name in self.MULTI:
            pairs.extend((name, str(v)) for v in values[name])
        default_sort = "relevance" if values["q"] else "newest"
        if values["sort"] and values["sort"] != default_sort:
            pairs.append(("sort", values["sort"]))
        return pairs
