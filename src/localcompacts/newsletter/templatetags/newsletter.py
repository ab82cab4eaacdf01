from django import template

from localcompacts.core.translation import current_language

from ..forms import SubscribeForm
from ..models import ConsentForm

register = template.Library()


@register.simple_tag
def newsletter_footer_form():
    """A fresh subscribe form for the footer, with its own ids (the page may show a second one)."""
    return SubscribeForm(
        source=ConsentForm.FOOTER, language=current_language(), auto_id="footer-newsletter-%s"
    )
