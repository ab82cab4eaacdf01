from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from localcompacts.core.uploads import check_upload
from localcompacts.forums.models import ReviewForum

from .exchange.importing import REQUIRED, ImportKind
from .exchange.matching import PLEDGE_FIELDS
from .exchange.services import IMPORT_STATES
from .models import ImportJobKind, PublicationKind

MAX_CSV_BYTES = 10 * 1024 * 1024


class DateInput(forms.DateInput):
    input_type = "date"


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Publication"), choices=PublicationKind.choices)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)
    forum = forms.ModelChoiceField(
        label=_("Or a review forum"),
        queryset=ReviewForum.objects.order_by("-start_date"),
        to_field_name="slug",
        required=False,
        empty_label=_("— a period, not a forum —"),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def clean(self):
        data = super().clean()
        forum, start, end = data.get("forum"), data.get("date_from"), data.get("date_to")
        if data.get("kind") == PublicationKind.FORUM_SUMMARY and forum is None:
            self.add_error("forum", _("A forum summary needs a review forum."))
        elif forum is None:
            if start is None:
                self.add_error("date_from", _("Give the start of the period, or choose a forum."))
            if end is None:
                self.add_error("date_to", _("Give the end of the period, or choose a forum."))
            if start and end and end < start:
                self.add_error("date_to", _("The end of the period is before its start."))
        return data


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportJobKind.choices)
    file = forms.FileField(
        label=_("File (CSV in UTF-8, or XLSX)"),
        help_text=_("The first row holds the column names; see the column mapping below."),
    )
    state = forms.ChoiceField(
        label=_("New pledges enter the workflow as"),
        choices=list(IMPORT_STATES.items()),
        initial="draft",
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check every row and report problems, import nothing"),
        required=False,
        initial=True,
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        name = (uploaded.name or "").lower()
        if name.endswith(".csv"):
            if uploaded.size == 0:
                raise ValidationError(_("The file is empty."))
            if uploaded.size > MAX_CSV_BYTES:
                raise ValidationError(
                    _("A CSV file may be at most %(n)s MB.") % {"n": MAX_CSV_BYTES // 1_048_576}
                )
            data = uploaded.read()
            if b"\x00" in data[:4096]:
                raise ValidationError(_("This is not a text CSV file."))
            try:
                data.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise ValidationError(
                    _("The CSV file is not UTF-8 text. Save it as “CSV UTF-8”.")
                ) from error
            self.extension = "csv"
        else:
            check_upload(uploaded, allowed={"xlsx"})
            uploaded.seek(0)
            data = uploaded.read()
            self.extension = "xlsx"
        self.data_bytes = data
        return uploaded


class ColumnMappingForm(forms.Form):
    """Step two of a pledge import: which field each column of the file holds. Plain selects,
    so it works without JavaScript; the proposal comes from `exchange.matching`."""

    upload = forms.CharField(widget=forms.HiddenInput)
    state = forms.ChoiceField(choices=list(IMPORT_STATES.items()), widget=forms.HiddenInput)
    dry_run = forms.BooleanField(
        label=_("Dry run: check every row and report problems, import nothing"),
        required=False,
    )

    def __init__(self, *args, columns: list[str], proposal: dict[str, str], samples=None, **kw):
        super().__init__(*args, **kw)
        self.columns = columns
        choices = [("", _("— ignore this column —")), *PLEDGE_FIELDS.items()]
        for index, column in enumerate(columns):
            sample = (samples or {}).get(column, "")
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=column,
                choices=choices,
                required=False,
                initial=proposal.get(column, ""),
                help_text=_("First value: %(value)s") % {"value": str(sample)[:80]}
                if sample != ""
                else "",
            )

    def mapping_fields(self):
        return [self[f"column_{index}"] for index in range(len(self.columns))]

    def clean(self):
        data = super().clean()
        chosen: dict[str, str] = {}
        for index, column in enumerate(self.columns):
            field = data.get(f"column_{index}", "")
            if field and field in chosen.values():
                self.add_error(f"column_{index}", _("Another column already holds this field."))
            chosen[column] = field
        for required in REQUIRED[ImportKind.PLEDGES]:
            if required not in chosen.values():
                self.add_error(
                    None,
                    _("Choose the column that holds “%(field)s”.")
                    % {"field": PLEDGE_FIELDS[required]},
                )
        self.mapping = chosen
        return data
