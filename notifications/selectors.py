from .models import Message


def messages_for(*, user, limit: int = 50) -> list[Message]:
    """The user's messages in the portal, newest first."""
    return list(
        Message.objects.filter(user=user, channel=Message.Channel.PORTAL).order_by(
            "-created_at", "-pk"
        )[:limit]
    )


def unread_count(*, user) -> int:
    return Message.objects.filter(
        user=user, channel=Message.Channel.PORTAL, read_at__isnull=True
    ).count()
