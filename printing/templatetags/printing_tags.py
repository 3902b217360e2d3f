"""Print buttons for any app's page, without the app importing printing's views."""

from django import template
from django.conf import settings

from isaf.links import is_local_address
from printing import registry, selectors

register = template.Library()


@register.inclusion_tag("printing/includes/_print_buttons.html", takes_context=True)
def print_buttons(context, target_kind: str, target, heading=None) -> dict:
    """The documents the signed-in user may print for ``target``, each with the
    latest job in each language (to download it or follow its progress).

    ``heading`` replaces "Posters and booklets" where the documents are neither
    (a scorecard's blank scoring sheet)."""
    user = context["request"].user
    target = str(target)
    documents = [
        d
        for d in registry.documents_for(target_kind)
        if d.applies(target) and d.can_request(user, target)
    ]
    latest = selectors.print_jobs_latest_for(
        user=user, document_keys=[d.key for d in documents], target=target
    )
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "target": target,
        "heading": heading,
        "documents": [
            {
                "document": d,
                "jobs": [
                    latest[(d.key, lang)]
                    for lang in ("km", "en")
                    if (d.key, lang) in latest
                ],
            }
            for d in documents
        ],
    }


@register.inclusion_tag("printing/includes/_local_site_warning.html")
def local_site_warning() -> dict:
    """A warning on the pages that print, while SITE_URL (the address in every
    QR code) still points at this machine."""
    site = settings.SITE_URL
    return {"site": site, "local": is_local_address(site)}
