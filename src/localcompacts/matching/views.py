"""Workspace pages: the needs-and-offers editor step, the matching queue, one match, and a pledge
joining or leaving a lead pledge (multi-stakeholder pledge).

Anything a person may not see or act on is a 404."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from localcompacts.accounts.models import PartnerOrganisation
from localcompacts.core.caching import public_cache
from localcompacts.core.errors import DomainError
from localcompacts.core.forms import add_domain_error, message_domain_error
from localcompacts.core.spreadsheets import csv_text as csv_cell
from localcompacts.pledges.models import Pledge
from localcompacts.pledges.selectors import pledge_for_workspace
from localcompacts.pledges.workspace.steps import editor_steps

from . import forms, selectors, services
from .models import Match, MatchKind
from .permissions import (
    can_answer,
    can_edit_needs_offers,
    can_edit_partner_needs_offers,
    can_facilitate,
    can_manage_contributions,
    can_see_contacts,
    can_view_match,
    party_sides,
)
from .workflow import MATCH_WORKFLOW

STEP = "needs-offers"


def _edit_page(request, *, pledge=None, partner=None):
    items = selectors.needs_offers_of(pledge=pledge, partner=partner)
    initial = forms.initial_rows(items)
    if request.method == "POST":
        formset = forms.NeedOfferFormSet(request.POST, initial=initial, prefix="items")
        if formset.is_valid():
            try:
                services.needs_offers_save(
                    by=request.user,
                    rows=forms.formset_rows(formset),
                    pledge=pledge,
                    partner=partner,
                )
            except DomainError as error:
                add_domain_error(formset.forms[0], error)
            else:
                messages.success(request, _("Needs and offers saved."))
                if pledge is not None and "next" in request.POST:
                    return redirect("workspace:edit", pk=pledge.pk, step="review")
                return redirect(request.path)
    else:
        formset = forms.NeedOfferFormSet(initial=initial, prefix="items")
    return render(
        request,
        "matching/workspace/needs_offers.html",
        {
            "pledge": pledge,
            "partner": partner,
            "formset": formset,
            "step": STEP,
            "steps": editor_steps(),
            "in_editor": pledge is not None and pledge.status in ("draft", "changes_requested"),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def pledge_needs_offers(request, pk: int):
    """The editor's optional step; also reachable from a published pledge's workspace page."""
    try:
        pledge = pledge_for_workspace(pk=pk, user=request.user)
    except Pledge.DoesNotExist:
        raise Http404 from None
    if pledge.is_revision:
        return redirect("matching:pledge-edit", pk=pledge.revision_of_id)
    if not can_edit_needs_offers(request.user, pledge):
        raise Http404
    return _edit_page(request, pledge=pledge)


@login_required
def partner_needs_offers(request, pk: int):
    partner = get_object_or_404(PartnerOrganisation, pk=pk)
    if not can_edit_partner_needs_offers(request.user, partner):
        raise Http404
    return _edit_page(request, partner=partner)


@login_required
def home(request):
    """Facilitators: the queue. Parties: their own matches. Everyone else: 404."""
    facilitator = can_facilitate(request.user)
    own = list(selectors.matches_for_party_user(request.user)[:100])
    if not facilitator and not request.user.is_focal_point:
        raise Http404
    context = {"own": own, "facilitator": facilitator}
    if facilitator:
        status = request.GET.get("status", "")
        page = selectors.match_queue_page(status=status, page=request.GET.get("page", 1))
        context.update(
            {
                "page": page,
                "status": status,
                "statuses": [(s, s.label) for s in selectors.QUEUE_STATES],
                "query_string": f"status={status}" if status else "",
                "dismiss_form": forms.DismissForm(),
                "partner": request.user.partner_organisation,
            }
        )
    return render(request, "matching/workspace/home.html", context)


def _visible_match(request, pk: int) -> Match:
    match = get_object_or_404(
        Match.objects.select_related(
            "first_pledge", "first_partner", "second_pledge", "second_partner", "need", "offer"
        ),
        pk=pk,
    )
    if not can_view_match(request.user, match):
        raise Http404
    return match


@require_POST
@login_required
def decide(request, pk: int, action: str):
    match = _visible_match(request, pk)
    if not can_facilitate(request.user) or action not in {"accept", "dismiss", "introduce"}:
        raise Http404
    form = forms.DismissForm(request.POST) if action == "dismiss" else None
    if form is not None and not form.is_valid():
        messages.error(request, _("Please say why this match is dismissed."))
        return redirect("matching:home")
    try:
        services.match_decide(
            match=match,
            action=action,
            by=request.user,
            comment=form.cleaned_data["comment"] if form is not None else "",
        )
    except DomainError as error:
        message_domain_error(request, error)
    else:
        done = {
            "accept": _("Match accepted."),
            "dismiss": _("Match dismissed."),
            "introduce": _("Both sides were sent an introduction."),
        }
        messages.success(request, done[action])
    return redirect("matching:home")


@login_required
def answer(request, pk: int):
    """One match, for its parties (and facilitators): accept or decline an introduction; the
    other side's contacts once both have accepted."""
    match = _visible_match(request, pk)
    sides = party_sides(request.user, match)
    if request.method == "POST":
        side = request.POST.get("side", "")
        if side not in sides:
            raise Http404
        try:
            services.match_answer(
                match=match,
                side=side,
                accept=request.POST.get("answer") == "accept",
                by=request.user,
            )
        except DomainError as error:
            message_domain_error(request, error)
        else:
            messages.success(request, _("Your answer was recorded."))
        return redirect("matching:answer", pk=match.pk)
    contacts = {}
    if can_see_contacts(request.user, match):
        for side in ("first", "second"):
            if side not in sides:
                contacts[side] = selectors.match_contacts(match, side)
    return render(
        request,
        "matching/workspace/match.html",
        {
            "match": match,
            "reasons": selectors.describe_reasons(match.reasons),
            "answerable": [side for side in sides if can_answer(request.user, match, side)],
            "contacts": contacts,
            "transitions": MATCH_WORKFLOW.available(match, request.user),
        },
    )


