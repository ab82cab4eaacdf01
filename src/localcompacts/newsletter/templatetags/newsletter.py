from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from localcompacts.core.translation import current_language

from ..forms import SubscribeForm
from ..models import ConsentForm

register = template.Library()


@register.simple_tag
def newsletter_footer_form():
    """A fresh subscribe form for the footer, with its own ids (the page may show a second one)."""
    form = SubscribeForm(
        source=ConsentForm.FOOTER, language=current_language(), auto_id="footer-newsletter-%s"
    )
    # The footer is on every page, next to other forms (the login form asks for an "E-mail
    # address"): its labels are worded so that no page ends up with two fields of the same name.
    form.fields["email"].label = _("Your e-mail for the newsletter")
    form.fields["name"].label = _("How to greet you (optional)")
    return form


# The footer's visible fields, rendered once per language: they are on every page, the same for
# every visitor, and Django's form templates made them a third of a catalogue page's cost.
_FOOTER_FIELDS: dict[str, str] = {}


@register.simple_tag
def newsletter_footer_fields(form):
    """The visible fields of the (unbound) footer form; hidden ones (the signed time the form was
    shown) are rendered with each page."""
    language = current_language()
    html = _FOOTER_FIELDS.get(language)
    if html is None:
        html = render_to_string("newsletter/_footer_fields.html", {"nl_form": form})
        _FOOTER_FIELDS[language] = html
    return mark_safe(html)  # noqa: S308 — our own template's output
