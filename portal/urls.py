"""The portal's addresses, under the language prefix (see isaf/urls.py).

The names stay as they were before the portal app (`home`, `workspace`,
`commune-page`, `pages:about`, `pages:documents`): links and redirects elsewhere use
them, and the public addresses are part of the product (DESIGN, "Public address
contract").
"""

from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("workspace/", views.workspace, name="workspace"),
    path("", include("portal.pages_urls")),
    path("help/", include("portal.help_urls")),
    # The commune page comes before the gazetteer's own /communes/ addresses, so
    # that /<lang>/communes/<code>/ shows the board.
    path("communes/<str:code>/", views.commune_page, name="commune-page"),
]
