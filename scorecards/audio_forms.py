"""The form that takes a voice clip, recorded in the browser or uploaded."""

from django import forms
from django.utils.translation import gettext_lazy as _

from isaf.audio import CLIP_ACCEPT, OpusClip, opus_clip_from_upload


class ClipForm(forms.Form):
    """One clip for one owner (a library indicator, a scale point or an
    indicator written on the day). Without JavaScript it is a plain file upload;
    the recorder (static/scorecards/recorder.js) fills the same field."""

    clip = forms.FileField(
        label=_("Recording"),
        help_text=_(
            "A recording made here, or a sound file: at most 60 seconds and 512 KB."
        ),
        widget=forms.FileInput(attrs={"accept": CLIP_ACCEPT, "data-recorder": ""}),
    )

    def clean_clip(self) -> OpusClip:
        return opus_clip_from_upload(self.cleaned_data["clip"])
