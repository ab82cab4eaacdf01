"""Demo progress: reporting rounds around IMRF 2022, GRF 2023, IMRF 2026 and the current cycle,
with progress reports in every review status, indicator values, evidence and reviewers' decisions.

Called by `demo.seed.seed_demo` after the pledges and accounts exist. It draws from its own random
generator, so adding it changed none of the pledges a given seed produced before. Shares are tuned
to the public record (GRF 2025 progress review: about two-thirds of pledges fulfilled or in
progress) while showing what the platform is for: most published pledges have an accepted report,
a minority is stale, some reports are verified and one verification was withdrawn.
"""

import datetime
import random
import struct
import tempfile
import zlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import reset_queries, transaction
from django.utils import timezone

from localcompacts.accounts.models import Role, User
from localcompacts.core.models import StateTransition
from localcompacts.core.storage import store_file
from localcompacts.forums.models import ReviewForum
from localcompacts.pledges.models import Indicator, Pledge, PledgeStatus
from localcompacts.progress.models import (
    DeliveryStatus,
    EvidenceLevel,
    IndicatorValue,
    ProgressAttachment,
    ProgressReport,
    ReportingRound,
    ReviewStatus,
    VerificationMethod,
)

from . import rows as db_rows

CHUNK = 2000
REPORT_COLUMNS = [
    "id",
    "pledge",
    "reporting_round",
    "status",
    "delivery_status",
    "discontinued_reason",
    "percent_complete",
    "narrative",
    "challenges",
    "support_needed",
    "evidence_links",
    "submitted_at",
    "accepted_at",
    "evidence_level",
    "verified_by",
    "verified_at",
    "verification_method",
    "verification_note",
    "verification_withdrawn_reason",
]


@dataclass(frozen=True)
class DemoRound:
    forum: str | None
    title: str
    opens: datetime.date
    closes: datetime.date
    compact: str = ""  # "" = every published pledge is due


ROUNDS = [
    DemoRound(
        "imrf-2022",
        "Progress towards IMRF 2022",
        datetime.date(2021, 11, 1),
        datetime.date(2022, 4, 15),
        "GCM",
    ),  # fmt: skip
    DemoRound(
        "grf-2023",
        "Progress towards GRF 2023",
        datetime.date(2023, 6, 1),
        datetime.date(2023, 11, 15),
        "GCR",
    ),  # fmt: skip
    DemoRound(
        "imrf-2026",
        "Progress towards IMRF 2026",
        datetime.date(2025, 10, 1),
        datetime.date(2026, 3, 31),
        "GCM",
    ),  # fmt: skip
    DemoRound(
        "grf-2027",
        "2026–2027 reporting cycle (towards GRF 2027)",
        datetime.date(2026, 10, 1),
        datetime.date(2027, 3, 31),
    ),  # fmt: skip
]
# The latest status a pledge reached; pledges past their end date lean to a final status.
LATEST_STATUS_WEIGHTS = [
    (DeliveryStatus.PLANNING, 12),
    (DeliveryStatus.IN_PROGRESS, 42),
    (DeliveryStatus.FULFILLED, 24),
    (DeliveryStatus.PARTIALLY_FULFILLED, 14),
    (DeliveryStatus.DISCONTINUED, 8),
]
ENDED_STATUS_WEIGHTS = [
    (DeliveryStatus.IN_PROGRESS, 6),
    (DeliveryStatus.FULFILLED, 55),
    (DeliveryStatus.PARTIALLY_FULFILLED, 25),
    (DeliveryStatus.DISCONTINUED, 10),
]
NEVER_REPORTED = 0.08  # published pledges that never had a report accepted
SILENT_SINCE_FIRST = 0.05  # reported once, long ago, then fell silent (stale)
NARRATIVES = {
    "en": [
        "The first activities started with {partner}; {share} % of the planned work is done.",
        "Outreach reached new families this year; the team now works with {partner}.",
        "Funding was confirmed and recruitment is complete; services opened in two districts.",
        "An evaluation with {partner} showed higher take-up than expected.",
    ],
    "fr": [
        "Les premières activités ont démarré avec {partner} ; {share} % du travail prévu est fait.",
        "Les actions de proximité ont touché de nouvelles familles ; l'équipe travaille avec {partner}.",
        "Le financement est confirmé et le recrutement terminé ; deux quartiers sont desservis.",
        "Une évaluation menée avec {partner} montre une participation plus forte que prévu.",
    ],
    "es": [
        "Las primeras actividades empezaron con {partner}; se ha hecho el {share} % del trabajo.",
        "La labor de acercamiento llegó a nuevas familias; el equipo trabaja con {partner}.",
        "La financiación está confirmada y la contratación terminada; dos distritos ya tienen servicio.",
        "Una evaluación con {partner} mostró una participación mayor de lo previsto.",
    ],
}
CHALLENGES = [
    "Staff turnover slowed the work for three months.",
    "Rising rents made it harder to find housing.",
    "Data from national services arrived late.",
    "",
    "",
]
RETURN_COMMENTS = [
    "Please add the source of the indicator values.",
    "The percentage does not match the narrative; please check it.",
    "Please explain why the pledge was discontinued.",
]
WITHDRAWN_REASON = "The site visit report was for another programme; verification withdrawn."
EVIDENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
BUDGET_PDF = EVIDENCE_PDF.replace(b"300 144", b"595 842")


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small, valid PNG of one colour (a stand-in for a photo from a site visit)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = (b"\0" + bytes(rgb) * width) * height
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


