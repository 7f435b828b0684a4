from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import selectors, sessions
from .forms import ThrottledAuthenticationForm
from .services import api_token_revoke, client_ip, password_change_record, sign_out_everywhere


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # Sent here by tdkt/accounts/middleware.py when the session ended for want of activity.
        idle = self.request.GET.get("expired") == "idle"
        return super().get_context_data(demo=settings.TDKT_DEMO, idle_expired=idle, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        response = super().form_valid(form)
        keep = self.request.session.get(sessions.SESSION_ID_KEY)
        password_change_record(user=self.request.user, keep_session_id=keep)
        return response


def sessions_view(request):
    """The user's signed-in sessions and API tokens, each can be ended, and "sign out everywhere"."""
    current = request.session.get(sessions.SESSION_ID_KEY)
    context = {
        "tokens": selectors.api_tokens_of(request.user),
        "user_sessions": sessions.sessions_of(request.user, current_id=current),
        "idle_minutes": settings.TDKT_SESSION_IDLE_MINUTES,
    }
    return render(request, "accounts/sessions.html", context)


@require_POST
def session_end_view(request, pk):
    current = request.session.get(sessions.SESSION_ID_KEY)
    ended = sessions.user_session_end(actor=request.user, session_id=pk, ip_address=client_ip(request))
    if pk == current and ended:
        logout(request)  # this very session: signed out here too, so nothing saves it back
        return redirect("login")
    if ended:
        messages.success(request, _("The session was ended."))
    return redirect("account_sessions")


@require_POST
def api_token_revoke_view(request, pk):
    token = selectors.api_token_get(request.user, pk)
    api_token_revoke(actor=request.user, token=token, ip_address=client_ip(request))
    messages.success(request, _("The API token was revoked."))
    return redirect("account_sessions")


@require_POST
def sign_out_everywhere_view(request):
    revoked = sign_out_everywhere(
        user=request.user, ip_address=client_ip(request), keep_session_id=request.session.get(sessions.SESSION_ID_KEY)
    )
    # The new session hash ends every other session; this one is signed again and stays.
    update_session_auth_hash(request, request.user)
    messages.success(
        request,
        ngettext(
            "You were signed out on every other device and %(count)d API token was revoked.",
            "You were signed out on every other device and %(count)d API tokens were revoked.",
            revoked,
        )
        % {"count": revoked},
    )
    return redirect("account_sessions")


@login_not_required
def admin_login_redirect_view(request):
    """Django's admin has a password form of its own, without the throttling, the audit and the second
    factor of ours: every sign-in goes through this site's login page instead."""
    nxt = request.GET.get("next", "/admin/")
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        nxt = "/admin/"
    return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': nxt})}")
