"""`{% help_url %}`: the address of the guide for the person reading the page."""

from django import template
from django.urls import reverse

from portal.help import role_for_user, role_for_workspace
from portal.workspace import Workspace

register = template.Library()


@register.simple_tag(takes_context=True)
def help_url(context) -> str:
    """The signed-in user's guide (their widest role), else the list of guides.

    The role is read once per request, however many links ask for it, and not
    at all on the workspace page, which has read the user's roles already.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return reverse("help:index")
    role = getattr(request, "_help_role", None)
    if role is None:
        workspace = context.get("workspace")
        if isinstance(workspace, Workspace):
            role = role_for_workspace(workspace)
        else:
            role = role_for_user(user)
        request._help_role = role
    if role == "citizen":
        return reverse("help:index")
    return reverse("help:guide", args=[role])
