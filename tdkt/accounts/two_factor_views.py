"""The two-factor pages: the code after the password, enrolment, recovery codes, removal."""

import segno
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from . import sessions, two_factor
from .services import client_ip


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "class": "form-control", "autofocus": True, "spellcheck": "false"}
        ),
    )


def _next_url(request) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}, require_https=request.is_secure()):
        return nxt
    return "/"


def _verified(request) -> bool:
    check = getattr(request.user, "is_verified", None)
    return bool(check and check())


def _mark_verified(request, device) -> None:
    # A new session key for the verified session (as after the password), its row following it.
    request.session.cycle_key()
    otp_login(request, device)
    sessions.session_key_follow(request=request)


def _code_error(form, exc: Exception | None = None) -> None:
    form.add_error("code", str(exc) if exc else two_factor.WRONG_CODE_MESSAGE)


def verify_view(request):
    """After the password: the code from the app, or a recovery code."""
    if _verified(request):
        return redirect(_next_url(request))
    if not two_factor.has_device(request.user):
        return redirect("two_factor_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.second_factor_verify(
                user=request.user, code=form.cleaned_data["code"], ip_address=client_ip(request)
            )
        except two_factor.SecondFactorThrottled as exc:
            _code_error(form, exc)
        else:
            if device is not None:
                _mark_verified(request, device)
                if isinstance(device, two_factor.StaticDevice):
                    left = two_factor.recovery_codes_left(request.user)
                    text = _(
                        "You signed in with a recovery code; %(left)d are left. Make new ones on the two-factor page."
                    )
                    messages.warning(request, text % {"left": left})
                return redirect(_next_url(request))
            _code_error(form)
    context = {"form": form, "next": _next_url(request), "second_factor_pending": True}  # no menu yet
    return render(request, "registration/two_factor_verify.html", context)


def _qr_svg(device) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, title=_("QR code for the app"))


def enrol_view(request):
    """Scan the QR code (or type the secret), confirm with the first code, see the recovery codes once.

    A session not yet verified may enrol only a user who has no device: otherwise whoever has just the
    password could replace the owner's app with their own."""
    if two_factor.has_device(request.user) and not _verified(request):
        return redirect("two_factor_verify")
    device = two_factor.enrolment_device(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = two_factor.two_factor_enrol_confirm(
                user=request.user, device=device, code=form.cleaned_data["code"], ip_address=client_ip(request)
            )
        except two_factor.SecondFactorThrottled as exc:
            _code_error(form, exc)
        else:
            if result is not None:
                device, codes = result
                _mark_verified(request, device)
                return render(
                    request,
                    "registration/two_factor_codes.html",
                    {"codes": [two_factor.format_code(c) for c in codes], "next": _next_url(request), "new": True},
                )
            _code_error(form)
    context = {
        "form": form,
        "qr_svg": _qr_svg(device),
        "secret": " ".join(two_factor.secret_base32(device)[i : i + 4] for i in range(0, 32, 4)),
        "required": two_factor.role_requires(request.user),
        "replacing": two_factor.has_device(request.user),
        "next": _next_url(request),
        "second_factor_pending": not _verified(request),  # no menu until the app is confirmed
    }
    return render(request, "registration/two_factor_enrol.html", context)


def overview_view(request):
    """The user's own two-factor settings."""
    context = {
        "device": two_factor.totp_device_of(request.user),
        "codes_left": two_factor.recovery_codes_left(request.user),
        "required": two_factor.role_requires(request.user),
        "form": CodeForm(),
    }
    return render(request, "registration/two_factor.html", context)


def _with_fresh_code(request, change):
    """``change(code=…)`` with the fresh code the form carries: its result, or the redirect that says why
    not (a wrong code, the code attempts throttled, no app to change)."""
    form = CodeForm(request.POST)
    done = None
    if form.is_valid():
        try:
            done = change(user=request.user, code=form.cleaned_data["code"], ip_address=client_ip(request))
        except two_factor.SecondFactorThrottled as exc:
            messages.error(request, str(exc))
            return None, redirect("two_factor")
        except PermissionDenied:
            return None, redirect("two_factor_enrol")
    if not done:
        messages.error(request, two_factor.WRONG_CODE_MESSAGE)
        return None, redirect("two_factor")
    return done, None


@require_POST
def recovery_codes_view(request):
    codes, refused = _with_fresh_code(request, two_factor.recovery_codes_regenerate)
    if refused:
        return refused
    return render(
        request, "registration/two_factor_codes.html", {"codes": [two_factor.format_code(c) for c in codes]}
    )


@require_POST
def remove_view(request):
    _removed, refused = _with_fresh_code(request, two_factor.two_factor_remove)
    if refused:
        return refused
    messages.success(request, _("Two-factor sign-in was turned off."))
    return redirect("two_factor")
