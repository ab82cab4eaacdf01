"""Public pages are kept whole for anonymous visitors; each visitor still gets their own CSP nonce
and CSRF token, and the fingerprint notices changes no timestamp shows."""

import re

from django.test import Client
from django.urls import reverse

from localcompacts.pledges.models import PledgeStatus

from ..factories import PledgeFactory

NONCE = re.compile(r'nonce="([^"]+)"')


def nonce_of(response) -> tuple[str, set[str]]:
    header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    return header, set(NONCE.findall(response.content.decode()))


def test_a_kept_page_carries_the_visitors_own_nonce_and_token(government, db):
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title="Housing desk")
    url = reverse("pledges:catalogue")
    first_visitor, second_visitor = (
        Client(enforce_csrf_checks=True),
        Client(enforce_csrf_checks=True),
    )
    first = first_visitor.get(url)
    second = second_visitor.get(url)
    assert first.context is not None and second.context is None  # the second was kept
    assert "Housing desk" in second.content.decode()
    for response in (first, second):
        header, in_page = nonce_of(response)
        assert in_page == {header}  # every script carries this response's nonce
    assert nonce_of(first)[0] != nonce_of(second)[0]
    assert b"\x00" not in second.content
    # The language switcher's token in the kept page is the second visitor's own: it is accepted.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', second.content.decode())
    switched = second_visitor.post(
        reverse("core:set_language"),
        {"language": "fr", "next": url, "csrfmiddlewaretoken": token.group(1)},
    )
    assert switched.status_code == 302


def test_a_change_of_public_content_builds_the_page_again(government, anonymous_client):
    url = reverse("pledges:catalogue")
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title="Housing desk")
    anonymous_client.get(url)
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title="Language classes")
    again = anonymous_client.get(url)
    assert again.context is not None
    assert "Language classes" in again.content.decode()


def test_a_visitor_with_a_message_gets_a_fresh_page(government, anonymous_client, db):
    url = reverse("pledges:catalogue")
    anonymous_client.get(url)  # kept
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest, HttpResponse

    request, carrier = HttpRequest(), HttpResponse()
    storage = CookieStorage(request)
    storage.add(20, "Thank you: check your inbox.")
    storage.update(carrier)
    anonymous_client.cookies["messages"] = carrier.cookies["messages"].value
    shown = anonymous_client.get(url)
    assert "Thank you: check your inbox." in shown.content.decode()


def test_crossing_a_public_group_is_counted_by_the_state_machine(government, focal_point, reviewer):
    """The fingerprint reads index look-ups only (no COUNT): a record leaving a workflow's public
    group would move no timestamp, so the state machine counts every crossing of that boundary
    (and only those: a draft submitted for review changes nothing public)."""
    from localcompacts.core.models import PublicChange
    from localcompacts.core.workflow import apply_transition

    def version() -> int:
        row = PublicChange.objects.filter(pk=1).first()
        return row.version if row else 0

    pledge = PledgeFactory(owners=[government], status=PledgeStatus.DRAFT)
    start = version()
    apply_transition(pledge, "submit", by=focal_point)
    assert version() == start
    apply_transition(pledge, "publish", by=reviewer)
    assert version() == start + 1
