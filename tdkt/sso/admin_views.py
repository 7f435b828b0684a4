"""The administrator's page: identities waiting for a link, the links, link (with confirmation), unlink."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import user_can
from tdkt.accounts.services import client_ip
from tdkt.core.confirm import ConfirmForm, is_confirmed
from tdkt.core.forms import add_service_errors, style_form

from . import selectors, services
from .config import oidc_config
from .models import IdentityLink, PendingIdentity


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.username} — {obj.display_name}"


class LinkForm(forms.Form):
    user = AccountChoiceField(label=gettext_lazy("Account"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .exclude(identity_links__isnull=False)
            .select_related("organization")
            .order_by("username")
        )
        style_form(self)


def _admin_only(request):
    if not user_can(request.user, "account.manage"):
        raise PermissionDenied(_("Only the system administrator links identities to accounts."))


def identities_view(request):
    _admin_only(request)
    context = {
        "pending": selectors.pending_identities(),
        "links": selectors.identity_links(),
        "configured": oidc_config() is not None,
    }
    return render(request, "sso/identities.html", context)


def link_view(request, pk):
    """Choose the account, then confirm; a POST without the confirmation shows the confirmation page."""
    _admin_only(request)
    pending = get_object_or_404(PendingIdentity, pk=pk)
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account = form.cleaned_data["user"]
        if is_confirmed(request.POST):
            try:
                services.identity_link(actor=request.user, pending=pending, user=account, ip_address=client_ip(request))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The identity was linked to account %(name)s.") % {"name": account.username}
                )
                return redirect("sso:identities")
        else:
            who = pending.name or pending.email or pending.subject
            return render(
                request,
                "core/confirm_step.html",
                {
                    "title": _("Link this identity to account %(name)s?") % {"name": account.username},
                    "intro": _("%(who)s (identifier %(subject)s at %(issuer)s) will sign in as %(account)s.")
                    % {
                        "who": who,
                        "subject": pending.subject,
                        "issuer": pending.issuer,
                        "account": account.display_name,
                    },
                    "consequences": [
                        _("Signing in with the provincial account opens this account, with its roles."),
                        _("No role is given or taken; the account's password still works."),
                    ],
                    "action_url": reverse("sso:link", args=[pending.pk]),
                    "form": ConfirmForm(),
                    "carry": [("user", str(account.pk))],
                    "confirm_label": _("Link"),
                    "cancel_url": reverse("sso:identities"),
                },
            )
    return render(request, "sso/link.html", {"pending": pending, "form": form})


def unlink_view(request, pk):
    _admin_only(request)
    link = get_object_or_404(IdentityLink.objects.select_related("user"), pk=pk)
    if request.method == "POST" and is_confirmed(request.POST):
        services.identity_unlink(actor=request.user, link=link, ip_address=client_ip(request))
        messages.success(request, _("The identity was unlinked from account %(name)s.") % {"name": link.user.username})
        return redirect("sso:identities")
    return render(
        request,
        "core/confirm_step.html",
        {
            "title": _("Unlink the identity from account %(name)s?") % {"name": link.user.username},
            "consequences": [
                _("The identity can no longer sign in; sessions it opened end at their next request."),
                _("The account itself, its roles and its password do not change."),
            ],
            "action_url": reverse("sso:unlink", args=[link.pk]),
            "form": ConfirmForm(),
            "confirm_label": _("Unlink"),
            "cancel_url": reverse("sso:identities"),
            "danger": True,
        },
    )


@require_POST
def dismiss_view(request, pk):
    _admin_only(request)
    pending = get_object_or_404(PendingIdentity, pk=pk)
    services.pending_dismiss(actor=request.user, pending=pending, ip_address=client_ip(request))
    messages.success(request, _("The request was removed from the list."))
    return redirect("sso:identities")
