"""Following a pledge, a government, an objective or a saved catalogue search, and telling
followers what happened.

Why here: a follow spans pledges, governments, compacts and progress events and reuses the
newsletter's double opt-in, signed links and one-click unsubscribe, so it sits in `newsletter`, at
the top with `explore`, and reads the apps below directly.

Why the audit log: every event worth telling (`pledge.published`, `pledge.revision_applied`,
`progress_report.accepted`, `progress_report.verified`) is already an audit entry written in the
same transaction as the change. The worker reads the log from a cursor (`FollowCursor`), so only
committed changes are told, no lower app has to know that followers exist (no hook to call), and
a worker that was down catches up where it stopped. Staleness has no audit entry (time passes, no
one acts), so a daily job looks for followed pledges that have become stale.

Once per event: a `FollowNotice` is unique per (follow, event), and an address following the same
pledge several ways (the pledge, its government, its objective) gets one notice, through its most
specific follow. A person with more than `IMMEDIATE_LIMIT` notices in a day gets the rest in
one daily digest instead of one e-mail each.
"""

import datetime
from typing import TypedDict
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from localcompacts.accounts.models import User
from localcompacts.compacts.models import Objective
from localcompacts.core.audit import AuditEntry, record
from localcompacts.core.email import queue_email
from localcompacts.core.errors import DomainError
from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges.catalogue import CatalogueQuery
from localcompacts.pledges.models import Pledge
from localcompacts.pledges.selectors import pledge_catalogue_ids
from localcompacts.progress.models import ProgressReport
from localcompacts.progress.selectors import stale_pledges

from ..audit import FollowAction
from ..models import Follow, FollowCursor, FollowKind, FollowNotice, FollowStatus
from ..tokens import follow_confirm_url, follow_unsubscribe_headers, follow_unsubscribe_url

IMMEDIATE_LIMIT = 3  # notices per person and day sent one by one; more wait for the digest
EVENTS_PER_RUN = 5000
# Most specific first: the follow through which an address hears of an event.
SPECIFICITY: list[str] = [
    FollowKind.PLEDGE,
    FollowKind.GOVERNMENT,
    FollowKind.OBJECTIVE,
    FollowKind.SEARCH,
]


class FollowError(DomainError):
    code = "follow"
    status = 422


class FollowTarget(TypedDict, total=False):
    """The one column a follow's target is in (the keywords of `Follow.target_of`)."""

    pledge: Pledge
    government: LocalGovernment
    objective: Objective
    search: str


def resolve_target(kind: str, value: str) -> FollowTarget:
    """The follow's target columns for `kind` and the submitted value, or FollowError."""
    value = (value or "").strip()
    if kind == FollowKind.PLEDGE:
        pledge = Pledge.objects.public().filter(pk=int(value) if value.isdigit() else 0).first()
        if pledge:
            return {"pledge": pledge}
    elif kind == FollowKind.GOVERNMENT:
        government = LocalGovernment.objects.filter(slug=value).first()
        if government:
            return {"government": government}
    elif kind == FollowKind.OBJECTIVE:
        objective = Objective.objects.filter(code__iexact=value).first()
        if objective:
            return {"objective": objective}
    elif kind == FollowKind.SEARCH:
        search = normalise_search(value)
        if search:
            return {"search": search}
        raise FollowError(_("Choose at least one filter or a search text to follow."))
    raise FollowError(_("There is nothing to follow here."))


def normalise_search(value: str) -> str:
    """A catalogue query string (or a catalogue address) in the catalogue's own canonical form."""
    query_string = value.split("?", 1)[1] if "?" in value else value
    query = CatalogueQuery.from_params(QueryDict(query_string))
    return urlencode([(k, v) for k, v in query.to_params() if k != "sort"])[:1000]


def describe(follow: Follow) -> str:
    # A follow's kind names its one target column (`Follow.target_of`); the others are empty.
    if follow.pledge is not None:
        return follow.pledge.title
    if follow.government is not None:
        return follow.government.name
    if follow.objective is not None:
        return f"{follow.objective.code} · {follow.objective.name}"
    return _("Catalogue search: %(query)s") % {"query": follow.search}


def _send_confirmation(follow: Follow) -> None:
    queue_email(
        key=f"follow-confirm:{follow.pk}:{timezone.now():%Y%m%d%H}",
        to=follow.email,
        language=follow.language,
        template="newsletter/email/follow_confirm",
        context={
            "what": describe(follow),
            "confirm_url": follow_confirm_url(follow),
            "unsubscribe_url": follow_unsubscribe_url(follow),
        },
        headers=follow_unsubscribe_headers(follow),
    )


