"""The reviewer's pages: the queue of submissions and one submission's review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from communes import scopes
from isaf.forms import add_service_errors

from .. import selectors, services
from ..forms import PublishForm, ReturnForm


@login_required
@require_safe
def review_queue(request: HttpRequest) -> HttpResponse:
    if not scopes.provinces_for_review(request.user).exists():
        raise PermissionDenied
    return render(
        request,
        "i4c/review_queue.html",
        {"packages": selectors.review_queue(user=request.user)},
    )


# A reviewer's decisions: the form, the service, the form field it takes, and
# what the reviewer is told when it is done.
REVIEW_ACTIONS = {
    "publish": (
        PublishForm,
        services.package_publish,
        "reason",
        gettext_lazy("Published."),
    ),
    "return": (
        ReturnForm,
        services.package_return,
        "comment",
        gettext_lazy("Returned to its author."),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    package = selectors.package_get_for_review(user=request.user, pk=pk)
    if not scopes.can_review_provider(request.user, package.provider):
        raise PermissionDenied
    forms = {
        action: form_class(prefix=action)
        for action, (form_class, *_rest) in REVIEW_ACTIONS.items()
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action in REVIEW_ACTIONS:
            form_class, service, field, done = REVIEW_ACTIONS[action]
            form = forms[action] = form_class(request.POST, prefix=action)
            if form.is_valid():
                try:
                    service(
                        package=package,
                        user=request.user,
                        **{field: form.cleaned_data[field]},
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, done)
                    return redirect("i4c:review-queue")
        status = 400
    return render(
        request,
        "i4c/review_detail.html",
        {
            "package": package,
            "changes": selectors.package_changes(package=package),
            "publish_form": forms["publish"],
            "return_form": forms["return"],
        },
        status=status,
    )
