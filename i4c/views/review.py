"""The reviewer's pages: the queue of submissions and one submission's review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from communes import scopes

from .. import selectors, services
from ..forms import PublishForm, ReturnForm


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if not scopes.provinces_for_review(request.user).exists():
        raise PermissionDenied
    return render(
        request,
        "i4c/review_queue.html",
        {"packages": selectors.review_queue(user=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    package = selectors.package_get_for_review(user=request.user, pk=pk)
    if not scopes.can_review_provider(request.user, package.provider):
        raise PermissionDenied
    publish_form = PublishForm(prefix="publish")
    return_form = ReturnForm(prefix="return")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "publish":
                publish_form = PublishForm(request.POST, prefix="publish")
                if publish_form.is_valid():
                    services.package_publish(
                        package=package,
                        user=request.user,
                        reason=publish_form.cleaned_data["reason"],
                    )
                    messages.success(request, _("Published."))
                    return redirect("i4c:review-queue")
            elif action == "return":
                return_form = ReturnForm(request.POST, prefix="return")
                if return_form.is_valid():
                    services.package_return(
                        package=package,
                        user=request.user,
                        comment=return_form.cleaned_data["comment"],
                    )
                    messages.success(request, _("Returned to its author."))
                    return redirect("i4c:review-queue")
        except ValidationError as error:
            form = publish_form if action == "publish" else return_form
            errors = getattr(error, "message_dict", None) or {None: error.messages}
            for field, messages_ in errors.items():
                form.add_error(field if field in form.fields else None, messages_)
        status = 400
    return render(
        request,
        "i4c/review_detail.html",
        {
            "package": package,
            "changes": selectors.package_changes(package=package),
            "publish_form": publish_form,
            "return_form": return_form,
        },
        status=status,
    )
