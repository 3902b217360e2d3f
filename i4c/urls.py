from django.urls import path

from .views import packages, public, public_pdfs, review, workbook

app_name = "i4c"
urlpatterns = [
    # Public boards and open data: these addresses are printed on posters.
    path("communes/<str:code>/<int:year>/", public.commune_board, name="commune-board"),
    path(
        "communes/<str:code>/<int:year>/versions/<int:number>/",
        public.commune_board_version,
        name="commune-board-version",
    ),
    path(
        "communes/<str:code>/<int:year>.csv",
        public.commune_open_data_csv,
        name="commune-csv",
    ),
    path(
        "communes/<str:code>/<int:year>.json",
        public.commune_open_data_json,
        name="commune-json",
    ),
    path(
        "communes/<str:code>/<int:year>/<slug:name>.pdf",
        public_pdfs.commune_pdf,
        name="commune-pdf",
    ),
    path("providers/<str:code>/", public.provider_board, name="provider-board"),
    path(
        "providers/<str:code>/<int:year>/",
        public.provider_board,
        name="provider-board-year",
    ),
    path(
        "providers/<str:code>/<int:year>/<slug:name>.pdf",
        public_pdfs.provider_pdf,
        name="provider-pdf",
    ),
    path("open-data/i4c/<int:year>.csv", public.national_csv, name="national-csv"),
    # Workspace: councillors and facilitators.
    path("workspace/i4c/", packages.workspace, name="workspace"),
    path("workspace/i4c/start/", packages.package_start, name="package-start"),
    # The offline workbook: before "<int:pk>/" so that its words are not ids.
    path("workspace/i4c/workbook/", workbook.workbook_home, name="workbook"),
    path(
        "workspace/i4c/workbook/download/",
        workbook.workbook_download,
        name="workbook-download",
    ),
    path(
        "workspace/i4c/workbook/upload/",
        workbook.workbook_upload,
        name="workbook-upload",
    ),
    path(
        "workspace/i4c/workbook/<int:pk>/", workbook.workbook_job, name="workbook-job"
    ),
    path(
        "workspace/i4c/workbook/<int:pk>/confirm/",
        workbook.workbook_confirm,
        name="workbook-confirm",
    ),
    path("workspace/i4c/<int:pk>/", packages.package_detail, name="package-detail"),
    path(
        "workspace/i4c/<int:pk>/submit/", packages.package_submit, name="package-submit"
    ),
    path(
        "workspace/i4c/<int:pk>/dissemination/",
        packages.dissemination_create,
        name="dissemination-create",
    ),
    path(
        "workspace/i4c/<int:pk>/<slug:section>/",
        packages.package_section,
        name="package-section",
    ),
    # Review: reviewers and the secretariat.
    path("review/", review.review_queue, name="review-queue"),
    path("review/<int:pk>/", review.review_detail, name="review-detail"),
    path("review/workbook/", workbook.workbook_export_page, name="workbook-export"),
]
