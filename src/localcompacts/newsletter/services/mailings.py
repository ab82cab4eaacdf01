"""Mailings: editorial issues and digests, sent in batches, at most once per subscriber."""

import datetime
import uuid
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.accounts.models import User
from localcompacts.core import languages
from localcompacts.core.audit import record
from localcompacts.core.bounces import DeliveryProblem
from localcompacts.core.email import queue_email, render_email
from localcompacts.core.models import OutgoingEmail
from localcompacts.core.richtext import sanitize_html
from localcompacts.core.urls_i18n import absolute_url, with_language
from localcompacts.core.workflow import TransitionError, apply_transition

from ..audit import IssueAction, NewsletterAction
from ..digest import SOURCES, DigestItem, DigestSection, collect_items, sections_for
from ..models import (
    Delivery,
    DeliveryStatus,
    Issue,
    IssueKind,
    IssueStatus,
    Subscriber,
    SubscriberStatus,
)
from ..selectors import subscribers_awaiting_issue
from ..tokens import links_for, unsubscribe_headers
from .subscriptions import NewsletterError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ISSUE_TEMPLATE = "newsletter/email/issue"
DIGEST_SUBJECT = _("New on Local Compacts")
STALL_AFTER = datetime.timedelta(minutes=5)


def batch_size() -> int:
    return int(getattr(settings, "NEWSLETTER_BATCH_SIZE", 100))


def digest_interval() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.NEWSLETTER_DIGEST_INTERVAL_HOURS)


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


class FeaturedPledge(TypedDict):
    title: str
    url: str


class MailItem(TypedDict):
    """A digest item as the issue template shows it (its address in the reader's language)."""

    title: str
    url: str
    summary: str
    date: datetime.date | None


class MailSection(TypedDict):
    key: str
    label: "StrOrPromise"
    items: list[MailItem]


def _featured(issue: Issue) -> list[FeaturedPledge]:
    return [
        {"title": pledge.title, "url": _absolute(pledge.get_absolute_url())}
        for pledge in issue.featured_pledges.public().order_by("title")
    ]


def issue_context(
    *,
    issue: Issue,
    language: str,
    name: str = "",
    links: dict[str, str] | None = None,
    sections: list[DigestSection] | None = None,
    featured: list[FeaturedPledge] | None = None,
) -> dict[str, object]:
    """What the issue template needs; the same for sending, previews and tests."""
    links = links or {
        "preferences_url": absolute_url("newsletter:subscribe", language=language),
        "unsubscribe_url": absolute_url("newsletter:subscribe", language=language),
    }
    subject: StrOrPromise
    if issue.kind == IssueKind.DIGEST:
        subject = DIGEST_SUBJECT
        body = ""
    else:
        subject = issue.subject_in(language)
        body = issue.body_in(language)
    mail_sections: list[MailSection] = [
        {
            "key": section["key"],
            "label": section["label"],
            "items": [
                {
                    "title": item.title,
                    "url": with_language(_absolute(item.url), language),
                    "summary": item.summary,
                    "date": item.date,
                }
                for item in section["items"]
            ],
        }
        for section in sections or []
    ]
    return {
        "issue": issue,
        "subject": subject,
        "body": body,
        "sections": mail_sections,
        "featured": [
            {**pledge, "url": with_language(pledge["url"], language)}
            for pledge in (featured if featured is not None else _featured(issue))
        ],
        "name": name,
        **links,
    }


def _preview_context(issue: Issue, language: str) -> dict[str, object]:
    sections: list[DigestSection] | None = None
    if issue.kind == IssueKind.DIGEST and issue.period_start and issue.period_end:
        sections = [
            {"key": key, "label": SOURCES[key].label, "items": items}
            for key, items in collect_items(issue.period_start, issue.period_end).items()
        ]
    return issue_context(issue=issue, language=language, sections=sections)


def render_issue(*, issue: Issue, language: str) -> tuple[str, str, str]:
    """Subject, plain text and HTML of an issue as a subscriber reads it (for the admin preview)."""
    return render_email(
        template=ISSUE_TEMPLATE, context=_preview_context(issue, language), language=language
    )


