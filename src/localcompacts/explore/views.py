import csv

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from localcompacts.core.caching import public_cache, public_fragment
from localcompacts.core.spreadsheets import csv_text as csv_cell
from localcompacts.forums.forms import CompareForm
from localcompacts.forums.models import ForumKind, ReviewForum
from localcompacts.forums.permissions import can_manage_forums
from localcompacts.forums.selectors import (
    forum_delegations,
    forum_get_public,
    forum_list_public,
    forum_outcomes,
    forum_programme,
)
from localcompacts.governments.models import EndorsementStatus, LocalGovernment
from localcompacts.governments.permissions import can_endorse
from localcompacts.governments.selectors import (
    government_get_public,
    government_list_public,
    government_renamed_from,
)
from localcompacts.pledges.catalogue import CatalogueQuery
from localcompacts.pledges.models import Pledge
from localcompacts.pledges.selectors import (
    catalogue_facets,
    pledge_list_public,
    pledges_announced_at,
    public_pledge_counts_by_objective,
    with_announced_pledge_counts,
    with_published_pledge_counts,
)
from localcompacts.progress.selectors import (
    delivery_of,
    government_reporting_record,
    traffic_lights_for,
)

from .charts import bar_chart
from .forum_charts import stacked_bars
from .forum_selectors import (
    forum_comparison,
    forum_figures,
    forum_pledges_matched,
    government_forum_participation,
)
from .geo import VIEWBOX, regional_map
from .selectors import (
    STATISTICS,
    all_statistics,
    governments_map,
    headline_figures,
    map_markers,
)


@public_cache
def home(request):
    return render(request, "explore/home.html", {"figures": headline_figures()})


@public_cache
def world_map(request):
    query = CatalogueQuery.from_params(request.GET)
    world = governments_map(query)
    chosen = request.GET.get("government", "")[:100]
    selected = next((m for m in world.markers if m.slug == chosen), None)
    if chosen and selected is None:  # a government beyond the ones drawn
        selected = next(iter(map_markers(query, slugs=[chosen])), None)
    return render(
        request,
        "explore/map.html",
        {
            "query": query,
            "facets": catalogue_facets(query),
            "markers": world.markers,
            "world": world,
            "selected": selected,
            "viewbox": VIEWBOX,
            "filter_params": query.to_params(),
        },
    )


@public_cache
def statistics(request):
    """The charts and tables are the same for every visitor: rendered once per language and change
    of public content (formatting a thousand numbers cost more than computing them)."""

    def figures() -> str:
        every = all_statistics()
        charts = [
            bar_chart(name=name, title=str(title), rows=every["rows"][name])
            for name, (title, _) in STATISTICS.items()
        ]
        html = render_to_string(
            "explore/_statistics_figures.html",
            {"charts": charts, "stats": every["progress"], "matching_stats": every["matching"]},
        )
        return mark_safe(html)  # noqa: S308 — our own template's output

    return render(
        request,
        "explore/statistics.html",
        {
            "charts": [(name, str(title)) for name, (title, _) in STATISTICS.items()],
            "figures": public_fragment(request, "statistics-page", figures),
        },
    )


@public_cache
def statistics_csv(request, name: str):
    if name not in STATISTICS:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="localcompacts-{slugify(name)}.csv"'
    writer = csv.writer(response)
    writer.writerow(["code", "label", "count"])
    for row in all_statistics()["rows"][name]:
        writer.writerow([csv_cell(row.key), csv_cell(row.label), row.value])
    return response


# --- Government pages (/governments/, URL names `governments:…`) ----------------------------------


def government_list(request):
    paginator = Paginator(with_published_pledge_counts(government_list_public()), 50)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "explore/government_list.html", {"page": page})


@public_cache
def government_detail(request, slug: str):
    """A government's profile: its place on the map, declaration endorsement, reporting record,
    pledges and practices, and forum participation (explore/government_detail.html)."""
    try:
        government = government_get_public(slug=slug)
    except LocalGovernment.DoesNotExist:
        renamed = government_renamed_from(slug=slug)
        if renamed is None:
            raise Http404 from None
        return redirect(renamed.get_absolute_url(), permanent=True)
    pledges = list(pledge_list_public().filter(owners=government))
    lights = traffic_lights_for(pledge.pk for pledge in pledges)
    for pledge in pledges:
        pledge.traffic_light = lights.get(pledge.pk)  # type: ignore[attr-defined]  # for the cards
    endorsement = (
        government.endorsements.filter(status=EndorsementStatus.VERIFIED)
        .order_by("signed_on")
        .first()
    )
    location = None
    if government.latitude is not None and government.longitude is not None:
        location = regional_map(government.latitude, government.longitude)
    return render(
        request,
        "explore/government_detail.html",
        {
            "government": government,
            "pledges": [p for p in pledges if p.kind == "pledge"],
            "practices": [p for p in pledges if p.kind == "practice"],
            "endorsement": endorsement,
            "can_endorse": endorsement is None and can_endorse(request.user, government),
            "record": government_reporting_record(government),
            "objective_counts": public_pledge_counts_by_objective(government),
            "location": location,
            "participation": government_forum_participation(government),
        },
    )


# --- Review forum pages (/forums/, URL names `forums:…`) ----------------------------------------


def _forum_or_404(slug: str) -> ReviewForum:
    try:
        return forum_get_public(slug=slug)
    except ReviewForum.DoesNotExist:
        raise Http404 from None


def forum_list(request):
    forums = with_announced_pledge_counts(forum_list_public())
    return render(request, "explore/forum_list.html", {"forums": forums})


def forum_detail(request, slug: str):
    """A forum's page: its figures, programme, delegations, outcome texts and the pledges
    announced there (explore/forum_detail.html)."""
    forum = _forum_or_404(slug)
    figures = forum_figures(forum)
    chart = stacked_bars(
        [(row["label"], row["with_local"], row["total"]) for row in figures.sessions_by_type]
    )
    return render(
        request,
        "explore/forum_detail.html",
        {
            "forum": forum,
            "figures": figures,
            "chart": chart,
            "programme": forum_programme(forum),
            "delegations": forum_delegations(forum),
            "outcomes": forum_outcomes(forum),
            "pledges": pledges_announced_at(forum),
            "delivery": delivery_of(Pledge.objects.filter(announced_at=forum)),
            "pledges_matched": forum_pledges_matched(forum),
            "can_manage": can_manage_forums(request.user),
        },
    )


def forum_compare(request):
    forums = list(ReviewForum.objects.order_by("start_date"))
    form = CompareForm(request.GET or None, forums=forums)
    chosen = []
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["forum"]
    if not chosen:
        chosen = [f.slug for f in forums if f.kind == ForumKind.IMRF]
        form = CompareForm(initial={"forum": chosen}, forums=forums)
    selected = [f for f in forums if f.slug in chosen]
    rows = forum_comparison(selected)
    chart = stacked_bars(
        [
            (forum.name, figures.official_sessions_with_local_speaker, figures.official_sessions)
            for forum, figures in rows
        ]
    )
    return render(
        request, "explore/forum_compare.html", {"form": form, "rows": rows, "chart": chart}
    )
