import re

from django import template

from localcompacts.core.richtext import plain_text

register = template.Library()

BLOCK_END = re.compile(r"</(p|h3|h4|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
LIST_ITEM = re.compile(r"<li[^>]*>", re.IGNORECASE)


@register.filter
def html_to_text(value: str) -> str:
    """Sanitised rich text as plain text for the text/plain part: paragraphs and list items kept."""
    value = LIST_ITEM.sub("- ", value or "")
    value = BLOCK_END.sub("\n\n", value)
    text = plain_text(value)
    import html

    text = html.unescape(text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
