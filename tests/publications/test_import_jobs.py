"""Imports of more than `IMPORT_IN_REQUEST_MAX_ROWS` rows: the page stores the file and redirects
to the job's page, the real worker (`db_worker`) checks every row with progress and writes them all
or nothing, and the job's page shows the import page's own report. Who may see a job."""

import datetime
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from localcompacts.core.models import AuditEntry, StateTransition
from localcompacts.core.workflow import apply_transition
from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges.models import Pledge, PledgeStatus
from localcompacts.publications.exchange.importing import PROGRESS_EVERY, check_table, read_rows
from localcompacts.publications.exchange.jobs import (
    STOPPED_AFTER,
    WrittenRowsReport,
    import_job_start,
    import_jobs_fail_stopped,
)
from localcompacts.publications.models import ImportJob, ImportJobStage, ImportJobStatus

from ..core.test_page_scripts import HTMX_SCRIPT, HX_ATTRIBUTE
from ..urls import url_in

HEADER = "external_id,title,owners,objectives,summary\n"


def pledge_rows(count: int, *, bad_row: int | None = None) -> str:
    """`count` pledge rows for the "dakar" government; the data row `bad_row` (1-based) names an
    objective that does not exist."""
    lines = [HEADER]
    for number in range(1, count + 1):
        objective = "GCM-99" if number == bad_row else "GCM-15"
        lines.append(f"BIG-{number:05d},Action {number},dakar,{objective},Row {number}\n")
    return "".join(lines)


@pytest.fixture
def small_limit(settings):
    """Tables of more than 20 rows go to the worker (tests stay fast; the default is 300)."""
    settings.IMPORT_IN_REQUEST_MAX_ROWS = 20
    return 20


def upload(client, text: str, *, dry_run: bool = False, kind: str = "pledges", language="en"):
    data = {
        "kind": kind,
        "state": "draft",
        "file": SimpleUploadedFile("actions.csv", text.encode(), content_type="text/csv"),
    }
    if dry_run:
        data["dry_run"] = "on"
    return client.post(url_in(language, "publications:import"), data)


def test_a_large_file_is_imported_by_the_worker_with_a_progress_page(
    government,
    secretariat,
    admin_client,
    media_root,
    task_worker,
    django_capture_on_commit_callbacks,
):
    """At the default limit (300 rows), 1,000 rows: the page answers at once with a redirect;
    the worker imports every row; the job's page then shows the import page's report."""
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, pledge_rows(1000))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.status, job.rows_total, job.rows_done, job.dry_run) == ("queued", 1000, 0, False)
    assert job.started_by == secretariat and job.original_name == "actions.csv"
    assert default_storage.exists(job.file_name)
    assert not Pledge.objects.exists()

    waiting = admin_client.get(job.get_absolute_url()).content.decode()
    assert '<progress id="import-job-bar" max="1000" value="0">' in waiting
    assert '<label for="import-job-bar">Rows checked</label>' in waiting
    assert "Waiting for the worker · 0 of 1,000 rows" in waiting
    assert 'hx-trigger="every 2s"' in waiting and HTMX_SCRIPT.search(waiting)
    assert f'href="{job.get_absolute_url()}">Refresh</a>' in waiting  # without JavaScript

    task_worker()
    job.refresh_from_db()
    assert job.status == ImportJobStatus.DONE
    assert job.rows_done == job.rows_total == 1000
    assert (job.result["created"], job.result["updated"], job.problems) == (1000, 0, [])
    assert job.finished_at is not None and job.stage == ""
    assert Pledge.objects.filter(status=PledgeStatus.DRAFT).count() == 1000
    assert not default_storage.exists(job.file_name)  # the upload is not kept after the job
    steps = StateTransition.objects.filter(object_id=job.pk, content_type__model="importjob")
    assert [(s.from_state, s.to_state) for s in steps.order_by("id")] == [
        ("queued", "running"),
        ("running", "done"),
    ]
    actions = set(
        AuditEntry.objects.filter(target_type="publications.importjob").values_list(
            "action", flat=True
        )
    )
    assert actions == {"import_job.requested", "import_job.started", "import_job.finished"}
    assert AuditEntry.objects.filter(action="pledge.imported", actor=secretariat).count() == 1000

    finished = admin_client.get(job.get_absolute_url()).content.decode()
    assert "Imported: 1000 created, 0 updated." in finished
    assert not HX_ATTRIBUTE.search(finished) and not HTMX_SCRIPT.search(finished)
    fragment = admin_client.get(reverse("publications:import-job-progress", args=[job.pk]))
    assert "hx-trigger" not in fragment.content.decode()
    listing = admin_client.get(reverse("publications:import")).content.decode()
    assert job.get_absolute_url() in listing


