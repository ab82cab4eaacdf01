"""Reads of pledges. The page, the API and the exports call the same functions."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from localcompacts.accounts.models import User
from localcompacts.compacts.models import Objective
from localcompacts.core.caching import cached_while_unchanged
from localcompacts.core.figures import public_figure
from localcompacts.core.models import StateTransition
from localcompacts.core.people import Person
from localcompacts.forums.models import ReviewForum
from localcompacts.governments.models import LocalGovernment

from . import search
from .catalogue import CatalogueQuery
from .facets import FacetList, Ids, catalogue_facet_declarations
from .models import (
    Indicator,
    Pledge,
    PledgeComment,
    PledgeKind,
    PledgeOwner,
    PledgeStatus,
    public_q,
    submitted_once_q,
)
from .quality import pledge_quality

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class WorkspaceCounts(TypedDict):
    """What the workspace lists add to each pledge, for its quality checklist."""

    measurable_indicators: int
    population_group_count: int


class PledgeCount(TypedDict):
    count: int


def with_public_relations(queryset: QuerySet[Pledge]) -> QuerySet[Pledge]:
    """Everything a pledge card or page shows, fetched in a constant number of queries."""
    return queryset.select_related("announced_at", "matches").prefetch_related(
        Prefetch(
            "owners",
            queryset=LocalGovernment.objects.select_related("country__subregion").order_by("name"),
        ),
        "objectives",
        "sdgs",
        "population_groups",
        "guiding_principles",
        "refugee_support_areas",
        Prefetch("indicators", queryset=Indicator.objects.order_by("position", "id")),
        "translations",
    )


def with_card_relations(queryset: QuerySet[Pledge]) -> QuerySet[Pledge]:
    """What a pledge card (`pledges/_card.html`) shows: its owners' names and its objectives."""
    return queryset.prefetch_related(
        Prefetch("owners", queryset=LocalGovernment.objects.order_by("name")),
        "objectives",
        "translations",  # the reader's language, when the owners translated the pledge
    )


def pledge_list_public() -> QuerySet[Pledge]:
    return with_public_relations(Pledge.objects.public()).order_by("-published_at", "-id")


def pledge_get_visible(*, pk: int, user: Person | AnonymousUser | None) -> Pledge:
    """A pledge the user may see, or Pledge.DoesNotExist (shown as 404, never 403)."""
    return with_public_relations(Pledge.objects.visible_to(user)).get(pk=pk)


def pledge_catalogue_ids(query: CatalogueQuery) -> QuerySet[Pledge, Any]:
    """The primary keys of the published pledges matching a `CatalogueQuery`'s filters and text.

    Each pledge once, unordered: a subquery for the result list, the facets, the map and exports
    (its rows are {"pk": id}).
    """
    return _matching(query).values("pk")


def _matching(query: CatalogueQuery) -> QuerySet[Pledge]:
    pledges: QuerySet[Pledge] = Pledge.objects.public()
    for facet in catalogue_facet_declarations():
        if query.chosen[facet.name]:
            pledges = facet.filter(pledges, query.chosen[facet.name])
    if query.q:
        pledges = search.matching(pledges, query.q)
    return pledges


SORT_ORDERS = {
    "newest": ("-published_at", "-id"),
    "relevance": ("-published_at", "-id"),  # without search words
    "oldest": ("published_at", "id"),
    "title": ("title", "id"),
}


def pledge_catalogue(query: CatalogueQuery) -> QuerySet[Pledge]:
    """Published pledges matching a `CatalogueQuery` (filters, search and sort), with relations.

    The one selector behind the catalogue page, the API list and the exports. With a search text
    and the relevance order, pledges are ranked by full-text relevance (title matches first).
    """
    pledges: QuerySet[Pledge]
    if any(query.chosen[facet.name] for facet in catalogue_facet_declarations() if facet.joins):
        pledges = Pledge.objects.filter(pk__in=pledge_catalogue_ids(query))  # each pledge once
    else:
        # Filtered in place, so the database can walk the (status, published_at) index for the
        # newest twenty instead of sorting every match.
        pledges = _matching(query)
    sort = query.sort if query.sort in SORT_ORDERS else ("relevance" if query.q else "newest")
    order: tuple[str, ...]
    if sort == "relevance" and search.terms(query.q):
        pledges = search.ranked(pledges, query.q)
        order = ("-search_rank", "-published_at", "-id")
    else:
        order = SORT_ORDERS[sort]
    return with_public_relations(pledges).order_by(*order)


# Up to this many matches, their ordered ids are read once per page view and serve the count, the
# page and every facet; above it, the database counts and slices and the facets take a subquery.
MATERIALISE_UP_TO = 5000


