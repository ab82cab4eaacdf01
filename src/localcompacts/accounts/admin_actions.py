"""Admin actions that need a reason (decline, reject): an intermediate page asks for it."""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


def apply_with_reason(modeladmin, request, queryset, *, title: str, apply, error_class):
    """Show the reason form; when it comes back filled in, call `apply(obj, reason)` for each."""
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        done = 0
        for obj in queryset:
            try:
                apply(obj, form.cleaned_data["reason"])
            except error_class as error:
                modeladmin.message_user(request, f"{obj}: {error}", messages.ERROR)
            else:
                done += 1
        modeladmin.message_user(request, _("%(count)d done.") % {"count": done})
        return None
    return TemplateResponse(
        request,
        "accounts/admin/reason.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "form": form,
            "queryset": queryset,
            "action": request.POST.get("action"),
            "opts": modeladmin.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        },
    )


def apply_each(modeladmin, request, queryset, *, apply, error_class) -> None:
    done = 0
    for obj in queryset:
        try:
            apply(obj)
        except error_class as error:
            modeladmin.message_user(request, f"{obj}: {error}", messages.ERROR)
        else:
            done += 1
    modeladmin.message_user(request, _("%(count)d done.") % {"count": done})
