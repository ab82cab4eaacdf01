"""The workspace: focal points draft and follow their pledges, reviewers review them.

Anything unpublished is 404 for people who may not see it (never 403); people who can see a pledge
but may not do something to it get 403; illegal transitions get 409 with the reason.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localcompacts.compacts.models import Country
from localcompacts.core.uploads import KINDS, protected_file_response
from localcompacts.core.workflow import TransitionError, transitions_of
from localcompacts.governments.models import LocalGovernment

from . import forms, services
from .diff import pledge_diff
from .models import Pledge, PledgeAttachment, PledgeKind, PledgeStatus
from .permissions import (
    acts_for_owner,
    can_comment,
    can_edit_pledge,
    can_manage_attachments,
    can_propose_changes,
    can_view_pledge,
    is_reviewer,
)
from .quality import pledge_quality, quality_while_typing, submission_problems
from .selectors import pledge_comments, pledge_for_workspace, review_queue, workspace_pledges
from .workflow import PLEDGE_WORKFLOW

QUEUE_PAGE = 50


def _visible_or_404(request, pk: int) -> Pledge:
    try:
        return pledge_for_workspace(pk=pk, user=request.user)
    except Pledge.DoesNotExist:
        raise Http404 from None


@login_required
def dashboard(request):
    if not request.user.is_focal_point:
        if request.user.is_reviewer:
            return redirect("workspace:review")
        raise PermissionDenied
    pledges = list(workspace_pledges(user=request.user))
    for pledge in pledges:
        pledge.quality = pledge_quality(
            pledge,
            indicators=pledge.measurable_indicators,
            population_groups=pledge.population_group_count,
        )
    return render(request, "pledges/workspace/dashboard.html", {"pledges": pledges})


@login_required
def new_pledge(request):
    if not request.user.is_focal_point:
        raise PermissionDenied
    governments = LocalGovernment.objects.filter(focal_points__user=request.user).order_by("name")
    if not governments.exists():
        raise PermissionDenied
    form = forms.BasicsForm(request.POST or None, governments=governments)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        government, token = data.pop("government"), data.pop("token")
        try:
            pledge, _created = services.pledge_create_draft(
                government=government, by=request.user, token=token, **data
            )
        except services.PledgeEditError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("workspace:edit", pk=pledge.pk, step=_next_step(request, "basics"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "pledges/workspace/edit.html",
        {"form": form, "step": "basics", "steps": forms.STEPS, "pledge": None},
        status=status,
    )


def _next_step(request, step: str) -> str:
    if "stay" in request.POST:
        return step
    index = forms.STEP_NAMES.index(step)
    return forms.STEP_NAMES[min(index + 1, len(forms.STEP_NAMES) - 1)]


def _step_form(step: str, pledge: Pledge, data=None):
    if step == "basics":
        return forms.BasicsForm(data, instance=pledge)
    if step == "alignment":
        initial = {
            name: list(getattr(pledge, name).all())
            for name in ("objectives", "refugee_support_areas", "guiding_principles", "sdgs")
        }
        return forms.AlignmentForm(data, initial=initial)
    if step == "beneficiaries":
        return forms.BeneficiariesForm(
            data,
            initial={
                "population_groups": list(pledge.population_groups.all()),
                "place": pledge.place,
            },
        )
    if step == "timeline":
        return forms.TimelineForm(
            data,
            initial={
                "start_date": pledge.start_date,
                "end_date": pledge.end_date,
                "budget": pledge.budget,
                "currency": pledge.currency,
            },
        )
    if step == "partners":
        co_owners = [o.pk for o in pledge.owners.all() if not _is_lead(pledge, o)]
        return forms.PartnersForm(
            data,
            pledge=pledge,
            initial={
                "partners": pledge.partners,
                "co_owners": co_owners,
                "matches": pledge.matches_id,
            },
        )
    return None


def _is_lead(pledge, government) -> bool:
    return any(o.is_lead and o.government_id == government.pk for o in pledge.ownerships.all())


def _indicator_formset(pledge: Pledge, data=None, rows: int = 0):
    initial = [
        {
            "name": i.name,
            "unit": i.unit,
            "baseline": i.baseline,
            "target": i.target,
            "target_date": i.target_date,
        }
        for i in pledge.indicators.all()
    ]
    formset_class = forms.forms.formset_factory(
        forms.IndicatorForm,
        extra=max(1, rows),
        max_num=forms.MAX_INDICATORS,
        validate_max=True,
        absolute_max=forms.MAX_INDICATORS,
    )
    return formset_class(data, initial=initial, prefix="indicators")


def edit(request, pk: int, step: str):
    pledge = _visible_or_404(request, pk)
    if step not in forms.STEP_NAMES:
        raise Http404
    if can_propose_changes(request.user, pledge):
        return redirect("workspace:pledge", pk=pledge.pk)  # changes go through a revision
    if not can_edit_pledge(request.user, pledge):
        raise PermissionDenied
    if step == "review":
        return _review_step(request, pledge)
    data = request.POST if request.method == "POST" else None
    form = _step_form(step, pledge, data)
    formset = None
    if step == "timeline":
        try:
            rows = min(int(request.GET.get("rows", 1)), forms.MAX_INDICATORS)
        except ValueError:
            rows = 1
        formset = _indicator_formset(pledge, data, rows)
    if request.method == "POST":
        valid = form.is_valid() and (formset is None or formset.is_valid())
        if valid:
            changes = dict(form.cleaned_data)
            kwargs = {}
            if formset is not None:
                kwargs["indicators"] = forms.indicator_rows(formset)
            if step == "partners":
                kwargs["co_owners"] = list(changes.pop("co_owners"))
            try:
                services.pledge_update_draft(
                    pledge=pledge, by=request.user, changes=changes, **kwargs
                )
            except services.PledgeEditError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Draft saved."))
                if "add_indicator" in request.POST:
                    url = reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": step})
                    return redirect(f"{url}?rows={len(kwargs['indicators']) + 1}#indicators")
                return redirect("workspace:edit", pk=pledge.pk, step=_next_step(request, step))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "pledges/workspace/edit.html",
        {
            "form": form,
            "formset": formset,
            "step": step,
            "steps": forms.STEPS,
            "pledge": pledge,
            "quality": quality_while_typing(pledge, request.POST)
            if data
            else pledge_quality(pledge),
        },
        status=status,
    )


@require_POST
def live_quality(request, pk: int):
    """The quality checklist for what the editor holds now (htmx, as the person types)."""
    pledge = _visible_or_404(request, pk)
    if not can_edit_pledge(request.user, pledge):
        raise PermissionDenied
    return render(
        request,
        "pledges/workspace/_quality.html",
        {"quality": quality_while_typing(pledge, request.POST), "live": True},
    )


def _review_step(request, pledge: Pledge):
    if request.method == "POST":
        return HttpResponseNotAllowed(["GET"])
    return render(
        request,
        "pledges/workspace/submit.html",
        {
            "pledge": pledge,
            "step": "review",
            "steps": forms.STEPS,
            "quality": pledge_quality(pledge),
            "problems": submission_problems(pledge),
            "attachment_form": forms.AttachmentForm(),
            "submit_action": "resubmit"
            if pledge.status == PledgeStatus.CHANGES_REQUESTED
            else "submit",
        },
    )


def pledge_page(
    request, pk: int, status: int = 200, transition_form=None, comment_form=None, error=""
):
    """One page for the owner and the reviewers: status, checklist, diff, comments, timeline."""
    pledge = _visible_or_404(request, pk)
    if not (acts_for_owner(request.user, pledge) or is_reviewer(request.user)):
        raise Http404  # a published pledge seen by anyone else lives on the public page
    revision = None
    if not pledge.is_revision and pledge.is_published:
        revision = pledge.revisions.exclude(
            status__in=["published", "declined", "withdrawn"]
        ).first()
    return render(
        request,
        "pledges/workspace/pledge.html",
        {
            "pledge": pledge,
            "revision": revision,
            "quality": pledge_quality(pledge),
            "diff": pledge_diff(pledge.revision_of, pledge) if pledge.is_revision else None,
            "timeline": _timeline(pledge),
            "comments": pledge_comments(pledge),
            "transitions": PLEDGE_WORKFLOW.available(pledge, request.user),
            "transition_form": transition_form or forms.TransitionForm(),
            "comment_form": comment_form or forms.CommentForm(),
            "can_edit": can_edit_pledge(request.user, pledge),
            "can_propose_changes": can_propose_changes(request.user, pledge),
            "can_comment": can_comment(request.user, pledge),
            "is_reviewer": is_reviewer(request.user),
            "error": error,
        },
        status=status,
    )


def _timeline(pledge: Pledge) -> list:
    steps = list(transitions_of(pledge))
    labels = dict(PledgeStatus.choices)
    for step in steps:
        step.from_label = labels.get(step.from_state, step.from_state)
        step.to_label = labels.get(step.to_state, step.to_state)
    return steps


@require_POST
def transition(request, pk: int, action: str):
    pledge = _visible_or_404(request, pk)
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
            raise PermissionDenied(error.message) from None
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
def propose_changes(request, pk: int):
    pledge = _visible_or_404(request, pk)
    if not acts_for_owner(request.user, pledge):
        raise PermissionDenied
    try:
        revision = services.pledge_start_revision(pledge=pledge, by=request.user)
    except services.PledgeEditError as error:
        messages.error(request, error.message)
        return redirect("workspace:pledge", pk=pledge.pk)
    return redirect("workspace:edit", pk=revision.pk, step="basics")


@require_POST
def comment(request, pk: int):
    pledge = _visible_or_404(request, pk)
    if not can_comment(request.user, pledge):
        raise Http404
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(pledge=pledge, by=request.user, body=form.cleaned_data["body"])
        except services.PledgeEditError as error:
            form.add_error("body", error.message)
        else:
            messages.success(request, _("Comment added."))
            name = "workspace:review-item" if request.user.is_reviewer else "workspace:pledge"
            return redirect(reverse(name, kwargs={"pk": pledge.pk}) + "#comments")
    return pledge_page(request, pk, status=400, comment_form=form)


@require_POST
def attachment_upload(request, pk: int):
    pledge = _visible_or_404(request, pk)
    if not can_manage_attachments(request.user, pledge):
        raise PermissionDenied
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                pledge=pledge, by=request.user, uploaded=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        except services.PledgeEditError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("File added."))
            return redirect("workspace:edit", pk=pledge.pk, step="review")
    return render(
        request,
        "pledges/workspace/submit.html",
        {
            "pledge": pledge,
            "step": "review",
            "steps": forms.STEPS,
            "quality": pledge_quality(pledge),
            "problems": submission_problems(pledge),
            "attachment_form": form,
        },
        status=400,
    )


@require_POST
def attachment_delete(request, pk: int, attachment_id: int):
    pledge = _visible_or_404(request, pk)
    attachment = get_object_or_404(PledgeAttachment, pk=attachment_id, pledge=pledge)
    if not can_manage_attachments(request.user, pledge):
        raise PermissionDenied
    services.attachment_remove(attachment=attachment, by=request.user)
    messages.success(request, _("File removed."))
    return redirect("workspace:edit", pk=pledge.pk, step="review")


def attachment_download(request, pk: int, attachment_id: int):
    """Public for published pledges; otherwise only owners and reviewers (404 for everyone else)."""
    pledge = _visible_or_404(request, pk)
    if not can_view_pledge(request.user, pledge):
        raise Http404
    attachment = get_object_or_404(PledgeAttachment, pk=attachment_id, pledge=pledge)
    return protected_file_response(
        attachment.file, download_name=attachment.name, kind=KINDS[attachment.kind]
    )


@login_required
def review(request):
    if not request.user.is_reviewer:
        raise PermissionDenied
    statuses = [s for s in request.GET.getlist("status") if s in PledgeStatus.values]
    country = request.GET.get("country", "")[:3].upper()
    kind = request.GET.get("kind", "")
    kind = kind if kind in PledgeKind.values else ""
    sort = request.GET.get("sort", "oldest")
    sort = sort if sort in ("oldest", "newest", "title") else "oldest"
    q = request.GET.get("q", "")[:100].strip()
    pledges = list(
        review_queue(status=statuses, country=country, q=q, kind=kind, sort=sort)[:QUEUE_PAGE]
    )
    for pledge in pledges:
        pledge.quality = pledge_quality(
            pledge,
            indicators=pledge.measurable_indicators,
            population_groups=pledge.population_group_count,
        )
    if request.GET.get("flagged") == "1":
        pledges = [p for p in pledges if p.quality]
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
        _visible_or_404(request, pk)  # 404 for those who may not see it
        raise PermissionDenied
    return pledge_page(request, pk)
