from django import forms
from django.utils.translation import gettext_lazy as _

from .importing import DELEGATIONS, PROGRAMME

# What an import file may hold (the import page lists each one's columns too).
IMPORT_KINDS = [
    (PROGRAMME, _("the programme (sessions with speakers)")),
    (DELEGATIONS, _("national delegations")),
]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The file holds"), choices=IMPORT_KINDS, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=_("CSV (UTF-8) or XLSX file"),
        help_text=_("The first row names the columns; see the README for the list."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check every row, import nothing"), required=False, initial=True
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if not uploaded.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return uploaded


class CompareForm(forms.Form):
    forum = forms.MultipleChoiceField(
        label=_("Editions to compare"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, forums=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].choices = [(f.slug, f.name) for f in forums]
