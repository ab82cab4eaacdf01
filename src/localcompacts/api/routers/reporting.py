"""Partner writes on progress: focal points file reports on published pledges, reviewers accept or
return them — through the progress app's own form, services and workflow."""

from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Path, Router

from localcompacts.pledges.models import Pledge
from localcompacts.pledges.selectors import pledge_get_visible
from localcompacts.progress import services
from localcompacts.progress.forms import ProgressReportForm
from localcompacts.progress.models import ProgressReport
from localcompacts.progress.permissions import can_report_progress
from localcompacts.progress.selectors import reports_visible_to

from ..auth import WRITE_AUTH, ApiRequest
from ..errors import ApiInvalid, FieldProblem
from ..inputs import ProgressReportIn, ReportReviewIn
from ..schemas import Error, ProgressReportOut
from ..writes import IDEMPOTENCY_PARAMETER, form_errors, idempotent, require_user
from .pledges import PledgeId

router = Router(tags=["partner: progress"])
ReportId = Annotated[int, Path(ge=1, le=2_147_483_647)]
WRITE_ERRORS = {401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def _report_form(pledge: Pledge, body: ProgressReportIn) -> ProgressReportForm:
    indicators = list(pledge.indicators.order_by("position", "id"))
    known = {indicator.pk for indicator in indicators}
    data = {
        "delivery_status": body.delivery_status,
        "discontinued_reason": body.discontinued_reason,
        "percent_complete": str(body.percent_complete),
        "narrative": body.narrative,
        "challenges": body.challenges,
        "support_needed": body.support_needed,
        "evidence_links": "\n".join(body.evidence_links),
    }
    errors: list[FieldProblem] = []
    for index, item in enumerate(body.indicator_values):
        if item.indicator_id not in known:
            errors.append(
                {
                    "field": f"indicator_values.{index}.indicator_id",
                    "message": _("This indicator does not belong to the pledge."),
                }
            )
            continue
        prefix = f"indicator_{item.indicator_id}"
        data[f"{prefix}_value"] = item.value
        data[f"{prefix}_unit"] = item.unit
        data[f"{prefix}_measured_on"] = item.measured_on.isoformat()
        data[f"{prefix}_source"] = item.source
    form = ProgressReportForm(data, indicators=indicators)
    if not form.is_valid() or errors:
        raise ApiInvalid(errors + form_errors(form))
    return form


@router.post(
    "/pledges/{pledge_id}/progress-reports",
    auth=WRITE_AUTH,
    openapi_extra=IDEMPOTENCY_PARAMETER,
    response={201: ProgressReportOut, **WRITE_ERRORS},
    summary="File a progress report on a published pledge (its focal points)",
)
def progress_report_create(
    request: ApiRequest, pledge_id: PledgeId, body: ProgressReportIn
) -> JsonResponse:
    """The web form's rules; no attachments through the API. The report waits for review and
    appears in `/pledges/{id}/progress` once accepted. Honours `Idempotency-Key`."""
    user = require_user(request)
    pledge = pledge_get_visible(pk=pledge_id, user=user)
    if not can_report_progress(user, pledge):
        raise PermissionDenied(_("Only the owners' focal points report on a published pledge."))

    def run() -> tuple[int, dict[str, Any]]:
        form = _report_form(pledge, body)
        data, values = form.service_data()
        report = services.report_submit(pledge=pledge, by=user, data=data, indicator_values=values)
        return 201, ProgressReportOut.model_validate(report).model_dump(mode="json")

    return idempotent(request, user, run)


@router.post(
    "/progress-reports/{report_id}/review",
    auth=WRITE_AUTH,
    response={200: ProgressReportOut, **WRITE_ERRORS},
    summary="Accept or return a progress report (reviewers)",
)
def progress_report_review(
    request: ApiRequest, report_id: ReportId, body: ReportReviewIn
) -> tuple[int, ProgressReport]:
    """Returning needs a comment (422 without). Not allowed for you → 403; already reviewed → 409."""
    user = require_user(request)
    report = reports_visible_to(user).select_related("pledge").get(pk=report_id)
    services.report_review(report=report, by=user, action=body.action, comment=body.comment)
    report.refresh_from_db()
    return 200, report
