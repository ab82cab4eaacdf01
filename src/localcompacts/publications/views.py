import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localcompacts.core.access import role_required
from localcompacts.core.forms import add_domain_error
from localcompacts.core.storage import download_response, stored_file_exists
from localcompacts.pledges.catalogue import CatalogueQuery
from localcompacts.pledges.selectors import pledge_catalogue
from localcompacts.progress.selectors import with_latest_report

from . import permissions
from .exchange.columns import GOVERNMENT_COLUMNS, LAYOUTS, PLEDGE_COLUMNS, PROGRESS_COLUMNS
from .exchange.exports import EXPORT_FORMATS, csv_chunks, iterate
from .exchange.importing import FileProblem, ImportKind, check_table, read_rows
from .exchange.jobs import import_job_result, import_job_start, runs_on_worker
from .exchange.matching import PLEDGE_FIELDS, apply_mapping, propose_mapping
from .exchange.opendata import data_dictionary_rows, latest_open_data_dump
from .exchange.services import import_table, mapping_remember, remembered_mapping
from .forms import ColumnMappingForm, ImportForm, ReportRequestForm
from .models import ImportJob, ImportJobStatus, Publication, PublicationStatus
from .report import render_context
from .selectors import publication_list_public, recent_import_jobs
from .services import PENDING_IMPORTS_FOLDER, PublicationError, publication_request

MAX_SELECTED_IDS = 5000


def publication_list(request):
    form = (
        ReportRequestForm(initial={"language": request.LANGUAGE_CODE})
        if permissions.can_request_publication(request.user)
        else None
    )
    return render(
        request,
        "publications/list.html",
        {
            "publications": publication_list_public(),
            "form": form,
            "open_data": latest_open_data_dump(),
            "can_import": permissions.can_import(request.user),
        },
    )


@role_required(permissions.can_request_publication)
@require_POST
def publication_request_view(request):
    form = ReportRequestForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            publication, _created = publication_request(
                kind=data["kind"],
                language=data["language"],
                by=request.user,
                date_from=data["date_from"],
                date_to=data["date_to"],
                forum=data["forum"],
            )
        except PublicationError as error:
            add_domain_error(form, error)
        else:
            return redirect(publication)
    return render(
        request,
        "publications/list.html",
        {
            "publications": publication_list_public(),
            "form": form,
            "open_data": latest_open_data_dump(),
        },
        status=400,
    )


def _publication(pk: int) -> Publication:
    return get_object_or_404(Publication, pk=pk)


def publication_status(request, pk: int):
    return render(request, "publications/status.html", {"publication": _publication(pk)})


def publication_progress(request, pk: int):
    return render(request, "publications/_progress.html", {"publication": _publication(pk)})


def publication_html(request, pk: int):
    publication = _publication(pk)
    return render(
        request,
        "publications/report/page.html",
        {**render_context(publication.data), "publication": publication},
    )


def publication_download(request, pk: int):
    """The edition's PDF from the default storage (written there by whichever worker built it)."""
    publication = _publication(pk)
    if publication.status != PublicationStatus.DONE or not stored_file_exists(
        publication.file_name
    ):
        raise Http404
    return download_response(
        publication.file_name,
        filename=f"localcompacts-{publication.kind}-{publication.pk}.pdf",
        content_type="application/pdf",
    )


def _filename(stem: str, extension: str) -> str:
    return f"localcompacts-{stem}-{timezone.now():%Y%m%d-%H%M}.{extension}"


