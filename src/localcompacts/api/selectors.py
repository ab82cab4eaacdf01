"""Reads of API tokens."""

from django.db.models import QuerySet

from localcompacts.accounts.models import User

from .models import ApiToken, hash_secret


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-id")


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The active token with this secret (its user loaded), or None."""
    if not secret or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(secret_hash=hash_secret(secret))
        .first()
    )
    return token
