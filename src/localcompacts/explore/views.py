import csv

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from localcompacts.core.caching import cached_while_unchanged, public_cache
from localcompacts.core.spreadsheets import csv_text as csv_cell
from localcompacts.governments.models import EndorsementStatus, LocalGovernment
from localcompacts.governments.permissions import can_endorse
from localcompacts.governments.selectors import government_get_public, government_list_public
from localcompacts.pledges.catalogue import CatalogueQuery
from localcompacts.pledges.selectors import (
    catalogue_facets,
    pledge_list_public,
    public_pledge_counts_by_objective,
    with_published_pledge_counts,
)
from localcompacts.progress.selectors import government_reporting_record

from .charts import bar_chart
from .geo import VIEWBOX, project
from .selectors import STATISTICS, governments_map, headline_figures, map_markers


def all_statistics() -> dict:
    """Every statistic's rows, computed once per change of public content (and worker process),
    so the page stays cheap on a large catalogue."""
    return cached_while_unchanged(
        "statistics", lambda: {key: rows() for key, (_, rows) in STATISTICS.items()}
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
    every = all_statistics()
    charts = [
        bar_chart(name=name, title=str(title), rows=every[name])
        for name, (title, _) in STATISTICS.items()
    ]
    from localcompacts.progress.selectors import progress_statistics

    return render(
        request, "explore/statistics.html", {"charts": charts, "stats": progress_statistics()}
    )


@public_cache
def statistics_csv(request, name: str):
    if name not in STATISTICS:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="localcompacts-{slugify(name)}.csv"'
    writer = csv.writer(response)
    writer.writerow(["code", "label", "count"])
    for row in all_statistics()[name]:
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
        raise Http404 from None
    pledges = list(pledge_list_public().filter(owners=government))
    endorsement = (
        government.endorsements.filter(status=EndorsementStatus.VERIFIED)
        .order_by("signed_on")
        .first()
    )
    location = None
    if government.latitude is not None and government.longitude is not None:
        x, y = project(government.latitude, government.longitude)
        location = {"x": x, "y": y, "viewbox": VIEWBOX}
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
        },
    )
