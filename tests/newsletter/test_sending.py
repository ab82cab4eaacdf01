"""Batches, crash and resume, interests, bounces, nothing new."""

import datetime

import pytest
from django.utils import timezone

from localcompacts.core.email import send_outgoing
from localcompacts.core.models import OutgoingEmail
from localcompacts.core.tasks import retry_unsent_email
from localcompacts.newsletter import services
from localcompacts.newsletter.models import Delivery, DeliveryStatus, Issue, IssueStatus
from localcompacts.newsletter.selectors import issues_with_delivery_counts
from localcompacts.newsletter.tasks import send_issue
from localcompacts.pledges.models import PledgeStatus

from ..factories import LocalGovernmentFactory, PledgeFactory
from .conftest import subscribe_and_confirm

pytestmark = pytest.mark.django_db


def _digest_mails(smtp_server):
    return [m for m in smtp_server.messages if "confirm" not in m["Subject"].lower()]


def test_a_crash_mid_batch_then_a_restart_sends_each_subscriber_exactly_once(
    settings, smtp_server, run_worker, government, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_BATCH_SIZE = 2
    addresses = [f"city{n}@example.org" for n in range(5)]
    for address in addresses:
        subscribe_and_confirm(address)
    PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[government])
    issue = services.compose_digest()  # its on_commit enqueue is lost: the worker "crashes"

    # The worker handled one batch, sent one of its two messages and died.
    assert services.send_issue_batch(issue_id=issue.pk) == 2
    first = Delivery.objects.filter(issue=issue).order_by("pk").first()
    assert send_outgoing(first.email_id) is True
    assert len(smtp_server.messages) == 1

    # Restart: the dispatcher resumes the half-sent issue, the outbox retries what was left.
    OutgoingEmail.objects.filter(key__startswith=f"newsletter:{issue.pk}:").update(
        created_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    # A healthy send is left alone by the dispatcher…
    assert services.dispatch_due_issues() == []
    # …one with no progress for five minutes is resumed.
    later = timezone.now() + datetime.timedelta(minutes=6)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.dispatch_due_issues(now=later) == [issue.pk]
        retry_unsent_email.enqueue()
    run_worker()
    # …and a second restart, with a duplicate task for good measure, adds nothing.
    with django_capture_on_commit_callbacks(execute=True):
        send_issue.enqueue(issue.pk)
        services.dispatch_due_issues(now=later)
    run_worker()

    received = [m.envelope_recipients[0] for m in _digest_mails(smtp_server)]
    assert sorted(received) == sorted(addresses)
    assert Delivery.objects.filter(issue=issue).count() == 5
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    counts = issues_with_delivery_counts().get(pk=issue.pk)
    assert (counts.sent_count, counts.pending_count, counts.failed_count) == (5, 0, 0)


def test_nothing_is_sent_when_nothing_is_new(smtp_server, run_worker):
    subscribe_and_confirm("a@example.org")
    assert services.compose_digest() is None
    assert not Issue.objects.exists()


def test_digest_follows_interests_and_skips_subscribers_with_nothing_new(
    smtp_server, run_worker, government, django_capture_on_commit_callbacks
):
    from localcompacts.compacts.models import Objective, Region

    africa = Region.objects.get(code="002")
    americas = Region.objects.get(code="019")
    subscribe_and_confirm("gcr@example.org", compacts=["GCR"])
    subscribe_and_confirm("gcm15@example.org", objectives=[Objective.objects.get(code="GCM-15")])
    subscribe_and_confirm("africa@example.org", regions=[africa], language="es")
    subscribe_and_confirm("americas@example.org", regions=[americas])
    subscribe_and_confirm("noforums@example.org", compacts=["GCR"], wants_forum_news=False)
    PledgeFactory(  # Dakar, Senegal: Africa
        status=PledgeStatus.PUBLISHED, owners=[government], objectives=["GCM-15"], title="Dakar"
    )
    with django_capture_on_commit_callbacks(execute=True):
        issue = services.compose_digest()
    run_worker()
    got = {m.envelope_recipients[0]: m for m in _digest_mails(smtp_server)}
    assert set(got) == {"gcm15@example.org", "africa@example.org"}
    assert got["africa@example.org"]["Subject"].strip() == "Novedades en Local Compacts"
    skipped = Delivery.objects.filter(issue=issue, status=DeliveryStatus.SKIPPED)
    assert {d.subscriber.email for d in skipped} == {
        "gcr@example.org",
        "americas@example.org",
        "noforums@example.org",
    }


def test_upcoming_forums_are_announced_once_to_those_who_want_forum_news(
    smtp_server, run_worker, django_capture_on_commit_callbacks
):
    from localcompacts.forums.models import ReviewForum

    subscribe_and_confirm("forums@example.org")
    subscribe_and_confirm("noforums@example.org", wants_forum_news=False)
    now = timezone.now()
    ReviewForum.objects.create(
        name="Regional review 2026",
        slug="regional-review-test",
        kind="regional",
        start_date=(now + datetime.timedelta(days=27)).date(),
        end_date=(now + datetime.timedelta(days=28)).date(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.compose_digest(now=now)
    run_worker()
    [mail] = _digest_mails(smtp_server)
    assert mail.envelope_recipients == ["forums@example.org"]
    assert "Regional review 2026" in smtp_server.text(mail)
    # A week later the same forum is not announced again.
    assert services.compose_digest(now=now + datetime.timedelta(days=7)) is None


def test_a_hard_bounced_address_stops_receiving(
    smtp_server, run_worker, government, secretariat, django_capture_on_commit_callbacks
):
    bouncing = subscribe_and_confirm("gone@example.org")
    subscribe_and_confirm("fine@example.org")
    PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[government])
    with django_capture_on_commit_callbacks(execute=True):
        first = services.compose_digest()
    run_worker()
    delivery = Delivery.objects.get(issue=first, subscriber=bouncing)
    services.record_bounce(subscriber=bouncing, delivery=delivery, by=secretariat)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.BOUNCED
    assert issues_with_delivery_counts().get(pk=first.pk).bounced_count == 1

    PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[LocalGovernmentFactory()])
    with django_capture_on_commit_callbacks(execute=True):
        second = services.compose_digest()
    run_worker()
    assert [m.envelope_recipients[0] for m in _digest_mails(smtp_server)].count(
        "gone@example.org"
    ) == 1
    assert not Delivery.objects.filter(issue=second, subscriber=bouncing).exists()
    # Subscribing again does not bring a bounced address back.
    services.subscribe(email="gone@example.org", ip=None, form="page")
    bouncing.refresh_from_db()
    assert bouncing.status == "bounced"


def test_periodic_jobs_are_registered_with_the_configured_digest_interval(settings):
    from localcompacts.core.scheduling import PERIODIC_JOBS

    job = PERIODIC_JOBS["localcompacts.newsletter.tasks.compose_digest"]
    assert job.every == datetime.timedelta(hours=settings.NEWSLETTER_DIGEST_INTERVAL_HOURS)
    assert "localcompacts.newsletter.tasks.purge_unconfirmed_subscriptions" in PERIODIC_JOBS
    assert "localcompacts.newsletter.tasks.dispatch_due_issues" in PERIODIC_JOBS


def test_a_batch_costs_a_few_queries_per_subscriber_not_more(
    government, django_assert_max_num_queries
):
    from localcompacts.compacts.models import Objective, Region

    for n in range(10):
        subscribe_and_confirm(
            f"q{n}@example.org",
            objectives=list(Objective.objects.filter(code__in=["GCM-15", "GCR-1"])),
            regions=[Region.objects.get(code="002")],
        )
    PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[government])
    issue = services.compose_digest()
    # Per subscriber: the outbox row (in a savepoint) and the delivery; the rest is constant.
    with django_assert_max_num_queries(10 * 4 + 15):
        assert services.send_issue_batch(issue_id=issue.pk, size=10) == 10
