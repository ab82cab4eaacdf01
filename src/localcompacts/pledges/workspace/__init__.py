"""The workspace: focal points draft and follow their pledges (`editor`), reviewers review them
(`review`, which also holds the pledge's workspace page that owners and reviewers share).

Signed-out people are sent to the login page. Anything a person may not see, and anything they
may see but not do, is 404 (never 403: the answer does not reveal that the pledge exists or what
it allows); an illegal transition is 409 with the reason.
"""

from django.http import Http404

from ..models import Pledge
from ..selectors import pledge_for_workspace


def visible_or_404(request, pk: int) -> Pledge:
    try:
        return pledge_for_workspace(pk=pk, user=request.user)
    except Pledge.DoesNotExist:
        raise Http404 from None
