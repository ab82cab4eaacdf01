"""`{% pledge_text pledge as text %}`: the title and summary in the reader's language when the
owners translated them (`Pledge.text_for`), marked as a translation by the templates."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def pledge_text(pledge):
    return pledge.text_for(get_language() or "")
