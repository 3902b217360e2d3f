"""Sign-in, sign-out, password change and password reset by e-mail.

They are Django's own views with our templates; django-axes (settings) throttles
failed sign-ins and renders `registration/locked_out.html`; reset links are limited
per address and per IP address (`isaf/limits.py`, the address from
`isaf/clientip.py`); how long a sign-in lasts is `isaf/sessions.py`. The signed-in
workspace is the portal's (`portal.workspace`); this module imports no app.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from .clientip import client_ip
from .limits import limit_hit
from .sessions import session_start


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    # Someone already signed in who follows a sign-in link goes on to their work.
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        # The session's whole lifetime counts from here (isaf/sessions.py).
        session_start(self.request)
        return response


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


def _folded(text: str) -> str:
    # As Django compares them: a lookalike address never receives another's link.
    return unicodedata.normalize("NFKC", text).casefold()


class ResetForm(PasswordResetForm):
    """Django's form, except that an active account with no password yet (invited,
    "password-based sign-in off" in the admin) gets a link too: the portal has no
    other way to sign in, and an invitee whose link expired must not be locked out."""

    def get_users(self, email):
        model = get_user_model()
        field = model.get_email_field_name()
        users = model._default_manager.filter(
            **{f"{field}__iexact": email, "is_active": True}
        )
        wanted = _folded(email)
        return (u for u in users if _folded(getattr(u, field)) == wanted)


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by e-mail, sent in the language of the page. The same
    answer whether or not the address is known, so it tells nobody who has an
    account."""

    template_name = "registration/password_reset_form.html"
    form_class = ResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        """At most a few links an hour to one address, and a few more asked from
        one IP address: nobody floods someone's mailbox through the portal."""
        window = settings.PASSWORD_RESET_LIMIT_WINDOW
        by_address = limit_hit(
            scope="reset-email",
            value=form.cleaned_data["email"],
            limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
            window=window,
        )
        by_ip = limit_hit(
            scope="reset-ip",
            # The address as the sign-in lockout reads it, proxies included.
            value=client_ip(self.request),
            limit=settings.PASSWORD_RESET_LIMIT_PER_IP,
            window=window,
        )
        if by_address or by_ip:
            form.add_error(
                "email",
                _(
                    "Too many requests for a new password. Wait an hour, then ask "
                    "again, or ask the secretariat."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The one-time link of a reset, and of an invitation: choose a password."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


@require_safe
def workspace_redirect(request: HttpRequest) -> HttpResponse:
    """The old name `accounts:workspace` leads to the workspace's own address."""
    return redirect("workspace")
