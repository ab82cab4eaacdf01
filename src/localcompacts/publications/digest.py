"""Newly generated publications in the newsletter digest, for subscribers interested in them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from localcompacts.newsletter.digest import DigestItem, register_source

from .models import Publication, PublicationStatus


@register_source(
    key="publications", label=_("New publications"), interest="publications", position=40
)
def new_publications(since, until):
    publications = Publication.objects.filter(
        status=PublicationStatus.DONE, finished_at__gte=since, finished_at__lt=until
    ).order_by("finished_at", "id")[:50]
    return [
        DigestItem(title=p.title, url=reverse("publications:list"), date=p.finished_at.date())
        for p in publications
    ]
