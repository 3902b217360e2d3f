"""Sign-in, sign-out and password change.

They are Django's own views with our templates; django-axes (settings) throttles
failed sign-ins and renders `registration/locked_out.html`. The signed-in workspace
is the portal's (`portal.workspace`); this module imports no app.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    # Someone already signed in who follows a sign-in link goes on to their work.
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign out by POST only (Django refuses GET), then say so on the home page."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have signed out."))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


@require_GET
def workspace_redirect(request: HttpRequest) -> HttpResponse:
    """The old name `accounts:workspace` leads to the workspace's own address."""
    return redirect("workspace")
