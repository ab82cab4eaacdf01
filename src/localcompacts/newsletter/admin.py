"""The secretariat's newsletter desk: subscribers (personal data: secretariat only), issues with
preview, test and scheduling, and deliveries with bounce/complaint recording."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin

from localcompacts.core import languages
from localcompacts.core.admin_audit import AuditedAdmin, ReadOnlyAdmin

from . import services
from .audit import IssueAction, NewsletterAction
from .exports import subscribers_csv
from .models import Delivery, Issue, IssueKind, IssueStatus, Language, Subscriber
from .selectors import issues_with_delivery_counts


class SecretariatOnly:
    """Newsletter data is personal data: only the secretariat sees it."""

    def _allowed(self, request) -> bool:
        return request.user.is_authenticated and request.user.is_secretariat

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)


@admin.register(Subscriber)
class SubscriberAdmin(AuditedAdmin, SecretariatOnly, admin.ModelAdmin):
    # Edits and erasure go through the services, which record them (without the address).
    audit_changed = NewsletterAction.PREFERENCES_CHANGED
    audit_deleted = NewsletterAction.SUBSCRIBER_ERASED
    audit_recorded_by_service = frozenset({"changed", "deleted"})
    list_display = (
        "email",
        "name",
        "language",
        "status",
        "consent_form",
        "consent_at",
        "confirmed_at",
    )
    list_filter = (
        "status",
        "language",
        "consent_form",
        "wants_publications",
        "wants_forum_news",
        ("consent_at", admin.DateFieldListFilter),
        "objectives",
        "regions",
    )
    search_fields = ("email", "name")
    date_hierarchy = "consent_at"
    actions = ("export_csv", "record_hard_bounce", "record_complaint")
    filter_horizontal = ("objectives", "regions")
    readonly_fields = (
        "email",
        "status",
        "consent_at",
        "consent_ip",
        "consent_form",
        "consent_text_version",
        "confirmed_at",
        "confirmed_ip",
        "unsubscribed_at",
        "bounced_at",
        "created_at",
    )
    fields = (
        ("email", "status"),
        "name",
        "language",
        "compacts",
        "objectives",
        "regions",
        ("wants_publications", "wants_forum_news"),
        ("consent_at", "consent_ip", "consent_form", "consent_text_version"),
        ("confirmed_at", "confirmed_ip"),
        ("unsubscribed_at", "bounced_at", "created_at"),
    )

    def has_add_permission(self, request):
        return False  # people subscribe themselves (double opt-in), never added by hand

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("objectives", "regions")

    def save_model(self, request, obj, form, change):
        services.update_preferences(
            subscriber=obj,
            language=form.cleaned_data["language"],
            compacts=form.cleaned_data["compacts"],
            objectives=form.cleaned_data["objectives"],
            regions=form.cleaned_data["regions"],
            wants_publications=form.cleaned_data["wants_publications"],
            wants_forum_news=form.cleaned_data["wants_forum_news"],
            name=form.cleaned_data["name"],
            by=request.user,
        )

    def save_related(self, request, form, formsets, change):
        pass  # interests were saved by the service

    def delete_model(self, request, obj):
        services.erase(subscriber=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for subscriber in queryset:
            services.erase(subscriber=subscriber, actor=request.user)

    @admin.action(description=_("Export selected subscribers as CSV"))
    def export_csv(self, request, queryset):
        if not request.user.is_secretariat:
            raise PermissionDenied
        subscribers = list(queryset.order_by("email"))
        # The admin filters used, but not a search term (it may be someone's address).
        filters = request.GET.copy()
        searched = bool(filters.pop("q", None))
        services.record_subscriber_export(
            by=request.user,
            count=len(subscribers),
            filters=filters.urlencode()[:500],
            searched=searched,
        )
        response = HttpResponse(
            subscribers_csv(subscribers), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = (
            f'attachment; filename="newsletter-subscribers-{stamp}.csv"'
        )
        return response

    @admin.action(description=_("Record a hard bounce (stop sending)"))
    def record_hard_bounce(self, request, queryset):
        for subscriber in queryset:
            services.record_bounce(subscriber=subscriber, by=request.user)
        self.message_user(request, gettext("Bounces recorded."), messages.SUCCESS)

    @admin.action(description=_("Record a spam complaint (stop sending)"))
    def record_complaint(self, request, queryset):
        for subscriber in queryset:
            services.record_bounce(subscriber=subscriber, complaint=True, by=request.user)
        self.message_user(request, gettext("Complaints recorded."), messages.SUCCESS)


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = (
            *(
                f"{part}_{suffix}"
                for suffix in languages.field_suffixes()
                for part in ("subject", "body")
            ),
            "featured_pledges",
        )
        help_texts = {
            "body_en": _("Paragraphs, lists, bold, italic and links. Other markup is removed."),
        }


@admin.register(Issue)
class IssueAdmin(AuditedAdmin, SecretariatOnly, admin.ModelAdmin):
    # Composing goes through `issue_compose`, which records; a deletion is recorded here.
    audit_added = IssueAction.CREATED
    audit_changed = IssueAction.CHANGED
    audit_deleted = IssueAction.DELETED_IN_ADMIN
    audit_recorded_by_service = frozenset({"added", "changed"})
    form = IssueForm
    list_display = (
        "__str__",
        "kind",
        "status",
        "scheduled_for",
        "finished_at",
        "sent",
        "pending",
        "failed",
        "bounced",
    )
    list_filter = ("kind", "status")
    autocomplete_fields = ("featured_pledges",)
    change_form_template = "admin/newsletter/issue/change_form.html"

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status != IssueStatus.DRAFT:
            return False
        return self._allowed(request)

    def get_queryset(self, request):
        return issues_with_delivery_counts(super().get_queryset(request))

    @admin.display(description=_("sent"), ordering="sent_count")
    def sent(self, obj):
        return obj.sent_count

    @admin.display(description=_("pending"))
    def pending(self, obj):
        return obj.pending_count

    @admin.display(description=_("failed"))
    def failed(self, obj):
        return obj.failed_count

    @admin.display(description=_("bounced"))
    def bounced(self, obj):
        return obj.bounced_count

    def save_model(self, request, obj, form, change):
        try:
            services.issue_compose(issue=obj, by=request.user)
        except services.NewsletterError as error:
            raise PermissionDenied(str(error)) from error

    def get_urls(self):
        own = [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="newsletter_issue_preview",
            ),
            path(
                "<int:pk>/preview/<str:language>.html",
                self.admin_site.admin_view(self.preview_html_view),
                name="newsletter_issue_preview_html",
            ),
        ]
        return own + super().get_urls()

    def _issue(self, request, pk) -> Issue:
        if not self._allowed(request):
            raise PermissionDenied
        return get_object_or_404(issues_with_delivery_counts(), pk=pk)

    def preview_view(self, request, pk: int):
        """Preview as HTML and text, send a test to oneself, schedule; delivery counts."""
        issue = self._issue(request, pk)
        language = request.GET.get("language", "en")
        if language not in Language.values:
            language = "en"
        if request.method == "POST":
            return self._preview_action(request, issue)
        subject, text, _html = services.render_issue(issue=issue, language=language)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Preview: %(issue)s") % {"issue": issue},
            "issue": issue,
            "language": language,
            "languages": Language.choices,
            "subject": subject,
            "text": text,
            "html_url": reverse(
                "admin:newsletter_issue_preview_html", kwargs={"pk": issue.pk, "language": language}
            ),
            "can_schedule": issue.kind == IssueKind.EDITORIAL and issue.status == IssueStatus.DRAFT,
            "default_when": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        }
        return TemplateResponse(request, "admin/newsletter/issue/preview.html", context)

    def _preview_action(self, request, issue):
        back = reverse("admin:newsletter_issue_preview", kwargs={"pk": issue.pk})
        language = request.POST.get("language", "en")
        if request.POST.get("action") == "test":
            services.issue_send_test(
                issue=issue,
                to=request.user,
                language=language if language in Language.values else None,
            )
            self.message_user(
                request,
                gettext("A test was sent to %(email)s.") % {"email": request.user.email},
                messages.SUCCESS,
            )
        elif request.POST.get("action") == "schedule":
            when = parse_datetime(request.POST.get("when", ""))
            if when is None:
                self.message_user(request, gettext("Enter a date and time."), messages.ERROR)
                return redirect(back)
            if timezone.is_naive(when):
                when = timezone.make_aware(when)
            try:
                services.issue_schedule(
                    issue=issue,
                    when=max(when, timezone.now() - datetime.timedelta(minutes=1)),
                    by=request.user,
                )
            except services.NewsletterError as error:
                self.message_user(request, str(error), messages.ERROR)
                return redirect(back)
            self.message_user(request, gettext("The issue is scheduled."), messages.SUCCESS)
        return redirect(back)

    @xframe_options_sameorigin
    def preview_html_view(self, request, pk: int, language: str):
        issue = self._issue(request, pk)
        if language not in Language.values:
            language = "en"
        _subject, _text, html = services.render_issue(issue=issue, language=language)
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
        # The preview shows the e-mail as it is: no scripts, nothing loaded from elsewhere.
        response["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"
        )
        return response


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin, SecretariatOnly, admin.ModelAdmin):
    """Read-only; its actions record bounces and complaints through the services."""

    list_display = ("issue", "subscriber", "status", "email_status", "created_at")
    list_filter = ("status", "email__status", "issue")
    list_select_related = ("issue", "subscriber", "email")
    search_fields = ("subscriber__email",)
    actions = ("record_hard_bounce", "record_complaint")
    readonly_fields = ("issue", "subscriber", "status", "email", "created_at")

    @admin.display(description=_("e-mail"))
    def email_status(self, obj):
        return obj.email.get_status_display() if obj.email else "—"

    @admin.action(description=_("Record a hard bounce (stop sending)"))
    def record_hard_bounce(self, request, queryset):
        for delivery in queryset.select_related("subscriber"):
            services.record_bounce(
                subscriber=delivery.subscriber, delivery=delivery, by=request.user
            )
        self.message_user(request, gettext("Bounces recorded."), messages.SUCCESS)

    @admin.action(description=_("Record a spam complaint (stop sending)"))
    def record_complaint(self, request, queryset):
        for delivery in queryset.select_related("subscriber"):
            services.record_bounce(
                subscriber=delivery.subscriber, delivery=delivery, complaint=True, by=request.user
            )
        self.message_user(request, gettext("Complaints recorded."), messages.SUCCESS)
