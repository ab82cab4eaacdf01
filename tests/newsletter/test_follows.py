"""Following a pledge, a government, an objective or a catalogue search, and being told once."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from localcompacts.newsletter.models import Follow, FollowNotice, FollowStatus
from localcompacts.newsletter.services import follows
from localcompacts.newsletter.tasks import follow_daily, process_follow_events
from localcompacts.pledges.models import PledgeStatus
from localcompacts.progress import services as progress

from ..factories import PledgeFactory
from ..progress.conftest import report_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledge(government):
    return PledgeFactory(
        owners=[government], status=PledgeStatus.PUBLISHED, title="Legal aid desk in Dakar"
    )


def _path(url: str) -> str:
    return url.removeprefix(settings.SITE_URL)


def _accept_a_report(pledge, focal_point, reviewer):
    report = progress.report_submit(
        pledge=pledge, by=focal_point, data=report_data(), indicator_values=[]
    )
    progress.report_review(report=report, by=reviewer, action="accept")
    return report


def _tell_followers(run_worker):
    process_follow_events.enqueue()
    run_worker()


def test_follow_confirm_event_gives_exactly_one_email(
    client, pledge, focal_point, reviewer, run_worker, django_capture_on_commit_callbacks
):
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert "Follow this pledge" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("newsletter:follow"),
            {"kind": "pledge", "value": pledge.pk, "email": "Ana@Example.org", "next": "/"},
        )
    assert response.status_code == 200 and "Check your e-mail" in response.content.decode()
    run_worker()
    (confirmation,) = mail.outbox
    assert confirmation.to == ["ana@example.org"]
    confirm_url = re.search(r"(\S+/follow/confirm/\S+)", confirmation.body).group(1)
    assert client.get(_path(confirm_url)).status_code == 200  # a button, nothing confirmed yet
    assert Follow.objects.get().status == FollowStatus.PENDING
    client.post(_path(confirm_url))
    assert Follow.objects.get().status == FollowStatus.ACTIVE
    mail.outbox.clear()

    _accept_a_report(pledge, focal_point, reviewer)
    _tell_followers(run_worker)
    (notice,) = mail.outbox
    assert notice.to == ["ana@example.org"]
    assert "Legal aid desk in Dakar" in notice.subject
    assert notice.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Once per event: running again tells nothing new.
    _tell_followers(run_worker)
    assert len(mail.outbox) == 1

    # One-click unsubscribe (RFC 8058) from the header, without a session.
    unsubscribe_url = notice.extra_headers["List-Unsubscribe"].strip("<>")
    client.post(_path(unsubscribe_url), {"List-Unsubscribe": "One-Click"})
    assert not Follow.objects.exists()


def test_an_unconfirmed_visitor_is_told_nothing(
    client, pledge, focal_point, reviewer, run_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("newsletter:follow"),
            {"kind": "pledge", "value": pledge.pk, "email": "ana@example.org"},
        )
    run_worker()
    mail.outbox.clear()
    _accept_a_report(pledge, focal_point, reviewer)
    _tell_followers(run_worker)
    assert mail.outbox == []


def test_signed_in_follower_of_pledge_and_government_hears_once(
    focal_point_client, focal_point, other_focal_point, reviewer, government, run_worker
):
    pledge = PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title="Shelter")
    # Someone else's focal point follows from their account: active at once.
    other_focal_point.refresh_from_db()
    follows.follow_start(kind="pledge", value=str(pledge.pk), user=other_focal_point)
    follows.follow_start(kind="government", value=government.slug, user=other_focal_point)
    assert Follow.objects.filter(status=FollowStatus.ACTIVE).count() == 2
    _accept_a_report(pledge, focal_point, reviewer)
    _tell_followers(run_worker)
    assert [m.to for m in mail.outbox] == [[other_focal_point.email]]


def test_my_follows_lists_and_stops(reviewer_client, reviewer, pledge):
    reviewer_client.post(
        reverse("newsletter:follow"), {"kind": "pledge", "value": pledge.pk, "next": "/"}
    )
    page = reviewer_client.get(reverse("follows:mine")).content.decode()
    assert "Legal aid desk in Dakar" in page
    follow = Follow.objects.get(user=reviewer)
    reviewer_client.post(reverse("follows:stop", args=[follow.pk]))
    assert not Follow.objects.exists()


def test_many_events_wait_for_one_daily_digest(
    reviewer, focal_point, government, run_worker, django_capture_on_commit_callbacks
):
    follows.follow_start(kind="government", value=government.slug, user=reviewer)
    pledges = [
        PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title=f"Pledge {n}")
        for n in range(5)
    ]
    for item in pledges:
        _accept_a_report(item, focal_point, reviewer)
    _tell_followers(run_worker)
    assert mail.outbox == []  # five in a day: they wait for the digest
    assert FollowNotice.objects.filter(sent_at__isnull=True).count() == 5
    follow_daily.enqueue()
    run_worker()
    (digest,) = mail.outbox
    assert "5 updates" in digest.subject
    assert all(f"Pledge {n}" in digest.body for n in range(5))


def test_a_saved_search_hears_of_matching_pledges(reviewer, focal_point, government, run_worker):
    pledge = PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title="Clinic")
    code = pledge.objectives.first().code
    follows.follow_start(
        kind="search",
        value=reverse("pledges:catalogue") + f"?objective={code}&page=3",
        user=reviewer,
    )
    assert Follow.objects.get().search == f"objective={code}"
    _accept_a_report(pledge, focal_point, reviewer)
    _tell_followers(run_worker)
    assert len(mail.outbox) == 1


def test_following_refuses_what_is_not_public(client, government):
    draft = PledgeFactory(owners=[government], status=PledgeStatus.DRAFT)
    response = client.post(
        reverse("newsletter:follow"),
        {"kind": "pledge", "value": draft.pk, "email": "ana@example.org", "next": "/"},
    )
    assert response.status_code == 302 and not Follow.objects.exists()