def pledge_catalogue_page(query: CatalogueQuery, *, per_page: int) -> tuple[Page[Pledge], Ids]:
    """One page of the catalogue and the ids of every matching pledge (for the facets).

    A filtered search usually matches a few hundred pledges: reading their ordered ids once makes
    the full-text search and the filters run once per page view instead of once for the count,
    once for the page and once more for the facets. The whole catalogue (no filter) is counted
    once per change of public content.
    """
    ordered = pledge_catalogue(query)
    if query.is_filtered:
        found = list(
            ordered.prefetch_related(None).values_list("pk", flat=True)[: MATERIALISE_UP_TO + 1]
        )
        if len(found) <= MATERIALISE_UP_TO:
            # A page of ids, whose object list then becomes their pledges (in the same order).
            page: Page[Any] = Paginator(found, per_page).get_page(query.page)
            pledges = with_card_relations(Pledge.objects.filter(pk__in=page.object_list))
            by_pk = {pledge.pk: pledge for pledge in pledges}
            page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
            return page, found
    paginator = Paginator(with_card_relations(ordered.prefetch_related(None)), per_page)
    if query.is_filtered:
        paginator.count = cached_while_unchanged(catalogue_cache_key(query, "count"), ordered.count)
    else:
        paginator.count = public_figure("pledges.catalogue-count")
    return paginator.get_page(query.page), pledge_catalogue_ids(query)


def catalogue_cache_key(query: CatalogueQuery, part: str) -> str:
    """Counting a large result set (the whole catalogue, one broad facet) takes the database a
    while, so its count and facets are kept per filter set while public content is unchanged."""
    from django.utils.http import urlencode

    return f"catalogue-{part}:{urlencode(query.to_params(sort=''))}"


# --- Workspace (focal points and reviewers) -----------------------------------------------------

WORKSPACE_SORTS = {
    "oldest": ("submitted_at", "id"),
    "newest": ("-submitted_at", "-id"),
    "title": ("title", "id"),
}
REVIEW_STATUSES = ("submitted", "in_review", "changes_requested")


def _with_workspace_relations(
    queryset: QuerySet[Pledge],
) -> QuerySet[WithAnnotations[Pledge, WorkspaceCounts]]:
    from django.db.models import Count

    return queryset.prefetch_related(
        Prefetch(
            "owners",
            queryset=LocalGovernment.objects.select_related("country").order_by("name"),
        ),
    ).annotate(
        measurable_indicators=Count("indicators", filter=Q(indicators__unit__gt=""), distinct=True),
        population_group_count=Count("population_groups", distinct=True),
    )


def _status_order() -> Case:
    from django.db.models import Case, Value, When

    from .models import PledgeStatus

    order = [
        PledgeStatus.CHANGES_REQUESTED,
        PledgeStatus.DRAFT,
        PledgeStatus.SUBMITTED,
        PledgeStatus.IN_REVIEW,
        PledgeStatus.PUBLISHED,
        PledgeStatus.DECLINED,
        PledgeStatus.WITHDRAWN,
    ]
    return Case(
        *[When(status=status, then=Value(i)) for i, status in enumerate(order)],
        output_field=IntegerField(),
    )


def workspace_pledges(*, user: Person) -> QuerySet[Pledge]:
    """The pledges of the governments a focal point acts for (proposed changes shown on their
    published pledge, not as rows of their own), ordered by status then last change."""
    from django.db.models import OuterRef, Subquery

    open_revision = Pledge.objects.filter(revision_of=OuterRef("pk")).exclude(
        status__in=["published", "declined", "withdrawn"]
    )
    return (
        _with_workspace_relations(
            Pledge.objects.filter(
                pk__in=Pledge.objects.owned_by_user(user).values("pk"), revision_of__isnull=True
            )
        )
        .annotate(
            revision_id=Subquery(open_revision.values("pk")[:1]),
            revision_status=Subquery(open_revision.values("status")[:1]),
        )
        .annotate(status_order=_status_order())
        .order_by("status_order", "-updated_at")
    )


def review_queue(
    *,
    status: Sequence[str] = (),
    country: str = "",
    q: str = "",
    kind: str = "",
    sort: str = "oldest",
) -> QuerySet[WithAnnotations[Pledge, WorkspaceCounts]]:
    """Items for reviewers: by default what waits for them (submitted or in review); never a draft
    that was not submitted, whatever the status filter asks."""
    pledges = Pledge.objects.filter(
        submitted_once_q(), status__in=status or ("submitted", "in_review")
    )
    if country:
        pledges = pledges.filter(owners__country__iso3=country)
    if kind:
        pledges = pledges.filter(kind=kind)
    if q:
        pledges = pledges.filter(Q(title__icontains=q) | Q(owners__name__icontains=q))
    pledges = Pledge.objects.filter(pk__in=pledges.values("pk")).select_related("revision_of")
    return _with_workspace_relations(pledges).order_by(
        *WORKSPACE_SORTS.get(sort, WORKSPACE_SORTS["oldest"])
    )


