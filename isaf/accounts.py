"""Sign-in, sign-out, password change and password reset by e-mail.

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


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by e-mail, sent in the language of the page. The same
    answer whether or not the address is known, so it tells nobody who has an
    account."""

    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The one-time link of a reset, and of an invitation: choose a password."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


@require_GET
def workspace_redirect(request: HttpRequest) -> HttpResponse:
    """The old name `accounts:workspace` leads to the workspace's own address."""
    return redirect("workspace")
