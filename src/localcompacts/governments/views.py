from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from localcompacts.core.caching import public_cache
from localcompacts.explore.geo import VIEWBOX, project
from localcompacts.pledges.selectors import pledge_list_public, public_pledge_counts_by_objective

from .models import EndorsementStatus, LocalGovernment
from .selectors import government_get_public, government_list_public


def government_list(request):
    paginator = Paginator(government_list_public(), 50)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "governments/list.html", {"page": page})


@public_cache
def government_detail(request, slug: str):
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
        "governments/detail.html",
        {
            "government": government,
            "pledges": [p for p in pledges if p.kind == "pledge"],
            "practices": [p for p in pledges if p.kind == "practice"],
            "endorsement": endorsement,
            "objective_counts": public_pledge_counts_by_objective(government),
            "location": location,
        },
    )
