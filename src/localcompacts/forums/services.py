"""Writes for forums: outcome texts and their marking. Imports live in `importing.py`."""

import datetime
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from localcompacts.core.audit import record
from localcompacts.core.errors import DomainError
from localcompacts.core.people import Person

from .audit import ForumAction
from .keywords import find_local_terms
from .models import OutcomeDocument, OutcomeDraft, OutcomeParagraph


class OutcomeError(DomainError):
    """An outcome text the service refuses (e.g. an empty one)."""


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by a blank line; whitespace inside a paragraph is normalised."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


@transaction.atomic
def outcome_draft_add(
    *,
    document: OutcomeDocument,
    label: str,
    text: str,
    by: Person | None,
    dated: datetime.date | None = None,
    is_adopted: bool = False,
) -> OutcomeDraft:
    """Store a new version of an outcome text, paragraph by paragraph, with terms marked.

    An editor's earlier decision carries over to a paragraph whose text did not change.
    """
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        raise OutcomeError(_("The text is empty."))
    last = document.drafts.order_by("-sequence").first()
    decided: dict[str, OutcomeParagraph] = {}
    if last:
        decided = {
            p.text: p
            for p in last.paragraphs.filter(confirmed__isnull=False).select_related("confirmed_by")
        }
    draft = OutcomeDraft.objects.create(
        document=document,
        label=label,
        sequence=(last.sequence + 1) if last else 1,
        dated=dated,
        is_adopted=is_adopted,
    )
    rows = []
    for number, paragraph in enumerate(paragraphs, start=1):
        earlier = decided.get(paragraph)
        rows.append(
            OutcomeParagraph(
                draft=draft,
                number=number,
                text=paragraph,
                matched_terms="; ".join(find_local_terms(paragraph))[:500],
                confirmed=earlier.confirmed if earlier else None,
                confirmed_by=earlier.confirmed_by if earlier else None,
                confirmed_at=earlier.confirmed_at if earlier else None,
            )
        )
    OutcomeParagraph.objects.bulk_create(rows)
    record(
        actor=by,
        action=ForumAction.OUTCOME_DRAFT_ADDED,
        target=draft,
        paragraphs=len(rows),
        suggested=sum(1 for row in rows if row.matched_terms),
    )
    return draft


@transaction.atomic
def outcome_paragraphs_mark(*, draft: OutcomeDraft, by: Person | None) -> int:
    """Look for local-government terms again (e.g. after the term list grew); returns suggestions."""
    suggested = 0
    for paragraph in draft.paragraphs.all():
        terms = "; ".join(find_local_terms(paragraph.text))[:500]
        suggested += bool(terms)
        if terms != paragraph.matched_terms:
            paragraph.matched_terms = terms
            paragraph.save(update_fields=["matched_terms"])
    record(
        actor=by, action=ForumAction.OUTCOME_PARAGRAPHS_MARKED, target=draft, suggested=suggested
    )
    return suggested


@transaction.atomic
def outcome_paragraph_confirm(
    *, paragraph: OutcomeParagraph, mentions_local: bool, by: Person | None
) -> OutcomeParagraph:
    """An editor's decision on whether a paragraph mentions local governments."""
    paragraph.confirmed = mentions_local
    paragraph.confirmed_by_id = by.pk if by is not None and by.is_authenticated else None
    paragraph.confirmed_at = timezone.now()
    paragraph.save(update_fields=["confirmed", "confirmed_by", "confirmed_at"])
    record(
        actor=by,
        action=ForumAction.OUTCOME_PARAGRAPH_CONFIRMED,
        target=paragraph,
        mentions_local=mentions_local,
    )
    return paragraph