def review_queue_page(*, limit: int, flagged: bool = False, **filters: Any) -> list[Pledge]:
    """The first `limit` items of `review_queue(**filters)`, each with its quality checklist
    (`.quality`). With `flagged`, only items whose checklist finds a problem, filtered before the
    cut: a flagged pledge is listed wherever it stands in the queue."""
    queue = review_queue(**filters)
    page: list[Pledge] = []
    for pledge in queue.iterator(chunk_size=limit) if flagged else queue[:limit]:
        quality = pledge_quality(
            pledge,
            indicators=pledge.measurable_indicators,
            population_groups=pledge.population_group_count,
        )
        pledge.quality = quality  # type: ignore[attr-defined]  # the checklist, for the list
        if quality or not flagged:
            page.append(pledge)
            if len(page) == limit:
                break
    return page


def pledge_for_workspace(*, pk: int, user: Person) -> Pledge:
    """A pledge the person may see in the workspace, with what its page shows; DoesNotExist → 404."""
    return (
        with_public_relations(Pledge.objects.visible_to(user))
        .select_related("revision_of")
        .prefetch_related("attachments")
        .get(pk=pk)
    )


def change_request_of(pledge: Pledge) -> StateTransition | None:
    """The reviewer's request (a `StateTransition` with its comment and actor) that sent the pledge
    back, while it waits for changes; None otherwise."""
    from localcompacts.core.workflow import transitions_of

    if pledge.status != PledgeStatus.CHANGES_REQUESTED:
        return None
    return transitions_of(pledge).filter(action="request_changes").order_by("-id").first()


@dataclass(frozen=True)
class ThreadEntry:
    """A comment, or a reviewer's change request, in a pledge's thread."""

    author: User | None
    created_at: datetime.datetime
    body: str
    is_change_request: bool


def pledge_thread(pledge: Pledge) -> list[ThreadEntry]:
    """The comment thread with the reviewers' change requests in it, oldest first: a request is a
    comment the owners must answer, not only a line in the timeline."""
    from localcompacts.core.workflow import transitions_of

    entries = [
        ThreadEntry(
            author=comment.author,
            created_at=comment.created_at,
            body=comment.body,
            is_change_request=False,
        )
        for comment in pledge_comments(pledge)
    ]
    entries += [
        ThreadEntry(
            author=step.actor, created_at=step.created_at, body=step.comment, is_change_request=True
        )
        for step in transitions_of(pledge).filter(action="request_changes").exclude(comment="")
    ]
    return sorted(entries, key=lambda entry: entry.created_at)


def pledge_comments(pledge: Pledge) -> QuerySet[PledgeComment]:
    return pledge.comments.select_related("author").order_by("created_at", "id")


def pledge_matched_by_public(pledge: Pledge) -> QuerySet[Pledge]:
    """Published pledges that say they match `pledge`."""
    return (
        Pledge.objects.public()
        .filter(matches=pledge)
        .prefetch_related(Prefetch("owners", queryset=LocalGovernment.objects.order_by("name")))
        .order_by("-published_at", "-id")
    )


def pledge_similar(pledge: Pledge, *, limit: int = 4) -> list[Pledge]:
    """Published pledges for peer learning: sharing objectives, then with similar words.

    Candidates are the newest pledges sharing an objective and the best full-text matches of the
    title's words (both bounded, so the cost does not grow with the catalogue); they are scored
    2 × (objectives in common) + (1 if the text matches), in a constant number of queries.
    """
    objective_ids = [objective.pk for objective in pledge.objectives.all()]
    title_words = " ".join(word for word in search.terms(pledge.title) if len(word) > 3)
    text_ids = [pk for pk in search.top_ids(title_words, limit=40) if pk != pledge.pk]
    # The newest taggings with any of its objectives: read backwards from the end of the table,
    # so the cost stays the same on a large catalogue.
    sharing = list(
        Pledge.objectives.through.objects.filter(objective_id__in=objective_ids)
        .exclude(pledge_id=pledge.pk)
        .order_by("-id")
        .values_list("pledge_id", flat=True)[:300]
    )
    candidates = (
        Pledge.objects.public()
        .filter(pk__in=set(sharing) | set(text_ids))
        .annotate(
            shared=Count("objectives", filter=Q(objectives__in=objective_ids), distinct=True),
            text=Case(When(pk__in=text_ids, then=Value(1)), default=Value(0)),
        )
        .annotate(score=Value(2) * F("shared") + F("text"))
    )
    return list(
        candidates.order_by("-score", "-published_at", "-id").prefetch_related(
            Prefetch("owners", queryset=LocalGovernment.objects.order_by("name")), "objectives"
        )[:limit]
    )


