"""Every role × every endpoint that shows or changes a pledge, an attachment or a comment, and the
other role-gated pages (publications, data import, forum import)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from localcompacts.pledges import services

from ..forums.builders import make_forum
from .helpers import draft, published

ROLES = ["anonymous", "owner_focal_point", "other_focal_point", "reviewer", "secretariat"]
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def objects(government, focal_point, reviewer):
    unpublished = draft(government=government, by=focal_point, title="Draft pledge")
    attachment = services.attachment_add(
        pledge=unpublished, by=focal_point, uploaded=SimpleUploadedFile("plan.pdf", PDF)
    )
    public = published(government=government, by=focal_point, reviewer=reviewer, title="Public")
    return {
        "draft": unpublished,
        "attachment": attachment,
        "published": public,
        "forum": make_forum(),
    }


# (method, (url name, its arguments: names of `objects` or literal values), expected status by
# role). Workspace pages answer 404 to anyone who may
# not see the pledge or may not do what they ask (never 403), and send signed-out people to the
# login page where the page is not about one pledge.
MATRIX = [
    ("get", ("pledges:detail-short", {"pk": "draft"}), [404, 301, 404, 301, 301]),
    ("get", ("workspace:pledge", {"pk": "draft"}), [404, 200, 404, 200, 200]),
    ("get", ("workspace:review-item", {"pk": "draft"}), [404, 404, 404, 200, 200]),
    ("get", ("workspace:edit", {"pk": "draft", "step": "basics"}), [404, 200, 404, 404, 404]),
    ("post", ("workspace:edit", {"pk": "draft", "step": "basics"}), [404, 400, 404, 404, 404]),
    ("get", ("workspace:edit", {"pk": "draft", "step": "review"}), [404, 200, 404, 404, 404]),
    ("post", ("workspace:quality", {"pk": "draft"}), [404, 200, 404, 404, 404]),
    (
        "post",
        ("workspace:transition", {"pk": "draft", "action": "submit"}),
        [404, 302, 404, 404, 404],
    ),
    # a draft cannot be published by anyone: the state is checked first (409)
    (
        "post",
        ("workspace:transition", {"pk": "draft", "action": "publish"}),
        [404, 409, 404, 409, 409],
    ),
    ("post", ("workspace:propose-changes", {"pk": "draft"}), [404, 302, 404, 404, 404]),
    ("post", ("workspace:comment", {"pk": "draft"}), [404, 302, 404, 302, 302]),
    ("post", ("workspace:review-comment", {"pk": "draft"}), [404, 302, 404, 302, 302]),
    (
        "get",
        ("pledges:attachment", {"pk": "draft", "attachment_id": "attachment"}),
        [404, 200, 404, 200, 200],
    ),
    ("post", ("workspace:attachment-upload", {"pk": "draft"}), [404, 400, 404, 404, 404]),
    (
        "post",
        ("workspace:attachment-delete", {"pk": "draft", "attachment_id": "attachment"}),
        [404, 302, 404, 404, 404],
    ),
    ("get", ("pledges:detail-short", {"pk": "published"}), [301, 301, 301, 301, 301]),
    ("get", ("workspace:pledge", {"pk": "published"}), [404, 200, 404, 200, 200]),
    ("get", ("workspace:review-item", {"pk": "published"}), [404, 404, 404, 200, 200]),
    # published pledges are visible to all, yet acting on them without the right is 404 as
    # well; owners change them through a revision
    ("get", ("workspace:edit", {"pk": "published", "step": "basics"}), [404, 302, 404, 404, 404]),
    ("post", ("workspace:quality", {"pk": "published"}), [404, 404, 404, 404, 404]),
    ("post", ("workspace:propose-changes", {"pk": "published"}), [404, 302, 404, 404, 404]),
    # a published pledge cannot be withdrawn by anyone: the state is checked first (409)
    (
        "post",
        ("workspace:transition", {"pk": "published", "action": "withdraw"}),
        [404, 409, 404, 409, 409],
    ),
    ("post", ("workspace:attachment-upload", {"pk": "published"}), [404, 404, 404, 404, 404]),
    ("get", ("workspace:dashboard", {}), [302, 200, 200, 302, 302]),
    ("get", ("workspace:review", {}), [302, 404, 404, 200, 200]),
    ("get", ("workspace:new", {}), [302, 200, 200, 404, 404]),
    ("post", ("workspace:new", {}), [302, 400, 400, 404, 404]),
    # Role-gated pages elsewhere answer the same way: login for signed-out people, 404 without
    # the role (never 403).
    ("post", ("publications:request", {}), [302, 404, 404, 400, 400]),
    ("get", ("publications:import", {}), [302, 404, 404, 404, 200]),
    ("get", ("forums:import", {"slug": "forum"}), [302, 404, 404, 404, 200]),
]

CASES = [
    (method, url, role, status)
    for method, url, statuses in MATRIX
    for role, status in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(
    ("method", "url", "role", "expected"),
    CASES,
    ids=[f"{m} {u[0]} {u[1]} {r}" for m, u, r, _e in CASES],
)
def test_permission_matrix(role_clients, objects, method, url, role, expected):
    """Each cell starts from fresh objects, so one role's action cannot change another's answer."""
    name, arguments = url
    ids = {
        "draft": objects["draft"].pk,
        "published": objects["published"].pk,
        "attachment": objects["attachment"].pk,
        "forum": objects["forum"].slug,
    }
    url = reverse(name, kwargs={key: ids.get(value, value) for key, value in arguments.items()})
    client = role_clients[role]
    if method == "post":
        response = client.post(url, {"body": "A question", "comment": ""})
    else:
        response = client.get(url)
    assert response.status_code == expected


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
