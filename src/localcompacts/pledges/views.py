from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import urlencode

from .catalogue import CatalogueQuery
from .models import Pledge
from .selectors import pledge_catalogue, pledge_get_visible

PAGE_SIZE = 20


def catalogue(request):
    query = CatalogueQuery.from_params(request.GET)
    paginator = Paginator(pledge_catalogue(query), PAGE_SIZE)
    page = paginator.get_page(query.page)
    return render(
        request,
        "pledges/catalogue.html",
        {"page": page, "query": query, "query_string": urlencode(query.to_params())},
    )


def detail(request, pk: int, slug: str | None = None):
    try:
        pledge = pledge_get_visible(pk=pk, user=request.user)
    except Pledge.DoesNotExist:
        raise Http404 from None
    if slug != pledge.slug:
        return redirect(pledge.get_absolute_url(), permanent=True)
    from localcompacts.progress.selectors import pledge_progress

    context = {
        "pledge": pledge,
        "progress": pledge_progress(pledge) if pledge.is_published else None,
    }
    return render(request, "pledges/detail.html", context)
