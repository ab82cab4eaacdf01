"""The Report on Localizing the Global Compacts and the forum summary report.

A report is rendered from a *snapshot*: plain JSON data gathered once when the edition is
requested. The snapshot's hash (with `TEMPLATE_VERSION`) is the edition's cache key, and the HTML
page and the PDF are both rendered from it, so they always show the same figures.
"""

import datetime
import hashlib
import json
import logging
from collections import Counter
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from localcompacts.compacts.models import Compact, Objective, Region
from localcompacts.forums.models import ReviewForum
from localcompacts.governments.models import Endorsement
from localcompacts.matching.selectors import pledges_matched_count
from localcompacts.pledges.models import Pledge, PledgeKind
from localcompacts.pledges.selectors import with_public_relations

from .fonts import font_face_css, font_family_list, uncovered_scripts

TEMPLATE_VERSION = (
    "2026.4"  # 2026.4: lang/dir on pledge text, embedded fonts, tagged PDF; progress and evidence
)
# WeasyPrint logs every page it lays out at INFO; the worker's log needs none of it.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _pledge_entry(pledge: Pledge) -> dict:
    owners = list(pledge.owners.all())
    countries = []
    for owner in owners:
        if owner.country.name not in countries:
            countries.append(owner.country.name)
    return {
        "id": pledge.pk,
        "title": pledge.title,
        "language": pledge.language,  # the text's own: lang and dir in the report
        "kind": pledge.kind,
        "kind_label": str(pledge.get_kind_display()),
        "type": str(pledge.get_pledge_type_display()) if pledge.pledge_type else "",
        "owners": [o.name for o in owners],
        "countries": countries,
        "summary": pledge.summary,
        "objectives": [o.code for o in pledge.objectives.all()],
        "published": pledge.published_at.date().isoformat() if pledge.published_at else "",
    }


def _progress_of(entries: list[dict]) -> dict:
    """Delivery and evidence of the report's pledges as the report is built (latest accepted
    progress report of each); each entry gains its own `progress` and `evidence` labels."""
    from localcompacts.progress.models import DeliveryStatus, EvidenceLevel
    from localcompacts.progress.selectors import with_latest_report

    latest = {
        pk: (status, evidence)
        for pk, status, evidence in with_latest_report(
            Pledge.objects.filter(pk__in=[e["id"] for e in entries])
        )
        .order_by()
        .values_list("pk", "latest_progress", "latest_evidence")
    }
    statuses, levels = dict(DeliveryStatus.choices), dict(EvidenceLevel.choices)
    by_status: Counter[str] = Counter()
    by_evidence: Counter[str] = Counter()
    for entry in entries:
        status, evidence = latest.get(entry["id"], (None, None))
        entry["progress"] = str(statuses[status]) if status else ""
        entry["evidence"] = str(levels[evidence]) if evidence else ""
        by_status[status or "none"] += 1
        if evidence:
            by_evidence[evidence] += 1
    reported = sum(by_evidence.values())
    return {
        "by_status": [
            {"code": code, "name": str(label), "count": by_status.get(code, 0)}
            for code, label in DeliveryStatus.choices
        ],
        "without_report": by_status.get("none", 0),
        "by_evidence": [
            {"code": code, "name": str(label), "count": by_evidence.get(code, 0)}
            for code, label in EvidenceLevel.choices
        ],
        "share_verified": round(100 * by_evidence[EvidenceLevel.VERIFIED] / reported)
        if reported
        else 0,
    }


