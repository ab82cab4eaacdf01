"""Review: the queue, and the pledge's workspace page (shared by its owners and the
reviewers) with its transitions and comments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localcompacts.compacts.models import Country
from localcompacts.core.forms import add_domain_error
from localcompacts.core.workflow import TransitionError, transitions_of
from localcompacts.governments.models import LocalGovernment

from .. import forms, services
from ..diff import pledge_diff
from ..models import Pledge, PledgeKind, PledgeStatus
from ..permissions import (
    acts_for_owner,
    can_comment,
    can_edit_pledge,
    can_propose_changes,
    is_reviewer,
)
from ..quality import pledge_quality
from ..sections import WORKSPACE_PAGE_SECTIONS, pledge_page_sections
from ..selectors import change_request_of, pledge_thread, review_queue_page
from ..workflow import PLEDGE_WORKFLOW
from . import visible_or_404

QUEUE_PAGE = 50


def pledge_page(
    request, pk: int, status: int = 200, transition_form=None, comment_form=None, error=""
):
    """One page for the owner and the reviewers: status, checklist, diff, comments, timeline."""
    pledge = visible_or_404(request, pk)
    if not (acts_for_owner(request.user, pledge) or is_reviewer(request.user)):
        raise Http404  # a published pledge seen by anyone else lives on the public page
    revision = None
    if not pledge.is_revision and pledge.is_published:
        revision = pledge.revisions.exclude(
            status__in=["published", "declined", "withdrawn"]
        ).first()
    context = {
        "pledge": pledge,
        "revision": revision,
        "quality": pledge_quality(pledge),
        "diff": pledge_diff(pledge.revision_of, pledge) if pledge.is_revision else None,
        "timeline": _timeline(pledge),
        "comments": pledge_thread(pledge),
        "change_request": change_request_of(pledge),
        "transitions": PLEDGE_WORKFLOW.available(pledge, request.user),
        "transition_form": transition_form or forms.TransitionForm(),
        "comment_form": comment_form or forms.CommentForm(),
        "can_edit": can_edit_pledge(request.user, pledge),
        "can_propose_changes": can_propose_changes(request.user, pledge),
        "can_comment": can_comment(request.user, pledge),
        "is_reviewer": is_reviewer(request.user),
        "error": error,
    }
    context["sections"] = pledge_page_sections(pledge, request, context, WORKSPACE_PAGE_SECTIONS)
    return render(request, "pledges/workspace/pledge.html", context, status=status)


def _timeline(pledge: Pledge) -> list:
    steps = list(transitions_of(pledge))
    labels = dict(PledgeStatus.choices)
    for step in steps:
        step.from_label = labels.get(step.from_state, step.from_state)  # type: ignore[attr-defined]  # for the template
        step.to_label = labels.get(step.to_state, step.to_state)  # type: ignore[attr-defined]  # for the template
    return steps


@require_POST
def transition(request, pk: int, action: str):
    pledge = visible_or_404(request, pk)
    if not (acts_for_owner(request.user, pledge) or is_reviewer(request.user)):
        raise Http404
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        return pledge_page(request, pk, status=400, transition_form=form)
    try:
        record = services.pledge_transition(
            pledge=pledge, action=action, by=request.user, comment=form.cleaned_data["comment"]
        )
    except TransitionError as error:
        if error.code == "permission":
            raise Http404 from None
        status = 400 if error.code in ("comment", "invalid") else 409
        return pledge_page(request, pk, status=status, transition_form=form, error=error.message)
    messages.success(
        request,
        _("Saved. The pledge is now “%(status)s”.")
        % {"status": PledgeStatus(record.to_state).label},
    )
    target = record.object_id  # a published revision continues as its original pledge
    if request.user.is_reviewer:
        return redirect("workspace:review-item", pk=target)
    return redirect("workspace:pledge", pk=target)


@require_POST
def comment(request, pk: int):
    pledge = visible_or_404(request, pk)
    if not can_comment(request.user, pledge):
        raise Http404
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(pledge=pledge, by=request.user, body=form.cleaned_data["body"])
        except services.PledgeEditError as error:
            add_domain_error(form, error, field="body")
        else:
            messages.success(request, _("Comment added."))
            name = "workspace:review-item" if request.user.is_reviewer else "workspace:pledge"
            return redirect(reverse(name, kwargs={"pk": pledge.pk}) + "#comments")
    return pledge_page(request, pk, status=400, comment_form=form)


@login_required
def review(request):
    if not request.user.is_reviewer:
        raise Http404
    statuses = [s for s in request.GET.getlist("status") if s in PledgeStatus.values]
    country = request.GET.get("country", "")[:3].upper()
    kind = request.GET.get("kind", "")
    kind = kind if kind in PledgeKind.values else ""
    sort = request.GET.get("sort", "oldest")
    sort = sort if sort in ("oldest", "newest", "title") else "oldest"
    q = request.GET.get("q", "")[:100].strip()
    pledges = review_queue_page(
        status=statuses,
        country=country,
        q=q,
        kind=kind,
        sort=sort,
        flagged=request.GET.get("flagged") == "1",
        limit=QUEUE_PAGE,
    )
    return render(
        request,
        "pledges/workspace/review.html",
        {
            "pledges": pledges,
            "filters": {"status": statuses, "country": country, "kind": kind, "sort": sort, "q": q},
            "flagged": request.GET.get("flagged") == "1",
            "status_choices": [c for c in PledgeStatus.choices if c[0] != "draft"],
            "kind_choices": PledgeKind.choices,
            "countries": Country.objects.filter(iso3__in=_queue_countries()).order_by("name_en"),
        },
    )


def _queue_countries():
    return (
        LocalGovernment.objects.filter(
            pledges__status__in=["submitted", "in_review", "changes_requested"]
        )
        .values_list("country__iso3", flat=True)
        .distinct()
    )


def review_item(request, pk: int):
    if not request.user.is_authenticated or not request.user.is_reviewer:
        raise Http404
    return pledge_page(request, pk)
