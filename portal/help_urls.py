"""The manual: /<lang>/help/ and one guide per role at /<lang>/help/<role>/."""

from django.urls import path

from . import help_views

app_name = "help"

urlpatterns = [
    path("", help_views.help_index, name="index"),
    path("<slug:role>/", help_views.help_guide, name="guide"),
    path("<slug:role>.pdf", help_views.help_guide_pdf, name="guide-pdf"),
]
