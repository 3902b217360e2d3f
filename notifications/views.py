"""The signed-in user's notifications and settings, and the Telegram webhook."""

from __future__ import annotations

import hmac
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services, telegram
from .forms import PreferenceForm


@login_required
@require_http_methods(["GET", "POST"])
def notifications_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    preference = services.preference_for(user)
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            try:
                services.preference_update(user=user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your settings are saved."))
                return redirect("notifications:home")
    else:
        form = PreferenceForm(
            initial={
                "language": preference.language,
                "email": user.email,
                "by_email": preference.by_email,
                "by_telegram": preference.by_telegram,
            }
        )
    items = selectors.messages_for(user=user)
    unread = [item.pk for item in items if item.read_at is None]
    services.messages_mark_read(user=user)
    code_link = ""
    if preference.link_code:
        code_link = telegram.bot_link(preference.link_code)
    return render(
        request,
        "notifications/home.html",
        {
            "form": form,
            "items": items,
            "unread": unread,
            "preference": preference,
            "code_link": code_link,
            "bot_name": settings.TELEGRAM_BOT_USERNAME,
            "telegram_on": bool(settings.TELEGRAM_BOT_TOKEN),
        },
    )


@login_required
@require_POST
def telegram_link(request: HttpRequest) -> HttpResponse:
    telegram.link_code_new(user=request.user)
    return redirect("notifications:home")


@login_required
@require_POST
def telegram_unlink(request: HttpRequest) -> HttpResponse:
    telegram.telegram_unlink(user=request.user)
    messages.success(request, _("Telegram is no longer linked to your account."))
    return redirect("notifications:home")


@csrf_exempt
@require_POST
def telegram_webhook(request: HttpRequest, secret: str) -> HttpResponse:
    """Updates from Telegram, at a path only Telegram knows (setWebhook with
    secret_token sends the same secret in a header, checked when present)."""
    expected = settings.TELEGRAM_WEBHOOK_SECRET
    if not expected or not hmac.compare_digest(secret, expected):
        raise Http404
    header = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
    if header is not None and not hmac.compare_digest(header, expected):
        raise Http404
    try:
        update = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"ok": False}, status=400)
    if isinstance(update, dict):
        telegram.update_handle(update)
    return JsonResponse({"ok": True})
