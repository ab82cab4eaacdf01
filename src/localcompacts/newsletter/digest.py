"""What goes into a digest, and where it comes from: the sources are listed here, in one place.

The newsletter sits at the top of the layers, beside the public overview: it reads the apps below
it (pledges, progress, publications, forums) directly. A source turns a period into `DigestItem`s
and says which interest it serves; the digest keeps, for each subscriber, the items that match
their interests. To add a kind of news, write its `collect` function below and add one
`DigestSource` to `SOURCES`, whose order is the order of the digest's sections.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from localcompacts.compacts.models import Country
from localcompacts.forums.models import ForumKind, ReviewForum
from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges.models import Pledge
from localcompacts.progress.models import ProgressReport
from localcompacts.publications.models import Publication, PublicationStatus

from .models import Subscriber

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

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
    label: "StrOrPromise"  # lazy translated heading
    collect: Callable[[datetime.datetime, datetime.datetime], list[DigestItem]]
    interest: str | None = None  # a key of INTERESTS: only subscribers with that flag get it

    def __post_init__(self) -> None:
        if self.interest is not None and self.interest not in INTERESTS:
            raise ValueError(f"Unknown digest interest {self.interest!r}.")


def new_pledges(since: datetime.datetime, until: datetime.datetime) -> list[DigestItem]:
    """Newly published pledges and practices (matched by compacts, objectives and the owners'
    regions)."""
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
        regions: set[str] = set()
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


def accepted_progress_reports(
    since: datetime.datetime, until: datetime.datetime
) -> list[DigestItem]:
    """Accepted progress reports (matched by the pledge's compacts and objectives)."""
    reports = (
        ProgressReport.objects.public()
        .filter(accepted_at__gte=since, accepted_at__lt=until)
        .select_related("pledge")
        .prefetch_related("pledge__objectives")
        .order_by("accepted_at", "id")[:200]
    )
    return [
        DigestItem(
            title=report.pledge.title,
            url=report.pledge.get_absolute_url(),
            summary=f"{report.get_delivery_status_display()} · {report.percent_complete} %",
            date=report.accepted_at.date(),
            compacts=frozenset(o.compact for o in report.pledge.objectives.all()),
            objectives=frozenset(o.code for o in report.pledge.objectives.all()),
        )
        for report in reports
    ]


def new_publications(since: datetime.datetime, until: datetime.datetime) -> list[DigestItem]:
    """Newly generated publications, for subscribers interested in them."""
    publications = Publication.objects.filter(
        status=PublicationStatus.DONE, finished_at__gte=since, finished_at__lt=until
    ).order_by("finished_at", "id")[:50]
    return [
        DigestItem(
            title=p.title,
            url=reverse("publications:list"),
            date=p.finished_at.date() if p.finished_at else None,  # set: the query filters on it
        )
        for p in publications
    ]


FORUM_NOTICE = datetime.timedelta(days=30)


def upcoming_forums(since: datetime.datetime, until: datetime.datetime) -> list[DigestItem]:
    """Review forums coming up, for subscribers who want forum news. Each forum once: in the
    digest whose period contains the day 30 days before it opens."""
    compact_of: dict[str, str] = {ForumKind.IMRF: "GCM", ForumKind.GRF: "GCR"}
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


# Where the digest's news comes from: one source per section, in the order the digest shows them.
SOURCES: dict[str, DigestSource] = {
    "pledges": DigestSource(label=_("Newly published pledges and practices"), collect=new_pledges),
    "progress": DigestSource(
        label=_("Progress reported on pledges"), collect=accepted_progress_reports
    ),
    "publications": DigestSource(
        label=_("New publications"), collect=new_publications, interest="publications"
    ),
    "forums": DigestSource(
        label=_("Review forums coming up"), collect=upcoming_forums, interest="forum_news"
    ),
}


def collect_items(
    since: datetime.datetime, until: datetime.datetime
) -> dict[str, list[DigestItem]]:
    """Every source's items for the period, by source key (sources with nothing left out)."""
    found = {}
    for key, source in SOURCES.items():
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
    def of(cls, subscriber: Subscriber) -> "Interests":
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


class DigestSection(TypedDict):
    key: str  # of SOURCES
    label: "StrOrPromise"
    items: list[DigestItem]


def sections_for(
    subscriber: Subscriber, items_by_source: dict[str, list[DigestItem]]
) -> list[DigestSection]:
    """The digest of one subscriber: [{"label": …, "items": […]}], empty when nothing matches."""
    interests = Interests.of(subscriber)
    sections: list[DigestSection] = []
    for key, items in items_by_source.items():
        source = SOURCES[key]
        if source.interest is not None and source.interest not in interests.flags:
            continue
        matching = [item for item in items if interests.matches(item)]
        if matching:
            sections.append({"key": key, "label": source.label, "items": matching})
    return sections
