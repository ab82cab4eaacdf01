"""Partner writes on pledges: focal points draft, submit and withdraw; reviewers move pledges on.

Every rule is the web editor's: the step forms of `pledges.forms` validate, the services of
`pledges.services` write, `pledges.permissions` and the workflow table decide who may do what.
"""

from types import SimpleNamespace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import BaseForm
from django.http import JsonResponse
from django.utils.translation import gettext as _

from localcompacts.compacts.models import (
    GuidingPrinciple,
    Objective,
    PopulationGroup,
    RefugeeSupportArea,
    SustainableDevelopmentGoal,
)
from localcompacts.core.models import StateTransition
from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges import forms, services
from localcompacts.pledges.models import Pledge
from localcompacts.pledges.permissions import acts_for_owner, is_reviewer
from localcompacts.pledges.selectors import pledge_for_workspace, pledge_get_visible

from ..auth import WRITE_AUTH, ApiRequest
from ..errors import ApiInvalid, FieldProblem
from ..inputs import IndicatorIn, PledgeCreateIn, PledgeFieldsIn, PledgeTransitionIn
from ..schemas import Error, PledgeDetailOut, TaxonomyTerm, TransitionOut
from ..writes import (
    IDEMPOTENCY_PARAMETER,
    creation_token,
    form_errors,
    idempotency_key,
    idempotent,
    require_user,
)
from .pledges import PledgeId
from .pledges import router as pledges_router

# The read operations' router: one Django URL per path, whatever the method.
router = pledges_router
TAGS = ["partner: pledges"]

WRITE_ERRORS = {401: Error, 403: Error, 404: Error, 409: Error, 422: Error}

GROUPS = {
    "basics": ("kind", "title", "summary", "description", "language", "pledge_type"),
    "alignment": ("objectives", "refugee_support_areas", "guiding_principles", "sdgs"),
    "beneficiaries": ("population_groups", "place"),
    "timeline": ("start_date", "end_date", "budget", "currency", "indicators"),
    "partners": ("partners", "co_owners", "matches"),
}
CODED: dict[str, type[TaxonomyTerm]] = {
    "objectives": Objective,
    "refugee_support_areas": RefugeeSupportArea,
    "guiding_principles": GuidingPrinciple,
    "sdgs": SustainableDevelopmentGoal,
    "population_groups": PopulationGroup,
}


LISTS = {*CODED, "indicators", "partners", "co_owners"}
# A draft's values by field name, as the editor's forms and the request body hold them (codes,
# slugs, dates, decimals, indicator rows…): each field has its own type.
FieldValues = dict[str, Any]
# What a step form is given: text, or several texts for a multiple choice.
FormData = dict[str, str | list[str]]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _current(pledge: Pledge | None) -> FieldValues:
    """The draft as the editor's forms would show it (codes for the taxonomies); blank for a
    pledge not created yet."""
    if pledge is None:
        return {
            **dict.fromkeys(GROUPS["timeline"], None),
            **{name: [] for name in LISTS},
            "place": "",
        }
    values: FieldValues = {name: getattr(pledge, name) for name in GROUPS["basics"]}
    for name in CODED:
        values[name] = [item.code for item in getattr(pledge, name).all()]
    values["place"] = pledge.place
    values.update(
        start_date=pledge.start_date,
        end_date=pledge.end_date,
        budget=pledge.budget,
        currency=pledge.currency,
        partners=pledge.partner_list,
        matches=pledge.matches_id,
        co_owners=[
            o.government.slug
            for o in pledge.ownerships.select_related("government")
            if not o.is_lead
        ],
        indicators=[
            {
                "name": i.name,
                "unit": i.unit,
                "baseline": i.baseline,
                "target": i.target,
                "target_date": i.target_date,
            }
            for i in pledge.indicators.order_by("position", "id")
        ],
    )
    return values


