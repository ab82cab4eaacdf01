"""Signed links: no account is needed to confirm, change preferences or leave.

A confirmation link expires; the link in every e-mail (preferences, unsubscribe) does not, so an old
newsletter can always be used to leave. Both carry the subscriber's random token, so they stop
working once the subscriber is erased. Changing SECRET_KEY invalidates them (use
SECRET_KEY_FALLBACKS to rotate).
"""

import datetime

from django.core import signing

from localcompacts.core.errors import DomainError
from localcompacts.core.urls_i18n import absolute_url

from .models import Follow, Subscriber

CONFIRM_SALT = "localcompacts.newsletter.confirm"
MANAGE_SALT = "localcompacts.newsletter.manage"
FORM_SALT = "localcompacts.newsletter.form-time"
FOLLOW_CONFIRM_SALT = "localcompacts.newsletter.follow-confirm"
FOLLOW_MANAGE_SALT = "localcompacts.newsletter.follow-manage"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)


class InvalidLink(DomainError):
    """The link was tampered with, has expired, or its subscriber no longer exists."""

    code = "link"


def _payload(subscriber: Subscriber | Follow) -> dict:
    return {"s": subscriber.pk, "t": subscriber.token}


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps(_payload(subscriber), salt=CONFIRM_SALT, compress=True)


def manage_token(subscriber: Subscriber) -> str:
    return signing.dumps(_payload(subscriber), salt=MANAGE_SALT, compress=True)


def _load(token: str, *, salt: str, max_age=None, model=Subscriber):
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
        found = model.objects.get(pk=int(data["s"]), token=str(data["t"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, model.DoesNotExist):
        raise InvalidLink from None
    return found


def subscriber_from_confirm_token(token: str) -> Subscriber:
    return _load(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def subscriber_from_manage_token(token: str) -> Subscriber:
    return _load(token, salt=MANAGE_SALT)


def links_for(subscriber: Subscriber) -> dict[str, str]:
    """Absolute links for e-mails."""
    token = manage_token(subscriber)
    language = subscriber.language
    return {
        "preferences_url": absolute_url(
            "newsletter:preferences", language=language, kwargs={"token": token}
        ),
        "unsubscribe_url": absolute_url(
            "newsletter:unsubscribe", language=language, kwargs={"token": token}
        ),
    }


def unsubscribe_headers(subscriber: Subscriber) -> dict[str, str]:
    """RFC 2369 / RFC 8058 one-click unsubscribe headers."""
    return {
        "List-Unsubscribe": f"<{links_for(subscriber)['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def form_timestamp(now: float | None = None) -> str:
    """The signed time a subscribe form was shown (bots post faster than people)."""
    import time

    return signing.dumps(now if now is not None else time.time(), salt=FORM_SALT)


def seconds_since_form_shown(value: str) -> float | None:
    """Seconds since the form was shown, or None when the field is missing or forged."""
    import time

    try:
        shown = float(signing.loads(value or "", salt=FORM_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return time.time() - shown


# Follows use the same signed links: a confirmation that expires, and a per-follow unsubscribe link
# (with RFC 8058 one-click headers) that does not.


def follow_confirm_url(follow: Follow) -> str:
    token = signing.dumps(_payload(follow), salt=FOLLOW_CONFIRM_SALT, compress=True)
    return absolute_url(
        "newsletter:follow-confirm", language=follow.language, kwargs={"token": token}
    )


def follow_unsubscribe_url(follow: Follow) -> str:
    token = signing.dumps(_payload(follow), salt=FOLLOW_MANAGE_SALT, compress=True)
    return absolute_url(
        "newsletter:follow-unsubscribe", language=follow.language, kwargs={"token": token}
    )


def follow_from_confirm_token(token: str) -> Follow:
    return _load(token, salt=FOLLOW_CONFIRM_SALT, max_age=CONFIRM_MAX_AGE, model=Follow)


def follow_from_manage_token(token: str) -> Follow:
    return _load(token, salt=FOLLOW_MANAGE_SALT, model=Follow)


def follow_unsubscribe_headers(follow: Follow) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{follow_unsubscribe_url(follow)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
