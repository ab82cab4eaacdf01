"""What the current page offers to follow (rendered by base.html under the page's content).

A context processor, not the pages' templates: the pledge page and the catalogue belong to apps
below newsletter and must not know about following."""

from django.utils.translation import gettext as _

from .models import FollowKind
from .services.follows import normalise_search


def follow_targets(request) -> dict:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {}
    name, kwargs = match.view_name, match.kwargs
    targets = []
    if name == "pledges:detail":
        targets.append(
            {"kind": FollowKind.PLEDGE, "value": kwargs["pk"], "label": _("Follow this pledge")}
        )
    elif name == "governments:detail":
        targets.append(
            {
                "kind": FollowKind.GOVERNMENT,
                "value": kwargs["slug"],
                "label": _("Follow this government"),
            }
        )
    elif name == "pledges:catalogue":
        objectives = request.GET.getlist("objective")
        if len(objectives) == 1:
            targets.append(
                {
                    "kind": FollowKind.OBJECTIVE,
                    "value": objectives[0],
                    "label": _("Follow %(code)s") % {"code": objectives[0]},
                }
            )
        search = normalise_search(request.GET.urlencode())
        if search:
            targets.append(
                {"kind": FollowKind.SEARCH, "value": search, "label": _("Follow this search")}
            )
    return {"follow_targets": targets}
