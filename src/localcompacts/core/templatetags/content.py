"""`lang` and `dir` for people's content, from one place.

Content is written in any ISO 639-1 language (`core.content_languages`), not necessarily the
page's: `<h1 {% content_lang pledge.language %}>` renders `lang="ar" dir="rtl"`, so screen readers
pronounce it in its language and right-to-left text runs the right way inside a left-to-right page
(and the reverse).
"""

from django import template
from django.utils.html import format_html

from localcompacts.core import content_languages

register = template.Library()


@register.simple_tag
def content_lang(code: str) -> str:
    """` lang="…" dir="…"` attributes for content in the language `code` (nothing when unknown)."""
    if not code:
        return ""
    return format_html('lang="{}" dir="{}"', code, content_languages.direction(code))


@register.filter
def language_name(code: str) -> str:
    """The name of a content language in the reader's language ("arabe" for "ar" in French)."""
    return content_languages.name(code)
