"""Every role × every endpoint that shows or changes a pledge, an attachment or a comment, on the
web and in the API, and the other role-gated pages (publications, data import and its jobs, forum
import).

A draft that was never submitted is the government's private work: reviewers and the secretariat
get the same 404 as anyone else. A pledge submitted once and sent back for changes stays visible
to them."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from localcompacts.api.services import api_token_create
from localcompacts.core.models import OutgoingEmail
from localcompacts.pledges import services
from localcompacts.publications.exchange.jobs import import_job_start

from ..forums.builders import make_forum
from .helpers import draft, published

ROLES = ["anonymous", "owner_focal_point", "other_focal_point", "reviewer", "secretariat"]
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def objects(government, focal_point, reviewer, secretariat, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    unpublished = draft(government=government, by=focal_point, title="Draft pledge")
    attachment = services.attachment_add(
        pledge=unpublished, by=focal_point, uploaded=SimpleUploadedFile("plan.pdf", PDF)
    )
    public = published(government=government, by=focal_point, reviewer=reviewer, title="Public")
    returned = draft(government=government, by=focal_point, title="Returned pledge")
    returned_file = services.attachment_add(
        pledge=returned, by=focal_point, uploaded=SimpleUploadedFile("plan.pdf", PDF)
    )
    services.pledge_transition(pledge=returned, action="submit", by=focal_point)
    services.pledge_transition(
        pledge=returned, action="request_changes", by=reviewer, comment="Name the district."
    )
    return {
        "draft": unpublished,
        "attachment": attachment,
        "returned": returned,
        "returned_file": returned_file,
        "published": public,
        "forum": make_forum(),
        # an import on the worker, started by the secretariat
        "import_job": import_job_start(
            kind="governments",
            data=b"name,country\nDakar,SEN\n",
            extension="csv",
            original_name="cities.csv",
            state="draft",
            dry_run=True,
            rows_total=1,
            language="en",
            by=secretariat,
        ),
    }


# (method, url template, expected status by role). Workspace pages answer 404 to anyone who may
# not see the pledge or may not do what they ask (never 403), and send signed-out people to the
# login page where the page is not about one pledge.
MATRIX = [
    # a draft never submitted: its owners only
    ("get", "/pledges/{draft}/", [404, 301, 404, 404, 404]),
    ("get", "/workspace/pledges/{draft}/", [404, 200, 404, 404, 404]),
    ("get", "/workspace/review/{draft}/", [404, 404, 404, 404, 404]),
    ("get", "/workspace/pledges/{draft}/edit/basics/", [404, 200, 404, 404, 404]),
    ("post", "/workspace/pledges/{draft}/edit/basics/", [404, 400, 404, 404, 404]),
    ("get", "/workspace/pledges/{draft}/edit/review/", [404, 200, 404, 404, 404]),
    ("post", "/workspace/pledges/{draft}/quality/", [404, 200, 404, 404, 404]),
    ("post", "/workspace/pledges/{draft}/transition/submit/", [404, 302, 404, 404, 404]),
    # a draft cannot be published by anyone: the state is checked first (409) for its owners
    ("post", "/workspace/pledges/{draft}/transition/publish/", [404, 409, 404, 404, 404]),
    ("post", "/workspace/pledges/{draft}/transition/withdraw/", [404, 302, 404, 404, 404]),
    ("post", "/workspace/pledges/{draft}/propose-changes/", [404, 302, 404, 404, 404]),
    ("post", "/workspace/pledges/{draft}/comments/", [404, 302, 404, 404, 404]),
    ("post", "/workspace/review/{draft}/comments/", [404, 302, 404, 404, 404]),
    ("get", "/pledges/{draft}/attachments/{attachment}/", [404, 200, 404, 404, 404]),
    ("post", "/workspace/pledges/{draft}/attachments/", [404, 400, 404, 404, 404]),
    (
        "post",
        "/workspace/pledges/{draft}/attachments/{attachment}/delete/",
        [404, 302, 404, 404, 404],
    ),
    # submitted once, then sent back for changes: reviewers keep seeing it and its files
    ("get", "/pledges/{returned}/", [404, 301, 404, 301, 301]),
    ("get", "/workspace/pledges/{returned}/", [404, 200, 404, 200, 200]),
    ("get", "/workspace/review/{returned}/", [404, 404, 404, 200, 200]),
    ("get", "/workspace/pledges/{returned}/edit/basics/", [404, 200, 404, 404, 404]),
    ("post", "/workspace/pledges/{returned}/transition/publish/", [404, 409, 404, 409, 409]),
    ("post", "/workspace/pledges/{returned}/comments/", [404, 302, 404, 302, 302]),
    ("post", "/workspace/review/{returned}/comments/", [404, 302, 404, 302, 302]),
    ("get", "/pledges/{returned}/attachments/{returned_file}/", [404, 200, 404, 200, 200]),
    ("post", "/workspace/pledges/{returned}/attachments/", [404, 400, 404, 404, 404]),
    ("get", "/pledges/{published}/", [301, 301, 301, 301, 301]),
    ("get", "/workspace/pledges/{published}/", [404, 200, 404, 200, 200]),
    ("get", "/workspace/review/{published}/", [404, 404, 404, 200, 200]),
    # published pledges are visible to all, yet acting on them without the right is 404 as
    # well; owners change them through a revision
    ("get", "/workspace/pledges/{published}/edit/basics/", [404, 302, 404, 404, 404]),
    ("post", "/workspace/pledges/{published}/quality/", [404, 404, 404, 404, 404]),
    ("post", "/workspace/pledges/{published}/propose-changes/", [404, 302, 404, 404, 404]),
    # a published pledge cannot be withdrawn by anyone: the state is checked first (409)
    ("post", "/workspace/pledges/{published}/transition/withdraw/", [404, 409, 404, 409, 409]),
    ("post", "/workspace/pledges/{published}/attachments/", [404, 404, 404, 404, 404]),
    ("get", "/workspace/", [302, 200, 200, 200, 200]),
    ("get", "/workspace/pledges/", [302, 200, 200, 404, 404]),
    ("get", "/workspace/review/", [302, 404, 404, 200, 200]),
    ("get", "/workspace/pledges/new/", [302, 200, 200, 404, 404]),
    ("post", "/workspace/pledges/new/", [302, 400, 400, 404, 404]),
    # Role-gated pages elsewhere answer the same way: login for signed-out people, 404 without
    # the role (never 403).
    ("post", "/publications/request/", [302, 404, 404, 400, 400]),
    ("get", "/publications/import/", [302, 404, 404, 404, 200]),
    ("get", "/forums/{forum}/import/", [302, 404, 404, 404, 200]),
    # an import job: the person who started it and the secretariat (tests/publications checks
    # a starter without the role)
    ("get", "/publications/import/jobs/{import_job}/", [302, 404, 404, 404, 200]),
    ("get", "/publications/import/jobs/{import_job}/progress/", [302, 404, 404, 404, 200]),
]

CASES = [
    (method, url, role, status)
    for method, url, statuses in MATRIX
    for role, status in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(
    ("method", "url", "role", "expected"), CASES, ids=[f"{m} {u} {r}" for m, u, r, _e in CASES]
)
def test_permission_matrix(role_clients, objects, method, url, role, expected):
    """Each cell starts from fresh objects, so one role's action cannot change another's answer."""
    url = _fill(url, objects)
    client = role_clients[role]
    if method == "post":
        response = client.post(url, {"body": "A question", "comment": ""})
    else:
        response = client.get(url)
    assert response.status_code == expected


def _fill(url: str, objects) -> str:
    """The address with the objects' keys; pages carry the language prefix, the API does not."""
    prefix = "" if url.startswith("/api/") else "/en"
    return prefix + url.format(
        draft=objects["draft"].pk,
        returned=objects["returned"].pk,
        published=objects["published"].pk,
        attachment=objects["attachment"].pk,
        returned_file=objects["returned_file"].pk,
        forum=objects["forum"].slug,
        import_job=objects["import_job"].pk,
    )


