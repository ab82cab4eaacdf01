"""Subscribing with a double opt-in, changing preferences, leaving, and erasure."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.accounts.models import User
from localcompacts.compacts.models import Objective, Region
from localcompacts.core.audit import record
from localcompacts.core.email import queue_email
from localcompacts.core.errors import ConflictError
from localcompacts.core.models import OutgoingEmail
from localcompacts.core.urls_i18n import absolute_url

from ..audit import NewsletterAction
from ..models import CONSENT_TEXT_VERSION, Subscriber, SubscriberStatus
from ..tokens import confirm_token, links_for, unsubscribe_headers

UNCONFIRMED_LIFETIME = datetime.timedelta(days=30)


class NewsletterError(ConflictError):
    """A newsletter action that cannot be done now; the message is shown to the person (409)."""


def _set_interests(
    subscriber: Subscriber,
    *,
    compacts: Iterable[str],
    objectives: Iterable[Objective],
    regions: Iterable[Region],
    wants_publications: bool,
    wants_forum_news: bool,
) -> None:
    subscriber.compacts = sorted(set(compacts or []))
    subscriber.wants_publications = bool(wants_publications)
    subscriber.wants_forum_news = bool(wants_forum_news)
    subscriber.save()
    subscriber.objectives.set(objectives or [])
    subscriber.regions.set(regions or [])


def _hour_bucket() -> str:
    return timezone.now().strftime("%Y%m%d%H")


def _send_confirmation(subscriber: Subscriber) -> None:
    confirm_url = absolute_url(
        "newsletter:confirm",
        language=subscriber.language,
        kwargs={"token": confirm_token(subscriber)},
    )
    queue_email(
        # At most one confirmation per address and hour, however often the form is sent.
        key=f"newsletter-confirm:{subscriber.pk}:{_hour_bucket()}",
        to=subscriber.email,
        language=subscriber.language,
        template="newsletter/email/confirm",
        # No name: nothing typed into the form goes to an address that has not confirmed yet.
        context={"confirm_url": confirm_url, **links_for(subscriber)},
        headers=unsubscribe_headers(subscriber),
    )


def subscribe(
    *,
    email: str,
    name: str = "",
    language: str = "en",
    compacts: Iterable[str] = (),
    objectives: Iterable[Objective] = (),
    regions: Iterable[Region] = (),
    wants_publications: bool = True,
    wants_forum_news: bool = True,
    ip: str | None,
    form: str,
) -> None:
    """Record a subscription request and mail a confirmation link.

    Returns nothing on purpose: the caller must answer the same whether the address was new,
    waiting for confirmation or already subscribed. An already subscribed person gets a mail with
    their preferences link instead (their preferences are not changed by an unconfirmed request);
    a hard-bounced or complaining address gets nothing.
    """
    email = email.strip().lower()
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is not None and subscriber.status in (
            SubscriberStatus.BOUNCED,
            SubscriberStatus.COMPLAINED,
        ):
            return
        if subscriber is not None and subscriber.status == SubscriberStatus.ACTIVE:
            queue_email(
                key=f"newsletter-already:{subscriber.pk}:{now:%Y%m%d}",
                to=subscriber.email,
                language=subscriber.language,
                template="newsletter/email/already_subscribed",
                context={"name": subscriber.name, **links_for(subscriber)},
                headers=unsubscribe_headers(subscriber),
            )
            return
        if subscriber is None:
            subscriber = Subscriber(email=email)
        subscriber.name = name.strip()[:200]
        subscriber.language = language
        subscriber.status = SubscriberStatus.PENDING
        subscriber.consent_at = now
        subscriber.consent_ip = ip
        subscriber.consent_form = form
        subscriber.consent_text_version = CONSENT_TEXT_VERSION
        subscriber.confirmed_at = subscriber.confirmed_ip = None
        _set_interests(
            subscriber,
            compacts=compacts,
            objectives=objectives,
            regions=regions,
            wants_publications=wants_publications,
            wants_forum_news=wants_forum_news,
        )
        record(
            actor=None, action=NewsletterAction.SUBSCRIPTION_REQUESTED, target=subscriber, form=form
        )
        _send_confirmation(subscriber)


def confirm(*, subscriber: Subscriber, ip: str | None) -> None:
    """Activate a pending subscription (the second opt-in). Confirming twice changes nothing."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == SubscriberStatus.ACTIVE:
            return
        if subscriber.status != SubscriberStatus.PENDING:
            raise NewsletterError(
                _("This subscription is closed. Subscribe again to receive the newsletter.")
            )
        subscriber.status = SubscriberStatus.ACTIVE
        subscriber.confirmed_at = timezone.now()
        subscriber.confirmed_ip = ip
        subscriber.unsubscribed_at = None
        subscriber.save()
        record(actor=None, action=NewsletterAction.SUBSCRIPTION_CONFIRMED, target=subscriber)
        # Welcome, with the links to one's preferences and to leave: the address is confirmed now.
        queue_email(
            key=f"newsletter-welcome:{subscriber.pk}:{subscriber.confirmed_at:%Y%m%d%H%M%S}",
            to=subscriber.email,
            language=subscriber.language,
            template="newsletter/email/welcome",
            context={"name": subscriber.name, **links_for(subscriber)},
            headers=unsubscribe_headers(subscriber),
        )