def public_pledge_counts_by_objective(
    government: LocalGovernment,
) -> list[WithAnnotations[Objective, PledgeCount]]:
    """How many of a government's published pledges address each objective (non-zero only), as
    each objective's `count`."""
    return list(
        Objective.objects.filter(pledges__status=PledgeStatus.PUBLISHED, pledges__owners=government)
        .annotate(count=Count("pledges", distinct=True))
        .order_by("compact", "number")
    )


# --- Pledges per government (the government pages and the API; governments sit below pledges) -----


def with_published_pledge_counts(
    governments: QuerySet[LocalGovernment],
) -> QuerySet[LocalGovernment]:
    """Annotate each government with `published_pledges`: its published pledges and practices."""
    return governments.annotate(
        published_pledges=Count("pledges", filter=Q(pledges__status=PledgeStatus.PUBLISHED))
    )


def government_pledge_counts(*, government: LocalGovernment) -> dict[str, int]:
    """Published pledges and practices of one government, by kind."""
    counts = dict(
        Pledge.objects.published()
        .filter(owners=government)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {kind.value: counts.get(kind.value, 0) for kind in PledgeKind}


def catalogue_facets(query: CatalogueQuery, ids: Ids | None = None) -> list[FacetList]:
    """Every facet's option lists with counts for the pledges matching `query`.

    `ids` are the matching pledges' ids when the caller has them (a list, see
    `selectors.pledge_catalogue_page`), else a subquery is used. The whole catalogue's counts are
    a figure the worker keeps (`core.figures`); counts over another large result set (a broad
    filter) are computed once per filter set and change of public content (and process).
    """
    if not query.is_filtered:
        whole_catalogue: list[FacetList] = public_figure("pledges.catalogue-facets")
        return whole_catalogue
    if ids is None:
        ids = pledge_catalogue_ids(query)
        few = list(ids.values_list("pk", flat=True)[: MATERIALISE_UP_TO + 1])
        if len(few) <= MATERIALISE_UP_TO:
            ids = few
    if isinstance(ids, list):
        return _facet_lists(query, ids)
    whole: Ids = ids
    facets: list[FacetList] = cached_while_unchanged(
        catalogue_cache_key(query, "facets"), lambda: _facet_lists(query, whole)
    )
    return facets


def _facet_lists(query: CatalogueQuery, ids: Ids) -> list[FacetList]:
    return [
        panel.shown(facet.name, ids, query.chosen[facet.name])
        for facet in catalogue_facet_declarations()
        for panel in facet.option_lists()
    ]


def whole_catalogue_facets() -> list[FacetList]:
    """The option lists with counts over every published pledge (a figure: see pledges.apps)."""
    query = CatalogueQuery()
    return _facet_lists(query, pledge_catalogue_ids(query))


def whole_catalogue_count() -> int:
    """The number of published pledges and practices the catalogue lists (a figure)."""
    return pledge_catalogue(CatalogueQuery()).count()


# --- Pledges announced at review forums (the forum pages and the API; forums sit below pledges) ---


@dataclass(frozen=True)
class AnnouncedPledges:
    """The public pledges and practices announced at one forum, and who announced them."""

    pledges: int
    governments: int
    countries: int


def with_announced_pledge_counts(forums: QuerySet[ReviewForum]) -> QuerySet[ReviewForum]:
    """Annotate each forum with `pledge_count`: the public pledges and practices announced there."""
    return forums.annotate(pledge_count=Count("pledges", filter=public_q("pledges"), distinct=True))


def announced_pledges(forum: ReviewForum) -> AnnouncedPledges:
    """How many public pledges were announced at a forum, by how many governments of how many
    countries (2 queries)."""
    pledges = Pledge.objects.public().filter(announced_at=forum)
    owners = PledgeOwner.objects.filter(pledge__in=pledges).aggregate(
        governments=Count("government", distinct=True),
        countries=Count("government__country", distinct=True),
    )
    return AnnouncedPledges(
        pledges=pledges.count(),
        governments=owners["governments"],
        countries=owners["countries"],
    )


def pledges_announced_at(forum: ReviewForum, *, limit: int = 30) -> list[Pledge]:
    return list(pledge_list_public().filter(announced_at=forum)[:limit])


def announced_pledge_counts(government: LocalGovernment) -> dict[int, int]:
    """A government's public pledges per forum they were announced at: {forum id: count}."""
    rows = (
        Pledge.objects.public()
        .filter(owners=government, announced_at__isnull=False)
        .values("announced_at")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["announced_at"]: row["n"] for row in rows}
