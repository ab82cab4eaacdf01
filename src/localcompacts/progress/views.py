import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localcompacts.core.errors import DomainError, PermissionDeniedError
from localcompacts.core.forms import add_domain_error, message_domain_error
from localcompacts.core.spreadsheets import csv_text
from localcompacts.core.uploads import KINDS, protected_file_response
from localcompacts.core.workflow import TransitionError, transitions_of, workflow_for
from localcompacts.pledges.models import Pledge

from . import selectors, services
from .forms import (
    ProgressReportForm,
    ReportingRoundForm,
    ReviewForm,
    VerifyForm,
    WithdrawVerificationForm,
)
from .models import ProgressAttachment, ProgressReport, ReportingRound, ReviewStatus
from .permissions import (
    acts_for_owner,
    can_edit_report,
    can_report_progress,
    can_review_progress,
    can_verify_report,
    can_view_report,
)


def _secretariat_only(user):
    if not (user.is_authenticated and user.is_secretariat):
        raise Http404


def progress_overview(request):
    """Public: how pledges are being delivered."""
    return render(request, "progress/overview.html", {"stats": selectors.progress_statistics()})


@login_required
def my_reports(request):
    user = request.user
    if not user.is_focal_point:
        raise Http404
    pledges = (
        Pledge.objects.public()
        .filter(owners__focal_points__user=user)
        .distinct()
        .prefetch_related("owners")
        .order_by("title")
    )
    stale_ids = set(
        selectors.stale_pledges().filter(pk__in=pledges.values("pk")).values_list("pk", flat=True)
    )
    reported = dict(
        ProgressReport.objects.filter(pledge__in=pledges)
        .order_by("pledge_id", "-submitted_at")
        .values_list("pledge_id", "status")
    )
    rows = [
        {"pledge": p, "stale": p.pk in stale_ids, "last_status": reported.get(p.pk)}
        for p in pledges
    ]
    return render(request, "progress/my_reports.html", {"rows": rows})


def _report_form_view(request, *, pledge, report=None):
    indicators = pledge.indicators.all()
    if request.method == "POST":
        form = ProgressReportForm(request.POST, request.FILES, indicators=indicators)
        if form.is_valid():
            data, values = form.service_data()
            try:
                if report is None:
                    report = services.report_submit(
                        pledge=pledge,
                        by=request.user,
                        data=data,
                        indicator_values=values,
                        files=form.cleaned_data["attachments"],
                    )
                else:
                    services.report_correct_and_resubmit(
                        report=report,
                        by=request.user,
                        data=data,
                        indicator_values=values,
                        files=form.cleaned_data["attachments"],
                    )
            except PermissionDeniedError:
                raise Http404 from None
            except DomainError as error:  # the report's rules (ProgressError), the workflow's
                add_domain_error(form, error)
            else:
                messages.success(request, _("Thank you: your progress report was sent for review."))
                return redirect("progress:report-detail", pk=report.pk)
        status = 400
    else:
        initial = {}
        if report is not None:
            initial = {
                "delivery_status": report.delivery_status,
                "discontinued_reason": report.discontinued_reason,
                "percent_complete": report.percent_complete,
                "narrative": report.narrative,
                "challenges": report.challenges,
                "support_needed": report.support_needed,
                "evidence_links": report.evidence_links,
            }
            for value in report.indicator_values.all():
                prefix = f"indicator_{value.indicator_id}"
                initial.update(
                    {
                        f"{prefix}_value": value.value,
                        f"{prefix}_unit": value.unit,
                        f"{prefix}_measured_on": value.measured_on,
                        f"{prefix}_source": value.source,
                    }
                )
        form = ProgressReportForm(initial=initial, indicators=indicators)
        status = 200
    return render(
        request,
        "progress/report_form.html",
        {
            "form": form,
            "pledge": pledge,
            "report": report,
            "round": selectors.open_round_for(pledge),
        },
        status=status,
    )


@login_required
def report_new(request, pledge_pk: int):
    pledge = Pledge.objects.filter(pk=pledge_pk).first()
    if pledge is None or not can_report_progress(request.user, pledge):
        raise Http404
    return _report_form_view(request, pledge=pledge)


@login_required
def report_edit(request, pk: int):
    report = get_object_or_404(ProgressReport.objects.select_related("pledge"), pk=pk)
    if not can_edit_report(request.user, report):
        raise Http404
    return _report_form_view(request, pledge=report.pledge, report=report)


def report_detail(request, pk: int):
    report = (
        ProgressReport.objects.select_related("pledge", "reporting_round").filter(pk=pk).first()
    )
    if report is None or not can_view_report(request.user, report):
        raise Http404
    return render(
        request,
        "progress/report_detail.html",
        {
            "report": report,
            "values": report.indicator_values.select_related("indicator"),
            "timeline": transitions_of(report)
            if (acts_for_owner(request.user, report.pledge) or can_review_progress(request.user))
            else [],
            "can_edit": can_edit_report(request.user, report),
            "can_review": workflow_for(report).available(report, request.user),
            "review_form": ReviewForm(),
            **_verification_context(request.user, report),
        },
    )


