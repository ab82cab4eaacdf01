import datetime
import sys

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from .middleware import is_database_outage
from .models import Heartbeat
from .tasks import WORKER


@never_cache
@require_GET
def readyz(request):
    """Readiness: the database answers and a worker ran the heartbeat task recently.
    503 when either is not true, so a load balancer stops sending traffic here."""
    max_age = datetime.timedelta(seconds=settings.READYZ_HEARTBEAT_MAX_AGE)
    try:
        beat = Heartbeat.objects.filter(name=WORKER).values_list("beat_at", flat=True).first()
    except DatabaseError:
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable", "worker": "unknown"}, status=503
        )
    if beat is None:
        worker = {"worker": "no heartbeat yet"}
    else:
        age = (timezone.now() - beat).total_seconds()
        worker = {"worker": "ok" if age <= max_age.total_seconds() else "stale"}
        worker["heartbeat_age_seconds"] = round(age)
    ready = worker["worker"] == "ok"
    body = {"status": "ok" if ready else "unavailable", "database": "ok", **worker}
    return JsonResponse(body, status=200 if ready else 503)


def service_unavailable(request, *args, **kwargs):
    """The 503 page: rendered without the database (no user, no session)."""
    template = loader.get_template("503.html")
    response = HttpResponseServerError(template.render({"request_path": request.path}), status=503)
    response.status_code = 503
    response["Retry-After"] = "30"
    return response


@requires_csrf_token
def server_error(request, *args, **kwargs):
    """handler500: a lost database is a 503 (try again soon), anything else the 500 page."""
    exception = sys.exc_info()[1]
    if exception is not None and is_database_outage(exception):
        return service_unavailable(request)
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))
