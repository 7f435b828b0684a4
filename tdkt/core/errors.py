"""The site's own error pages (400, 403, 404, 500, a refused form): Vietnamese, inside the layout,
with a way back. Django's default handlers would do for the templates alone; these add the way
back and keep a broken page from hiding behind a broken error page."""

import logging

from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)


def _back_url(request) -> str:
    """The page the user came from, when it is on this site (never a link out to another one)."""
    referer = request.META.get("HTTP_REFERER", "")
    if not referer:
        return ""
    try:
        host, here = request.get_host(), request.build_absolute_uri()
    except DisallowedHost:  # the bad Host header is the very 400 being rendered
        return ""
    if referer == here or not url_has_allowed_host_and_scheme(referer, {host}, require_https=request.is_secure()):
        return ""
    return referer


def _render(request, template_name: str, status: int, context: dict | None = None) -> HttpResponse:
    context = {"back_url": _back_url(request), **(context or {})}
    return HttpResponse(loader.render_to_string(template_name, context, request), status=status)


@requires_csrf_token
def bad_request(request, exception):
    return _render(request, "400.html", 400)


@requires_csrf_token
def permission_denied(request, exception):
    # The services' refusals are written for the user ("Bạn không có quyền …"): say which.
    message = exception.args[0] if exception and exception.args and isinstance(exception.args[0], str) else ""
    return _render(request, "403.html", 403, {"reason": message})


@requires_csrf_token
def page_not_found(request, exception):
    # Only the address, never the resolver's list of URL patterns nor an English exception text.
    return _render(request, "404.html", 404, {"request_path": request.path})


@requires_csrf_token
def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the form is refused, most often because the page was open too long or the
    cookie was blocked; the technical reason goes to the log only."""
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    return _render(request, "403_csrf.html", 403)


def server_error(request):
    """500.html is rendered without the request (whatever failed may fail again while building the
    layout's context); if even that fails, a plain page still answers in Vietnamese."""
    try:
        return HttpResponseServerError(loader.render_to_string("500.html"))
    except Exception:
        logger.exception("The 500 page itself failed to render")
        title = escape(_("The system hit an error"))
        text = escape(_("The error has been logged. Please try again in a moment."))
        return HttpResponseServerError(
            f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>{title}</title>'
            f'<h1>{title}</h1><p>{text}</p><p><a href="/">{escape(_("Go to the home page"))}</a></p></html>'
        )
