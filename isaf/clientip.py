"""The client's address: the one home of "who is asking", for the sign-in lockout
(django-axes, AXES_CLIENT_IP_CALLABLE) and every limit per address (isaf/limits.py
callers).

Behind no proxy (TRUSTED_PROXY_COUNT=0) it is REMOTE_ADDR, and an X-Forwarded-For
header is ignored: anyone can write one. Behind N trusted reverse proxies, each
appends the address it was reached from to X-Forwarded-For, so the entry the
outermost proxy wrote, the N-th from the right, is the client; anything to its left
came from the client and is not believed.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_ip(request: HttpRequest) -> str:
    """The address of the machine that sent this request, as far as it can be known."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    # Fewer entries than proxies: the request did not come through all of them
    # (or a proxy is misconfigured); the nearest machine is all that is known.
    if len(forwarded) < count or not _valid(forwarded[-count]):
        return remote
    return forwarded[-count]