def issue_compose(*, issue: Issue, by: User) -> Issue:
    """Save an editorial issue written in the admin, its bodies sanitised. Only drafts change."""
    with transaction.atomic():
        if (
            issue.pk
            and Issue.objects.filter(pk=issue.pk).exclude(status=IssueStatus.DRAFT).exists()
        ):
            raise NewsletterError(_("Only draft issues can be changed."))
        created = issue.pk is None
        issue.kind = IssueKind.EDITORIAL
        for suffix in languages.field_suffixes():
            field = f"body_{suffix}"
            setattr(issue, field, sanitize_html(getattr(issue, field)))
        if created:
            issue.created_by = by
        issue.save()
        record(
            actor=by,
            action=IssueAction.CREATED if created else IssueAction.CHANGED,
            target=issue,
        )
    return issue


def issue_send_test(*, issue: Issue, to: User, language: str | None = None) -> None:
    """Mail the issue to the person composing it (not counted as a delivery)."""
    language = language or to.preferred_language
    with transaction.atomic():
        queue_email(
            key=f"newsletter-test:{issue.pk}:{uuid.uuid4().hex}",
            to=to.email,
            language=language,
            template=ISSUE_TEMPLATE,
            context={**_preview_context(issue, language), "is_test": True},
        )
        record(actor=to, action=IssueAction.TEST_SENT, target=issue, language=language)


def issue_schedule(*, issue: Issue, when: datetime.datetime, by: User) -> None:
    """The workflow's "schedule" (`newsletter.workflow`), and the time it was scheduled for."""
    with transaction.atomic():
        try:
            apply_transition(issue, "schedule", by=by, data={"when": when.isoformat()})
        except TransitionError as error:
            raise NewsletterError(error.message, code=error.code) from error
        issue.scheduled_for = when
        issue.save(update_fields=["scheduled_for"])


def _enqueue_sending(issue_id: int) -> None:
    from ..tasks import send_issue

    transaction.on_commit(lambda: send_issue.enqueue(issue_id))


