from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import selectors
from .forms import ThrottledAuthenticationForm
from .services import api_token_revoke, client_ip, password_change_record, sign_out_everywhere


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(demo=settings.TDKT_DEMO, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        response = super().form_valid(form)
        password_change_record(user=self.request.user)
        return response


def sessions_view(request):
    """The user's own API tokens, each revocable, and "sign out everywhere"."""
    return render(request, "accounts/sessions.html", {"tokens": selectors.api_tokens_of(request.user)})


@require_POST
def api_token_revoke_view(request, pk):
    token = selectors.api_token_get(request.user, pk)
    api_token_revoke(actor=request.user, token=token, ip_address=client_ip(request))
    messages.success(request, _("The API token was revoked."))
    return redirect("account_sessions")


@require_POST
def sign_out_everywhere_view(request):
    revoked = sign_out_everywhere(user=request.user, ip_address=client_ip(request))
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
