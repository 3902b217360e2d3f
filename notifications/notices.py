"""The events this app raises itself: the reviewers' digest, invitations, and
the bot's replies to a Telegram chat."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .digests import REVIEW_WAITING
from .registry import Event, Notice, event_register

event_register(REVIEW_WAITING)


def _invitation(
    recipient, uid: str, token: str, inviter_name: str = "", **_p
) -> Notice:
    from .invitations import invitation_path

    return Notice(
        subject=_("You are invited to the I-SAF portal"),
        body=_(
            "%(inviter)s has opened an account for you on the I-SAF portal, with "
            "the username %(username)s. Open this link to choose your password "
            "(it works once, for three days):"
        )
        % {
            "inviter": inviter_name or _("The NCDD Secretariat"),
            "username": recipient.username,
        },
        link=invitation_path(recipient, uid=uid, token=token),
    )


event_register(
    Event(
        key="accounts.invitation",
        label=gettext_lazy("Invitation to the portal"),
        users=lambda user, **_: [user],
        render=_invitation,
        occurrence=lambda token, **_: token,
        channels=("email",),
    )
)


def _reply(recipient=None, text: str = "", **_payload) -> Notice:
    return Notice(subject=text.split("\n", 1)[0][:200], body=text)


# The bot's answers are messages like any other: a Telegram that is down when
# someone writes to the bot gets the answer once it is back.
event_register(
    Event(
        key="telegram.reply",
        label=gettext_lazy("Answer of the Telegram bot"),
        render=_reply,
        chats=lambda chat_id, **_: [chat_id],
        occurrence=lambda update_id, **_: str(update_id),
    )
)
