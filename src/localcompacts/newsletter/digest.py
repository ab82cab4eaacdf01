"""What goes into a digest: the `DIGEST_SOURCES` extension point other apps plug into.

A source turns a period into `DigestItem`s and says which interest it serves; the digest keeps, for
each subscriber, the items that match their interests. The newsletter knows no source itself: each
app that has news registers one from its `AppConfig.ready()` (pledges, progress, publications,
forums), for example

    # publications/digest.py
    NEW_PUBLICATIONS = DigestSource(
        label=_("New publications"), collect=new_publications, interest="publications"
    )

    # publications/apps.py
    DIGEST_SOURCES.register("publications", NEW_PUBLICATIONS, position=40)

`position` orders the digest's sections.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from localcompacts.core.registry import ExtensionError, ExtensionPoint

# Which subscriber flag each kind of interest maps to (None: matched by compact/objective/region).
INTERESTS = {"publications": "wants_publications", "forum_news": "wants_forum_news"}


@dataclass(frozen=True)
class DigestItem:
    title: str
    url: str  # path or absolute URL
    summary: str = ""
    date: datetime.date | None = None
    compacts: frozenset[str] = field(default_factory=frozenset)
    objectives: frozenset[str] = field(default_factory=frozenset)
    regions: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class DigestSource:
    label: object  # lazy translated heading
    collect: Callable[[datetime.datetime, datetime.datetime], list[DigestItem]]
    interest: str | None = None  # a key of INTERESTS: only subscribers with that flag get it

    def __post_init__(self):
        if self.interest is not None and self.interest not in INTERESTS:
            raise ExtensionError(f"Unknown digest interest {self.interest!r}.")


DIGEST_SOURCES: ExtensionPoint[DigestSource] = ExtensionPoint(
    "newsletter.digest_sources",
    "What the digest collects for a period: one DigestSource per kind of news, in order of position",
)


def collect_items(since: datetime.datetime, until: datetime.datetime) -> dict[str, list]:
    """Every source's items for the period, by source key (sources with nothing left out)."""
    found = {}
    for key, source in DIGEST_SOURCES.items():
        items = source.collect(since, until)
        if items:
            found[key] = items
    return found


@dataclass(frozen=True)
class Interests:
    """A subscriber's interests, loaded once (see selectors.subscribers_to_send)."""

    compacts: frozenset[str]
    objectives: frozenset[str]
    regions: frozenset[str]
    flags: frozenset[str]

    @classmethod
    def of(cls, subscriber) -> "Interests":
        return cls(
            compacts=frozenset(subscriber.compacts or ()),
            objectives=frozenset(o.code for o in subscriber.objectives.all()),
            regions=frozenset(r.code for r in subscriber.regions.all()),
            flags=frozenset(k for k, attr in INTERESTS.items() if getattr(subscriber, attr)),
        )

    def matches(self, item: DigestItem) -> bool:
        """Empty interests mean everything; an item without tags matches every subscriber."""
        if self.compacts and item.compacts and not self.compacts & item.compacts:
            return False
        if self.objectives and item.objectives and not self.objectives & item.objectives:
            return False
        return not (self.regions and item.regions and not self.regions & item.regions)


def sections_for(subscriber, items_by_source: dict[str, list]) -> list[dict]:
    """The digest of one subscriber: [{"label": …, "items": […]}], empty when nothing matches."""
    interests = Interests.of(subscriber)
    sections = []
    for key, items in items_by_source.items():
        source = DIGEST_SOURCES[key]
        if source.interest is not None and source.interest not in interests.flags:
            continue
        matching = [item for item in items if interests.matches(item)]
        if matching:
            sections.append({"key": key, "label": source.label, "items": matching})
    return sections