def follow_start(
    *,
    kind: str,
    value: str,
    user: User | AnonymousUser | None = None,
    email: str = "",
    language: str = "en",
    ip: str | None = None,
) -> Follow:
    """Follow something. Signed in: active at once. A visitor: pending until the link in the
    confirmation e-mail is followed; the answer is the same whether the address was known."""
    target = resolve_target(kind, value)
    person = user if user is not None and user.is_authenticated else None
    signed_in = person is not None
    address = (person.email if person is not None else email).strip().lower()
    if not address:
        raise FollowError(_("Enter your e-mail address."))
    with transaction.atomic():
        follow, created = Follow.objects.get_or_create(
            email=address,
            target=Follow.target_of(kind, **target),
            defaults={
                "kind": kind,
                **target,
                "user": person,
                "language": language,
                "consent_at": timezone.now(),
                "consent_ip": ip,
            },
        )
        if person is not None and follow.status != FollowStatus.ACTIVE:
            follow.user, follow.status, follow.confirmed_at = (
                person,
                FollowStatus.ACTIVE,
                timezone.now(),
            )
            follow.save()
            record(actor=person, action=FollowAction.STARTED, target=follow, kind=kind)
        elif not signed_in and follow.status == FollowStatus.PENDING:
            if created:
                record(actor=None, action=FollowAction.REQUESTED, target=follow, kind=kind)
            _send_confirmation(follow)
    return follow


def follow_confirm(*, follow: Follow, ip: str | None = None) -> Follow:
    with transaction.atomic():
        follow = Follow.objects.select_for_update().get(pk=follow.pk)
        if follow.status == FollowStatus.PENDING:
            follow.status, follow.confirmed_at = FollowStatus.ACTIVE, timezone.now()
            follow.save(update_fields=["status", "confirmed_at"])
            record(actor=None, action=FollowAction.CONFIRMED, target=follow, ip=ip or "")
    return follow


def follow_stop(*, follow: Follow, by: User | None = None, via: str = "account") -> None:
    """Stop following: the follow and its notices are deleted (nothing is kept about it)."""
    with transaction.atomic():
        record(actor=by, action=FollowAction.STOPPED, target=follow, kind=follow.kind, via=via)
        follow.delete()


# --- Events -------------------------------------------------------------------------------------

EVENT_ACTIONS = {
    "pledge.published": "pledges.pledge",
    "pledge.revision_applied": "pledges.pledge",
    "progress_report.accepted": "progress.progressreport",
    "progress_report.verified": "progress.progressreport",
}


def _event_text(action: str, pledge: Pledge, report: ProgressReport | None) -> tuple[str, str]:
    url = settings.SITE_URL + pledge.get_absolute_url()
    if action == "pledge.published":
        return _("New pledge published: %(title)s") % {"title": pledge.title}, url
    if action == "pledge.revision_applied":
        return _("Pledge updated: %(title)s") % {"title": pledge.title}, url
    if action == "progress_report.accepted":
        assert report is not None  # an accepted-report event comes with its report
        return (
            _("Progress reported on “%(title)s”: %(status)s")
            % {"title": pledge.title, "status": report.get_delivery_status_display()},
            url,
        )
    if action == "progress_report.verified":
        return _("Progress verified on “%(title)s”") % {"title": pledge.title}, url
    return _("No progress report on “%(title)s” for 24 months") % {"title": pledge.title}, url


def followers_of(pledge: Pledge) -> list[Follow]:
    """The active follows that hear about this pledge, one per address (the most specific)."""
    owners = list(pledge.owners.values_list("pk", flat=True))
    objectives = list(pledge.objectives.values_list("pk", flat=True))
    direct = Follow.objects.filter(status=FollowStatus.ACTIVE).filter(
        Q(kind=FollowKind.PLEDGE, pledge=pledge)
        | Q(kind=FollowKind.GOVERNMENT, government__in=owners)
        | Q(kind=FollowKind.OBJECTIVE, objective__in=objectives)
    )
    candidates = list(direct)
    for follow in Follow.objects.filter(status=FollowStatus.ACTIVE, kind=FollowKind.SEARCH):
        query = CatalogueQuery.from_params(QueryDict(follow.search))
        if pledge_catalogue_ids(query).filter(pk=pledge.pk).exists():
            candidates.append(follow)
    chosen: dict[str, Follow] = {}
    for follow in sorted(candidates, key=lambda f: (SPECIFICITY.index(f.kind), f.pk)):
        chosen.setdefault(follow.email, follow)
    return list(chosen.values())


def _notify(
    pledge: Pledge, event: str, title: str, url: str, follows: list[Follow] | None = None
) -> int:
    follows = followers_of(pledge) if follows is None else follows
    notices = [FollowNotice(follow=f, event=event, title=title[:300], url=url) for f in follows]
    return len(FollowNotice.objects.bulk_create(notices, ignore_conflicts=True))


