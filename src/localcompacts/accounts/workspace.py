"""The secretariat's workspace for accounts: focal-point requests and reviewer invitations."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localcompacts.core.access import secretariat_required
from localcompacts.core.forms import add_domain_error, message_domain_error
from localcompacts.governments.models import Endorsement

from . import services
from .forms import DeclineForm, ReviewerInviteForm
from .models import FocalPointRequest, FocalPointRequestStatus


@secretariat_required
def home(request):
    return render(
        request,
        "accounts/workspace/home.html",
        {
            "pending_requests": FocalPointRequest.objects.filter(
                status=FocalPointRequestStatus.PENDING
            ).count(),
            "pending_endorsements": Endorsement.objects.pending().count(),
            "can_see_audit_log": request.user.is_staff
            and request.user.has_perm("core.view_auditentry"),
        },
    )


@secretariat_required
def request_list(request):
    status = request.GET.get("status", FocalPointRequestStatus.PENDING)
    if status not in FocalPointRequestStatus.values:
        status = FocalPointRequestStatus.PENDING
    requests = (
        FocalPointRequest.objects.filter(status=status)
        .select_related("government__country", "proposed_country")
        .order_by("created_at", "pk")
    )
    page = Paginator(requests, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/workspace/requests.html",
        {"page": page, "status": status, "statuses": FocalPointRequestStatus.choices},
    )


def _request_or_404(pk: int) -> FocalPointRequest:
    return get_object_or_404(
        FocalPointRequest.objects.select_related(
            "government__country", "proposed_country", "decided_by", "user"
        ),
        pk=pk,
    )


@secretariat_required
def request_detail(request, pk: int, decline_form=None, status=200):
    focal_point_request = _request_or_404(pk)
    return render(
        request,
        "accounts/workspace/request.html",
        {
            "item": focal_point_request,
            "decline_form": decline_form or DeclineForm(),
            "is_pending": focal_point_request.status == FocalPointRequestStatus.PENDING,
        },
        status=status,
    )


@require_POST
@secretariat_required
def request_approve(request, pk: int):
    focal_point_request = _request_or_404(pk)
    try:
        user = services.focal_point_request_approve(request=focal_point_request, by=request.user)
    except services.AccountError as error:
        message_domain_error(request, error)
        return redirect("secretariat:request", pk=pk)
    messages.success(
        request,
        _("%(person)s is now a focal point; they were sent a link to set a password.")
        % {"person": user},
    )
    return redirect("secretariat:requests")


@require_POST
@secretariat_required
def request_decline(request, pk: int):
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return request_detail(request, pk, decline_form=form, status=400)
    try:
        services.focal_point_request_decline(
            request=_request_or_404(pk), by=request.user, reason=form.cleaned_data["reason"]
        )
    except services.AccountError as error:
        message_domain_error(request, error)
        return redirect("secretariat:request", pk=pk)
    messages.success(request, _("The request is declined; the applicant is told why."))
    return redirect("secretariat:requests")


@secretariat_required
def invite_reviewer(request):
    if request.method == "POST":
        form = ReviewerInviteForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = services.reviewer_invite(
                    email=data["email"],
                    full_name=data["full_name"],
                    organisation=data["organisation"],
                    language=data["language"],
                    by=request.user,
                )
            except services.AccountError as error:
                add_domain_error(form, error, field="email")
            else:
                messages.success(
                    request, _("%(person)s is invited as a reviewer.") % {"person": user}
                )
                return redirect("secretariat:secretariat")
        status = 400
    else:
        form = ReviewerInviteForm()
        status = 200
    return render(request, "accounts/workspace/invite.html", {"form": form}, status=status)
