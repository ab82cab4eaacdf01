"""Security headers on every kind of response: HTML pages, JSON, file downloads, error pages."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.urls import path, reverse

from localcompacts.core.uploads import KINDS, protected_file_response
from localcompacts.operations import views as operations_views

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def download_view(request):
    name = default_storage.save("test-downloads/report.pdf", ContentFile(PDF))
    return protected_file_response(
        default_storage.open(name), download_name="report.pdf", kind=KINDS["pdf"]
    )


def boom_view(request):
    raise RuntimeError("boom")


def forbidden_view(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


from localcompacts.config.urls import urlpatterns as site_urls  # noqa: E402

urlpatterns = [
    *site_urls,
    path("test/download", download_view),
    path("test/boom", boom_view),
    path("test/forbidden", forbidden_view),
]
handler500 = operations_views.server_error


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert re.fullmatch(r"[A-Za-z0-9._:-]{1,64}", response["X-Request-ID"])


def assert_page_csp(response):
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip()
    )
    assert directives["default-src"] == "'self'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["object-src"] == "'none'"
    return directives


@pytest.fixture
def client_raising_nothing(db):
    return Client(raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        reverse("explore:home"),
        reverse("pledges:catalogue"),
        reverse("governments:list"),
        reverse("forums:list"),
        reverse("accounts:login"),
    ],
)
def test_html_pages_carry_a_nonce_policy_and_the_script_uses_it(anonymous_client, url):
    response = anonymous_client.get(url)
    assert response.status_code == 200
    assert_common_headers(response)
    directives = assert_page_csp(response)
    assert "'unsafe-inline'" not in directives["script-src"]
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    if not scripts:  # pages load only the scripts they use (tests/core/test_page_scripts.py)
        return
    nonce = re.search(r"'nonce-([^']+)'", directives["script-src"]).group(1)
    for tag in scripts:
        # Every script is an external file from our origin, with the nonce; none is inline code.
        assert 'src="/static/' in tag, tag
        assert f'nonce="{nonce}"' in tag, tag


@pytest.mark.django_db
def test_json_health_check_carries_the_headers(anonymous_client):
    response = anonymous_client.get("/healthz")
    assert response["Content-Type"] == "application/json"
    assert_common_headers(response)
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_file_downloads_are_attachments_with_a_safe_type_and_nosniff(anonymous_client):
    response = anonymous_client.get("/test/download")
    assert response.status_code == 200
    assert_common_headers(response)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    b"".join(response.streaming_content)


SAFE_DOWNLOAD_TYPES = {kind.content_type for kind in KINDS.values()}
EXECUTABLE_TYPES = {"text/html", "application/javascript", "text/javascript", "image/svg+xml"}


def test_no_upload_kind_is_served_with_an_executable_type():
    assert not SAFE_DOWNLOAD_TYPES & EXECUTABLE_TYPES
    for kind in KINDS.values():
        response = protected_file_response(
            ContentFile(b"x", name="x"), download_name=f"x.{kind.extension}", kind=kind
        )
        assert response["Content-Type"] == kind.content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.django_db
def test_404_page_is_translated_accessible_and_has_the_headers(anonymous_client):
    response = anonymous_client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert_common_headers(response)
    assert_page_csp(response)
    html = response.content.decode()
    # Django admin's catalogue (listed first) translates this one.
    assert "<h1>Page non trouvée</h1>" in html
    assert 'lang="fr"' in html
    assert 'id="main"' in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_500_page_has_the_headers(client_raising_nothing):
    response = client_raising_nothing.get("/test/boom")
    assert response.status_code == 500
    assert_common_headers(response)
    assert_page_csp(response)
    assert "<h1>Something went wrong</h1>" in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_403_page_has_the_headers(client_raising_nothing):
    response = client_raising_nothing.get("/test/forbidden", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 403
    assert_common_headers(response)
    assert_page_csp(response)
    assert "<h1>Acceso denegado</h1>" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "owner_focal_point", "reviewer", "secretariat"])
@pytest.mark.parametrize(
    "url",
    [
        reverse("explore:home"),
        reverse("pledges:catalogue"),
        reverse("governments:list"),
        reverse("forums:list"),
        reverse("accounts:login"),
    ],
)
def test_every_post_form_carries_a_csrf_token(role_clients, role, url):
    response = role_clients[role].get(url)
    if response.status_code == 302:
        return  # signed-in people are sent away from the login page
    html = response.content.decode()
    forms = re.findall(r"<form\b.*?</form>", html, flags=re.S | re.I)
    post_forms = [f for f in forms if re.search(r'method="post"', f, flags=re.I)]
    assert post_forms, "at least the language switcher"
    for form in post_forms:
        assert 'name="csrfmiddlewaretoken"' in form, form[:200]


@pytest.mark.django_db
def test_csrf_is_enforced_on_posts(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("accounts:login"), {"username": "x@example.org", "password": "x"}
    )
    assert response.status_code == 403