def test_a_small_file_is_still_imported_in_the_request(
    government, admin_client, small_limit, media_root
):
    response = upload(admin_client, pledge_rows(small_limit))
    assert response.status_code == 200
    assert "Imported: 20 created, 0 updated." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_dry_run_on_the_worker_imports_nothing(
    government,
    admin_client,
    small_limit,
    media_root,
    task_worker,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, pledge_rows(450), dry_run=True)
    job = ImportJob.objects.get()
    assert response["Location"] == job.get_absolute_url() and job.dry_run
    task_worker()
    job.refresh_from_db()
    assert job.status == ImportJobStatus.DONE and job.rows_done == 450
    assert not Pledge.objects.exists()
    html = admin_client.get(job.get_absolute_url()).content.decode()
    assert "Dry run: every row is checked, nothing is imported." in html
    assert "Dry run: 450 rows checked, no problem." in html
    assert "The first rows as they will be stored" in html  # the preview, as in the request
    assert "BIG-00001" in html
    assert not default_storage.exists(job.file_name)


def test_one_bad_row_in_a_large_table_imports_nothing_and_is_reported(
    government,
    admin_client,
    small_limit,
    media_root,
    task_worker,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, pledge_rows(450, bad_row=440))
    task_worker()
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.DONE and job.rows_done == 450
    assert job.problems == [
        {"row": 441, "column": "objectives", "message": "Unknown code or name “GCM-99”."}
    ]
    assert not Pledge.objects.exists()
    response = admin_client.get(job.get_absolute_url())
    html = response.content.decode()
    assert "1 problem found; nothing was imported." in html
    assert '<th scope="row">441</th>' in html and "Unknown code or name “GCM-99”." in html


def test_a_failure_while_writing_rolls_every_row_back(
    government,
    secretariat,
    small_limit,
    media_root,
    task_worker,
    django_capture_on_commit_callbacks,
):
    """Rows that pass the check but whose writing fails (here: a state imported pledges may not
    enter, refused after the import has created a government named in the rows): nothing of the
    import stays, and the job says why."""
    lines = [HEADER.replace("summary", "country")]
    lines += [f"NEW-{n},Action {n},Ville nouvelle,GCM-15,SEN\n" for n in range(30)]
    text = "".join(lines)
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_start(
            kind="pledges",
            data=text.encode(),
            extension="csv",
            original_name="new.csv",
            state=PledgeStatus.WITHDRAWN,
            dry_run=False,
            rows_total=30,
            language="en",
            by=secretariat,
        )
    governments = LocalGovernment.objects.count()
    task_worker()
    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED
    assert job.error == "Imported pledges can only enter as draft, submitted or published."
    assert LocalGovernment.objects.count() == governments  # "Ville nouvelle" was rolled back
    assert not Pledge.objects.exists()
    assert AuditEntry.objects.filter(action="import_job.failed", target_id=str(job.pk)).exists()
    assert not default_storage.exists(job.file_name)


def test_a_job_whose_file_is_gone_fails_with_a_reason(
    government,
    admin_client,
    small_limit,
    media_root,
    task_worker,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, pledge_rows(30))
    job = ImportJob.objects.get()
    default_storage.delete(job.file_name)
    task_worker()
    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED
    html = admin_client.get(job.get_absolute_url()).content.decode()
    assert "The import failed; nothing was imported." in html
    assert "The uploaded file is no longer there; upload it again." in html
    assert "hx-trigger" not in html


