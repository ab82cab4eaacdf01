"""Every role × every endpoint that shows or changes an endorsement, a letter or a focal-point request.

Decisions: unpublished things are 404 (never 403) for anonymous people and other governments' focal
points. Reviewers see pending endorsements and letters read-only; only the secretariat verifies or
rejects (in the workspace: a reviewer, or the owner, who can see the endorsement gets 404 when
trying, as on every workspace page). Role-gated workspace pages send signed-out people to the
login page (the redirect is the same for every id, so it reveals nothing); signed-in people
without the role get 404.
"""

import pytest
from django.urls import reverse

from localcompacts.accounts.services import focal_point_request_submit
from localcompacts.compacts.models import Country
from localcompacts.governments.models import EndorsementStatus
from localcompacts.governments.services import endorsement_reject, endorsement_verify
from tests.factories import pdf_upload, submit_endorsement

ROLES = ["anonymous", "owner_focal_point", "other_focal_point", "reviewer", "secretariat"]
LOGIN = 302


def _expect(anonymous, owner, other, reviewer, secretariat):
    return dict(zip(ROLES, [anonymous, owner, other, reviewer, secretariat], strict=True))


# (name, method, url builder, state, expected codes by role)
ENDORSEMENT_CASES = [
    (
        "declaration page",
        "get",
        lambda e: reverse("declaration:page"),
        "pending",
        _expect(200, 200, 200, 200, 200),
    ),
    (
        "endorse form",
        "get",
        lambda e: reverse("declaration:endorse"),
        "pending",
        _expect(LOGIN, 200, 200, 404, 404),
    ),
    (
        "endorse post",
        "post",
        lambda e: reverse("declaration:endorse"),
        "pending",
        _expect(LOGIN, 400, 400, 404, 404),
    ),
    (
        "pending detail",
        "get",
        lambda e: reverse("declaration:endorsement", args=[e.pk]),
        "pending",
        _expect(404, 200, 404, 200, 200),
    ),
    (
        "pending detail post",
        "post",
        lambda e: reverse("declaration:endorsement", args=[e.pk]),
        "pending",
        _expect(405, 405, 405, 405, 405),
    ),
    (
        "pending letter",
        "get",
        lambda e: reverse("declaration:letter", args=[e.pk]),
        "pending",
        _expect(404, 200, 404, 200, 200),
    ),
    (
        "rejected detail",
        "get",
        lambda e: reverse("declaration:endorsement", args=[e.pk]),
        "rejected",
        _expect(404, 200, 404, 200, 200),
    ),
    (
        "rejected letter",
        "get",
        lambda e: reverse("declaration:letter", args=[e.pk]),
        "rejected",
        _expect(404, 200, 404, 200, 200),
    ),
    (
        "verified detail",
        "get",
        lambda e: reverse("declaration:endorsement", args=[e.pk]),
        "verified",
        _expect(200, 200, 200, 200, 200),
    ),
    (
        "verified letter",
        "get",
        lambda e: reverse("declaration:letter", args=[e.pk]),
        "verified",
        _expect(404, 200, 404, 200, 200),
    ),
    (
        "review queue",
        "get",
        lambda e: reverse("endorsement_review:queue"),
        "pending",
        _expect(LOGIN, 404, 404, 200, 200),
    ),
    (
        "verify get",
        "get",
        lambda e: reverse("endorsement_review:verify", args=[e.pk]),
        "pending",
        _expect(405, 405, 405, 405, 405),
    ),
    (
        "verify",
        "post",
        lambda e: reverse("endorsement_review:verify", args=[e.pk]),
        "pending",
        _expect(404, 404, 404, 404, 302),
    ),
    (
        "reject",
        "post",
        lambda e: reverse("endorsement_review:reject", args=[e.pk]),
        "pending",
        _expect(404, 404, 404, 404, 302),
    ),
    (
        "withdraw",
        "post",
        lambda e: reverse("declaration:withdraw", args=[e.pk]),
        "pending",
        _expect(404, 302, 404, 404, 404),
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "url", "state", "expected"),
    ENDORSEMENT_CASES,
    ids=[case[0] for case in ENDORSEMENT_CASES],
)
def test_endorsement_endpoints(
    role, name, method, url, state, expected, role_clients, focal_point, government, secretariat
):
    endorsement = submit_endorsement(government=government, by=focal_point)
    if state == "verified":
        endorsement_verify(endorsement=endorsement, by=secretariat)
    elif state == "rejected":
        endorsement_reject(endorsement=endorsement, by=secretariat, reason="Unsigned")
    client = role_clients[role]
    data = {"reason": "Unsigned"} if method == "post" else None
    if name == "endorse post":
        data = {
            "government": government.pk,
            "signatory_name": "A",
            "signatory_title": "Mayor",
            "signed_on": "2019-01-01",
            "letter": pdf_upload(),
        }
    response = getattr(client, method)(url(endorsement), data)
    assert response.status_code == expected[role], (name, role)
    if expected[role] == LOGIN and role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))
    if name == "withdraw" and role == "owner_focal_point":
        return
    endorsement.refresh_from_db()
    if name in {"verify", "reject", "withdraw"} and expected[role] != 302:
        assert endorsement.status == EndorsementStatus.PENDING


REQUEST_CASES = [
    ("request list", "get", lambda r: reverse("secretariat:requests")),
    ("request detail", "get", lambda r: reverse("secretariat:request", args=[r.pk])),
    ("approve", "post", lambda r: reverse("secretariat:request_approve", args=[r.pk])),
    ("decline", "post", lambda r: reverse("secretariat:request_decline", args=[r.pk])),
    ("invite reviewer", "get", lambda r: reverse("secretariat:invite_reviewer")),
    ("invite reviewer post", "post", lambda r: reverse("secretariat:invite_reviewer")),
    ("secretariat workspace", "get", lambda r: reverse("secretariat:secretariat")),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "url"), REQUEST_CASES, ids=[case[0] for case in REQUEST_CASES]
)
def test_focal_point_request_endpoints(role, name, method, url, role_clients):
    request = focal_point_request_submit(
        full_name="Awa Ndiaye",
        position="Officer",
        email="awa@example.org",
        government=None,
        proposed_name="Thiès",
        proposed_country=Country.objects.get(iso3="SEN"),
        proposed_latitude=14.79,
        proposed_longitude=-16.93,
    )
    data = {
        "reason": "Unknown",
        "full_name": "R",
        "email": "r@example.org",
        "organisation": "",
        "language": "en",
    }
    response = getattr(role_clients[role], method)(url(request), data if method == "post" else None)
    expected = {
        "anonymous": LOGIN,
        "owner_focal_point": 404,
        "other_focal_point": 404,
        "reviewer": 404,
    }.get(role)
    if role == "secretariat":
        assert response.status_code in {200, 302, 400}, name
    else:
        assert response.status_code == expected, (name, role)
        request.refresh_from_db()
        assert request.status == "pending"


@pytest.mark.parametrize(
    ("role", "account", "two_factor"),
    [
        ("anonymous", LOGIN, LOGIN),
        ("owner_focal_point", 200, 404),
        ("other_focal_point", 200, 404),
        ("reviewer", 200, 200),
        ("secretariat", 200, 200),
    ],
)
def test_account_pages(role, account, two_factor, role_clients):
    client = role_clients[role]
    assert client.get(reverse("accounts:account")).status_code == account
    assert client.get(reverse("accounts:two_factor")).status_code == two_factor
    assert client.get(reverse("accounts:apply")).status_code == 200
