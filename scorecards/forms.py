"""Entry forms, made for a tablet on a bench after a village meeting.

They only validate and convert: numbers typed with Khmer digits become integers,
the version the form was opened at travels with it, and services do the rest.
Number inputs are text inputs with a numeric keyboard, because a browser's
type="number" input silently drops Khmer digits.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from communes.models import CAF, ServiceProvider, Village
from isaf import concurrency
from isaf.attendance import AttendanceFormMixin
from isaf.dates import validate_not_in_future
from isaf.formatting import format_number
from isaf.numbers import CountField as NumberCountField
from isaf.text import BoundedTextField

from .models import JaapAction, Remark, Scorecard
from .models.scorecards import MAX_COUNT
from .validators import EVIDENCE_ACCEPT, evidence_check

BIG = {"class": "big"}


class CountInput(forms.TextInput):
    def __init__(self, attrs=None):
        base = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "size": "4",
            "class": "count",
        }
        super().__init__({**base, **(attrs or {})})


class CountField(NumberCountField):
    """A vote count: 0 to 10,000; left empty it counts 0."""

    def __init__(self, **kwargs):
        kwargs.setdefault("maximum", MAX_COUNT)
        kwargs.setdefault("blank_value", 0)
        kwargs.setdefault("widget", CountInput)
        super().__init__(**kwargs)


class AttendanceCounts(AttendanceFormMixin):
    """Who took part, as on the paper sheet: a count left empty is 0."""

    attendance_blank_value = 0
    attendance_widget = CountInput


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class VersionForm(concurrency.VersionForm):
    """The version the page was read at, and the stamp of what it showed
    (isaf.concurrency), for optimistic concurrency with a merge view."""


class ScorecardDetailsForm(AttendanceCounts, forms.Form):
    """The setup and the participants; used to start and to edit a scorecard."""

    held_on = forms.DateField(
        label=_("Date of the meeting"),
        widget=DateInput,
        validators=[validate_not_in_future],
    )
    village = forms.ModelChoiceField(
        label=_("Village"), queryset=Village.objects.none(), required=False
    )
    language = forms.ChoiceField(
        label=_("Language of the meeting"), choices=Scorecard.Language.choices
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators (CAFs)"),
        queryset=CAF.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, villages=None, cafs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if villages is not None:
            self.fields["village"].queryset = villages
        if cafs is not None:
            self.fields["facilitators"].queryset = cafs


class ScorecardStartForm(ScorecardDetailsForm):
    provider = forms.ModelChoiceField(
        label=_("Service provider"), queryset=ServiceProvider.objects.none()
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Scorecard.Kind.choices, widget=forms.RadioSelect
    )
    group = forms.ChoiceField(
        label=_("Group"),
        choices=[c for c in Scorecard.Group.choices if c[0] != "provider"],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Leave empty for a self-assessment."),
    )
    field_order = ["provider", "kind", "group", "held_on", "village", "language"]

    def __init__(self, *args, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if providers is not None:
            self.fields["provider"].queryset = providers

    def clean(self):
        data = super().clean()
        if data.get("kind") == Scorecard.Kind.COMMUNITY and not data.get("group"):
            self.add_error("group", _("Choose the group that scored."))
        if data.get("kind") == Scorecard.Kind.SELF_ASSESSMENT:
            data["group"] = Scorecard.Group.PROVIDER
        return data


class ScorecardEditForm(VersionForm, ScorecardDetailsForm):
    pass


NOT_RAISED, PROPOSED, SELECTED = "", "proposed", "selected"
INDICATOR_STATES = [
    (NOT_RAISED, _("not raised")),
    (PROPOSED, _("proposed")),
    (SELECTED, _("selected")),
]
BLANK_CUSTOM_ROWS = 3


class IndicatorsForm(VersionForm):
    """One row per library indicator (not raised / proposed / selected), then
    the indicators written on the day, with room for a few more."""

    def __init__(self, *args, library, scorecard_indicators, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = {i.library_indicator_id: i for i in scorecard_indicators}
        self.library_rows = []
        for item in library:
            name = f"lib_{item.pk}"
            current = chosen.get(item.pk)
            self.fields[name] = forms.ChoiceField(
                label=item.name,
                choices=INDICATOR_STATES,
                required=False,
                widget=forms.RadioSelect,
                initial=(
                    NOT_RAISED
                    if current is None
                    else SELECTED
                    if current.is_selected
                    else PROPOSED
                ),
            )
            self.library_rows.append((item, name))
        customs = [i for i in scorecard_indicators if not i.library_indicator_id]
        self.custom_rows = []
        for index in range(len(customs) + BLANK_CUSTOM_ROWS):
            existing = customs[index] if index < len(customs) else None
            text, selected = f"custom_{index}", f"custom_{index}_selected"
            self.fields[text] = BoundedTextField(
                label=_("Indicator written on the day"),
                max_length=300,
                rows=None,
                initial=existing.custom_name if existing else "",
                widget=forms.TextInput(attrs=BIG),
            )
            self.fields[selected] = forms.BooleanField(
                label=_("selected"),
                required=False,
                initial=existing.is_selected if existing else True,
            )
            self.fields[f"custom_{index}_id"] = forms.IntegerField(
                required=False,
                widget=forms.HiddenInput,
                initial=existing.pk if existing else None,
            )
            self.custom_rows.append((text, selected, f"custom_{index}_id"))

    def choices(self):
        """The form's answer as a list for scorecard_indicators_set."""
        from .services import IndicatorChoice

        result = []
        for item, name in self.library_rows:
            state = self.cleaned_data.get(name)
            if state in (PROPOSED, SELECTED):
                result.append(
                    IndicatorChoice(
                        library_indicator_id=item.pk, is_selected=state == SELECTED
                    )
                )
        for text, selected, existing in self.custom_rows:
            if self.cleaned_data.get(text, "").strip():
                result.append(
                    IndicatorChoice(
                        custom_name=self.cleaned_data[text],
                        is_selected=self.cleaned_data.get(selected, False),
                        existing_id=self.cleaned_data.get(existing),
                    )
                )
        return result