def test_governments_and_a_file_with_its_own_columns_go_to_the_worker_too(
    government,
    admin_client,
    small_limit,
    media_root,
    task_worker,
    django_capture_on_commit_callbacks,
):
    governments = "name,country\n" + "".join(f"Ville {n},SEN\n" for n in range(25))
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, governments, kind="governments")
    assert response.status_code == 302
    # Pledges with the file's own column names: the mapping step first, in the request.
    text = "Identifiant,Titre,Ville\n" + "".join(f"OWN-{n},Action {n},dakar\n" for n in range(25))
    page = upload(admin_client, text, dry_run=False)
    form = page.context["mapping_form"]
    data = {"upload": form.initial["upload"], "state": "submitted"}
    for index, field in enumerate(("external_id", "title", "owners")):
        data[f"column_{index}"] = field
    with django_capture_on_commit_callbacks(execute=True):
        mapped = admin_client.post(reverse("publications:import"), data)
    job = ImportJob.objects.get(kind="pledges")
    assert mapped["Location"] == job.get_absolute_url()
    assert job.mapping == {"identifiant": "external_id", "titre": "title", "ville": "owners"}
    assert job.original_name == "actions.csv"
    task_worker()
    assert set(ImportJob.objects.values_list("status", flat=True)) == {"done"}
    assert LocalGovernment.objects.filter(name__startswith="Ville ").count() == 25
    assert Pledge.objects.filter(status=PledgeStatus.SUBMITTED).count() == 25


def test_the_report_is_written_in_the_language_of_the_person_who_started_it(
    government,
    admin_client,
    small_limit,
    media_root,
    task_worker,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, pledge_rows(30, bad_row=3), language="fr")
    task_worker()
    job = ImportJob.objects.get()
    assert job.language == "fr"
    assert job.problems[0]["message"] == "Code ou nom inconnu « GCM-99 »."


def test_file_limits_are_checked_in_the_request(government, admin_client, small_limit):
    """A file the request refuses never becomes a job."""
    fake = SimpleUploadedFile("actions.xlsx", b"not a spreadsheet")
    response = admin_client.post(
        reverse("publications:import"), {"kind": "pledges", "state": "draft", "file": fake}
    )
    assert response.status_code == 400
    too_wide = ",".join(f"c{n}" for n in range(201)) + "\n" + ",".join("x" * 201) + "\n"
    assert upload(admin_client, too_wide * 1).status_code == 400
    assert not ImportJob.objects.exists()


def test_the_check_reports_its_progress(government):
    rows = read_rows(pledge_rows(2 * PROGRESS_EVERY + 50).encode(), extension="csv")
    seen = []
    check_table("pledges", rows, progress=seen.append)
    assert seen == [PROGRESS_EVERY, 2 * PROGRESS_EVERY]


@pytest.fixture
def running_job(government, secretariat, media_root):
    job = import_job_start(
        kind="pledges",
        data=pledge_rows(5000).encode(),
        extension="csv",
        original_name="big.csv",
        state="draft",
        dry_run=False,
        rows_total=5000,
        language="en",
        by=secretariat,
    )
    apply_transition(job, "start", by=None)
    ImportJob.objects.filter(pk=job.pk).update(stage=ImportJobStage.CHECKING, rows_done=1200)
    return job


def test_the_progress_page_of_a_running_job(running_job, admin_client):
    html = admin_client.get(running_job.get_absolute_url()).content.decode()
    assert (
        '<progress id="import-job-bar" max="5000" value="1200">1,200 of 5,000 rows</progress>'
        in (html)
    )
    assert "Checking every row · 1,200 of 5,000 rows" in html
    assert '<label for="import-job-bar">Rows checked</label>' in html
    assert 'role="status"' in html
    assert "<code>big.csv</code>" in html
    assert re.search(r'hx-get="[^"]+/progress/" hx-trigger="every 2s"', html)
    assert HTMX_SCRIPT.search(html)
    fragment = admin_client.get(
        reverse("publications:import-job-progress", args=[running_job.pk])
    ).content.decode()
    assert fragment.lstrip().startswith('<div id="import-job"') and "every 2s" in fragment
    ImportJob.objects.filter(pk=running_job.pk).update(stage=ImportJobStage.WRITING, rows_done=5000)
    writing = admin_client.get(running_job.get_absolute_url()).content.decode()
    assert "5,000 rows checked; now writing them (all or nothing, in one transaction)." in writing
    assert 'max="5000" value="5000">5,000 of 5,000 rows</progress>' in writing
    # Where the database lets the page see rows written before the import commits (PostgreSQL)
    ImportJob.objects.filter(pk=running_job.pk).update(rows_written=2400)
    written = admin_client.get(running_job.get_absolute_url()).content.decode()
    assert '<label for="import-job-bar">Rows written</label>' in written
    assert 'max="5000" value="2400">2,400 of 5,000 rows</progress>' in written
    assert "Writing every row in one transaction · 2,400 of 5,000 rows" in written
    french = admin_client.get(url_in("fr", "publications:import-job", pk=running_job.pk))
    assert "5\u202f000" in french.content.decode() or "5\xa0000" in french.content.decode()


