"""The account's API tokens page: list, create (the secret is shown once), revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localcompacts.accounts.requests import AuthenticatedHttpRequest
from localcompacts.core.forms import add_domain_error

from .forms import ApiTokenForm
from .models import ApiToken
from .selectors import api_token_list
from .services import ApiTokenError, api_token_create, api_token_revoke


@login_required
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, new_secret = api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ApiTokenError as error:
            add_domain_error(form, error, field="name")
        else:
            form = ApiTokenForm()
            messages.success(request, _("Token “%(name)s” created.") % {"name": token.name})
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": api_token_list(user=request.user), "new_secret": new_secret},
        status=422 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"  # the page may hold a secret
    return response


@login_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseRedirect:
    try:
        token = api_token_list(user=request.user).get(pk=pk)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    api_token_revoke(token=token, by=request.user)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api_tokens:list")
