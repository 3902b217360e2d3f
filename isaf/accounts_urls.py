"""Sign-in, sign-out, password change and the signed-in workspace.

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
    path("workspace/", accounts.workspace_redirect, name="workspace"),
]
