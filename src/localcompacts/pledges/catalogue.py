"""The public catalogue's query: parsed once from URL parameters, used by the page, the API and exports.

    query = CatalogueQuery.from_params(request.GET)
    pledges = pledge_catalogue(query)          # selectors.py

Invalid values never raise: they are dropped and reported in `query.problems`, so a bad link still
gives a clean page (and the API a 422 listing them, if it chooses).
"""

from typing import Any

from django.utils.translation import gettext as _

from .facets import catalogue_facet_declarations

MAX_QUERY_LENGTH = 200
SORTS = ("relevance", "newest", "oldest", "title")


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


class CatalogueQuery:
    """The search text, the values chosen for each facet (`query.chosen["country"]`, also read
    as `query.country`), the sort order and the page."""

    def __init__(self, q: str = "", sort: str = "", page: int = 1, problems=None, **chosen):
        parameters = self.parameters()
        unknown = set(chosen) - set(parameters)
        if unknown:
            raise TypeError(f"Unknown catalogue parameters: {', '.join(sorted(unknown))}")
        self.q = q
        self.sort = sort
        self.sort_chosen = sort
        self.page = page
        self.problems: list[str] = list(problems or [])
        self.chosen: dict[str, list] = {name: list(chosen.get(name, ())) for name in parameters}

    @staticmethod
    def parameters() -> tuple[str, ...]:
        """Every facet's URL parameter, in the page's order."""
        return tuple(facet.name for facet in catalogue_facet_declarations())

    @property
    def MULTI(self) -> tuple[str, ...]:  # noqa: N802 (the name the views have always read)
        return tuple(self.chosen)

    def __getattr__(self, name: str):
        chosen = self.__dict__.get("chosen", {})
        if name in chosen:
            return chosen[name]
        raise AttributeError(name)

    def __repr__(self) -> str:
        chosen = {name: values for name, values in self.chosen.items() if values}
        return f"CatalogueQuery(q={self.q!r}, sort={self.sort!r}, page={self.page}, {chosen})"

    @classmethod
    def from_params(cls, params) -> "CatalogueQuery":
        query = cls()
        raw_q = " ".join(str(params.get("q", "") or "").split())
        if len(raw_q) > MAX_QUERY_LENGTH:
            query.problems.append(
                _("The search text was shortened to %(n)s characters.") % {"n": MAX_QUERY_LENGTH}
            )
        query.q = raw_q[:MAX_QUERY_LENGTH]
        for facet in catalogue_facet_declarations():
            chosen = query.chosen[facet.name]
            for value in _many(params, facet.name):
                accepted = facet.clean(value)
                if accepted is None:
                    query.problems.append(
                        _("“%(value)s” is not a valid %(name)s and was ignored.")
                        % {"value": value[:40], "name": facet.name}
                    )
                elif accepted not in chosen:
                    chosen.append(accepted)
        sort = str(params.get("sort", "") or "")
        if sort and sort not in SORTS:
            query.problems.append(_("Unknown sort order; showing the default order."))
            sort = ""
        query.sort_chosen = sort  # "" when the reader left the default order
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
    def chosen_count(self) -> int:
        """How many facet values narrow the results (shown on the collapsed filter control)."""
        return sum(len(values) for values in self.chosen.values())

    @property
    def narrowings(self) -> int:
        """How many things narrow the results: the search text and each chosen value."""
        return self.chosen_count + (1 if self.q else 0)

    @property
    def is_filtered(self) -> bool:
        return bool(self.q) or any(self.chosen.values())

    def to_params(self, **changes) -> list[tuple[str, str]]:
        """URL parameters for this query (with `changes`), for shareable links; page is dropped."""
        values: dict[str, Any] = {
            "q": self.q,
            "sort": self.sort,
            **{n: list(v) for n, v in self.chosen.items()},
        }
        values.update(changes)
        pairs: list[tuple[str, str]] = []
        if values["q"]:
            pairs.append(("q", values["q"]))
        for name in self.chosen:
            pairs.extend((name, str(v)) for v in values[name])
        default_sort = "relevance" if values["q"] else "newest"
        if values["sort"] and values["sort"] != default_sort:
            pairs.append(("sort", values["sort"]))
        return pairs
