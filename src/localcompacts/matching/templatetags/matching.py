from django import template

from ..selectors import describe_reasons

register = template.Library()


@register.filter
def match_reasons(reasons) -> str:
    """A match's stored reasons in the reader's language."""
    return describe_reasons(reasons or [])
