"""What goes into a digest: a small registry of "digest sources" other apps plug into.

A source turns a period into `DigestItem`s and says which interest it serves; the digest keeps, for
each subscriber, the items that match their interests. To add one (progress reports, publications…):

    from localcompacts.newsletter.digest import DigestItem, register_source

    @register_source(key="publications", label=_("New publications"), interest="publications")
    def new_publications(since, until):
        return [DigestItem(title=p.title, url=p.get_absolute_url(), ...) for p in ...]

and call it from the app's `AppConfig.ready()` (import the module there).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

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
    key: str
    label: object  # lazy translated heading
    collect: Callable[[datetime.datetime, datetime.datetime], list[DigestItem]]
    interest: str | None = None
    position: int = 100


SOURCES: dict[str, DigestSource] = {}


def register_source(*, key: str, label, interest: str | None = None, position: int = 100):
    if interest is not None and interest not in INTERESTS:
        raise ValueError(f"unknown digest interest {interest!r}")

    def register(collect):
        SOURCES[key] = DigestSource(
            key=key, label=label, collect=collect, interest=interest, position=position
        )
        return collect

    return register


def collect_items(since: datetime.datetime, until: datetime.datetime) -> dict[str, list]:
    """Every source's items for the period, by source key (sources with nothing left out)."""
    found = {}
    for source in sorted(SOURCES.values(), key=lambda s: s.position):
        items = source.collect(since, until)
        if items:
            found[source.key] = items
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
        source = SOURCES[key]
        if source.interest is not None and source.interest not in interests.flags:
            continue
        matching = [item for item in items if interests.matches(item)]
        if matching:
            sections.append({"key": key, "label": source.label, "items": matching})
    return sections


# --- Built-in sources -----------------------------------------------------------------------------


@register_source(key="pledges", label=_("Newly published pledges and practices"), position=10)
def new_pledges(since, until):
    from localcompacts.governments.models import LocalGovernment
    from localcompacts.pledges.models import Pledge

    pledges = (
        Pledge.objects.public()
        .filter(published_at__gte=since, published_at__lt=until)
        .prefetch_related(
            "objectives",
            Prefetch(
                "owners",
                queryset=LocalGovernment.objects.select_related("country").order_by("name"),
            ),
        )
        .order_by("published_at", "id")[:200]
    )
    from localcompacts.compacts.models import Country

    region_of = {
        c.pk: {
            code
            for code in (
                c.region.code if c.region else None,
                c.subregion.code if c.subregion else None,
            )
            if code
        }
        for c in Country.objects.select_related("region", "subregion")
    }
    items = []
    for pledge in pledges:
        owners = list(pledge.owners.all())
        regions = set()
        for owner in owners:
            regions |= region_of.get(owner.country_id, set())
        items.append(
            DigestItem(
                title=pledge.title,
                url=pledge.get_absolute_url(),
                summary=", ".join(o.name for o in owners),
                date=pledge.published_at.date() if pledge.published_at else None,
                compacts=frozenset(o.compact for o in pledge.objectives.all()),
                objectives=frozenset(o.code for o in pledge.objectives.all()),
                regions=frozenset(regions),
            )
        )
    return items


FORUM_NOTICE = datetime.timedelta(days=30)


@register_source(
    key="forums", label=_("Review forums coming up"), interest="forum_news", position=50
)
def upcoming_forums(since, until):
    """Each forum once: in the digest whose period contains the day 30 days before it opens."""
    from localcompacts.forums.models import ForumKind, ReviewForum

    compact_of = {ForumKind.IMRF: "GCM", ForumKind.GRF: "GCR"}
    forums = ReviewForum.objects.filter(
        start_date__gt=(since + FORUM_NOTICE).date(), start_date__lte=(until + FORUM_NOTICE).date()
    ).order_by("start_date")
    return [
        DigestItem(
            title=forum.name,
            url=forum.get_absolute_url(),
            summary=forum.place,
            date=forum.start_date,
            compacts=frozenset({compact_of[forum.kind]})
            if forum.kind in compact_of
            else frozenset(),
        )
        for forum in forums
    ]
