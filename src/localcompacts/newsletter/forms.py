from django import forms
from django.utils.translation import gettext_lazy as _

from localcompacts.compacts.models import Objective, Region

from .models import ConsentForm, Language
from .tokens import form_timestamp

# Forms sent faster than this after being shown are from bots; older than a day, stale.
MIN_FORM_SECONDS = 3
MAX_FORM_SECONDS = 24 * 60 * 60
# Short labels of their own, so they do not repeat the catalogue's filter labels on the same page.
COMPACT_CHOICES = [("GCM", _("Migration (GCM)")), ("GCR", _("Refugees (GCR)"))]


class InterestsForm(forms.Form):
    language = forms.ChoiceField(label=_("Receive the newsletter in"), choices=Language.choices)
    compacts = forms.MultipleChoiceField(
        label=_("Compacts"),
        choices=COMPACT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to hear about both."),
    )
    objectives = forms.ModelMultipleChoiceField(
        label=_("Objectives"),
        queryset=Objective.objects.order_by("compact", "number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to hear about every objective."),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.filter(parent__isnull=True).order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to hear about every region."),
    )
    wants_publications = forms.BooleanField(
        label=_("Publications and reports"), required=False, initial=True
    )
    wants_forum_news = forms.BooleanField(
        label=_("News of review forums (IMRF, GRF, GFMD)"), required=False, initial=True
    )

    def interests(self) -> dict:
        data = self.cleaned_data
        return {
            "compacts": data["compacts"],
            "objectives": list(data["objectives"]),
            "regions": list(data["regions"]),
            "wants_publications": data["wants_publications"],
            "wants_forum_news": data["wants_forum_news"],
        }


class SubscribeForm(InterestsForm):
    """The public form. `website` is a honeypot (hidden by CSS), `shown` the signed time it was
    shown; both are checked by the view, which never tells a bot what gave it away."""

    field_order = ["email", "name", "language"]

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    name = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)
    source = forms.ChoiceField(
        choices=ConsentForm.choices, widget=forms.HiddenInput, initial=ConsentForm.PAGE
    )
    shown = forms.CharField(widget=forms.HiddenInput, required=False)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, source: str = ConsentForm.PAGE, language: str = "en", **kwargs):
        kwargs.setdefault(
            "initial", {"source": source, "language": language, "shown": form_timestamp()}
        )
        super().__init__(*args, **kwargs)


class PreferencesForm(InterestsForm):
    pass
