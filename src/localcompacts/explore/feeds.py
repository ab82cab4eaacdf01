"""Atom feeds (django.contrib.syndication): the catalogue under any filters, a government, an
objective and one pledge's progress.

They live in explore because they combine pledges, progress and governments, like the public
pages they mirror; each feed reads the same selectors as its page. Entries are pledges (when
published) and accepted progress reports (when accepted), newest first.
"""

from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from localcompacts.compacts.models import Objective
from localcompacts.core.richtext import plain_text
from localcompacts.governments.models import LocalGovernment
from localcompacts.governments.selectors import government_get_public
from localcompacts.pledges.catalogue import CatalogueQuery
from localcompacts.pledges.models import Pledge
from localcompacts.pledges.selectors import pledge_catalogue
from localcompacts.progress.models import ProgressReport

FEED_SIZE = 50


def _progress_entries(pledges) -> list[ProgressReport]:
    return list(
        ProgressReport.objects.public()
        .filter(pledge__in=pledges.values("pk"))
        .select_related("pledge")
        .order_by("-accepted_at", "-id")[:FEED_SIZE]
    )


def _newest(pledges, with_progress: bool) -> list:
    items = list(pledges.order_by("-published_at", "-id")[:FEED_SIZE])
    if with_progress:
        items += _progress_entries(pledges)
    items.sort(key=_moment, reverse=True)
    return items[:FEED_SIZE]


def _moment(item):
    return item.accepted_at if isinstance(item, ProgressReport) else item.published_at


class PledgeFeedBase(Feed):
    """Entries for pledges and progress reports; subclasses choose the pledges."""

    feed_type = Atom1Feed
    with_progress = True

    def item_title(self, item) -> str:
        if isinstance(item, ProgressReport):
            return _("Progress on “%(title)s”: %(status)s (%(evidence)s)") % {
                "title": item.pledge.title,
                "status": item.get_delivery_status_display(),
                "evidence": item.get_evidence_level_display(),
            }
        return item.title

    def item_description(self, item) -> str:
        if isinstance(item, ProgressReport):
            return plain_text(item.narrative)
        return item.summary

    def item_link(self, item) -> str:
        if isinstance(item, ProgressReport):
            return reverse("progress:report-detail", args=[item.pk])
        return item.get_absolute_url()

    def item_guid(self, item) -> str:
        kind = "progress-report" if isinstance(item, ProgressReport) else "pledge"
        return f"{self.item_link(item)}#{kind}-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return _moment(item)

    def item_updateddate(self, item):
        if isinstance(item, ProgressReport):
            return item.verified_at or item.accepted_at
        return item.updated_at or item.published_at


class CatalogueFeed(PledgeFeedBase):
    """Newly published pledges matching the catalogue's filters (the query string, as on the
    catalogue page)."""

    with_progress = False

    def get_object(self, request):
        return request.GET.copy()

    def title(self, params) -> str:
        return _("Local Compacts: new pledges and practices")

    def link(self, params) -> str:
        query = CatalogueQuery.from_params(params).to_params()
        base = reverse("pledges:catalogue")
        return f"{base}?{urlencode(query)}" if query else base

    def subtitle(self, params) -> str:
        return _("Published pledges and practices matching the catalogue's filters.")

    def items(self, params):
        query = CatalogueQuery.from_params(params)
        return list(pledge_catalogue(query).order_by("-published_at", "-id")[:FEED_SIZE])


class GovernmentFeed(PledgeFeedBase):
    def get_object(self, request, slug: str):
        try:
            return government_get_public(slug=slug)
        except LocalGovernment.DoesNotExist:
            raise Http404 from None

    def title(self, government) -> str:
        return _("%(name)s: pledges and progress") % {"name": government.name}

    def link(self, government) -> str:
        return government.get_absolute_url()

    def subtitle(self, government) -> str:
        return _("Published pledges of %(name)s and their accepted progress reports.") % {
            "name": government.name
        }

    def items(self, government):
        return _newest(Pledge.objects.public().filter(owners=government).distinct(), True)


class ObjectiveFeed(PledgeFeedBase):
    def get_object(self, request, code: str):
        objective = Objective.objects.filter(code__iexact=code).first()
        if objective is None:
            raise Http404
        return objective

    def title(self, objective) -> str:
        return _("%(code)s · %(name)s: pledges and progress") % {
            "code": objective.code,
            "name": objective.name,
        }

    def link(self, objective) -> str:
        return f"{reverse('pledges:catalogue')}?objective={objective.code}"

    def subtitle(self, objective) -> str:
        return _("Published pledges for %(code)s and their accepted progress reports.") % {
            "code": objective.code
        }

    def items(self, objective):
        return _newest(Pledge.objects.public().filter(objectives=objective).distinct(), True)


class PledgeProgressFeed(PledgeFeedBase):
    def get_object(self, request, pk: int):
        pledge = Pledge.objects.public().filter(pk=pk).first()
        if pledge is None:
            raise Http404
        return pledge

    def title(self, pledge) -> str:
        return _("Progress on “%(title)s”") % {"title": pledge.title}

    def link(self, pledge) -> str:
        return pledge.get_absolute_url()

    def subtitle(self, pledge) -> str:
        return pledge.summary

    def items(self, pledge):
        return _progress_entries(Pledge.objects.filter(pk=pledge.pk))
