"""The one form every decision with a reason uses (decline, reject), on web pages and in the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.Form):
    """A required reason, at most 2,000 characters. Subclasses only change the wording."""

    reason_label = _("Reason")
    reason_help_text = ""
    rows = 3

    reason = forms.CharField(max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label = self.reason_label
        field.help_text = self.reason_help_text
        field.widget.attrs["rows"] = self.rows
