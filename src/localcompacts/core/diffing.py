"""Word-level differences between two texts, as safe HTML with <ins>/<del> marks.

Text is cut into words and the whitespace between them, so the result keeps the spacing of the
texts; every piece is escaped before it is wrapped, so the result is safe to show.
"""

import difflib
import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> SafeString:
    """`after` compared with `before`: removed words in <del>, added words in <ins>."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", "".join(old[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", "".join(new[j1:j2])))
    # Every part is escaped above (escape/format_html), so the joined string is safe.
    return mark_safe("".join(parts))  # noqa: S308
