from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from localcompacts.pledges.selectors import pledge_list_public
from localcompacts.progress.selectors import government_reporting_record

from .models import EndorsementStatus, LocalGovernment
from .selectors import government_get_public, government_list_public


def government_list(request):
    paginator = Paginator(government_list_public(), 50)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "governments/list.html", {"page": page})


def government_detail(request, slug: str):
    try:
        government = government_get_public(slug=slug)
    except LocalGovernment.DoesNotExist:
        raise Http404 from None
    pledges = pledge_list_public().filter(owners=government)
    endorsement = (
        government.endorsements.filter(status=EndorsementStatus.VERIFIED)
        .order_by("signed_on")
        .first()
    )
    return render(
        request,
        "governments/detail.html",
        {
            "government": government,
            "pledges": pledges,
            "endorsement": endorsement,
            "record": government_reporting_record(government),
        },
    )
