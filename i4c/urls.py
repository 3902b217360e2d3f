from django.urls import path

from . import views

app_name = "i4c"
urlpatterns = [
    # Public boards and open data: these addresses are printed on posters.
    path("communes/<str:code>/<int:year>/", views.commune_board, name="commune-board"),
    path(
        "communes/<str:code>/<int:year>/versions/<int:number>/",
        views.commune_board_version,
        name="commune-board-version",
    ),
    path(
        "communes/<str:code>/<int:year>.csv",
        views.commune_open_data_csv,
        name="commune-csv",
    ),
    path(
        "communes/<str:code>/<int:year>.json",
        views.commune_open_data_json,
        name="commune-json",
    ),
    path("providers/<str:code>/", views.provider_board, name="provider-board"),
    path(
        "providers/<str:code>/<int:year>/",
        views.provider_board,
        name="provider-board-year",
    ),
    path("open-data/i4c/<int:year>.csv", views.national_csv, name="national-csv"),
    # Workspace: councillors and facilitators.
    path("workspace/i4c/", views.workspace, name="workspace"),
    path("workspace/i4c/start/", views.package_start, name="package-start"),
    path("workspace/i4c/<int:pk>/", views.package_detail, name="package-detail"),
    path("workspace/i4c/<int:pk>/submit/", views.package_submit, name="package-submit"),
    path(
        "workspace/i4c/<int:pk>/dissemination/",
        views.dissemination_create,
        name="dissemination-create",
    ),
    path(
        "workspace/i4c/<int:pk>/<slug:section>/",
        views.package_section,
        name="package-section",
    ),
    # Review: reviewers and the secretariat.
    path("review/", views.review_queue, name="review-queue"),
    path("review/<int:pk>/", views.review_detail, name="review-detail"),
]
