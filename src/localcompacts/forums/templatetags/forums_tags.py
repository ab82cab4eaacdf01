from django import template

from ..selectors import government_participation as participation_of

register = template.Library()


@register.simple_tag
def government_participation(government):
    """A government's participation, forum by forum, for the include on its profile page."""
    return participation_of(government)
