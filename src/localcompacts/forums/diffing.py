"""What changed between two drafts of an outcome text, as escaped HTML with <ins>/<del> marks.

Paragraphs are aligned first (difflib on the list of paragraphs); paragraphs that were replaced are
then compared word by word (`core.diffing.word_diff`), so a changed phrase shows as a small
deletion and insertion rather than a whole new paragraph.
"""

import difflib
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

from localcompacts.core.diffing import word_diff


@dataclass(frozen=True)
class DiffParagraph:
    status: str  # "equal", "changed", "inserted", "deleted"
    html: SafeString
    number_before: int | None
    number_after: int | None


def diff_paragraphs(before: list[str], after: list[str]) -> list[DiffParagraph]:
    """Paragraph-by-paragraph diff of two texts; every piece of text is HTML-escaped."""
    rows = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for offset in range(i2 - i1):
                rows.append(
                    DiffParagraph(
                        "equal",
                        escape(before[i1 + offset]),
                        i1 + offset + 1,
                        j1 + offset + 1,
                    )
                )
            continue
        paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for offset in range(paired):
            html = word_diff(before[i1 + offset], after[j1 + offset])
            rows.append(DiffParagraph("changed", html, i1 + offset + 1, j1 + offset + 1))
        for index in range(i1 + paired, i2):
            rows.append(
                DiffParagraph(
                    "deleted", format_html("<del>{}</del>", before[index]), index + 1, None
                )
            )
        for index in range(j1 + paired, j2):
            rows.append(
                DiffParagraph(
                    "inserted", format_html("<ins>{}</ins>", after[index]), None, index + 1
                )
            )
    return rows
