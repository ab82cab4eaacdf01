from urllib.parse import urlsplit

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_from_path
from django.views import i18n as i18n_views
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .languages import CODES


@never_cache
@require_GET
def healthz(request):
    """Liveness with a database round trip: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def robots_txt(request):
    """Crawlers keep out of the admin and of every language's workspace (`/fr/workspace/`…), and
    are told where the sitemap is."""
    workspaces = "".join(f"Disallow: /{code}/workspace/\n" for code in CODES)
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    return HttpResponse(
        f"User-agent: *\nDisallow: /admin/\nDisallow: /workspace/\n{workspaces}Sitemap: {sitemap}\n",
        content_type="text/plain",
    )


def set_language(request):
    """Django's language switch, reading the page to return to in the language of its own address.

    Django translates `next` by resolving it under the active language, which here comes from the
    cookie (the switch itself has no prefix): switching from `/fr/pledges/?q=x` with an English
    cookie would not resolve and would leave the reader on the French page. Resolving under the
    prefix of `next` lands on `/ar/pledges/?q=x`, page and filters kept."""
    next_path = urlsplit(request.POST.get("next", request.GET.get("next", "")) or "").path
    with translation.override(get_language_from_path(next_path) or translation.get_language()):
        return i18n_views.set_language(request)
