"""`<link rel="alternate" type="application/atom+xml">` for the pages that have a feed.

A context processor rather than each page's template, because the pledge page belongs to the
pledges app, below the feeds (explore); the feeds are chosen here from the page's URL name."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _


def alternate_feeds(request) -> dict:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {}
    name, kwargs = match.view_name, match.kwargs
    feeds = []
    if name == "pledges:detail":
        feeds.append(
            (_("Progress of this pledge"), reverse("explore:feed-pledge", args=[kwargs["pk"]]))
        )
    elif name == "governments:detail":
        feeds.append(
            (
                _("Pledges and progress of this government"),
                reverse("explore:feed-government", args=[kwargs["slug"]]),
            )
        )
    elif name == "pledges:catalogue":
        pairs = [(key, value) for key, value in request.GET.items() if key != "page"]
        url = reverse("explore:feed-catalogue")
        feeds.append(
            (_("New pledges matching these filters"), f"{url}?{urlencode(pairs)}" if pairs else url)
        )
        objectives = request.GET.getlist("objective")
        if len(objectives) == 1:
            feeds.append(
                (
                    _("Pledges and progress for %(code)s") % {"code": objectives[0]},
                    reverse("explore:feed-objective", args=[objectives[0]]),
                )
            )
    elif name in ("explore:home", "explore:statistics"):
        feeds.append((_("New pledges and practices"), reverse("explore:feed-catalogue")))
    return {"alternate_feeds": feeds}