@pytest.mark.needs("postgresql")
@pytest.mark.django_db(transaction=True)
def test_rows_written_are_seen_while_the_write_transaction_is_open(secretariat, media_root):
    """The second connection's UPDATE commits at once and waits for nothing: the import's
    transaction (here: a government written, still uncommitted) does not hold the job row."""
    from django.apps import apps

    from localcompacts.compacts.loading import load_taxonomies

    # A transactional test starts from whatever the previous one's flush left: load the
    # countries itself (restoring a serialized copy collided with the content types a flush
    # re-creates, on PostgreSQL).
    load_taxonomies(apps)
    job = import_job_start(
        kind="governments",
        data=b"name,country\nDakar,SEN\n",
        extension="csv",
        original_name="a.csv",
        state="draft",
        dry_run=False,
        rows_total=1,
        language="en",
        by=secretariat,
    )
    apply_transition(job, "start", by=None)
    report = WrittenRowsReport.open(job)
    try:
        with transaction.atomic():
            LocalGovernment.objects.create(name="Thiès", slug="thies", country_id=job_country())
            report(400)
            assert ImportJob.objects.get(pk=job.pk).rows_written == 400
    finally:
        report.close()
    assert not report.failed


def job_country() -> int:
    from localcompacts.compacts.models import Country

    return Country.objects.get(iso3="SEN").pk


def test_sqlite_has_no_second_connection_for_progress(running_job):
    """SQLite has one write lock, held by the import's transaction: a second connection would wait
    for the import itself, so rows written are not reported there."""
    if connection.vendor == "sqlite":
        assert WrittenRowsReport.open(running_job) is None
    else:
        report = WrittenRowsReport.open(running_job)
        assert report is not None
        report.close()


def test_a_job_whose_worker_was_killed_is_failed_after_a_while(running_job):
    ImportJob.objects.filter(pk=running_job.pk).update(heartbeat_at=timezone.now())
    assert import_jobs_fail_stopped() == []
    later = timezone.now() + STOPPED_AFTER + datetime.timedelta(minutes=1)
    assert import_jobs_fail_stopped(now=later) == [running_job.pk]
    running_job.refresh_from_db()
    assert running_job.status == ImportJobStatus.FAILED
    assert "The worker stopped during the import" in running_job.error
    assert not default_storage.exists(running_job.file_name)


ROLES = ["anonymous", "owner_focal_point", "other_focal_point", "reviewer", "secretariat"]
# Who started the job → expected status by role, for its page and for the part htmx reloads:
# the person who started it and the secretariat; others get a 404, signed-out people the login.
MATRIX = [
    ("secretariat", [302, 404, 404, 404, 200]),
    # someone who started an import and no longer has the secretariat's role still sees it
    ("reviewer", [302, 404, 404, 200, 200]),
]


@pytest.mark.parametrize("view", ["publications:import-job", "publications:import-job-progress"])
@pytest.mark.parametrize(("starter", "statuses"), MATRIX, ids=[m[0] for m in MATRIX])
def test_who_may_see_an_import_job(
    role_clients, reviewer, secretariat, media_root, view, starter, statuses
):
    job = import_job_start(
        kind="governments",
        data=b"name,country\nDakar,SEN\n",
        extension="csv",
        original_name="a.csv",
        state="draft",
        dry_run=True,
        rows_total=1,
        language="en",
        by={"secretariat": secretariat, "reviewer": reviewer}[starter],
    )
    for role, expected in zip(ROLES, statuses, strict=True):
        response = role_clients[role].get(reverse(view, args=[job.pk]))
        assert response.status_code == expected, (role, view)
    assert role_clients["secretariat"].get(reverse(view, args=[job.pk + 1])).status_code == 404
