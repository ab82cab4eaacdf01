from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from localcompacts.core.access import role_required
from localcompacts.core.forms import add_domain_error

from .forms import IMPORT_KINDS, ImportForm
from .importing import COLUMNS, REQUIRED, ImportFileError, forum_import
from .models import ReviewForum
from .permissions import can_manage_forums
from .selectors import forum_get_public


def _forum_or_404(slug: str) -> ReviewForum:
    try:
        return forum_get_public(slug=slug)
    except ReviewForum.DoesNotExist:
        raise Http404 from None


@role_required(can_manage_forums)
def forum_import_page(request, slug: str):
    forum = _forum_or_404(slug)
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            uploaded = form.cleaned_data["file"]
            try:
                report = forum_import(
                    forum=forum,
                    kind=form.cleaned_data["kind"],
                    uploaded=uploaded,
                    name=uploaded.name,
                    by=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                )
            except ImportFileError as error:
                add_domain_error(form, error, field="file")
    else:
        form = ImportForm(initial={"kind": "programme", "dry_run": True})
    status = (
        400
        if (request.method == "POST" and (not form.is_valid() or (report and not report.ok)))
        else 200
    )
    return render(
        request,
        "forums/import.html",
        {
            "forum": forum,
            "form": form,
            "report": report,
            "title": _("Import forum data"),
            "columns": [
                (label, [(column, column in REQUIRED[kind]) for column in COLUMNS[kind]])
                for kind, label in IMPORT_KINDS
            ],
        },
        status=status,
    )
