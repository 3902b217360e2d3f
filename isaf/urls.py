from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from i4c import views as i4c_views
from isaf import accounts, views

urlpatterns = [
    # People print and share these addresses: `/` always opens the Khmer home.
    path("", RedirectView.as_view(url="/km/", permanent=False)),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("workspace/", accounts.workspace, name="workspace"),
    path("", include("isaf.pages_urls")),
    path("accounts/", include("isaf.accounts_urls")),
    # The commune page is the gazetteer's page with the I4C board and scorecard
    # results in it; the i4c app renders it so that communes/ imports no app above it.
    path("communes/<str:code>/", i4c_views.commune_page, name="commune-page"),
    path("communes/", include("communes.urls")),
    # The I4C and scorecard apps own their addresses under several prefixes
    # (/communes/<code>/<year>/, /providers/, /scorecards/, /workspace/...).
    path("", include("i4c.urls")),
    path("", include("scorecards.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("printing/", include("printing.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
