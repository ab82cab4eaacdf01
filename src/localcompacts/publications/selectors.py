from django.db.models import QuerySet

from .models import Publication


def publication_list_public() -> QuerySet[Publication]:
    """Every edition without its (large) snapshot: ready ones first, newest first."""
    return Publication.objects.defer("data").order_by("-created_at", "-id")[:200]