# A few evidence files, written once and shared by every report that attaches evidence (a demo
# of 500,000 pledges would otherwise write tens of thousands of identical files):
# (storage name, name shown, kind, content).
EVIDENCE_FILES = [
    ("progress/demo/evidence-summary.pdf", "evidence-summary.pdf", "pdf", EVIDENCE_PDF),
    ("progress/demo/budget-execution.pdf", "budget-execution.pdf", "pdf", BUDGET_PDF),
    ("progress/demo/site-visit.png", "site-visit.png", "png", _png(48, 32, (46, 125, 50))),
]


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(rng.randrange(8, 18), rng.randrange(60)), tzinfo=datetime.UTC
    )


def _path_to(latest: str, steps: int, rng: random.Random) -> list[tuple[str, int]]:
    """Delivery statuses and percentages of `steps` successive reports ending at `latest`."""
    final_percent: int = {
        DeliveryStatus.PLANNING: rng.randrange(0, 15),
        DeliveryStatus.IN_PROGRESS: rng.randrange(20, 85),
        DeliveryStatus.FULFILLED: 100,
        DeliveryStatus.PARTIALLY_FULFILLED: rng.randrange(45, 90),
        DeliveryStatus.DISCONTINUED: rng.randrange(5, 50),
    }[DeliveryStatus(latest)]
    path: list[tuple[str, int]] = []
    for step in range(steps - 1):
        share = final_percent * (step + 1) // steps
        status = DeliveryStatus.PLANNING if share < 15 else DeliveryStatus.IN_PROGRESS
        path.append((status, min(share, 95)))
    path.append((latest, final_percent))
    return path


