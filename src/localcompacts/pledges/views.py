from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from .models import Pledge
from .selectors import pledge_get_visible, pledge_list_public

PAGE_SIZE = 20


def catalogue(request):
    paginator = Paginator(pledge_list_public(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "pledges/catalogue.html", {"page": page})


def detail(request, pk: int, slug: str | None = None):
    try:
        pledge = pledge_get_visible(pk=pk, user=request.user)
    except Pledge.DoesNotExist:
        raise Http404 from None
    if slug != pledge.slug:
        return redirect(pledge.get_absolute_url(), permanent=True)
    return render(request, "pledges/detail.html", {"pledge": pledge})
