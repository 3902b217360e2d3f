from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communes.admin import UserWithRolesAdmin
from isaf.admin import ReadOnlyAdmin

from .invitations import user_deactivate, user_invite
from .models import Follow, Message

User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UserAdmin(UserWithRolesAdmin):
    """The secretariat's user page: roles, invitations by e-mail, deactivation,
    and when each person last signed in.

    To invite someone: add the user (password-based sign-in off), give their
    e-mail address and roles, save, then "Send an invitation" from the list.
    """

    actions = ("invite", "deactivate")

    @admin.action(description=_("Send an invitation by e-mail"))
    def invite(self, request, queryset):
        sent = 0
        for user in queryset:
            try:
                user_invite(user=user, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request,
                    "; ".join(
                        error.messages if hasattr(error, "messages") else [str(error)]
                    ),
                    messages.ERROR,
                )
            else:
                sent += 1
        if sent:
            self.message_user(
                request,
                ngettext(
                    "%(count)d invitation sent.", "%(count)d invitations sent.", sent
                )
                % {"count": sent},
                messages.SUCCESS,
            )

    @admin.action(description=_("Deactivate (they can no longer sign in)"))
    def deactivate(self, request, queryset):
        for user in queryset:
            user_deactivate(user=user, by=request.user)
        self.message_user(request, _("Deactivated."), messages.SUCCESS)


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "event",
        "channel",
        "user",
        "chat_id",
        "status",
        "attempts",
    )
    list_filter = ("status", "channel", "event")
    search_fields = ("subject", "user__username", "chat_id", "dedupe_key")
    list_select_related = ("user",)
    date_hierarchy = "created_at"


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "chat_id", "commune")
    list_select_related = ("commune",)
    search_fields = ("chat_id", "commune__code", "commune__name_latin")