class ProgressSeeder:
    def __init__(self, *, seed: int, progress):
        self.rng = random.Random(seed * 7919 + 16)
        self.progress = progress
        self.reviewer_id = (
            User.objects.filter(role=Role.REVIEWER).order_by("pk").values_list("pk", flat=True)
        ).first()
        self.report_type = ContentType.objects.get_for_model(ProgressReport)
        self.evidence: list[tuple[str, str, str, int]] | None = None
        self.withdrawn_one = False
        self.datetime = db_rows.datetime_value()
        self.next_report_id = db_rows.next_id(ProgressReport)
        self.insert_reports = db_rows.Inserter(ProgressReport, REPORT_COLUMNS)
        self.insert_values = db_rows.Inserter(
            IndicatorValue, ["report", "indicator", "value", "unit", "measured_on", "source"]
        )
        self.insert_attachments = db_rows.Inserter(
            ProgressAttachment, ["report", "file", "name", "kind", "size", "uploaded_at"]
        )
        self.insert_transitions = db_rows.Inserter(
            StateTransition,
            [
                "content_type",
                "object_id",
                "from_state",
                "to_state",
                "action",
                "actor",
                "comment",
                "created_at",
            ],
        )

    def seed_rounds(self) -> list[tuple[ReportingRound, DemoRound]]:
        forums = {f.slug: f for f in ReviewForum.objects.all()}
        made = []
        for spec in ROUNDS:
            forum = forums.get(spec.forum) if spec.forum else None
            reporting_round = ReportingRound.objects.create(
                title=spec.title,
                forum=forum,
                opens_at=_moment(spec.opens, self.rng).replace(hour=0, minute=0),
                closes_at=_moment(spec.closes, self.rng).replace(hour=23, minute=59),
                due_compact=spec.compact,
            )
            made.append((reporting_round, spec))
        return made

    def _evidence_file(self, report_id: int) -> tuple[str, str, str, int]:
        """One of the shared evidence files (storage name, name, kind, size), stored on first use
        through the site's storage (`core.storage`), like any file the site keeps."""
        if self.evidence is None:
            self.evidence = []
            with tempfile.TemporaryDirectory() as folder:
                for name, shown, kind, content in EVIDENCE_FILES:
                    local = Path(folder) / shown
                    local.write_bytes(content)
                    stored = store_file(name, local)
                    self.evidence.append((stored.name, shown, kind, stored.size))
        return self.evidence[report_id % len(self.evidence)]

    def seed(self) -> int:
        rounds = self.seed_rounds()
        published = Pledge.objects.filter(status=PledgeStatus.PUBLISHED).order_by("pk")
        total = published.count() or 1
        last_pk, made, seen = 0, 0, 0
        while True:
            rows = list(
                published.filter(pk__gt=last_pk).values_list(
                    "pk", "published_at", "end_date", "language", "partners"
                )[:CHUNK]
            )
            if not rows:
                break
            last_pk = rows[-1][0]
            seen += len(rows)
            reset_queries()
            with transaction.atomic():
                made += self._chunk(rows, rounds)
            self.progress(f"{made} progress reports", done=0.67 + 0.26 * seen / total)
        db_rows.reset_sequences([ProgressReport])
        self.progress(f"{made} progress reports in {len(rounds)} reporting rounds")
        return made

    def _chunk(self, rows, rounds) -> int:
        rng = self.rng
        low, high = rows[0][0], rows[-1][0]
        compacts: dict[int, set[str]] = {}
        for pledge_id, compact in Pledge.objectives.through.objects.filter(
            pledge__gte=low, pledge__lte=high
        ).values_list("pledge_id", "objective__compact"):
            compacts.setdefault(pledge_id, set()).add(compact)
        indicators: dict[int, list] = {}
        for pledge_id, pk, baseline, target, unit in Indicator.objects.filter(
            pledge__gte=low, pledge__lte=high
        ).values_list("pledge_id", "pk", "baseline", "target", "unit"):
            indicators.setdefault(pledge_id, []).append((pk, baseline, target, unit))
        reports, extras = [], []
        at = self.datetime
        report_id = self.next_report_id
        for pledge_id, published_at, end_date, language, partners in rows:
            for report, extra in self._pledge_reports(
                pledge_id,
                published_at,
                end_date,
                language,
                partners,
                compacts.get(pledge_id, set()),
                rounds,
                report_id,
            ):
                reports.append(report)
                extras.append(extra)
                report_id += 1
        self.insert_reports(reports)
        self.next_report_id = report_id
        now = at(timezone.now())
        values, attachments, transitions = [], [], []
        type_id, reviewer_id = self.report_type.pk, self.reviewer_id
        cent, week = Decimal("0.01"), datetime.timedelta(days=7)
        sources = ["", "Municipal records", "Partner survey"]
        choice = rng.choice
        for report_id, (pledge_id, percent, returned_comment, attach, status, submitted) in zip(
            (report[0] for report in reports), extras, strict=True
        ):
            measured_on = submitted.date() - week
            for indicator_id, baseline, target, unit in indicators.get(pledge_id, []):
                value = baseline + (target - baseline) * Decimal(percent) / 100
                values.append(
                    (
                        report_id,
                        indicator_id,
                        value.quantize(cent),
                        unit,
                        measured_on,
                        choice(sources),
                    )
                )
            if attach:
                attachments.append((report_id, *self._evidence_file(report_id), now))
            if returned_comment:
                transitions.append(
                    (
                        type_id,
                        report_id,
                        ReviewStatus.SUBMITTED,
                        ReviewStatus.RETURNED,
                        "return",
                        reviewer_id,
                        returned_comment,
                        now,
                    )
                )
            elif status == ReviewStatus.ACCEPTED:
                transitions.append(
                    (
                        type_id,
                        report_id,
                        ReviewStatus.SUBMITTED,
                        ReviewStatus.ACCEPTED,
                        "accept",
                        reviewer_id,
                        "",
                        now,
                    )
                )
        self.insert_values(values)
        self.insert_attachments(attachments)
        self.insert_transitions(transitions)
        return len(reports)

    def _pledge_reports(
        self, pledge_id, published_at, end_date, language, partners, compacts, rounds, first_id
    ):
        """The reports of one pledge, oldest first, as rows (ids from `first_id` on), each with
        what the rows around it need."""
        rng = self.rng
        if published_at is None or rng.random() < NEVER_REPORTED:
            return []
        eligible = [
            (reporting_round, spec)
            for reporting_round, spec in rounds
            if reporting_round.closes_at > published_at
            and (not spec.compact or spec.compact in compacts)
        ]
        current_round = rounds[-1][0]
        past = [item for item in eligible if item[0] is not current_round]
        due_now = any(item[0] is current_round for item in eligible)
        chosen = [item for item in past if rng.random() < 0.7]
        if past and not chosen:
            chosen = [rng.choice(past)]
        silent = bool(chosen) and rng.random() < SILENT_SINCE_FIRST
        if silent:
            chosen = chosen[:1]
        # Pledges whose last round is long past are the ones the current round chases hardest.
        long_ago = not chosen or chosen[-1][0].closes_at.year < 2025
        in_current = due_now and not silent and rng.random() < (0.85 if long_ago else 0.55)
        slots = [(r, r.opens_at, r.closes_at) for r, _spec in chosen]
        if in_current:
            slots.append((current_round, current_round.opens_at, current_round.closes_at))
        if not slots:  # published between rounds: one report outside any round
            slots.append((None, published_at, published_at + datetime.timedelta(days=240)))
        ended = end_date is not None and end_date < ROUNDS[-1].closes
        latest = _weighted(rng, ENDED_STATUS_WEIGHTS if ended else LATEST_STATUS_WEIGHTS)
        if silent:
            latest = rng.choice([DeliveryStatus.PLANNING, DeliveryStatus.IN_PROGRESS])
        path = _path_to(latest, len(slots), rng)
        partner_names = [line for line in (partners or "").splitlines() if line] or ["UNHCR"]
        result = []
        for index, ((reporting_round, opens, closes), (status, percent)) in enumerate(
            zip(slots, path, strict=True)
        ):
            start = max(opens, published_at)
            span = max(int((closes - start).total_seconds() // 86400) - 20, 1)
            submitted = start + datetime.timedelta(days=rng.randrange(span), hours=1)
            is_current = reporting_round is current_round
            review = ReviewStatus.ACCEPTED
            returned_comment = ""
            if is_current and not ended:  # reports awaiting review or returned: live pledges
                roll = rng.random()
                if roll < 0.22:
                    review = ReviewStatus.SUBMITTED
                elif roll < 0.30:
                    review = ReviewStatus.RETURNED
                    returned_comment = rng.choice(RETURN_COMMENTS)
            accepted = (
                submitted + datetime.timedelta(days=rng.randrange(2, 20))
                if review == ReviewStatus.ACCEPTED
                else None
            )
            roll = rng.random()
            attach = roll < 0.12
            links = (
                f"https://www.example.org/reports/{pledge_id}-{index + 1}"
                if 0.12 <= roll < 0.40
                else ""
            )
            level = (
                EvidenceLevel.EVIDENCE_ATTACHED if attach or links else EvidenceLevel.SELF_REPORTED
            )
            verified_at = method = None
            if accepted and level == EvidenceLevel.EVIDENCE_ATTACHED and rng.random() < 0.45:
                verified_at = accepted + datetime.timedelta(days=rng.randrange(5, 60))
                method = rng.choice(VerificationMethod.values)
                level = EvidenceLevel.VERIFIED
            withdrawn = ""
            if level == EvidenceLevel.VERIFIED and not self.withdrawn_one:
                self.withdrawn_one = True
                withdrawn, verified_at, method = WITHDRAWN_REASON, None, None
                level = EvidenceLevel.EVIDENCE_ATTACHED
            narrative = rng.choice(NARRATIVES[language]).format(
                partner=rng.choice(partner_names), share=percent
            )
            at = self.datetime
            challenges = rng.choice(CHALLENGES)
            support_needed = rng.choice(["", "", "Peer exchange with another city.", ""])
            report = (
                first_id + index,
                pledge_id,
                reporting_round.pk if reporting_round is not None else None,
                review,
                status,
                "The partner organisation closed its local office."
                if status == DeliveryStatus.DISCONTINUED
                else "",
                percent,
                f"<p>{narrative}</p>",
                challenges,
                support_needed,
                links,
                at(submitted),
                at(accepted),
                level,
                self.reviewer_id if verified_at else None,
                at(verified_at),
                method or "",
                "Checked against the municipal budget execution report." if verified_at else "",
                withdrawn,
            )
            result.append(
                (report, (pledge_id, percent, returned_comment, attach, review, submitted))
            )
        return result


def seed_progress(*, seed: int, progress) -> int:
    return ProgressSeeder(seed=seed, progress=progress).seed()
