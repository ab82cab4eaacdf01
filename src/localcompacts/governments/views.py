from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from localcompacts.core.access import focal_point_required, reviewer_required
from localcompacts.core.forms import add_domain_error, message_domain_error
from localcompacts.core.uploads import KINDS, protected_file_response, safe_filename

from .forms import EndorsementForm, RejectEndorsementForm
from .models import Endorsement, EndorsementStatus
from .permissions import (
    acts_for,
    can_verify_endorsement,
    can_view_endorsement,
    can_view_endorsement_letter,
    can_withdraw_endorsement,
)
from .selectors import (
    declaration_endorsements,
    declaration_figures,
    endorsement_review_queue,
    governments_of,
)
from .services import EndorsementError, endorsement_submit
from .services import endorsement_reject as endorsement_reject_service
from .services import endorsement_verify as endorsement_verify_service
from .services import endorsement_withdraw as endorsement_withdraw_service

# --- Marrakech Mayors Declaration ---------------------------------------------------------------


def declaration(request):
    paginator = Paginator(declaration_endorsements(), 100)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "governments/declaration.html",
        {
            "page": page,
            "figures": declaration_figures(),
            "can_endorse": request.user.is_authenticated and request.user.is_focal_point,
        },
    )


@focal_point_required
def endorse(request):
    governments = governments_of(request.user)
    if request.method == "POST":
        form = EndorsementForm(request.POST, request.FILES, governments=governments)
        if form.is_valid():
            data = form.cleaned_data
            try:
                endorsement = endorsement_submit(
                    government=data["government"],
                    by=request.user,
                    signatory_name=data["signatory_name"],
                    signatory_title=data["signatory_title"],
                    signed_on=data["signed_on"],
                    letter=data["letter"],
                )
            except EndorsementError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("Thank you. The secretariat will verify the endorsement and tell you."),
                )
                return redirect(endorsement)
        status = 400
    else:
        chosen = governments.filter(slug=request.GET.get("government", "")).first()
        form = EndorsementForm(governments=governments, initial={"government": chosen})
        status = 200
    return render(request, "governments/endorse.html", {"form": form}, status=status)


def _endorsement_or_404(user, pk: int) -> Endorsement:
    endorsement = get_object_or_404(
        Endorsement.objects.select_related("government__country", "submitted_by", "verified_by"),
        pk=pk,
    )
    if not can_view_endorsement(user, endorsement):
        raise Http404
    return endorsement


@require_GET
def endorsement_detail(request, pk: int):
    endorsement = _endorsement_or_404(request.user, pk)
    return render(
        request,
        "governments/endorsement.html",
        {
            "endorsement": endorsement,
            "can_view_letter": can_view_endorsement_letter(request.user, endorsement),
            "can_decide": can_verify_endorsement(request.user, endorsement),
            "can_withdraw": can_withdraw_endorsement(request.user, endorsement),
            "reject_form": RejectEndorsementForm(),
            "is_private": endorsement.status != EndorsementStatus.VERIFIED,
        },
    )


@require_GET
def endorsement_letter(request, pk: int):
    endorsement = _endorsement_or_404(request.user, pk)
    if not can_view_endorsement_letter(request.user, endorsement):
        raise Http404
    kind = KINDS["pdf"]
    name = safe_filename(f"{endorsement.government.slug}-declaration-endorsement", kind)
    return protected_file_response(endorsement.letter, download_name=name, kind=kind)


@reviewer_required
def endorsement_queue(request):
    status = request.GET.get("status", EndorsementStatus.PENDING)
    if status not in EndorsementStatus.values:
        status = EndorsementStatus.PENDING
    paginator = Paginator(endorsement_review_queue(status=status), 50)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "governments/workspace/endorsements.html",
        {"page": page, "status": status, "statuses": EndorsementStatus.choices},
    )


def _decide(request, pk: int, decide):
    endorsement = _endorsement_or_404(request.user, pk)
    if not request.user.is_secretariat:
        raise Http404  # a workspace action without the role: 404, as every workspace page
    try:
        decide(endorsement)
    except EndorsementError as error:
        message_domain_error(request, error)
    return redirect(endorsement)


@require_POST
def endorsement_verify(request, pk: int):
    def decide(endorsement):
        endorsement_verify_service(endorsement=endorsement, by=request.user)
        messages.success(request, _("The endorsement is verified and now public."))

    return _decide(request, pk, decide)


@require_POST
def endorsement_reject(request, pk: int):
    def decide(endorsement):
        form = RejectEndorsementForm(request.POST)
        if not form.is_valid():
            raise EndorsementError(_("Say why the endorsement is rejected."))
        endorsement_reject_service(
            endorsement=endorsement, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The endorsement is rejected; the focal points are told."))

    return _decide(request, pk, decide)


@require_POST
def endorsement_withdraw(request, pk: int):
    endorsement = _endorsement_or_404(request.user, pk)
    if not acts_for(request.user, endorsement.government):
        raise Http404  # acting without the right: 404, as every workspace action
    try:
        endorsement_withdraw_service(endorsement=endorsement, by=request.user)
    except EndorsementError as error:
        message_domain_error(request, error)
        return redirect(endorsement)
    messages.success(request, _("The endorsement is withdrawn."))
    return redirect("accounts:account")
