from django.contrib import admin

from localcompacts.core.admin_audit import AuditedAdmin

from .audit import ProgressAction
from .models import IndicatorValue, ProgressAttachment, ProgressReport, ReportingRound


@admin.register(ReportingRound)
class ReportingRoundAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("title", "forum", "opens_at", "closes_at")
    list_filter = ("forum",)
    audit_added = ProgressAction.ROUND_ADMIN_ADDED
    audit_changed = ProgressAction.ROUND_ADMIN_CHANGED
    audit_deleted = ProgressAction.ROUND_ADMIN_DELETED


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0


class ProgressAttachmentInline(admin.TabularInline):
    model = ProgressAttachment
    extra = 0
    readonly_fields = ("name", "kind", "size")


@admin.register(ProgressReport)
class ProgressReportAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = (
        "pledge",
        "reporting_round",
        "delivery_status",
        "percent_complete",
        "status",
        "submitted_at",
    )
    list_filter = ("status", "delivery_status", "reporting_round")
    search_fields = ("pledge__title",)
    raw_id_fields = ("pledge",)
    # Review status changes only through the workflow.
    readonly_fields = ("status", "accepted_at", "submitted_by")
    inlines = [IndicatorValueInline, ProgressAttachmentInline]
    audit_added = ProgressAction.REPORT_ADMIN_ADDED
    audit_changed = ProgressAction.REPORT_ADMIN_CHANGED
    audit_deleted = ProgressAction.REPORT_ADMIN_DELETED