def _pks(name: str, codes: list[str], errors: list[FieldProblem]) -> list[int]:
    known = dict(CODED[name].objects.filter(code__in=codes).values_list("code", "pk"))
    for code in codes:
        if code not in known:
            errors.append(
                {"field": name, "message": _("Unknown code “%(value)s”.") % {"value": code[:40]}}
            )
    return [known[code] for code in codes if code in known]


def _form_data(group: str, values: FieldValues, errors: list[FieldProblem]) -> FormData:
    data: FormData = {}
    for name in GROUPS[group]:
        value = values[name]
        if name in CODED:
            data[name] = [str(pk) for pk in _pks(name, value, errors)]
        elif name == "partners":
            data[name] = "\n".join(value)
        elif name == "co_owners":
            slugs = dict(LocalGovernment.objects.filter(slug__in=value).values_list("slug", "pk"))
            for slug in value:
                if slug not in slugs:
                    errors.append(
                        {
                            "field": name,
                            "message": _("Unknown government “%(value)s”.") % {"value": slug},
                        }
                    )
            data[name] = [str(slugs[slug]) for slug in value if slug in slugs]
        elif name != "indicators":
            data[name] = _text(value)
    if group == "partners":
        data = {forms.PartnersForm.input_name(name): value for name, value in data.items()}
    return data


def _indicator_forms(
    rows: list[dict[str, object] | IndicatorIn], errors: list[FieldProblem]
) -> list[forms.IndicatorForm]:
    indicator_forms = []
    for index, row in enumerate(rows):
        row = row if isinstance(row, dict) else row.dict()
        form = forms.IndicatorForm({key: _text(value) for key, value in row.items()})
        if not form.is_valid():
            errors.extend(form_errors(form, prefix=f"indicators.{index}."))
        indicator_forms.append(form)
    return indicator_forms


def _validated_changes(
    pledge: Pledge | None, body: FieldValues, errors: list[FieldProblem] | None = None
) -> FieldValues:
    """The editor's forms applied to the steps `body` touches → keyword arguments of
    `pledge_update_draft`, or ApiInvalid with every problem at once. With `pledge=None` (a pledge
    about to be created) the partners step, which needs the pledge, is left for later."""
    body = {
        name: ([] if value is None and name in LISTS else value) for name, value in body.items()
    }
    values = {**_current(pledge), **body}
    collect = errors is not None
    errors = errors if errors is not None else []
    changes: FieldValues = {}
    kwargs: FieldValues = {}
    for group, names in GROUPS.items():
        if not any(name in body for name in names) or (group == "partners" and pledge is None):
            continue
        data = _form_data(group, values, errors)
        form: BaseForm
        if group == "basics":
            form = forms.BasicsForm(data, instance=pledge)
        elif group == "alignment":
            form = forms.AlignmentForm(data)
        elif group == "beneficiaries":
            form = forms.BeneficiariesForm(data)
        elif group == "timeline":
            form = forms.TimelineForm(data)
            indicator_forms = _indicator_forms(values["indicators"], errors)
        else:
            form = forms.PartnersForm(data, pledge=pledge)
        if not form.is_valid():
            errors.extend(form_errors(form))
            continue
        cleaned = dict(form.cleaned_data)
        if group == "timeline" and "indicators" in body:
            kwargs["indicators"] = forms.indicator_rows(SimpleNamespace(forms=indicator_forms))
        if group == "partners":
            kwargs["co_owners"] = list(cleaned.pop("co_owners"))
        changes.update(cleaned)
    if errors and not collect:
        raise ApiInvalid(errors)
    return {"changes": changes, **kwargs}


def _detail(request: ApiRequest, pledge_id: int) -> dict[str, Any]:
    pledge = pledge_get_visible(pk=pledge_id, user=request.auth.user)
    return PledgeDetailOut.model_validate(pledge, context={"request": request}).model_dump(
        mode="json"
    )


CREATE_DEFAULTS = {"kind": "pledge", "language": "en", "pledge_type": ""}


