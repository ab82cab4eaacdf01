from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from localcompacts.core.admin_audit import AuditedAdmin
from localcompacts.core.caching import note_public_change
from localcompacts.core.workflow import TransitionError

from . import services
from .audit import PledgeAction
from .models import Indicator, Pledge, PledgeAttachment, PledgeComment, PledgeOwner


class PledgeOwnerInline(admin.TabularInline):
    model = PledgeOwner
    extra = 0
    autocomplete_fields = ("government",)


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class PledgeCommentInline(admin.TabularInline):
    model = PledgeComment
    extra = 0
    fields = ("created_at", "author", "body")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class PledgeAttachmentInline(admin.TabularInline):
    model = PledgeAttachment
    extra = 0
    fields = ("name", "kind", "size", "uploaded_by", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


def _transition_action(action: str, description):
    """An admin action that goes through the one state machine, like every other caller."""

    @admin.action(description=description)
    def run(modeladmin, request, queryset):
        done = 0
        for pledge in queryset:
            try:
                services.pledge_transition(pledge=pledge, action=action, by=request.user)
                done += 1
            except TransitionError as error:
                modeladmin.message_user(request, f"{pledge}: {error.message}", messages.ERROR)
        if done:
            modeladmin.message_user(
                request, _("%(count)s pledge(s) changed.") % {"count": done}, messages.SUCCESS
            )

    run.__name__ = f"workflow_{action}"
    return run


@admin.register(Pledge)
class PledgeAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("id", "title", "kind", "status", "published_at", "workspace_link")
    list_filter = ("status", "kind", "pledge_type", "announced_at")
    search_fields = ("title", "external_id")
    autocomplete_fields = ("matches",)
    filter_horizontal = (
        "objectives",
        "guiding_principles",
        "refugee_support_areas",
        "sdgs",
        "population_groups",
    )
    inlines = [PledgeOwnerInline, IndicatorInline, PledgeAttachmentInline, PledgeCommentInline]
    # Decisions that need a reason (request changes, decline) are taken in the review workspace.
    actions = [
        _transition_action("start_review", _("Start review of the selected pledges")),
        _transition_action("publish", _("Publish the selected pledges")),
    ]
    # The workflow status changes only through the review workflow's services.
    readonly_fields = ("status", "submitted_at", "published_at", "created_by")
    # Edits here bypass the editor's services, so each one is audited (see core.admin_audit).
    audit_added = PledgeAction.ADMIN_ADDED
    audit_changed = PledgeAction.ADMIN_CHANGED
    audit_deleted = PledgeAction.ADMIN_DELETED

    @admin.display(description=_("review"))
    def workspace_link(self, obj):
        url = reverse("workspace:review-item", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Open in the review workspace"))

    def save_model(self, request, obj, form, change):
        """An admin may take a pledge off the public pages (its status): public validators change."""
        super().save_model(request, obj, form, change)
        note_public_change()
