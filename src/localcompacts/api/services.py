"""Writes of API tokens: create (the secret is returned once, never stored) and revoke."""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from localcompacts.accounts.models import User
from localcompacts.core.audit import record
from localcompacts.core.errors import DomainError

from .audit import ApiAction
from .models import TOKEN_PREFIX, ApiToken, hash_secret

MAX_ACTIVE_TOKENS = 20
# `last_used_at` is written at most once per interval, so reads do not each turn into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class ApiTokenError(DomainError):
    """A token request refused (no name, too many active tokens)."""


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the secret, which is never shown again."""
    name = " ".join(name.split())
    if not name:
        raise ApiTokenError(_("Give the token a name."))
    with transaction.atomic():
        if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
            raise ApiTokenError(
                _("You already have %(n)s active tokens; revoke one first.")
                % {"n": MAX_ACTIVE_TOKENS}
            )
        prefix = secrets.token_hex(4)
        secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
        token = ApiToken.objects.create(
            user=user, name=name[:100], prefix=prefix, secret_hash=hash_secret(secret)
        )
        record(actor=user, action=ApiAction.TOKEN_CREATED, target=token, name=token.name)
    return token, secret


def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record(actor=by, action=ApiAction.TOKEN_REVOKED, target=token, name=token.name)
    return token


def api_token_mark_used(*, token: ApiToken) -> None:
    """Bookkeeping, not audited: when the token was last used (to the minute)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
