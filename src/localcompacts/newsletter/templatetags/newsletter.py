from django import template
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