def export_pledges(request, fmt: str):
    """The catalogue's filters (same query, same selector) as CSV, XLSX or JSON, streamed.

    `layout=gcm|grf` gives the UN templates' columns; `ids=1,2,3` narrows to selected pledges.
    """
    if fmt not in EXPORT_FORMATS:
        raise Http404
    layout = request.GET.get("layout", "standard")
    if layout not in LAYOUTS:
        layout = "standard"
    columns = LAYOUTS[layout]
    query = CatalogueQuery.from_params(request.GET)
    pledges = pledge_catalogue(query)
    ids = [int(v) for v in request.GET.get("ids", "").split(",") if v.strip().isdigit()]
    if ids:
        pledges = pledges.filter(pk__in=ids[:MAX_SELECTED_IDS])
    stem = "pledges" if layout == "standard" else f"pledges-{layout}"
    export = EXPORT_FORMATS[fmt]
    options = {
        "excel": request.GET.get("excel") == "1",
        "meta": {
            "generated_at": timezone.now().isoformat(timespec="seconds"),
            "licence": "CC-BY-4.0",
            "filters": query.to_params(),
        },
    }
    annotate = with_latest_report if layout == "progress" else None
    written = export.write(iterate(pledges, annotate=annotate), columns, options)
    filename = _filename(stem, export.extension)
    response = StreamingHttpResponse(written, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def data_dictionary(request):
    return render(
        request,
        "publications/data_dictionary.html",
        {
            "pledge_columns": PLEDGE_COLUMNS,
            "government_columns": GOVERNMENT_COLUMNS,
            "progress_columns": PROGRESS_COLUMNS,
        },
    )


def data_dictionary_csv(request):
    from .exchange.columns import Column

    columns = [
        Column(name, "", lambda row, i=i: row[i])
        for i, name in enumerate(("table", "column", "description", "example"))
    ]
    response = StreamingHttpResponse(
        csv_chunks(data_dictionary_rows(), columns), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="localcompacts-data-dictionary.csv"'
    return response


def open_data(request):
    dump = latest_open_data_dump()
    if dump is None:
        raise Http404
    return download_response(dump.name, filename=dump.filename, content_type="application/zip")


PENDING_UPLOADS = "publications_pending_imports"
PENDING_UPLOAD_NAMES = "publications_pending_import_names"


def _keep_upload(request, data: bytes, extension: str, name: str = "") -> str:
    """Keep an uploaded file for the mapping step (its token is valid in this session only)."""
    token = uuid.uuid4().hex
    path = default_storage.save(f"{PENDING_IMPORTS_FOLDER}/{token}.{extension}", ContentFile(data))
    request.session[PENDING_UPLOADS] = {
        **request.session.get(PENDING_UPLOADS, {}),
        token: path,
    }
    request.session[PENDING_UPLOAD_NAMES] = {
        **request.session.get(PENDING_UPLOAD_NAMES, {}),
        token: name[:200],
    }
    return token


def _kept_upload(request, token: str) -> tuple[bytes, str] | None:
    path = request.session.get(PENDING_UPLOADS, {}).get(token)
    if not path or not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        return handle.read(), path.rsplit(".", 1)[-1]


def _forget_upload(request, token: str) -> None:
    uploads = dict(request.session.get(PENDING_UPLOADS, {}))
    path = uploads.pop(token, None)
    request.session[PENDING_UPLOADS] = uploads
    names = dict(request.session.get(PENDING_UPLOAD_NAMES, {}))
    names.pop(token, None)
    request.session[PENDING_UPLOAD_NAMES] = names
    if path:
        default_storage.delete(path)


def _mapping_form(request, rows, *, token, state, dry_run, data=None):
    columns = [column for column in rows[0][1] if column] if rows else []
    return ColumnMappingForm(
        data,
        columns=columns,
        proposal=propose_mapping(columns, remembered_mapping(columns)),
        samples=rows[0][1] if rows else {},
        initial={"upload": token, "state": state, "dry_run": dry_run},
    )


@role_required(permissions.can_import)
def import_view(request):
    """Upload, then (for pledges whose columns are not ours) match the columns to fields, then
    check — a dry run shows the first rows as they will be stored — and import all or nothing.

    A table of more than `IMPORT_IN_REQUEST_MAX_ROWS` rows goes to the worker once the file's
    limits are checked and its columns matched: the answer is a redirect to the job's page."""
    result = mapping_form = None
    form = ImportForm()
    if request.method == "POST" and "upload" in request.POST:
        kept = _kept_upload(request, request.POST["upload"])
        if kept is None:
            form.add_error("file", _("The uploaded file has expired; upload it again."))
        else:
            rows = read_rows(kept[0], extension=kept[1])
            mapping_form = _mapping_form(
                request,
                rows,
                token=request.POST["upload"],
                state="draft",
                dry_run=True,
                data=request.POST,
            )
            if mapping_form.is_valid():
                mapping_remember(mapping=mapping_form.mapping, by=request.user)
                dry_run = mapping_form.cleaned_data["dry_run"]
                token = request.POST["upload"]
                if runs_on_worker(len(rows)):
                    job = import_job_start(
                        kind=ImportKind.PLEDGES,
                        data=kept[0],
                        extension=kept[1],
                        original_name=request.session.get(PENDING_UPLOAD_NAMES, {}).get(token, ""),
                        state=mapping_form.cleaned_data["state"],
                        dry_run=dry_run,
                        rows_total=len(rows),
                        language=request.LANGUAGE_CODE,
                        by=request.user,
                        mapping=mapping_form.mapping,
                    )
                    _forget_upload(request, token)
                    return redirect(job)
                result = import_table(
                    table=check_table(
                        ImportKind.PLEDGES, apply_mapping(rows, mapping_form.mapping)
                    ),
                    state=mapping_form.cleaned_data["state"],
                    by=request.user,
                    dry_run=dry_run,
                )
                if result.ok and not dry_run:
                    _forget_upload(request, request.POST["upload"])
                    mapping_form = None
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                rows = read_rows(form.data_bytes, extension=form.extension)
            except FileProblem as error:
                add_domain_error(form, error, field="file")
            else:
                header = list(rows[0][1]) if rows else []
                known = {*PLEDGE_FIELDS, *(column.name for column in PLEDGE_COLUMNS)}
                ours = all(column in known or not column for column in header)
                if data["kind"] == ImportKind.PLEDGES and rows and not ours:
                    token = _keep_upload(
                        request, form.data_bytes, form.extension, data["file"].name or ""
                    )
                    mapping_form = _mapping_form(
                        request, rows, token=token, state=data["state"], dry_run=data["dry_run"]
                    )
                elif runs_on_worker(len(rows)):
                    job = import_job_start(
                        kind=data["kind"],
                        data=form.data_bytes,
                        extension=form.extension,
                        original_name=data["file"].name or "",
                        state=data["state"],
                        dry_run=data["dry_run"],
                        rows_total=len(rows),
                        language=request.LANGUAGE_CODE,
                        by=request.user,
                    )
                    return redirect(job)
                else:
                    result = import_table(
                        table=check_table(data["kind"], rows),
                        state=data["state"],
                        by=request.user,
                        dry_run=data["dry_run"],
                    )
    invalid = form.errors or (mapping_form is not None and mapping_form.errors)
    status = 400 if (invalid or (result and not result.ok)) else 200
    return render(
        request,
        "publications/import.html",
        {
            "form": form,
            "mapping_form": mapping_form,
            "result": result,
            "pledge_columns": PLEDGE_COLUMNS,
            "government_columns": GOVERNMENT_COLUMNS,
            "title": _("Import governments and pledges"),
            "jobs": recent_import_jobs(),
            "import_in_request_max_rows": settings.IMPORT_IN_REQUEST_MAX_ROWS,
        },
        status=status,
    )


def _import_job(request, pk: int) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("started_by"), pk=pk)
    if not permissions.can_view_import_job(request.user, job):
        raise Http404
    return job


def _import_job_context(job: ImportJob) -> dict:
    finished = job.status == ImportJobStatus.DONE
    return {"job": job, "result": import_job_result(job) if finished else None}


@login_required
def import_job_view(request, pk: int):
    """An import on the worker: its progress while it runs (refreshed by htmx, or the "Refresh"
    link without JavaScript), then the same report as an import in the request."""
    job = _import_job(request, pk)
    return render(request, "publications/import_job.html", _import_job_context(job))


@login_required
def import_job_progress(request, pk: int):
    """The part of the job's page that htmx replaces every few seconds while the job runs."""
    job = _import_job(request, pk)
    return render(request, "publications/_import_job.html", _import_job_context(job))
