"""Reads of pledges. The page, the API and the exports call the same functions."""

from django.db.models import Prefetch, Q, QuerySet

from localcompacts.governments.models import LocalGovernment

from .models import Indicator, Pledge


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
    )


def pledge_list_public() -> QuerySet[Pledge]:
    return with_public_relations(Pledge.objects.published()).order_by("-published_at", "-id")


def pledge_get_visible(*, pk: int, user) -> Pledge:
    """A pledge the user may see, or Pledge.DoesNotExist (shown as 404, never 403)."""
    return with_public_relations(Pledge.objects.visible_to(user)).get(pk=pk)


def pledge_catalogue(query) -> QuerySet[Pledge]:
    """Published pledges matching a `CatalogueQuery` (filters, search and sort), with relations.

    The one selector behind the catalogue page, the API list and the exports.
    """
    pledges = Pledge.objects.published()
    if query.compact:
        pledges = pledges.filter(objectives__compact__in=query.compact)
    for code in query.objective:  # each objective narrows (AND), as facet links add them
        if code.startswith("GCR-A"):
            pledges = pledges.filter(
                Q(refugee_support_areas__code=code) | Q(refugee_support_areas__parent__code=code)
            )
        else:
            pledges = pledges.filter(objectives__code=code)
    for code in query.sdg:
        pledges = pledges.filter(sdgs__code=code)
    if query.population:
        pledges = pledges.filter(population_groups__code__in=query.population)
    if query.kind:
        pledges = pledges.filter(kind__in=query.kind)
    if query.type:
        pledges = pledges.filter(pledge_type__in=query.type)
    if query.region:
        pledges = pledges.filter(
            Q(owners__country__subregion__code__in=query.region)
            | Q(owners__country__region__code__in=query.region)
        )
    if query.country:
        pledges = pledges.filter(owners__country__iso3__in=query.country)
    if query.forum:
        pledges = pledges.filter(announced_at__slug__in=query.forum)
    if query.year:
        pledges = pledges.filter(published_at__year__in=query.year)
    if query.q:
        from django.db.models import Q as _Q

        for word in query.q.split()[:10]:
            pledges = pledges.filter(
                _Q(title__icontains=word)
                | _Q(summary__icontains=word)
                | _Q(description__icontains=word)
            )
    # Joins on many-valued relations can repeat rows; keep each pledge once.
    pledges = Pledge.objects.filter(pk__in=pledges.values("pk"))
    order = {
        "newest": ("-published_at", "-id"),
        "relevance": ("-published_at", "-id"),
        "oldest": ("published_at", "id"),
        "title": ("title", "id"),
    }[query.sort]
    return with_public_relations(pledges).order_by(*order)


# --- Workspace (focal points and reviewers) -----------------------------------------------------

WORKSPACE_SORTS = {
    "oldest": ("submitted_at", "id"),
    "newest": ("-submitted_at", "-id"),
    "title": ("title", "id"),
}
REVIEW_STATUSES = ("submitted", "in_review", "changes_requested")


def _with_workspace_relations(queryset: QuerySet[Pledge]) -> QuerySet[Pledge]:
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


def _status_order():
    from django.db.models import Case, IntegerField, Value, When

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


def workspace_pledges(*, user) -> QuerySet[Pledge]:
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


def review_queue(*, status=(), country: str = "", q: str = "", kind: str = "", sort="oldest"):
    """Items for reviewers: by default what waits for them (submitted or in review)."""
    pledges = Pledge.objects.filter(status__in=status or ("submitted", "in_review"))
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


def pledge_for_workspace(*, pk: int, user) -> Pledge:
    """A pledge the person may see in the workspace, with what its page shows; DoesNotExist → 404."""
    return (
        with_public_relations(Pledge.objects.visible_to(user))
        .select_related("revision_of")
        .prefetch_related("attachments")
        .get(pk=pk)
    )


def pledge_comments(pledge: Pledge):
    return pledge.comments.select_related("author").order_by("created_at", "id")