def collect_follow_events() -> int:
    """Read the audit log from the cursor and turn the events followers care about into notices."""
    made = 0
    with transaction.atomic():
        cursor, _created = FollowCursor.objects.select_for_update().get_or_create(name="audit")
        entries = list(
            AuditEntry.objects.filter(pk__gt=cursor.last_audit_id, action__in=EVENT_ACTIONS)
            .order_by("pk")
            .values_list("pk", "action", "target_id")[:EVENTS_PER_RUN]
        )
        for pk, action, target_id in entries:
            report = None
            if EVENT_ACTIONS[action] == "progress.progressreport":
                report = (
                    ProgressReport.objects.select_related("pledge").filter(pk=target_id).first()
                )
                pledge = report.pledge if report else None
            else:
                pledge = Pledge.objects.filter(pk=target_id).first()
            if pledge is None or not pledge.is_published:
                continue
            title, url = _event_text(action, pledge, report)
            made += _notify(pledge, f"{action}:{pk}", title, url)
        if entries:
            cursor.last_audit_id = entries[-1][0]
            cursor.save(update_fields=["last_audit_id"])
        else:
            # Nothing to tell: move past everything written so far.
            latest = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
            if latest and latest > cursor.last_audit_id:
                cursor.last_audit_id = latest
                cursor.save(update_fields=["last_audit_id"])
    return made


def collect_stale_events(now: datetime.datetime | None = None) -> int:
    """Followed pledges that are stale now; the event names the last sign of life, so a pledge
    that reports and later falls silent again is told again, once."""
    followed = Follow.objects.filter(status=FollowStatus.ACTIVE)
    pledge_ids = set(followed.filter(kind=FollowKind.PLEDGE).values_list("pledge_id", flat=True))
    government_ids = followed.filter(kind=FollowKind.GOVERNMENT).values_list("government_id")
    of_governments = Pledge.objects.filter(owners__in=government_ids).values("pk")
    stale = stale_pledges(now).filter(Q(pk__in=pledge_ids) | Q(pk__in=of_governments))
    made = 0
    for pledge in stale:
        since = pledge.last_accepted_at or pledge.published_at
        title, url = _event_text("stale", pledge, None)
        follows = [
            f for f in followers_of(pledge) if f.kind in (FollowKind.PLEDGE, FollowKind.GOVERNMENT)
        ]
        made += _notify(pledge, f"stale:{pledge.pk}:{since:%Y%m%d}", title, url, follows)
    return made


# --- Delivery -----------------------------------------------------------------------------------


def _pending_by_address() -> dict[str, list[FollowNotice]]:
    grouped: dict[str, list[FollowNotice]] = {}
    for notice in (
        FollowNotice.objects.filter(sent_at__isnull=True)
        .select_related("follow")
        .order_by("created_at", "id")
    ):
        grouped.setdefault(notice.follow.email, []).append(notice)
    return grouped


def deliver_follow_notices(now: datetime.datetime | None = None) -> int:
    """Send pending notices one by one, unless the person has had (or would get) more than
    `IMMEDIATE_LIMIT` today: then they wait for the daily digest."""
    now = now or timezone.now()
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    sent = 0
    for address, notices in _pending_by_address().items():
        today = FollowNotice.objects.filter(follow__email=address, sent_at__gte=day_start).count()
        if today + len(notices) > IMMEDIATE_LIMIT:
            continue
        for notice in notices:
            with transaction.atomic():
                queue_email(
                    key=f"follow-notice:{notice.pk}",
                    to=address,
                    language=notice.follow.language,
                    template="newsletter/email/follow_notice",
                    context={
                        "notice": notice,
                        "what": describe(notice.follow),
                        "unsubscribe_url": follow_unsubscribe_url(notice.follow),
                    },
                    headers=follow_unsubscribe_headers(notice.follow),
                )
                FollowNotice.objects.filter(pk=notice.pk).update(sent_at=now)
            sent += 1
    return sent


def send_follow_digests(now: datetime.datetime | None = None) -> int:
    """One e-mail per address with every notice still waiting (the daily digest)."""
    now = now or timezone.now()
    sent = 0
    for address, notices in _pending_by_address().items():
        follows = {notice.follow_id: notice.follow for notice in notices}
        entries = [
            {
                "notice": notice,
                "what": describe(notice.follow),
                "unsubscribe_url": follow_unsubscribe_url(notice.follow),
            }
            for notice in notices
        ]
        first = notices[0].follow
        try:
            with transaction.atomic():
                queue_email(
                    key=f"follow-digest:{address}:{now:%Y%m%d}:{notices[0].pk}",
                    to=address,
                    language=first.language,
                    template="newsletter/email/follow_digest",
                    context={"entries": entries, "count": len(entries), "follows": follows},
                    # One-click unsubscribe stops the follow of the first entry; each entry
                    # carries its own link.
                    headers=follow_unsubscribe_headers(first),
                )
                FollowNotice.objects.filter(pk__in=[n.pk for n in notices]).update(sent_at=now)
        except IntegrityError:
            continue
        sent += 1
    return sent


def process_follow_events(now: datetime.datetime | None = None) -> dict[str, int]:
    """The worker's step: collect events, then send what may go out now."""
    collected = collect_follow_events()
    return {"collected": collected, "sent": deliver_follow_notices(now)}
