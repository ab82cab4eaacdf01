"""The editor: a focal point's dashboard, the step-by-step draft, proposing changes to a
published pledge, and the files attached to a pledge."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localcompacts.core.forms import add_domain_error, message_domain_error
from localcompacts.core.uploads import KINDS, protected_file_response
from localcompacts.governments.models import LocalGovernment

from .. import forms, services
from ..models import Pledge, PledgeAttachment, PledgeStatus
from ..permissions import (
    acts_for_owner,
    can_edit_pledge,
    can_manage_attachments,
    can_propose_changes,
    can_view_pledge,
)
from ..pickers import pledge_label
from ..quality import pledge_quality, quality_while_typing, submission_problems
from ..selectors import change_request_of, workspace_pledges
from . import visible_or_404
from .steps import EDITOR_STEPS, editor_steps


@login_required
def dashboard(request):
    if not request.user.is_focal_point:
        raise Http404
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
        raise Http404
    governments = LocalGovernment.objects.filter(focal_points__user=request.user).order_by("name")
    if not governments.exists():
        raise Http404
    form = forms.BasicsForm(request.POST or None, governments=governments)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        government, token = data.pop("government"), data.pop("token")
        try:
            pledge, _created = services.pledge_create_draft(
                government=government, by=request.user, token=token, **data
            )
        except services.PledgeEditError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("workspace:edit", pk=pledge.pk, step=_next_step(request, "basics"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "pledges/workspace/edit.html",
        {"form": form, "step": "basics", "steps": editor_steps(), "pledge": None},
        status=status,
    )


def _next_step(request, step: str) -> str:
    if "stay" in request.POST:
        return step
    # The pledge's own steps in turn; optional steps of other apps are reached from the step list.
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
                "matches": pledge_label(pledge.matches) if pledge.matches else "",
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
    pledge = visible_or_404(request, pk)
    if step in EDITOR_STEPS:  # an optional step drawn by another app, on its own page
        return redirect(EDITOR_STEPS[step].url_name, pk=pledge.pk)
    if step not in forms.STEP_NAMES:
        raise Http404
    if can_propose_changes(request.user, pledge):
        return redirect("workspace:pledge", pk=pledge.pk)  # changes go through a revision
    if not can_edit_pledge(request.user, pledge):
        raise Http404
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
    translations = None
    # Translations of the title and summary: an optional part of the first step (a post without
    # the translation rows, from an older page or a script, leaves them as they are).
    if step == "basics" and (data is None or "translations-TOTAL_FORMS" in data):
        translations = forms.translation_formset(
            data,
            initial=[
                {"language": t.language, "title": t.title, "summary": t.summary}
                for t in pledge.translations.all()
            ],
            text_language=(data or {}).get("language") or pledge.language,
            rows=1 if "add_translation" in request.GET else 0,
        )
    if request.method == "POST":
        valid = (
            form.is_valid()
            and (formset is None or formset.is_valid())
            and (translations is None or translations.is_valid())
        )
        if valid:
            changes = dict(form.cleaned_data)
            kwargs: dict[str, Any] = {}
            if formset is not None:
                kwargs["indicators"] = forms.indicator_rows(formset)
            if translations is not None:
                kwargs["translations"] = forms.translation_rows(translations)
            if step == "partners":
                kwargs["co_owners"] = list(changes.pop("co_owners"))
            try:
                services.pledge_update_draft(
                    pledge=pledge, by=request.user, changes=changes, **kwargs
                )
            except services.PledgeEditError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Draft saved."))
                if "add_indicator" in request.POST:
                    url = reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": step})
                    return redirect(f"{url}?rows={len(kwargs['indicators']) + 1}#indicators")
                if "add_translation" in request.POST:
                    url = reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": step})
                    return redirect(f"{url}?add_translation=1#translations")
                return redirect("workspace:edit", pk=pledge.pk, step=_next_step(request, step))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "pledges/workspace/edit.html",
        {
            "form": form,
            "formset": formset,
            "translations": translations,
            "step": step,
            "steps": editor_steps(),
            "pledge": pledge,
            "change_request": change_request_of(pledge),
            "quality": quality_while_typing(pledge, request.POST)
            if data
            else pledge_quality(pledge),
        },
        status=status,
    )


@require_POST
def live_quality(request, pk: int):
    """The quality checklist for what the editor holds now (htmx, as the person types)."""
    pledge = visible_or_404(request, pk)
    if not can_edit_pledge(request.user, pledge):
        raise Http404
    return render(
        request,
        "pledges/workspace/_quality.html",
        {"quality": quality_while_typing(pledge, request.POST), "live": True},
    )


def _review_step(request, pledge: Pledge):
    if request.method == "POST":
        return HttpResponseNotAllowed(["GET"])
    return _review_page(request, pledge, forms.AttachmentForm())


def _review_page(request, pledge: Pledge, attachment_form, *, status: int = 200):
    """Step 6, "Review and submit": the same page after a refused upload, with its errors."""
    return render(
        request,
        "pledges/workspace/submit.html",
        {
            "pledge": pledge,
            "step": "review",
            "steps": editor_steps(),
            "change_request": change_request_of(pledge),
            "quality": pledge_quality(pledge),
            "problems": submission_problems(pledge),
            "attachment_form": attachment_form,
            "submit_action": "resubmit"
            if pledge.status == PledgeStatus.CHANGES_REQUESTED
            else "submit",
        },
        status=status,
    )


@require_POST
def propose_changes(request, pk: int):
    pledge = visible_or_404(request, pk)
    if not acts_for_owner(request.user, pledge):
        raise Http404
    try:
        revision = services.pledge_start_revision(pledge=pledge, by=request.user)
    except services.PledgeEditError as error:
        message_domain_error(request, error)
        return redirect("workspace:pledge", pk=pledge.pk)
    return redirect("workspace:edit", pk=revision.pk, step="basics")


@require_POST
def attachment_upload(request, pk: int):
    pledge = visible_or_404(request, pk)
    if not can_manage_attachments(request.user, pledge):
        raise Http404
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                pledge=pledge, by=request.user, uploaded=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        except services.PledgeEditError as error:
            add_domain_error(form, error, field="file")
        else:
            messages.success(request, _("File added."))
            return redirect("workspace:edit", pk=pledge.pk, step="review")
    return _review_page(request, pledge, form, status=400)


@require_POST
def attachment_delete(request, pk: int, attachment_id: int):
    pledge = visible_or_404(request, pk)
    attachment = get_object_or_404(PledgeAttachment, pk=attachment_id, pledge=pledge)
    if not can_manage_attachments(request.user, pledge):
        raise Http404
    services.attachment_remove(attachment=attachment, by=request.user)
    messages.success(request, _("File removed."))
    return redirect("workspace:edit", pk=pledge.pk, step="review")


def attachment_download(request, pk: int, attachment_id: int):
    """Public for published pledges; otherwise only owners and reviewers (404 for everyone else)."""
    pledge = visible_or_404(request, pk)
    if not can_view_pledge(request.user, pledge):
        raise Http404
    attachment = get_object_or_404(PledgeAttachment, pk=attachment_id, pledge=pledge)
    return protected_file_response(
        attachment.file, download_name=attachment.name, kind=KINDS[attachment.kind]
    )