def unsubscribe(*, subscriber: Subscriber, via: str = "link") -> bool:
    """Stop every mailing. Idempotent; returns True when something changed."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status not in (SubscriberStatus.ACTIVE, SubscriberStatus.PENDING):
            return False
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save()
        record(actor=None, action=NewsletterAction.UNSUBSCRIBED, target=subscriber, via=via)
        return True


def update_preferences(
    *,
    subscriber: Subscriber,
    language: str,
    compacts: Iterable[str] = (),
    objectives: Iterable[Objective] = (),
    regions: Iterable[Region] = (),
    wants_publications: bool,
    wants_forum_news: bool,
    name: str | None = None,
    by: User | None = None,
) -> None:
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        subscriber.language = language
        if name is not None:
            subscriber.name = name.strip()[:200]
        _set_interests(
            subscriber,
            compacts=compacts,
            objectives=objectives,
            regions=regions,
            wants_publications=wants_publications,
            wants_forum_news=wants_forum_news,
        )
        record(actor=by, action=NewsletterAction.PREFERENCES_CHANGED, target=subscriber)


def _erase(subscriber: Subscriber, *, action: NewsletterAction, actor: User | None = None) -> None:
    # The audit entry names "Subscriber #id" only; the mails we kept for them go too.
    record(actor=actor, action=action, target=subscriber)
    OutgoingEmail.objects.filter(to__iexact=subscriber.email, key__startswith="newsletter").delete()
    subscriber.delete()


def erase(*, subscriber: Subscriber, actor: User | None = None) -> None:
    """Delete every piece of personal data about this subscriber (GDPR art. 17)."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        _erase(subscriber, action=NewsletterAction.SUBSCRIBER_ERASED, actor=actor)


def purge_unconfirmed(*, now: datetime.datetime | None = None) -> int:
    """Erase subscriptions never confirmed within 30 days."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_LIFETIME
    purged = 0
    with transaction.atomic():
        stale = Subscriber.objects.select_for_update().filter(
            status=SubscriberStatus.PENDING, consent_at__lt=cutoff
        )
        for subscriber in stale:
            _erase(subscriber, action=NewsletterAction.UNCONFIRMED_PURGED)
            purged += 1
    return purged


def record_subscriber_export(
    *, by: User, count: int, filters: str = "", searched: bool = False
) -> None:
    """Exports of personal data are logged: who, how many rows, with which admin filters."""
    with transaction.atomic():
        record(
            actor=by,
            action=NewsletterAction.SUBSCRIBERS_EXPORTED,
            target=by,
            count=count,
            filters=filters,
            searched=searched,
        )
