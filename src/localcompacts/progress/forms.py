from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.core.richtext import plain_text

from .models import DeliveryStatus, ReportingRound, VerificationMethod
from .services import IndicatorValueData, ReportData


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ProgressReportForm(forms.Form):
    delivery_status = forms.ChoiceField(
        label=_("Status of the pledge"), choices=DeliveryStatus.choices
    )
    discontinued_reason = forms.CharField(
        label=_("Why was it discontinued?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    percent_complete = forms.IntegerField(
        label=_("Percentage complete"), min_value=0, max_value=100
    )
    narrative = forms.CharField(
        label=_("What changed since the last report"),
        widget=forms.Textarea,
        max_length=20000,
        help_text=_(
            "Simple formatting is kept (paragraphs, lists, links); anything else is removed."
        ),
    )
    challenges = forms.CharField(
        label=_("Challenges"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    support_needed = forms.CharField(
        label=_("Support needed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Other cities and partners read this to offer peer learning."),
    )
    evidence_links = forms.CharField(
        label=_("Evidence links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("One web address per line."),
    )
    attachments = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("Up to 5 files: PDF, DOCX, XLSX, ODT, PNG or JPEG, 25 MB each."),
    )

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            prefix = f"indicator_{indicator.pk}"
            self.fields[f"{prefix}_value"] = forms.DecimalField(
                label=_("%(name)s — value in %(unit)s")
                % {"name": indicator.name, "unit": indicator.unit},
                required=False,
                max_digits=16,
                decimal_places=2,
            )
            self.fields[f"{prefix}_unit"] = forms.CharField(
                label=_("Unit"), initial=indicator.unit, required=False, max_length=50
            )
            self.fields[f"{prefix}_measured_on"] = forms.DateField(
                label=_("Date measured"),
                required=False,
                widget=forms.DateInput(
                    attrs={"type": "date", "max": timezone.localdate().isoformat()}
                ),
            )
            self.fields[f"{prefix}_source"] = forms.CharField(
                label=_("Source"), required=False, max_length=300
            )

    def indicator_rows(self):
        return [
            {
                "indicator": indicator,
                "value": self[f"indicator_{indicator.pk}_value"],
                "unit": self[f"indicator_{indicator.pk}_unit"],
                "measured_on": self[f"indicator_{indicator.pk}_measured_on"],
                "source": self[f"indicator_{indicator.pk}_source"],
            }
            for indicator in self.indicators
        ]

    def clean_narrative(self):
        narrative = self.cleaned_data["narrative"]
        if len(plain_text(narrative)) < 20:
            raise forms.ValidationError(_("Describe what changed in at least 20 characters."))
        return narrative

    def clean_evidence_links(self):
        links = [
            line.strip()
            for line in self.cleaned_data["evidence_links"].splitlines()
            if line.strip()
        ]
        validate = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                validate(link)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(link)s” is not a web address.") % {"link": link[:100]}
                ) from None
        return links

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("delivery_status") != DeliveryStatus.DISCONTINUED:
            # the question applies only to a discontinued pledge: an answer left from an earlier
            # choice is not kept
            cleaned["discontinued_reason"] = ""
        elif not cleaned.get("discontinued_reason", "").strip():
            self.add_error("discontinued_reason", _("Say why the pledge was discontinued."))
        for indicator in self.indicators:
            prefix = f"indicator_{indicator.pk}"
            value = cleaned.get(f"{prefix}_value")
            unit = (cleaned.get(f"{prefix}_unit") or indicator.unit).strip()
            if value is None:
                continue
            if unit.lower() != indicator.unit.strip().lower():
                self.add_error(
                    f"{prefix}_unit",
                    _("Report this indicator in %(unit)s.") % {"unit": indicator.unit},
                )
            measured_on = cleaned.get(f"{prefix}_measured_on")
            if not measured_on:
                self.add_error(f"{prefix}_measured_on", _("Give the date of the measurement."))
            elif measured_on > timezone.localdate():
                self.add_error(
                    f"{prefix}_measured_on", _("A measurement cannot be dated in the future.")
                )
        return cleaned

    def service_data(self) -> tuple[ReportData, list[IndicatorValueData]]:
        cleaned = self.cleaned_data
        data: ReportData = {
            "delivery_status": cleaned["delivery_status"],
            "discontinued_reason": cleaned["discontinued_reason"],
            "percent_complete": cleaned["percent_complete"],
            "narrative": cleaned["narrative"],
            "challenges": cleaned["challenges"],
            "support_needed": cleaned["support_needed"],
            "evidence_links": cleaned["evidence_links"],
        }
        values: list[IndicatorValueData] = [
            {
                "indicator_id": indicator.pk,
                "value": self.cleaned_data[f"indicator_{indicator.pk}_value"],
                "unit": self.cleaned_data[f"indicator_{indicator.pk}_unit"] or indicator.unit,
                "measured_on": self.cleaned_data[f"indicator_{indicator.pk}_measured_on"],
                "source": self.cleaned_data[f"indicator_{indicator.pk}_source"],
            }
            for indicator in self.indicators
            if self.cleaned_data.get(f"indicator_{indicator.pk}_value") is not None
        ]
        return data, values


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("return", _("Return with a comment"))]
    )
    comment = forms.CharField(
        label=_("Comment to the focal points"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class VerifyForm(forms.Form):
    method = forms.ChoiceField(label=_("How it was verified"), choices=VerificationMethod.choices)
    note = forms.CharField(
        label=_("What was checked"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class WithdrawVerificationForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the verification is withdrawn"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ReportingRoundForm(forms.ModelForm):
    class Meta:
        model = ReportingRound
        fields = ["title", "forum", "opens_at", "closes_at", "due_compact", "due_forum", "due_kind"]
        widgets = {
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("opens_at")
            and cleaned.get("closes_at")
            and cleaned["closes_at"] <= cleaned["opens_at"]
        ):
            self.add_error("closes_at", _("A round must close after it opens."))
        return cleaned
