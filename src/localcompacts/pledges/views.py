from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from localcompacts.core.caching import public_cache, public_fragment

from .catalogue import CatalogueQuery
from .models import Pledge
from .pickers import pledge_suggestions
from .sections import pledge_page_sections
from .selectors import (
    catalogue_facets,
    pledge_catalogue_page,
    pledge_get_visible,
    pledge_matched_by_public,
    pledge_similar,
)

PAGE_SIZE = 20


def _active_filters(query: CatalogueQuery, labels: dict[tuple[str, str], str]) -> list[dict]:
    """Each chosen value, with the link that removes it (for the chips and the empty state)."""
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


@dataclass(frozen=True)
class RenderedResults:
    """The result list of one page of one query, as HTML, and the number of matches."""

    html: str
    count: int


@dataclass(frozen=True)
class RenderedFacets:
    """The facet groups of one filter set, as HTML, and the label of each (facet, value)."""

    html: str
    labels: dict


@public_cache
def catalogue(request):
    """The catalogue. Its result list (per query, sort and page) and its facet groups (per filter
    set: every page and order of a search shares them) are rendered once per language and change
    of public content, and kept; the page around them is rendered for each request. Most of a
    page's cost was building and rendering twelve facet groups (bench/README.md, Catalogue)."""
    query = CatalogueQuery.from_params(request.GET)
    query_string = urlencode(query.to_params())
    context = {"query": query, "query_string": query_string, "sorts": CatalogueQuery.sort_choices()}
    computed: dict = {}

    def results() -> RenderedResults:
        page, ids = pledge_catalogue_page(query, per_page=PAGE_SIZE)
        computed.update(page=page, ids=ids)
        html = render_to_string(
            "pledges/_results.html",
            {"page": page, "query": query, "query_string": query_string},
        )
        return RenderedResults(mark_safe(html), page.paginator.count)  # noqa: S308 — our template

    def facet_groups() -> RenderedFacets:
        facets = catalogue_facets(query, computed.get("ids"))
        computed["facets"] = facets
        html = render_to_string("pledges/_facets.html", {"facets": facets})
        labels = {(f.name, o.value): o.label for f in facets for o in f.options if o.selected}
        return RenderedFacets(mark_safe(html), labels)  # noqa: S308 — our template

    filters = urlencode(query.to_params(sort=""))
    shown = public_fragment(
        request, f"catalogue-results:{query.sort}:{query.page}:{filters}", results
    )
    facets = public_fragment(request, f"catalogue-facet-groups:{filters}", facet_groups)
    context.update(
        results=shown,
        facets_html=facets.html,
        active_filters=_active_filters(query, facets.labels),
        **computed,  # what was computed for this request (tests read it)
    )
    template = "pledges/catalogue.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    if request.htmx:
        # The address htmx shows: the canonical one (no empty or default parameter, none twice).
        pairs = query.to_params() + ([("page", str(query.page))] if query.page > 1 else [])
        response["HX-Push-Url"] = reverse("pledges:catalogue") + (
            "?" + urlencode(pairs) if pairs else ""
        )
    return response


@public_cache
def detail(request, pk: int, slug: str | None = None):
    """A pledge's page. Its body is the same for every anonymous visitor: rendered once per
    language and change of public content; signed-in people (who may see drafts) get it fresh."""
    found = Pledge.objects.visible_to(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    if slug != found.slug:
        return redirect(found.get_absolute_url(), permanent=True)
    api_url = f"/api/v1/pledges/{pk}"
    owners = list(found.owners.all())  # the page's title and sharing metadata name them

    def body() -> str:
        pledge = pledge_get_visible(pk=pk, user=request.user)
        context = {
            "pledge": pledge,
            "owners": owners,
            "matched_by": list(pledge_matched_by_public(pledge)),
            "similar": pledge_similar(pledge) if pledge.is_published else [],
            "permanent_url": settings.SITE_URL
            + reverse("pledges:detail-short", kwargs={"pk": pledge.pk}),
            "api_url": api_url,
        }
        context["sections"] = pledge_page_sections(pledge, request, context)
        return mark_safe(render_to_string("pledges/_detail_body.html", context))  # noqa: S308

    if request.user.is_authenticated:
        html = body()
    else:
        html = public_fragment(request, f"pledge-page:{pk}", body)
    return render(
        request,
        "pledges/detail.html",
        {"pledge": found, "owners": owners, "body": html, "api_url": api_url},
    )


def suggest(request):
    """Published pledges whose number or title matches what was typed: `<option>`s for the
    editor's "matches" picker (htmx swaps them into its datalist). Public: titles of published
    pledges only."""
    text = request.GET.get("matched_pledge") or request.GET.get("q") or ""
    return render(request, "pledges/_suggestions.html", {"options": pledge_suggestions(text)})
