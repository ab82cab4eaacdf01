import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from localcompacts.core.caching import cached_while_unchanged, public_cache
from localcompacts.core.spreadsheets import csv_text as csv_cell
from localcompacts.pledges.catalogue import CatalogueQuery
from localcompacts.pledges.facets import catalogue_facets

from .charts import bar_chart
from .geo import VIEWBOX
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
