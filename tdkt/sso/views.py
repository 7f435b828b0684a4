"""Sign-in through the provincial identity provider (OpenID Connect): start, callback, refusals, logout."""

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from tdkt.accounts.services import client_ip

from . import services
from .config import oidc_config
from .models import IdentityLink

NEXT_KEY = "tdkt_sso_next"
UNLINKED_KEY = "tdkt_sso_unlinked"
# The identity the session signed in with (issuer, subject, ID token for the provider's logout).
SESSION_KEY = "tdkt_sso"


def _client():
    """Authlib and its HTTP stack take a third of a second to import: loaded on the first sign-in, not with
    every process."""
    from . import client

    return client


def _config_or_404():
    config = oidc_config()
    if config is None:
        raise Http404("Chưa cấu hình đăng nhập một lần.")
    return config


def _safe_next(request, value: str | None) -> str | None:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, require_https=request.is_secure()):
        return value
    return None


def _failed(request, status=400):
    return render(request, "sso/failed.html", status=status)


@login_not_required
@require_GET
def sso_login_view(request):
    """The login page's button: off to the provider (state, nonce and PKCE verifier in the session)."""
    config = _config_or_404()
    next_url = _safe_next(request, request.GET.get("next"))
    if next_url:
        request.session[NEXT_KEY] = next_url
    else:
        request.session.pop(NEXT_KEY, None)
    try:
        return _client().start(request, config, request.build_absolute_uri(reverse("sso:callback")))
    except _client().SsoError as exc:
        services.sso_failure_record(reason=exc.reason, ip_address=client_ip(request))
        return _failed(request, status=502)


@login_not_required
@require_GET
def sso_callback_view(request):
    """The provider sends the person back here with a code: exchange it, verify the ID token, and sign
    in the account its identity is linked to — or say that it is linked to none."""
    config = _config_or_404()
    ip = client_ip(request)
    if not _client().sign_in_started(request):
        # Not a sign-in this browser started here (no state kept): refused without an audit event,
        # so that anonymous requests cannot fill the log.
        return _failed(request)
    try:
        claims = _client().finish(request, config)
    except _client().SsoError as exc:
        services.sso_failure_record(reason=exc.reason, ip_address=ip)
        return _failed(request)
    id_token = claims.pop("_id_token", "")
    user = authenticate(request, oidc_claims=claims)
    if user is None:
        link = IdentityLink.objects.select_related("user").filter(issuer=claims["iss"], subject=str(claims["sub"]))
        link = link.first()
        if link is not None:  # linked, but the account is locked
            services.sso_attempt_record(claims=claims, ip_address=ip, reason="account inactive", user=link.user)
            return render(request, "sso/locked.html", status=403)
        services.sso_attempt_record(claims=claims, ip_address=ip, reason="identity not linked")
        request.session[UNLINKED_KEY] = {
            "issuer": claims["iss"],
            "subject": str(claims["sub"]),
            "email": str(claims.get("email") or ""),
            "name": str(claims.get("name") or ""),
            "preferred_username": str(claims.get("preferred_username") or ""),
        }
        return redirect("sso:unlinked")
    next_url = request.session.pop(NEXT_KEY, None)
    # Django's login(): the session key changes, and whatever the other middleware demands after a
    # sign-in (a second factor for the roles that need it, the session policy) applies as usual.
    login(request, user)
    services.sso_login_record(user=user, claims=claims, ip_address=ip)
    request.session[SESSION_KEY] = {"issuer": claims["iss"], "subject": str(claims["sub"]), "id_token": id_token}
    return redirect(_safe_next(request, next_url) or resolve_url(settings.LOGIN_REDIRECT_URL))


@login_not_required
@require_GET
def sso_unlinked_view(request):
    """ "Tài khoản định danh chưa được liên kết": what to give the administrator."""
    identity = request.session.get(UNLINKED_KEY)
    if not identity:
        return redirect("login")
    return render(request, "sso/unlinked.html", {"identity": identity})


@login_not_required
@require_POST
def sso_logout_view(request):
    """Sign out here; when the session came from the provider and it advertises an end-session
    endpoint, offer to end the provincial session too (a link: the page's form-action policy keeps a
    form from being redirected to another site)."""
    identity = request.session.get(SESSION_KEY)
    logout(request)
    config = oidc_config()
    end_url = None
    if identity and config is not None and config.rp_logout:
        end_url = _client().end_session_url(
            config,
            id_token=identity.get("id_token", ""),
            post_logout_redirect_uri=request.build_absolute_uri(resolve_url(settings.LOGIN_URL)),
        )
    if not end_url:
        return redirect(settings.LOGOUT_REDIRECT_URL)
    return render(request, "sso/signed_out.html", {"end_session_url": end_url})