def _verification_context(user, report, **forms) -> dict:
    if report.status != ReviewStatus.ACCEPTED or not can_verify_report(user, report):
        return {}
    return {
        "can_verify": not report.verified_at,
        "can_withdraw_verification": bool(report.verified_at),
        "verify_form": forms.get("verify_form") or VerifyForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawVerificationForm(),
    }


@login_required
@require_POST
def report_verification(request, pk: int):
    """Verify an accepted report, or withdraw its verification (`withdraw` in the form)."""
    report = get_object_or_404(ProgressReport.objects.select_related("pledge"), pk=pk)
    if not can_verify_report(request.user, report):
        raise Http404
    withdrawing = "withdraw" in request.POST
    form = (WithdrawVerificationForm if withdrawing else VerifyForm)(request.POST)
    if form.is_valid():
        try:
            if withdrawing:
                services.report_verification_withdraw(
                    report=report, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The verification was withdrawn."))
            else:
                services.report_verify(
                    report=report,
                    by=request.user,
                    method=form.cleaned_data["method"],
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("The report is marked as verified."))
            return redirect("progress:report-detail", pk=pk)
        except DomainError as error:
            add_domain_error(form, error)
    report.refresh_from_db()
    return render(
        request,
        "progress/report_detail.html",
        {
            "report": report,
            "values": report.indicator_values.select_related("indicator"),
            "timeline": transitions_of(report),
            **_verification_context(
                request.user,
                report,
                **{("withdraw_form" if withdrawing else "verify_form"): form},
            ),
        },
        status=422,
    )


def attachment_download(request, pk: int):
    attachment = get_object_or_404(
        ProgressAttachment.objects.select_related("report__pledge"), pk=pk
    )
    if not can_view_report(request.user, attachment.report):
        raise Http404
    return protected_file_response(
        attachment.file, download_name=attachment.name, kind=KINDS[attachment.kind]
    )


@login_required
def review_queue(request):
    if not can_review_progress(request.user):
        raise Http404
    return render(
        request,
        "progress/review_queue.html",
        {
            "reports": selectors.review_queue()[:200],
            "to_verify": selectors.verification_queue()[:200],
        },
    )


@login_required
@require_POST
def review_action(request, pk: int):
    report = get_object_or_404(ProgressReport, pk=pk)
    if not can_review_progress(request.user):
        raise Http404
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or return the report."))
        return redirect("progress:report-detail", pk=pk)
    try:
        services.report_review(
            report=report,
            by=request.user,
            action=form.cleaned_data["action"],
            comment=form.cleaned_data["comment"],
        )
    except TransitionError as error:
        message_domain_error(request, error)
        response = render(
            request,
            "progress/report_detail.html",
            {
                "report": report,
                "values": report.indicator_values.select_related("indicator"),
                "timeline": transitions_of(report),
                "can_review": workflow_for(report).available(report, request.user),
                "review_form": form,
                "error": error.message,
            },
            status=409,
        )
        return response
    messages.success(request, _("Done: the focal points have been told."))
    return redirect("progress:review-queue")


@login_required
def round_list(request):
    _secretariat_only(request.user)
    return render(
        request,
        "progress/round_list.html",
        {"rounds": ReportingRound.objects.select_related("forum")},
    )


@login_required
def round_new(request):
    _secretariat_only(request.user)
    form = ReportingRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reporting_round = services.round_open(by=request.user, **form.cleaned_data)
        except PermissionDeniedError:
            raise Http404 from None
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("The round is open. Focal points will be reminded by e-mail.")
            )
            return redirect("progress:round-dashboard", pk=reporting_round.pk)
    return render(
        request, "progress/round_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def round_dashboard(request, pk: int):
    _secretariat_only(request.user)
    reporting_round = get_object_or_404(ReportingRound, pk=pk)
    dashboard = selectors.round_dashboard(reporting_round)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="round-{reporting_round.pk}.csv"'
        writer = csv.writer(response)
        writer.writerow(
            ["group", "code", "name", "due", "submitted", "accepted", "returned", "overdue"]
        )
        for group in ("by_government", "by_country", "by_partner"):
            for row in dashboard[group]:
                writer.writerow(
                    [
                        group.removeprefix("by_"),
                        csv_text(row["code"]),
                        csv_text(row["name"]),
                        row["due"],
                        row["submitted"],
                        row["accepted"],
                        row["returned"],
                        row["overdue"],
                    ]
                )
        return response
    return render(
        request, "progress/round_dashboard.html", {"round": reporting_round, "dashboard": dashboard}
    )


@login_required
@require_POST
def round_remind_overdue(request, pk: int):
    _secretariat_only(request.user)
    reporting_round = get_object_or_404(ReportingRound, pk=pk)
    try:
        count = services.remind_overdue_now(reporting_round=reporting_round, by=request.user)
    except PermissionDeniedError:
        raise Http404 from None
    messages.success(request, _("%(count)s reminder(s) queued.") % {"count": count})
    return redirect("progress:round-dashboard", pk=pk)


@login_required
def stale_list(request):
    _secretariat_only(request.user)
    pledges = selectors.stale_pledges().prefetch_related("owners").order_by("published_at")[:500]
    return render(request, "progress/stale_list.html", {"pledges": pledges})
