"""Admin actions that take a workflow transition on the selected objects (see `core.workflow`).

    actions = [
        transition_action("verify", _("Verify the selected endorsements")),
        transition_action("reject", _("Reject the selected endorsements (asks for a reason)"),
                          title=_("Reject endorsements")),
    ]

When the transition needs a comment (`comment_required`: decline, reject), the action first shows
one reason page (`core/admin/reason.html`); then it calls `apply_transition` for each selected
object as the signed-in person and reports each refusal (`DomainError`) next to its object.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .errors import DomainError
from .forms import ReasonForm
from .workflow import apply_transition, workflow_for

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

AdminAction = Callable[[admin.ModelAdmin[Any], HttpRequest, QuerySet[Any]], HttpResponse | None]


class AdminReasonForm(ReasonForm):
    rows = 4


def transition_action(
    action: str, label: "StrOrPromise", *, title: "StrOrPromise | None" = None
) -> AdminAction:
    """An admin action taking `action` on each selected object (`label`: the menu's wording)."""

    @admin.action(description=label)
    def run(
        modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]
    ) -> HttpResponse | None:
        workflow = workflow_for(modeladmin.model)
        needs_reason = any(t.comment_required for t in workflow.transitions if t.action == action)
        reason = ""
        if needs_reason:
            form = AdminReasonForm(request.POST if "apply" in request.POST else None)
            if not form.is_valid():
                return _reason_page(modeladmin, request, queryset, form, title or label)
            reason = form.cleaned_data["reason"]
        done = 0
        for obj in queryset:
            try:
                apply_transition(obj, action, by=request.user, comment=reason, workflow=workflow)
            except DomainError as error:
                modeladmin.message_user(request, f"{obj}: {error}", messages.ERROR)
            else:
                done += 1
        modeladmin.message_user(request, _("%(count)d done.") % {"count": done})
        return None

    run.__name__ = action  # the POSTed action name, as before
    return run


def _reason_page(
    modeladmin: admin.ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[Model],
    form: AdminReasonForm,
    title: "StrOrPromise",
) -> TemplateResponse:
    return TemplateResponse(
        request,
        "core/admin/reason.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "form": form,
            "queryset": queryset,
            "action": request.POST.get("action"),
            "opts": modeladmin.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        },
    )
