from django import template
from django.utils.safestring import mark_safe

from localcompacts.core.richtext import sanitize_html

register = template.Library()


@register.filter
def richtext(value: str) -> str:
    """Render stored rich text; sanitised again here so a row written around the services stays safe."""
    return mark_safe(sanitize_html(value))  # noqa: S308 — nh3 output is safe by construction
