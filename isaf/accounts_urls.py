"""Sign-in, sign-out, password change and reset, and the signed-in workspace.

The workspace itself lives at /<lang>/workspace/ (name `workspace`, in portal/urls.py);
`accounts:workspace` only leads there, for links written before it moved.
"""

from django.urls import path

from isaf import accounts

app_name = "accounts"
urlpatterns = [
    path("login/", accounts.SignInView.as_view(), name="login"),
    path("logout/", accounts.SignOutView.as_view(), name="logout"),
    path(
        "password/change/",
        accounts.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/change/done/",
        accounts.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Django's own reset flow; an invitation's link is the same one-time link.
    path(
        "password_reset/", accounts.PasswordResetView.as_view(), name="password_reset"
    ),
    path(
        "password_reset/done/",
        accounts.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("workspace/", accounts.workspace_redirect, name="workspace"),
]