@router.post(
    "/pledges",
    auth=WRITE_AUTH,
    openapi_extra=IDEMPOTENCY_PARAMETER,
    tags=TAGS,
    response={201: PledgeDetailOut, **WRITE_ERRORS},
    summary="Create a draft pledge (focal points)",
)
def pledge_create(request: ApiRequest, body: PledgeCreateIn) -> JsonResponse:
    """A new draft owned by `government`, which the token's holder must act for. Send an
    `Idempotency-Key` header to make retries safe: the same key within 24 hours answers with the
    first result instead of creating a second pledge."""
    user = require_user(request)
    if not user.is_focal_point:
        raise PermissionDenied(_("Only focal points create pledges."))
    governments = LocalGovernment.objects.filter(focal_points__user=user).order_by("name")
    provided = body.dict(exclude_unset=True)
    key = idempotency_key(request)

    def run() -> tuple[int, dict[str, Any]]:
        errors: list[FieldProblem] = []
        basics = {k: v for k, v in provided.items() if v is not None}
        data = _form_data("basics", {**CREATE_DEFAULTS, **basics}, errors)
        government = LocalGovernment.objects.filter(slug=body.government).first()
        data["government"] = str(government.pk) if government else ""
        data["token"] = str(creation_token(user, key))
        form = forms.BasicsForm(data, governments=governments)
        if not form.is_valid():
            errors += form_errors(form)
        rest = {
            k: v for k, v in provided.items() if k not in GROUPS["basics"] and k != "government"
        }
        _validated_changes(None, rest, errors)  # every problem at once, before anything is written
        if errors:
            raise ApiInvalid(errors)
        cleaned = dict(form.cleaned_data)
        government, token = cleaned.pop("government"), cleaned.pop("token")
        with transaction.atomic():
            pledge, created = services.pledge_create_draft(  # PledgeEditError: 409
                government=government, by=user, token=token, **cleaned
            )
            if created and rest:
                update = _validated_changes(pledge, rest)
                services.pledge_update_draft(pledge=pledge, by=user, **update)
        return 201, _detail(request, pledge.pk)

    return idempotent(request, user, run)


@router.patch(
    "/pledges/{pledge_id}",
    auth=WRITE_AUTH,
    tags=TAGS,
    response={200: PledgeDetailOut, **WRITE_ERRORS},
    summary="Update a draft (its owners' focal points)",
)
def pledge_update(
    request: ApiRequest, pledge_id: PledgeId, body: PledgeFieldsIn
) -> tuple[int, Pledge]:
    """Change the fields sent (others keep their value), with the editor's rules. Only drafts and
    pledges sent back with changes requested can be edited (409 otherwise); reviewers never edit a
    government's text (403); a pledge you may not see is 404."""
    user = require_user(request)
    pledge = pledge_for_workspace(pk=pledge_id, user=user)
    if not acts_for_owner(user, pledge):
        raise PermissionDenied(_("Only the owners' focal points edit a pledge's text."))
    update = _validated_changes(pledge, body.dict(exclude_unset=True))
    services.pledge_update_draft(pledge=pledge, by=user, **update)  # PledgeEditError: 409
    return 200, pledge_get_visible(pk=pledge.pk, user=user)


@router.post(
    "/pledges/{pledge_id}/transitions",
    auth=WRITE_AUTH,
    tags=TAGS,
    response={200: TransitionOut, **WRITE_ERRORS},
    summary="Move a pledge through review (submit, publish, …)",
)
def pledge_transition(
    request: ApiRequest, pledge_id: PledgeId, body: PledgeTransitionIn
) -> tuple[int, StateTransition]:
    """The web's workflow table decides: owners submit, resubmit and withdraw; reviewers
    start_review, request_changes (with a comment), publish and decline (with a comment).
    Not allowed for you → 403; not possible in the pledge's state → 409; missing comment → 422."""
    user = require_user(request)
    pledge = pledge_for_workspace(pk=pledge_id, user=user)
    if not (acts_for_owner(user, pledge) or is_reviewer(user)):
        raise Pledge.DoesNotExist
    record = services.pledge_transition(
        pledge=pledge, action=body.action, by=user, comment=body.comment
    )
    return 200, record
