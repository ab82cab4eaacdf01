from django.contrib import admin

from .models import IndicatorValue, ProgressAttachment, ProgressReport, ReportingRound


@admin.register(ReportingRound)
class ReportingRoundAdmin(admin.ModelAdmin):
    list_display = ("title", "forum", "opens_at", "closes_at")
    list_filter = ("forum",)


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0


class ProgressAttachmentInline(admin.TabularInline):
    model = ProgressAttachment
    extra = 0
    readonly_fields = ("name", "kind", "size")


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
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
