from django.db.models import QuerySet

from .models import ImportJob, Publication


def publication_list_public() -> QuerySet[Publication]:
    """Every edition without its (large) snapshot: ready ones first, newest first."""
    return Publication.objects.defer("data").order_by("-created_at", "-id")[:200]


def recent_import_jobs(*, limit: int = 10) -> QuerySet[ImportJob]:
    """The latest imports on the worker, for the secretariat's import page (each links to its
    progress page), without their (large) results."""
    return ImportJob.objects.select_related("started_by").defer("result", "problems")[:limit]
