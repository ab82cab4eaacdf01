from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from localcompacts.core.caching import public_cache

from .catalogue import CatalogueQuery
from .models import Pledge
from .sections import pledge_page_sections
from .selectors import (
    catalogue_facets,
    pledge_catalogue_page,
    pledge_get_visible,
    pledge_matched_by_public,
    pledge_similar,
)

PAGE_SIZE = 20


def _active_filters(query: CatalogueQuery, facets) -> list[dict]:
    """Each chosen value, with the link that removes it (for the chips and the empty state)."""
    labels = {(f.name, o.value): o.label for f in facets for o in f.options}
    active = []
    if query.q:
        active.append({"label": f"“{query.q}”", "url": "?" + urlencode(query.to_params(q=""))})
    for name in query.MULTI:
        for value in getattr(query, name):
            remaining = [v for v in getattr(query, name) if v != value]
            active.append(
                {
                    "label": labels.get((name, str(value)), str(value)),
                    "url": "?" + urlencode(query.to_params(**{name: remaining})),
                }
            )
    return active


@public_cache
def catalogue(request):
    query = CatalogueQuery.from_params(request.GET)
    page, ids = pledge_catalogue_page(query, per_page=PAGE_SIZE)
    facets = catalogue_facets(query, ids)
    context = {
        "page": page,
        "query": query,
        "facets": facets,
        "active_filters": _active_filters(query, facets),
        "query_string": urlencode(query.to_params()),
        "sorts": CatalogueQuery.sort_choices(),
    }
    template = "pledges/catalogue.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


@public_cache
def detail(request, pk: int, slug: str | None = None):
    try:
        pledge = pledge_get_visible(pk=pk, user=request.user)
    except Pledge.DoesNotExist:
        raise Http404 from None
    if slug != pledge.slug:
        return redirect(pledge.get_absolute_url(), permanent=True)
    owners = list(pledge.owners.all())
    context = {
        "pledge": pledge,
        "owners": owners,
        "matched_by": list(pledge_matched_by_public(pledge)),
        "similar": pledge_similar(pledge) if pledge.is_published else [],
        "permanent_url": settings.SITE_URL
        + reverse("pledges:detail-short", kwargs={"pk": pledge.pk}),
        "api_url": f"/api/v1/pledges/{pledge.pk}",
    }
    context["sections"] = pledge_page_sections(pledge, request, context)
    return render(request, "pledges/detail.html", context)