def dispatch_due_issues(*, now: datetime.datetime | None = None) -> list[int]:
    """Start issues whose time has come, and resume any a crashed worker left half sent."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Issue.objects.select_for_update().filter(
                status=IssueStatus.SCHEDULED, scheduled_for__lte=now
            )
        )
        for issue in due:
            apply_transition(issue, "start_sending", by=None)
            issue.started_at = now
            issue.save(update_fields=["started_at"])
        # Issues just started, and issues that made no progress for a while (their worker
        # crashed). A healthy send is left alone: its own task chain carries on.
        quiet_since = now - STALL_AFTER
        stalled = (
            Issue.objects.filter(status=IssueStatus.SENDING, started_at__lt=quiet_since)
            .exclude(deliveries__created_at__gte=quiet_since)
            .values_list("pk", flat=True)
        )
        sending = sorted({issue.pk for issue in due} | set(stalled))
        for issue_id in sending:
            _enqueue_sending(issue_id)
    return sending


def compose_digest(*, now: datetime.datetime | None = None) -> Issue | None:
    """Start a digest of what was published since the last one; None when nothing is new."""
    now = now or timezone.now()
    with transaction.atomic():
        last = (
            Issue.objects.select_for_update()
            .filter(kind=IssueKind.DIGEST)
            .order_by("-period_end")
            .first()
        )
        since = last.period_end if last else now - digest_interval()
        assert since is not None  # a digest always has its period
        if since >= now or not collect_items(since, now):
            return None
        issue = Issue.objects.create(
            kind=IssueKind.DIGEST,
            status=IssueStatus.SENDING,
            period_start=since,
            period_end=now,
            started_at=now,
        )
        record(actor=None, action=IssueAction.DIGEST_COMPOSED, target=issue)
        _enqueue_sending(issue.pk)
    return issue


def send_issue_batch(*, issue_id: int, size: int | None = None) -> int:
    """Queue the next batch of an issue; returns how many subscribers it handled (0: finished).

    One transaction per batch writes a `Delivery` (unique per issue and subscriber) and the outbox
    row (unique key) together, so a crash loses or repeats nothing: the next run starts with the
    subscribers who have no delivery yet, and the outbox sends each message once.
    """
    with transaction.atomic():
        issue = Issue.objects.select_for_update().filter(pk=issue_id).first()
        if issue is None or issue.status != IssueStatus.SENDING:
            return 0
        subscribers = list(subscribers_awaiting_issue(issue)[: size or batch_size()])
        if not subscribers:
            apply_transition(issue, "finish", by=None)
            issue.finished_at = timezone.now()
            issue.save(update_fields=["finished_at"])
            return 0
        items: dict[str, list[DigestItem]] | None
        featured: list[FeaturedPledge]
        if issue.kind == IssueKind.DIGEST:
            assert (
                issue.period_start is not None and issue.period_end is not None
            )  # a digest's period
            items, featured = collect_items(issue.period_start, issue.period_end), []
        else:
            items, featured = None, _featured(issue)
        for subscriber in subscribers:
            _deliver(issue, subscriber, items=items, featured=featured)
    return len(subscribers)


def _deliver(
    issue: Issue,
    subscriber: Subscriber,
    *,
    items: dict[str, list[DigestItem]] | None,
    featured: list[FeaturedPledge],
) -> Delivery:
    sections = sections_for(subscriber, items) if items is not None else None
    if issue.kind == IssueKind.DIGEST and not sections:
        return Delivery.objects.create(
            issue=issue, subscriber=subscriber, status=DeliveryStatus.SKIPPED
        )
    key = f"newsletter:{issue.pk}:{subscriber.pk}"
    links = links_for(subscriber)
    message = queue_email(
        key=key,
        to=subscriber.email,
        language=subscriber.language,
        template=ISSUE_TEMPLATE,
        context=issue_context(
            issue=issue,
            language=subscriber.language,
            name=subscriber.name,
            links=links,
            sections=sections,
            featured=featured,
        ),
        headers=unsubscribe_headers(subscriber),
    ) or OutgoingEmail.objects.get(key=key)
    return Delivery.objects.create(issue=issue, subscriber=subscriber, email=message)


def record_bounce(
    *,
    subscriber: Subscriber,
    complaint: bool = False,
    by: User | None,
    delivery: Delivery | None = None,
) -> None:
    """A hard bounce or a spam complaint: the address receives nothing any more."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        subscriber.status = SubscriberStatus.COMPLAINED if complaint else SubscriberStatus.BOUNCED
        subscriber.bounced_at = timezone.now()
        subscriber.save(update_fields=["status", "bounced_at", "updated_at"])
        if delivery is not None:
            delivery.status = DeliveryStatus.COMPLAINED if complaint else DeliveryStatus.BOUNCED
            delivery.save(update_fields=["status"])
        record(
            actor=by,
            action=(
                NewsletterAction.COMPLAINT_RECORDED
                if complaint
                else NewsletterAction.BOUNCE_RECORDED
            ),
            target=subscriber,
            delivery=delivery.pk if delivery else None,
        )


def subscribers_delivery_problem(problem: DeliveryProblem, last_sent: OutgoingEmail | None) -> None:
    """`core.bounces` handler: the address bounced or complained (provider webhook or bounce
    message), so its subscription stops, and the delivery of the mail concerned is marked. A
    complaint is never downgraded to a bounce."""
    for subscriber in Subscriber.objects.filter(email__iexact=problem.email):
        if subscriber.status == SubscriberStatus.COMPLAINED and not problem.complaint:
            continue
        delivery = (
            Delivery.objects.filter(subscriber=subscriber, email=last_sent).first()
            if last_sent is not None
            else None
        )
        record_bounce(
            subscriber=subscriber, complaint=problem.complaint, by=None, delivery=delivery
        )
