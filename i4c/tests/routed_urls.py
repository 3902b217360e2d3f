"""The project's URLs with /<lang>/communes/<code>/ routed to the I4C commune page,
as the project's isaf/urls.py is asked to do (see the I4C report)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from i4c import views
from isaf.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *i18n_patterns(
        path("communes/<str:code>/", views.commune_page, name="i4c-commune-page"),
        prefix_default_language=True,
    ),
    *project_urlpatterns,
]
