"""Session policy and the second factor, for every signed-in request.

SessionActivityMiddleware (after django-otp's OTPMiddleware): ends a session idle for longer than
TDKT_SESSION_IDLE_MINUTES (to the login page, which says why) or ended from another device, and
records activity (tdkt/accounts/sessions.py).

SecondFactorMiddleware (after LoginRequiredMiddleware): a signed-in session that is not verified by
a second factor, of a user who must use one (tdkt/accounts/two_factor.py), reaches only the
two-factor pages, sign-out, the public pages (views marked login_not_required: the login page,
public disclosure, certificate checks, healthz, metrics) and the API, which answers such a session
401 itself (api.PageSessionAuth) and takes Bearer tokens issued only after the second factor.
Every other page redirects to the code page, or to enrolment when the user has no device yet. It
does not matter how the session was signed in — the password form, single sign-on (tdkt/sso calls
django's login()) or anything else: the check is on the session, on every request.
"""

from urllib.parse import urlencode

from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse

from . import sessions, two_factor

# Views reached by a session still waiting for its second factor (url names).
ALLOWED_VIEWS = frozenset({"logout", "two_factor_verify", "two_factor_enrol"})


def _redirect(request, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        # An htmx request would swap the page into its target: the whole window goes instead.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def _next_param(request) -> str:
    return request.get_full_path() if request.method == "GET" and not request.headers.get("HX-Request") else ""


class SessionActivityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            outcome = sessions.session_activity(request=request)
            if outcome != sessions.Activity.GO_ON:
                logout(request)
                query = {"next": _next_param(request)} if _next_param(request) else {}
                if outcome == sessions.Activity.IDLE:
                    query["expired"] = "idle"
                url = reverse("login") + ("?" + urlencode(query) if query else "")
                return _redirect(request, url)
        response = self.get_response(request)
        sessions.session_key_follow(request=request)
        return response


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        is_verified = getattr(user, "is_verified", None)
        if is_verified is not None and is_verified():
            return None
        if not getattr(view_func, "login_required", True):
            return None  # public pages
        match = request.resolver_match
        if match is not None and match.url_name in ALLOWED_VIEWS:
            return None
        if request.path_info.startswith("/api/"):
            return None  # api.PageSessionAuth refuses an unverified session; tokens need the code
        if not two_factor.second_factor_required(user):
            return None
        target = "two_factor_verify" if two_factor.has_device(user) else "two_factor_enrol"
        nxt = _next_param(request)
        url = reverse(target) + ("?" + urlencode({"next": nxt}) if nxt else "")
        return _redirect(request, url)