class VotesForm(VersionForm):
    """The votes grid: one row per selected indicator, five counts per row."""

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for indicator in indicators:
            names = []
            for score in range(1, 6):
                name = f"votes_{indicator.pk}_{score}"
                # The label names the indicator, so that an error or the merge
                # view of a stale save says which box it is about.
                label = _("%(indicator)s: votes for score %(score)s") % {
                    "indicator": indicator.name,
                    "score": format_number(score),
                }
                self.fields[name] = CountField(
                    label=label,
                    initial=getattr(indicator, f"votes_{score}"),
                    widget=CountInput(attrs={"aria-label": label}),
                )
                names.append(name)
            self.rows.append((indicator, names))

    def votes(self) -> dict[int, list[int]]:
        return {
            indicator.pk: [self.cleaned_data[name] for name in names]
            for indicator, names in self.rows
        }


class RemarksForm(VersionForm):
    strength = BoundedTextField(
        label=_("Strengths"), rows=4, help_text=_("One per line.")
    )
    weakness = BoundedTextField(
        label=_("Weaknesses"), rows=4, help_text=_("One per line.")
    )
    suggestion = BoundedTextField(
        label=_("Suggestions"), rows=4, help_text=_("One per line.")
    )

    def remarks(self) -> list[tuple[str, str]]:
        result = []
        for kind in Remark.Kind.values:
            for line in self.cleaned_data.get(kind, "").splitlines():
                if line.strip():
                    result.append((kind, line.strip()))
        return result


class SheetUploadForm(VersionForm):
    sheet = forms.FileField(
        label=_("Filled spreadsheet (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet"
            }
        ),
    )


class ReturnForm(VersionForm):
    comment = BoundedTextField(label=_("What needs correcting"), required=True)


class CorrectionForm(VersionForm):
    reason = BoundedTextField(label=_("Reason for the correction"), required=True)


class MeetingForm(AttendanceCounts, forms.Form):
    held_on = forms.DateField(label=_("Date of the meeting"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)


class MeetingStartForm(MeetingForm):
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=None)
    field_order = ["commune", "held_on"]

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes


class MeetingEditForm(VersionForm, MeetingForm):
    pass


class ActionForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Service provider"), queryset=ServiceProvider.objects.none()
    )
    indicator = forms.ModelChoiceField(
        label=pgettext_lazy("scorecard", "Indicator"),
        queryset=None,
        required=False,
        help_text=_("Choose a scored indicator, or describe the issue below."),
    )
    issue = BoundedTextField(label=_("Issue"), max_length=300, rows=None)
    action = BoundedTextField(label=_("Action"), required=True)
    responsible_party = BoundedTextField(
        label=_("Responsible party"), max_length=200, rows=None, required=True
    )
    supporting_party = BoundedTextField(
        label=_("Supporting party"), max_length=200, rows=None
    )
    resources = BoundedTextField(label=_("Resources"), max_length=300, rows=None)
    starts_on = forms.DateField(label=_("Start date"), widget=DateInput)
    due_on = forms.DateField(label=_("Due date"), widget=DateInput)
    status = forms.ChoiceField(label=_("Status"), choices=JaapAction.Status.choices)

    def __init__(self, *args, providers, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["indicator"].queryset = indicators
        # One choice per group's scored indicator (the action refers to that
        # row): the group tells apart the same indicator scored by two groups.
        self.fields["indicator"].label_from_instance = lambda i: (
            f"{i.scorecard.provider} · {i.scorecard.get_group_display()} · {i.name}"
        )

    def clean(self):
        data = super().clean()
        if not data.get("indicator") and not (data.get("issue") or "").strip():
            self.add_error("issue", _("Choose an indicator or describe the issue."))
        starts, due = data.get("starts_on"), data.get("due_on")
        if starts and due and due < starts:
            self.add_error("due_on", _("The due date cannot be before the start date."))
        return data


class ActionEditForm(VersionForm, ActionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An action stays with the provider it was agreed for.
        self.fields["provider"].disabled = True


class FollowUpForm(forms.Form):
    checked_on = forms.DateField(
        label=_("Date of the follow-up"),
        widget=DateInput,
        validators=[validate_not_in_future],
    )
    status = forms.ChoiceField(label=_("Status"), choices=JaapAction.Status.choices)
    note = BoundedTextField(label=_("Note"))
    evidence = forms.FileField(
        label=_(
            "Evidence: a photo or a scanned document "
            "(JPEG, PNG, WebP or PDF, at most 5 MB)"
        ),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if evidence:
            evidence_check(evidence)
        return evidence


__all__ = [
    "ActionEditForm",
    "ActionForm",
    "CorrectionForm",
    "FollowUpForm",
    "IndicatorsForm",
    "MeetingEditForm",
    "MeetingStartForm",
    "RemarksForm",
    "ReturnForm",
    "ScorecardEditForm",
    "ScorecardStartForm",
    "SheetUploadForm",
    "VersionForm",
    "VotesForm",
]
