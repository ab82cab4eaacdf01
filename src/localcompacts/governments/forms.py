from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.core.forms import ReasonForm
from localcompacts.core.uploads import check_upload

from .models import LocalGovernment


class EndorsementForm(forms.Form):
    government = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=LocalGovernment.objects.none(), empty_label=None
    )
    signatory_name = forms.CharField(label=_("Name of the signatory"), max_length=200)
    signatory_title = forms.CharField(
        label=_("Title of the signatory"),
        max_length=200,
        help_text=_("For example: Mayor, Governor, President of the regional council."),
    )
    signed_on = forms.DateField(
        label=_("Date signed"), widget=forms.DateInput(attrs={"type": "date"})
    )
    letter = forms.FileField(
        label=_("Signed endorsement letter (PDF)"),
        help_text=_("A PDF of the letter signed by the signatory; at most 25 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, governments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["government"].queryset = governments

    def clean_signed_on(self):
        signed_on = self.cleaned_data["signed_on"]
        if signed_on > timezone.localdate():
            raise forms.ValidationError(_("The date signed cannot be in the future."))
        return signed_on

    def clean_letter(self):
        letter = self.cleaned_data["letter"]
        check_upload(letter, allowed={"pdf"})
        return letter


class RejectEndorsementForm(ReasonForm):
    reason_label = _("Reason for rejection")
    reason_help_text = _("Sent to the government's focal points.")