# The API, by token (a signed-in browser reads it like the public): (method, path, body,
# expected status by role). Reads and writes of a pledge one may not see are 404; the state is
# checked before the right (409), as on the web.
API_MATRIX = [
    ("get", "/api/v1/pledges/{draft}", None, [404, 200, 404, 404, 404]),
    ("get", "/api/v1/pledges/{draft}/progress", None, [404, 200, 404, 404, 404]),
    ("patch", "/api/v1/pledges/{draft}", {"place": "Port"}, [401, 200, 404, 404, 404]),
    (
        "post",
        "/api/v1/pledges/{draft}/transitions",
        {"action": "publish"},
        [401, 409, 404, 404, 404],
    ),
    ("get", "/api/v1/pledges/{returned}", None, [404, 200, 404, 200, 200]),
    (
        "post",
        "/api/v1/pledges/{returned}/transitions",
        {"action": "publish"},
        [401, 409, 404, 409, 409],
    ),
    ("get", "/api/v1/pledges/{published}", None, [200, 200, 200, 200, 200]),
]
API_CASES = [
    (method, url, body, role, status)
    for method, url, body, statuses in API_MATRIX
    for role, status in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(
    ("method", "url", "body", "role", "expected"),
    API_CASES,
    ids=[f"{m} {u} {r}" for m, u, _b, r, _e in API_CASES],
)
def test_api_permission_matrix(
    client,
    objects,
    focal_point,
    other_focal_point,
    reviewer,
    secretariat,
    method,
    url,
    body,
    role,
    expected,
):
    users = {
        "owner_focal_point": focal_point,
        "other_focal_point": other_focal_point,
        "reviewer": reviewer,
        "secretariat": secretariat,
    }
    headers = {}
    if role in users:
        secret = api_token_create(user=users[role], name="matrix")[1]
        headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    if body is None:
        response = getattr(client, method)(_fill(url, objects), **headers)
    else:
        response = getattr(client, method)(
            _fill(url, objects), data=json.dumps(body), content_type="application/json", **headers
        )
    assert response.status_code == expected


def test_never_submitted_drafts_stay_out_of_the_review_queue(reviewer_client, objects):
    """Whatever the status filter asks for: a reviewer never lists a draft not yet submitted."""
    page = reviewer_client.get(
        reverse("workspace:review"), {"status": ["draft", "changes_requested"]}
    )
    html = page.content.decode()
    assert "Draft pledge" not in html
    assert "Returned pledge" in html


def test_a_comment_on_a_never_submitted_draft_mails_no_reviewer(
    focal_point_client, objects, reviewer
):
    focal_point_client.post(
        reverse("workspace:comment", kwargs={"pk": objects["draft"].pk}), {"body": "Note to self"}
    )
    assert objects["draft"].comments.count() == 1
    assert not OutgoingEmail.objects.filter(to=reviewer.email, key__startswith="pledge-comment")


def test_attachment_download_is_a_safe_attachment(focal_point_client, objects):
    response = focal_point_client.get(
        reverse(
            "pledges:attachment",
            kwargs={"pk": objects["draft"].pk, "attachment_id": objects["attachment"].pk},
        )
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_uploads_are_checked(focal_point_client, government, focal_point):
    pledge = draft(government=government, by=focal_point)
    url = reverse("workspace:attachment-upload", kwargs={"pk": pledge.pk})
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf")
    response = focal_point_client.post(url, {"file": fake})
    assert response.status_code == 400
    assert "not a real" in response.content.decode()
    for number in range(5):
        name = f"plan ünïcødé {number}/../x.pdf"
        assert (
            focal_point_client.post(url, {"file": SimpleUploadedFile(name, PDF)}).status_code == 302
        )
    assert pledge.attachments.count() == 5
    assert all("/" not in a.name for a in pledge.attachments.all())
    response = focal_point_client.post(url, {"file": SimpleUploadedFile("six.pdf", PDF)})
    assert response.status_code == 400
    assert pledge.attachments.count() == 5


def test_oversize_file_is_refused_by_the_service(government, focal_point):
    pledge = draft(government=government, by=focal_point)
    big = SimpleUploadedFile("big.pdf", PDF)
    big.size = 26 * 1024 * 1024  # what the upload handler reports; no need to send 26 MB
    with pytest.raises(ValidationError) as error:
        services.attachment_add(pledge=pledge, by=focal_point, uploaded=big)
    assert error.value.code == "too_large"
    assert not pledge.attachments.exists()