def build_snapshot(
    *,
    kind: str,
    language: str,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    forum: ReviewForum | None = None,
) -> dict:
    """Everything the report shows, as JSON-ready data, in `language`."""
    with translation.override(language):
        pledges = Pledge.objects.public()
        if forum is not None:
            pledges = pledges.filter(announced_at=forum)
            until = forum.end_date
            title = (
                _("Forum summary: %(forum)s") % {"forum": forum.name}
                if kind == "forum_summary"
                else _("Report on Localizing the Global Compacts — %(forum)s")
                % {"forum": forum.name}
            )
        else:
            # The service asks for a period when there is no forum.
            assert date_from is not None and date_to is not None
            pledges = pledges.filter(
                published_at__date__gte=date_from, published_at__date__lte=date_to
            )
            until = date_to
            title = _("Report on Localizing the Global Compacts, %(start)s – %(end)s") % {
                "start": date_from.isoformat(),
                "end": date_to.isoformat(),
            }
        matched = pledges_matched_count(pledges.values("pk"))
        report_pledges = list(with_public_relations(pledges).order_by("title", "id"))
        entries = [_pledge_entry(p) for p in report_pledges]
        progress = _progress_of(entries)

        objectives = list(Objective.objects.order_by("compact", "number"))
        per_objective = Counter(code for e in entries for code in e["objectives"])
        regions = {r.pk: r for r in Region.objects.filter(parent__isnull=True)}
        per_region: Counter = Counter()
        governments, countries = set(), set()
        for pledge in report_pledges:
            pledge_regions = set()
            for owner in pledge.owners.all():
                governments.add(owner.pk)
                countries.add(owner.country_id)
                if owner.country.region_id:
                    pledge_regions.add(owner.country.region_id)
            per_region.update(pledge_regions)

        # A pledge is told in full under its first objective; under its other objectives a
        # one-line reference points there (the report stays readable, and short enough to print).
        by_compact: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            for code in entry["objectives"]:
                if code == entry["objectives"][0]:
                    by_compact.setdefault(code, []).append(entry)
                else:
                    by_compact.setdefault(code, []).append(
                        {
                            "id": entry["id"],
                            "title": entry["title"],
                            "language": entry["language"],
                            "see": entry["objectives"][0],
                        }
                    )
        sections = []
        for compact in Compact:
            groups = [
                {"code": o.code, "name": o.name, "pledges": by_compact.get(o.code, [])}
                for o in objectives
                if o.compact == compact.value and by_compact.get(o.code)
            ]
            if groups:
                sections.append(
                    {"code": compact.value, "name": str(compact.label), "objectives": groups}
                )

        signatories = [
            {
                "name": e.government.name,
                "country": e.government.country.name,
                "signed_on": e.signed_on.isoformat(),
            }
            for e in Endorsement.objects.public()
            .filter(signed_on__lte=until)
            .select_related("government__country")
            .order_by("government__name", "signed_on")
        ]
        practices = sum(1 for e in entries if e["kind"] == PledgeKind.PRACTICE)
        gcm_ids = {o.code for o in objectives if o.compact == Compact.GCM}
        gcr_ids = {o.code for o in objectives if o.compact == Compact.GCR}
        snapshot = {
            "version": TEMPLATE_VERSION,
            "kind": kind,
            "language": language,
            "title": title,
            "period": {
                "from": date_from.isoformat() if date_from else "",
                "to": date_to.isoformat() if date_to else "",
            },
            "forum": _forum_data(forum) if forum else None,
            "figures": {
                "actions": len(entries),
                "pledges": len(entries) - practices,
                "practices": practices,
                "governments": len(governments),
                "countries": len(countries),
                "signatories": len(signatories),
                "gcm": sum(1 for e in entries if gcm_ids & set(e["objectives"])),
                "gcr": sum(1 for e in entries if gcr_ids & set(e["objectives"])),
                "joint": sum(1 for e in entries if len(e["owners"]) > 1),
                # pledges of this report in a confirmed partnership (matchmaking)
                "matched": matched,
            },
            "by_objective": [
                {"code": o.code, "name": o.name, "count": per_objective.get(o.code, 0)}
                for o in objectives
                if o.compact == Compact.GCM
            ],
            "by_gcr_objective": [
                {"code": o.code, "name": o.name, "count": per_objective.get(o.code, 0)}
                for o in objectives
                if o.compact == Compact.GCR
            ],
            "by_region": [
                {"code": r.code, "name": r.name, "count": per_region.get(pk, 0)}
                for pk, r in sorted(regions.items(), key=lambda item: item[1].code)
            ],
            "signatories": signatories,
            "progress": progress,
            "sections": sections,
            "annex": entries,
        }
    return snapshot


def _forum_data(forum: ReviewForum) -> dict:
    return {
        "slug": forum.slug,
        "name": forum.name,
        "kind": str(forum.get_kind_display()),
        "start": forum.start_date.isoformat(),
        "end": forum.end_date.isoformat(),
        "place": forum.place,
    }


def snapshot_key(snapshot: dict) -> str:
    text = json.dumps({"template": TEMPLATE_VERSION, "data": snapshot}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def chart(
    rows: list[dict], *, width: int = 640, bar_height: int = 18, label_width: int = 90
) -> dict:
    """Geometry of a horizontal bar chart (drawn as inline SVG by `_chart.html`)."""
    top = max((row["count"] for row in rows), default=0) or 1
    plot = width - label_width - 50
    bars = []
    for index, row in enumerate(rows):
        y = index * (bar_height + 6)
        bars.append(
            {
                **row,
                "y": y,
                "text_y": y + bar_height - 4,
                "bar_width": round(plot * row["count"] / top, 1),
                "value_x": label_width + round(plot * row["count"] / top, 1) + 6,
            }
        )
    return {
        "width": width,
        "height": len(rows) * (bar_height + 6),
        "bar_height": bar_height,
        "label_width": label_width,
        "bars": bars,
    }


def render_context(snapshot: dict) -> dict:
    charts = {
        "objectives": chart(snapshot["by_objective"]),
        "gcr": chart(snapshot["by_gcr_objective"]),
        "regions": chart(snapshot["by_region"], label_width=130),
    }
    return {"report": snapshot, "charts": charts}


def render_report_html(snapshot: dict, *, standalone: bool, request=None) -> str:
    template = "publications/report/pdf.html" if standalone else "publications/report/page.html"
    context = render_context(snapshot)
    if standalone:  # the PDF embeds the report fonts found on this machine
        context["font_css"] = mark_safe(font_face_css())  # noqa: S308 — built from font paths
        context["font_family"] = mark_safe(font_family_list())  # noqa: S308 — constant names
    with translation.override(snapshot["language"]):
        return render_to_string(template, context, request=request)


# A tagged PDF (structure tree, marked content, the document language from `<html lang>`) that
# screen readers can read: WeasyPrint's PDF/UA-1 variant.
PDF_VARIANT = "pdf/ua-1"


def render_report_pdf(snapshot: dict, target, *, progress=lambda percent, stage: None) -> list:
    """Write the PDF to `target` (a path or binary file). `progress(percent, stage)` is called as
    it goes. Returns the scripts of the report's text that no installed font covers
    (`fonts.uncovered_scripts`): they print as empty boxes."""
    from weasyprint import HTML

    progress(20, "html")
    html = render_report_html(snapshot, standalone=True)
    problems = uncovered_scripts(strip_tags(html))
    progress(35, "layout")
    document = HTML(string=html).render()
    progress(80, "pdf")
    document.write_pdf(target, pdf_variant=PDF_VARIANT)
    progress(95, "pdf")
    return problems
