"""Invitations and deactivation: the secretariat's account chores.

An invitee gets an e-mail (a message row like any other, in their language) with
a one-time link to choose their password: Django's password-reset link, which
stops working once used or after PASSWORD_RESET_TIMEOUT (three days).
"""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from communes import scopes
from isaf.audit import audit_record

from .services import notify


def invitation_path(user, *, uid: str, token: str) -> str:
    return reverse(
        "accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}
    )


@transaction.atomic
def user_invite(*, user, by) -> None:
    """E-mail `user` a link to choose their password (secretariat only)."""
    if not scopes.is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat invites users."))
    if not user.email:
        raise ValidationError(
            _("%(username)s has no e-mail address.") % {"username": user.username}
        )
    if not user.is_active:
        raise ValidationError(
            _("%(username)s is deactivated.") % {"username": user.username}
        )
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    notify(
        "accounts.invitation",
        user=user,
        uid=uid,
        token=token,
        inviter_name=by.get_full_name() or by.username,
    )
    audit_record(
        user=by,
        action="accounts.invite",
        instance=user,
        changes={"email": [None, user.email]},
    )


@transaction.atomic
def user_deactivate(*, user, by) -> None:
    """Stop a user from signing in; their records and the trail stay."""
    if not scopes.is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat deactivates users."))
    if not user.is_active:
        return
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(
        user=by,
        action="accounts.deactivate",
        instance=user,
        changes={"is_active": [True, False]},
    )
