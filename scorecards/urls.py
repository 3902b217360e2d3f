from django.urls import path

from .views import audio, entry, meetings, public, review

app_name = "scorecards"

urlpatterns = [
    # Public addresses (printed on posters: keep them stable).
    path("scorecards/<int:pk>/", public.scorecard_public, name="public"),
    path("scorecards/<int:pk>.csv", public.scorecard_csv, name="public-csv"),
    # A voice clip: public ones for anyone, drafts' only for people in scope.
    path("scorecards/clips/<uuid:token>.ogg", audio.clip_file, name="clip"),
    # Signed-in entry and review.
    path("workspace/scorecards/", entry.workspace_scorecards, name="workspace"),
    path("workspace/scorecards/new/", entry.scorecard_start, name="start"),
    path("workspace/scorecards/voice/", audio.voice_library, name="voice-library"),
    path("workspace/scorecards/<int:pk>/", review.scorecard_overview, name="overview"),
    path("workspace/scorecards/<int:pk>/edit/", entry.scorecard_edit, name="edit"),
    path(
        "workspace/scorecards/<int:pk>/indicators/",
        entry.scorecard_indicators,
        name="indicators",
    ),
    path("workspace/scorecards/<int:pk>/voice/", audio.scorecard_voice, name="voice"),
    path("workspace/scorecards/<int:pk>/votes/", entry.scorecard_votes, name="votes"),
    path(
        "workspace/scorecards/<int:pk>/remarks/",
        entry.scorecard_remarks,
        name="remarks",
    ),
    path(
        "workspace/scorecards/<int:pk>/sheet.xlsx",
        entry.scorecard_sheet,
        name="sheet",
    ),
    path(
        "workspace/scorecards/<int:pk>/import/", entry.scorecard_import, name="import"
    ),
    path(
        "workspace/scorecards/<int:pk>/submit/", review.scorecard_submit, name="submit"
    ),
    path(
        "workspace/scorecards/<int:pk>/publish/",
        review.scorecard_publish,
        name="publish",
    ),
    path(
        "workspace/scorecards/<int:pk>/return/", review.scorecard_return, name="return"
    ),
    path(
        "workspace/scorecards/<int:pk>/correct/",
        review.scorecard_correct,
        name="correct",
    ),
    path(
        "workspace/scorecards/meetings/new/",
        meetings.meeting_start,
        name="meeting-start",
    ),
    path(
        "workspace/scorecards/meetings/<int:pk>/",
        meetings.meeting_detail,
        name="meeting",
    ),
    path(
        "workspace/scorecards/actions/<int:pk>/", meetings.action_detail, name="action"
    ),
    path(
        "workspace/scorecards/follow-ups/<int:pk>/evidence",
        meetings.follow_up_evidence,
        name="evidence",
    ),
]
