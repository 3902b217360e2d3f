"""`{% help_url %}`: the address of the guide for the person reading the page."""

from django import template
from django.urls import reverse

from portal.help import role_for_user

register = template.Library()


@register.simple_tag(takes_context=True)
def help_url(context) -> str:
    """The signed-in user's guide (their widest role), else the list of guides.

    The role is read once per request, however many links ask for it.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return reverse("help:index")
    role = getattr(request, "_help_role", None)
    if role is None:
        role = request._help_role = role_for_user(user)
    if role == "citizen":
        return reverse("help:index")
    return reverse("help:guide", args=[role])
