from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from isaf import views

# The top floor: it wires the apps in by dotted string and imports none of them.

urlpatterns = [
    # People print and share these addresses: `/` always opens the Khmer home.
    path("", RedirectView.as_view(url="/km/", permanent=False)),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Telegram's webhook: outside the language prefix, at a secret path.
    path("telegram/", include("notifications.webhook_urls")),
]

urlpatterns += i18n_patterns(
    # Home, workspace, about, documents, and the commune page: the gazetteer's
    # page with the I4C board and scorecard results in it, composed by the portal
    # so that no app imports another's views.
    path("", include("portal.urls")),
    path("accounts/", include("isaf.accounts_urls")),
    path("communes/", include("communes.urls")),
    # The I4C and scorecard apps own their addresses under several prefixes
    # (/communes/<code>/<year>/, /providers/, /scorecards/, /workspace/...).
    path("", include("i4c.urls")),
    path("", include("scorecards.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("printing/", include("printing.urls")),
    path("notifications/", include("notifications.urls")),
    # The facilitator's installable offline app for village meetings.
    path("field/", include("field.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
