from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from localcompacts.core.access import role_required
from localcompacts.core.forms import add_domain_error

from .charts import stacked_bars
from .forms import CompareForm, ImportForm
from .importing import COLUMNS, REQUIRED, ImportFileError, forum_import
from .models import ForumKind, ReviewForum
from .permissions import can_manage_forums
from .selectors import (
    forum_comparison,
    forum_delegations,
    forum_figures,
    forum_get_public,
    forum_list_public,
    forum_outcomes,
    forum_pledges,
    forum_programme,
)


def _forum_or_404(slug: str) -> ReviewForum:
    try:
        return forum_get_public(slug=slug)
    except ReviewForum.DoesNotExist:
        raise Http404 from None


def forum_list(request):
    return render(request, "forums/list.html", {"forums": forum_list_public()})


def forum_detail(request, slug: str):
    forum = _forum_or_404(slug)
    figures = forum_figures(forum)
    chart = stacked_bars(
        [(row["label"], row["with_local"], row["total"]) for row in figures.sessions_by_type]
    )
    return render(
        request,
        "forums/detail.html",
        {
            "forum": forum,
            "figures": figures,
            "chart": chart,
            "programme": forum_programme(forum),
            "delegations": forum_delegations(forum),
            "outcomes": forum_outcomes(forum),
            "pledges": forum_pledges(forum),
            "can_manage": can_manage_forums(request.user),
        },
    )


def forum_compare(request):
    forums = list(ReviewForum.objects.order_by("start_date"))
    form = CompareForm(request.GET or None, forums=forums)
    chosen = []
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["forum"]
    if not chosen:
        chosen = [f.slug for f in forums if f.kind == ForumKind.IMRF]
        form = CompareForm(initial={"forum": chosen}, forums=forums)
    selected = [f for f in forums if f.slug in chosen]
    rows = forum_comparison(selected)
    chart = stacked_bars(
        [
            (forum.name, figures.official_sessions_with_local_speaker, figures.official_sessions)
            for forum, figures in rows
        ]
    )
    return render(request, "forums/compare.html", {"form": form, "rows": rows, "chart": chart})


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
                for kind, label in form.fields["kind"].choices
            ],
        },
        status=status,
    )
