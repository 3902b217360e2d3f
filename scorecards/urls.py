from django.urls import path

from . import views

app_name = "scorecards"

urlpatterns = [
    # Public addresses (printed on posters: keep them stable).
    path("scorecards/<int:pk>/", views.scorecard_public, name="public"),
    path("scorecards/<int:pk>.csv", views.scorecard_csv, name="public-csv"),
    # Signed-in entry and review.
    path("workspace/scorecards/", views.workspace_scorecards, name="workspace"),
    path("workspace/scorecards/new/", views.scorecard_start, name="start"),
    path("workspace/scorecards/<int:pk>/", views.scorecard_overview, name="overview"),
    path("workspace/scorecards/<int:pk>/edit/", views.scorecard_edit, name="edit"),
    path(
        "workspace/scorecards/<int:pk>/indicators/",
        views.scorecard_indicators,
        name="indicators",
    ),
    path("workspace/scorecards/<int:pk>/votes/", views.scorecard_votes, name="votes"),
    path(
        "workspace/scorecards/<int:pk>/remarks/",
        views.scorecard_remarks,
        name="remarks",
    ),
    path(
        "workspace/scorecards/<int:pk>/sheet.xlsx",
        views.scorecard_sheet,
        name="sheet",
    ),
    path(
        "workspace/scorecards/<int:pk>/import/", views.scorecard_import, name="import"
    ),
    path(
        "workspace/scorecards/<int:pk>/submit/", views.scorecard_submit, name="submit"
    ),
    path(
        "workspace/scorecards/<int:pk>/publish/",
        views.scorecard_publish,
        name="publish",
    ),
    path(
        "workspace/scorecards/<int:pk>/return/", views.scorecard_return, name="return"
    ),
    path(
        "workspace/scorecards/<int:pk>/correct/",
        views.scorecard_correct,
        name="correct",
    ),
    path(
        "workspace/scorecards/meetings/new/", views.meeting_start, name="meeting-start"
    ),
    path(
        "workspace/scorecards/meetings/<int:pk>/",
        views.meeting_detail,
        name="meeting",
    ),
    path("workspace/scorecards/actions/<int:pk>/", views.action_detail, name="action"),
    path(
        "workspace/scorecards/follow-ups/<int:pk>/evidence",
        views.follow_up_evidence,
        name="evidence",
    ),
]
