"""Admin screens for editors (the secretariat): a forum with its links, sessions with speakers,
delegations with members, convenings with co-hosts, outcome documents with drafts and paragraphs.
Writes that carry rules (adding a draft, confirming a paragraph) go through the services."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from localcompacts.core.admin_audit import AuditedAdmin

from . import services
from .audit import ForumAction
from .models import (
    ConveningCoHost,
    DelegationMember,
    ForumLink,
    HighLevelConvening,
    NationalDelegation,
    OutcomeDocument,
    OutcomeDraft,
    OutcomeParagraph,
    ProgrammeSession,
    ReviewForum,
    Speaker,
)


class ForumLinkInline(admin.TabularInline):
    model = ForumLink
    extra = 0


class ProgrammeSessionInline(admin.TabularInline):
    model = ProgrammeSession
    extra = 0
    fields = ("date", "start_time", "end_time", "session_type", "title", "is_official")
    show_change_link = True


@admin.register(ReviewForum)
class ReviewForumAdmin(AuditedAdmin, admin.ModelAdmin):
    audit_added = ForumAction.FORUM_ADMIN_ADDED
    audit_changed = ForumAction.FORUM_ADMIN_CHANGED
    audit_deleted = ForumAction.FORUM_ADMIN_DELETED
    list_display = ("name", "kind", "start_date", "end_date", "place", "is_demo_data")
    list_filter = ("kind",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("import_link",)
    inlines = [ForumLinkInline, ProgrammeSessionInline]

    @admin.display(description=_("Import"))
    def import_link(self, forum):
        if not forum.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("forums:import", kwargs={"slug": forum.slug}),
            _("Import a programme or delegations from CSV/XLSX"),
        )


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 1
    fields = ("position", "name", "title", "organisation", "organisation_type", "governments")
    autocomplete_fields = ("governments",)


@admin.register(ProgrammeSession)
class ProgrammeSessionAdmin(AuditedAdmin, admin.ModelAdmin):
    audit_added = ForumAction.SESSION_ADMIN_ADDED
    audit_changed = ForumAction.SESSION_ADMIN_CHANGED
    audit_deleted = ForumAction.SESSION_ADMIN_DELETED
    list_display = ("title", "forum", "session_type", "date", "start_time", "is_official")
    list_filter = ("forum", "session_type", "is_official")
    search_fields = ("title", "speakers__name")
    inlines = [SpeakerInline]


class DelegationMemberInline(admin.TabularInline):
    model = DelegationMember
    extra = 1
    autocomplete_fields = ("government",)


@admin.register(NationalDelegation)
class NationalDelegationAdmin(AuditedAdmin, admin.ModelAdmin):
    audit_added = ForumAction.DELEGATION_ADMIN_ADDED
    audit_changed = ForumAction.DELEGATION_ADMIN_CHANGED
    audit_deleted = ForumAction.DELEGATION_ADMIN_DELETED
    list_display = ("country", "forum")
    list_filter = ("forum",)
    search_fields = ("country__iso3", "members__name")
    autocomplete_fields = ("country",)
    inlines = [DelegationMemberInline]


class ConveningCoHostInline(admin.TabularInline):
    model = ConveningCoHost
    extra = 1


@admin.register(HighLevelConvening)
class HighLevelConveningAdmin(AuditedAdmin, admin.ModelAdmin):
    audit_added = ForumAction.CONVENING_ADMIN_ADDED
    audit_changed = ForumAction.CONVENING_ADMIN_CHANGED
    audit_deleted = ForumAction.CONVENING_ADMIN_DELETED
    list_display = ("title", "forum", "date")
    list_filter = ("forum",)
    autocomplete_fields = ("governments",)
    inlines = [ConveningCoHostInline]


class OutcomeDraftInline(admin.TabularInline):
    model = OutcomeDraft
    extra = 0
    fields = ("sequence", "label", "dated", "is_adopted")
    readonly_fields = ("sequence",)
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # drafts are added as text below, through the service


class OutcomeDocumentForm(forms.ModelForm):
    new_draft_label = forms.CharField(label=_("New draft: label"), required=False, max_length=120)
    new_draft_text = forms.CharField(
        label=_("New draft: text (paragraphs separated by a blank line)"),
        required=False,
        widget=forms.Textarea,
    )

    class Meta:
        model = OutcomeDocument
        fields = ("forum", "title", "symbol")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_draft_text") and not cleaned.get("new_draft_label"):
            self.add_error("new_draft_label", _("Give the new draft a label."))
        return cleaned


@admin.register(OutcomeDocument)
class OutcomeDocumentAdmin(AuditedAdmin, admin.ModelAdmin):
    audit_added = ForumAction.DOCUMENT_ADMIN_ADDED
    audit_changed = ForumAction.DOCUMENT_ADMIN_CHANGED
    audit_deleted = ForumAction.DOCUMENT_ADMIN_DELETED
    list_display = ("title", "forum", "symbol")
    list_filter = ("forum",)
    inlines = [OutcomeDraftInline]
    form = OutcomeDocumentForm

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ("forum", "title", "symbol")}),
            (_("Add a draft"), {"fields": ("new_draft_label", "new_draft_text")}),
        ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        text = form.cleaned_data.get("new_draft_text")
        if text:
            draft = services.outcome_draft_add(
                document=form.instance,
                label=form.cleaned_data["new_draft_label"],
                text=text,
                by=request.user,
            )
            messages.info(
                request,
                _("Draft “%(label)s” stored; review the suggested paragraphs.")
                % {"label": draft.label},
            )


class OutcomeParagraphInline(admin.TabularInline):
    model = OutcomeParagraph
    extra = 0
    fields = ("number", "text", "matched_terms", "confirmed")
    readonly_fields = ("number", "text", "matched_terms", "confirmed")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OutcomeDraft)
class OutcomeDraftAdmin(AuditedAdmin, admin.ModelAdmin):
    audit_changed = ForumAction.DRAFT_ADMIN_CHANGED
    audit_deleted = ForumAction.DRAFT_ADMIN_DELETED
    list_display = ("document", "label", "sequence", "dated", "is_adopted")
    fields = ("document", "label", "sequence", "dated", "is_adopted")
    readonly_fields = ("document", "sequence")
    inlines = [OutcomeParagraphInline]

    def has_add_permission(self, request):
        return False


@admin.register(OutcomeParagraph)
class OutcomeParagraphAdmin(AuditedAdmin, admin.ModelAdmin):
    """Where editors confirm (or reject) the automatic suggestions, in bulk."""

    audit_changed = ForumAction.PARAGRAPH_ADMIN_CHANGED
    audit_deleted = ForumAction.PARAGRAPH_ADMIN_DELETED
    list_display = ("__str__", "excerpt", "matched_terms", "confirmed")
    list_filter = (
        "draft__document__forum",
        "confirmed",
        ("matched_terms", admin.EmptyFieldListFilter),
    )
    search_fields = ("text",)
    readonly_fields = (
        "draft",
        "number",
        "text",
        "matched_terms",
        "confirmed",
        "confirmed_by",
        "confirmed_at",
    )
    actions = ["confirm_mentions", "confirm_no_mention"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("text"))
    def excerpt(self, paragraph):
        return paragraph.text[:120]

    @admin.action(description=_("Confirm: mentions local governments"))
    def confirm_mentions(self, request, queryset):
        for paragraph in queryset:
            services.outcome_paragraph_confirm(
                paragraph=paragraph, mentions_local=True, by=request.user
            )

    @admin.action(description=_("Confirm: does not mention local governments"))
    def confirm_no_mention(self, request, queryset):
        for paragraph in queryset:
            services.outcome_paragraph_confirm(
                paragraph=paragraph, mentions_local=False, by=request.user
            )
