"""`{% language_links %}`: the canonical link and the `hreflang` alternates of the page;
`|iso_date`: a stored ISO date in the reader's format."""

import datetime

from django import template
from django.conf import settings
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from localcompacts.core.urls_i18n import alternates

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> str:
    request = context.get("request")
    if request is None:
        return ""
    links = alternates(request.path)
    if not links:
        return ""
    canonical = format_html('<link rel="canonical" href="{}">', settings.SITE_URL + request.path)
    return canonical + format_html_join(
        "\n", '<link rel="alternate" hreflang="{}" href="{}">', links
    )


@register.filter
def iso_date(value: str) -> str:
    """An ISO date kept in a snapshot ("2026-06-30") in the active language's format
    ("30 juin 2026"); anything else is shown as it is."""
    try:
        return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    except (TypeError, ValueError):
        return value
