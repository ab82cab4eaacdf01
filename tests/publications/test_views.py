"""The publications pages: request an edition, follow its progress, download it; the commands."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from localcompacts.forums.models import ReviewForum
from localcompacts.pledges.models import Pledge
from localcompacts.publications.models import Publication, PublicationStatus

PERIOD = {"kind": "report", "date_from": "2025-01-01", "date_to": "2025-12-31", "language": "en"}


def test_request_returns_at_once_then_the_worker_makes_the_pdf(
    report_world, reviewer_client, anonymous_client, task_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(reverse("publications:request"), PERIOD)
    publication = Publication.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "publications:status", kwargs={"pk": publication.pk}
    )
    assert publication.status == PublicationStatus.QUEUED
    page = anonymous_client.get(response["Location"]).content.decode()
    assert '<progress id="publication-progress-bar" max="100" value="0">' in page
    assert 'hx-trigger="every 2s"' in page
    task_worker()
    fragment = anonymous_client.get(
        reverse("publications:progress", kwargs={"pk": publication.pk})
    ).content.decode()
    assert "hx-trigger" not in fragment and "Download the PDF" in fragment
    download = anonymous_client.get(reverse("publications:download", kwargs={"pk": publication.pk}))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    listing = anonymous_client.get(reverse("publications:list")).content.decode()
    assert publication.title in listing and "Generate an edition" not in listing


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("owner_focal_point", 404),
        ("other_focal_point", 404),
        ("reviewer", 302),
        ("secretariat", 302),
    ],
)
def test_who_may_request_an_edition(report_world, role_clients, role, status):
    assert role_clients[role].post(reverse("publications:request"), PERIOD).status_code == status


def test_a_bad_request_is_explained_next_to_the_field(report_world, reviewer_client):
    response = reviewer_client.post(
        reverse("publications:request"), {**PERIOD, "date_to": "2024-01-01"}
    )
    assert response.status_code == 400
    assert "The end of the period is before its start." in response.content.decode()
    assert not Publication.objects.exists()


def test_unfinished_editions_have_no_download(report_world, reviewer_client, anonymous_client):
    reviewer_client.post(reverse("publications:request"), PERIOD)
    publication = Publication.objects.get()
    assert (
        anonymous_client.get(
            reverse("publications:download", kwargs={"pk": publication.pk})
        ).status_code
        == 404
    )
    assert (
        anonymous_client.get(reverse("publications:status", kwargs={"pk": "999"})).status_code
        == 404
    )


def test_forum_summary(report_world, secretariat, capsys):
    forum = ReviewForum.objects.order_by("start_date").first()
    Pledge.objects.filter(title="Language classes for all").update(announced_at=forum)
    call_command("build_report", "--forum", forum.slug, "--kind", "forum_summary")
    publication = Publication.objects.get()
    assert publication.is_done
    assert publication.data["figures"]["actions"] == 1
    assert publication.data["forum"]["slug"] == forum.slug
    out = capsys.readouterr().out
    assert "100%" in out and str(publication.cache_key) in out


def test_build_report_command_reuses_unchanged_editions(report_world, capsys):
    call_command("build_report", "--from", "2025-01-01", "--to", "2025-12-31")
    call_command("build_report", "--from", "2025-01-01", "--to", "2025-12-31")
    assert "reusing edition" in capsys.readouterr().out
    assert Publication.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("build_report", "--from", "2025-01-01")


def test_import_command(government, tmp_path, secretariat):
    file = tmp_path / "p.csv"
    file.write_text("external_id,title,owners\nX-1,Shelter,dakar\nX-2,,dakar\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_data", "pledges", str(file))
    file.write_text("external_id,title,owners\nX-1,Shelter,dakar\n", encoding="utf-8")
    call_command(
        "import_data", "pledges", str(file), "--state", "submitted", "--user", secretariat.email
    )
    assert Pledge.objects.get(external_id="X-1").status == "submitted"


def test_nav_links_to_publications(anonymous_client, db):
    html = anonymous_client.get(reverse("explore:home")).content.decode()
    assert f'href="{reverse("publications:list")}"' in html