def _contributing_pledge(request, pk: int) -> Pledge:
    """The pledge whose contribution is managed: one the person may see and act for (404 for
    anyone else, signed out or not: the page is about one pledge, as the pledge's own are)."""
    try:
        pledge = pledge_for_workspace(pk=pk, user=request.user)
    except Pledge.DoesNotExist:
        raise Http404 from None
    if not can_manage_contributions(request.user, pledge.revision_of or pledge):
        raise Http404
    return pledge


@require_http_methods(["GET", "HEAD", "POST"])
def pledge_contribution(request, pk: int):
    """Join a lead pledge as a contributor (typed into the pledge picker), or see the one joined
    and leave it. Bad input comes back as an error next to the field, with what was typed."""
    pledge = _contributing_pledge(request, pk)
    if pledge.is_revision:
        return redirect("matching:pledge-contribution", pk=pledge.revision_of_id)
    status = 200
    options = selectors.lead_pledge_options()
    if request.method == "POST":
        form = forms.JoinLeadForm(request.POST, options=options)
        status = 400
        if form.is_valid():
            lead = form.cleaned_data["lead"]
            try:
                services.contribution_join(contributor=pledge, lead=lead, by=request.user)
            except DomainError as error:
                add_domain_error(form, error, field="lead")
                status = error.status
            else:
                messages.success(
                    request,
                    _(
                        "“%(pledge)s” now contributes to the lead pledge “%(lead)s”. Both public "
                        "pages show it."
                    )
                    % {"pledge": pledge.title, "lead": lead.title},
                )
                return redirect("matching:pledge-contribution", pk=pledge.pk)
    else:
        form = forms.JoinLeadForm(options=options)
    return render(
        request,
        "matching/workspace/contribution.html",
        {"pledge": pledge, "form": form, **selectors.partnerships_of(pledge)},
        status=status,
    )


@require_POST
def contribution_leave(request, pk: int, match_pk: int):
    """The contributing pledge leaves its lead pledge (audited; both public pages stop showing
    it). A second click finds it gone and says so."""
    found = _contributing_pledge(request, pk)
    pledge = found.revision_of or found
    match = (
        Match.objects.filter(pk=match_pk, kind=MatchKind.CONTRIBUTION, second_pledge=pledge)
        .select_related("first_pledge", "second_pledge")
        .first()
    )
    try:
        if match is None:
            raise services.MatchingError(
                _("This pledge no longer contributes to that lead pledge.")
            )
        services.contribution_leave(match=match, by=request.user)
    except DomainError as error:
        message_domain_error(request, error)
    else:
        messages.success(
            request,
            _("“%(pledge)s” no longer contributes to the lead pledge “%(lead)s”.")
            % {
                "pledge": pledge.title,
                "lead": match.first_pledge.title if match.first_pledge else "",
            },
        )
    return redirect("matching:pledge-contribution", pk=pledge.pk)


@public_cache
def partnerships_csv(request):
    """Every confirmed partnership between public parties, as CSV (no contact details)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="localcompacts-partnerships.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "id",
            "kind",
            "first_pledge",
            "first_partner",
            "second_pledge",
            "second_partner",
            "need_type",
            "offer_type",
            "confirmed_at",
        ]
    )
    for match in selectors.public_partnerships().iterator(chunk_size=2000):
        writer.writerow(
            [
                match.pk,
                match.kind,
                match.first_pledge_id or "",
                csv_cell(match.first_partner.acronym) if match.first_partner else "",
                match.second_pledge_id or "",
                csv_cell(match.second_partner.acronym) if match.second_partner else "",
                match.need.item_type if match.need else "",
                match.offer.item_type if match.offer else "",
                match.confirmed_at.isoformat() if match.confirmed_at else "",
            ]
        )
    return response
