"""Newly generated publications in the newsletter digest, for subscribers interested in them;
registered from `PublicationsConfig.ready()`."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from localcompacts.newsletter.digest import DigestItem, DigestSource

from .models import Publication, PublicationStatus


def new_publications(since, until) -> list[DigestItem]:
    publications = Publication.objects.filter(
        status=PublicationStatus.DONE, finished_at__gte=since, finished_at__lt=until
    ).order_by("finished_at", "id")[:50]
    return [
        DigestItem(title=p.title, url=reverse("publications:list"), date=p.finished_at.date())
        for p in publications
    ]


NEW_PUBLICATIONS = DigestSource(
    label=_("New publications"), collect=new_publications, interest="publications"
)
