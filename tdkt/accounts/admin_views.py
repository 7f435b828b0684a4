"""Account administration in the application (audited), for the system administrator."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import user_can
from tdkt.core.domain.text import fold_vi
from tdkt.core.forms import add_service_errors, style_form
from tdkt.core.lists import paginate
from tdkt.organizations.errors import require
from tdkt.organizations.models import Organization

from . import selectors, services, two_factor
from .models import ROLE_CHOICES, RoleGrant, User


class UserCreateForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=150)
    organization = forms.ModelChoiceField(
        label=gettext_lazy("Works at"), required=False, queryset=Organization.objects.filter(active_to__isnull=True)
    )
    password = forms.CharField(label=gettext_lazy("Initial password"), widget=forms.PasswordInput, min_length=10)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=ROLE_CHOICES)
    organization = forms.ModelChoiceField(
        label=gettext_lazy("On organisation (and everything below it)"),
        required=False,
        queryset=Organization.objects.filter(active_to__isnull=True),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


def _admin_only(request):
    require(user_can(request.user, "account.manage"), _("Only the system administrator manages accounts."))


def user_list_view(request):
    _admin_only(request)
    users = User.objects.select_related("organization").prefetch_related("role_grants__organization")
    query = request.GET.get("q", "").strip()
    for term in fold_vi(query).split():
        users = users.filter(Q(username__icontains=term) | Q(full_name__icontains=term))
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Account %(name)s was created.") % {"name": user.username})
            return redirect("accounts:user", user.pk)
    return render(
        request, "accounts/user_list.html", {"form": form, "q": query, **paginate(request, users.order_by("username"))}
    )


def user_detail_view(request, pk):
    _admin_only(request)
    account = get_object_or_404(User, pk=pk)
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_grant(actor=request.user, user=account, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Role granted."))
            return redirect("accounts:user", account.pk)
    grants = account.role_grants.select_related("organization")
    context = {
        "account": account,
        "grants": grants,
        "form": form,
        "login_failures": selectors.login_failures_of(account),
        "two_factor_device": two_factor.totp_device_of(account),
        "two_factor_required": two_factor.role_requires(account),
    }
    return render(request, "accounts/user_detail.html", context)


@require_POST
def role_revoke_view(request, pk, grant_pk):
    _admin_only(request)
    grant = get_object_or_404(RoleGrant, pk=grant_pk, user_id=pk)
    try:
        services.role_revoke(actor=request.user, grant=grant)
        messages.success(request, _("Role revoked."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:user", pk)


@require_POST
def user_active_view(request, pk):
    _admin_only(request)
    account = get_object_or_404(User, pk=pk)
    try:
        services.user_set_active(actor=request.user, user=account, active=request.POST.get("active") == "1")
        messages.success(request, _("Changes saved."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:user", pk)


@require_POST
def login_unlock_view(request, pk):
    _admin_only(request)
    account = get_object_or_404(User, pk=pk)
    services.login_unlock(actor=request.user, user=account, ip_address=services.client_ip(request))
    message = _("Failed logins of %(name)s were cleared: the account may log in again.")
    messages.success(request, message % {"name": account.username})
    return redirect("accounts:user", pk)


def two_factor_reset_view(request, pk):
    """Reset a user's second factor (a lost phone): a confirmation page, then the audited reset."""
    _admin_only(request)
    account = get_object_or_404(User, pk=pk)
    if request.method == "POST":
        removed = two_factor.two_factor_reset(actor=request.user, user=account, ip_address=services.client_ip(request))
        if removed:
            message = _("Two-factor sign-in of %(name)s was reset: they enrol again at their next sign-in.")
        else:
            message = _("%(name)s had no two-factor device.")
        messages.success(request, message % {"name": account.username})
        return redirect("accounts:user", pk)
    context = {"account": account, "device": two_factor.totp_device_of(account)}
    return render(request, "accounts/two_factor_reset.html", context)
