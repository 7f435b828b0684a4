"""The REST API: one NinjaAPI mounting each app's router; errors answered in Vietnamese.

Every answer other than 2xx is JSON with a Vietnamese `detail`: 400 data the services refuse (or
a body that is not JSON), 401 no or bad token, 403 no permission, 404 not found (or out of the
caller's scope, or no such address), 405 wrong method, 413 body too large, 422 input that does not
match the schema, 429 too many failed logins; a bug is a 500 in JSON, logged as Django logs it.
"""

import functools
import logging

from django.core import signals
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation, ValidationError
from django.http import Http404, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer

from tdkt.accounts.api import api_auth
from tdkt.accounts.api import router as auth_router
from tdkt.core.api_errors import validation_error_body

logger = logging.getLogger("django.request")

# django-ninja's own English messages, said in Vietnamese (DEBUG may append details after them).
NINJA_MESSAGES_VI = {
    "Cannot parse request body": "Nội dung gửi lên không phải JSON hợp lệ.",
    "CSRF check Failed": "Thiếu hoặc sai mã CSRF: hãy tải lại trang rồi thử lại.",
    "Unauthorized": "Chưa đăng nhập hoặc token không hợp lệ, đã hết hạn.",
    "Forbidden": "Bạn không có quyền thực hiện thao tác này.",
    "Too many requests.": "Quá nhiều yêu cầu, vui lòng thử lại sau.",
}


def _json_error(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})


def _api_view(view):
    """An API view as Django serves it: no login redirect, and a 405 said in JSON."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            response = _json_error(f"Địa chỉ này không nhận phương thức {request.method} (chỉ nhận: {allowed}).", 405)
            response["Allow"] = allowed
        return response

    # The API authenticates each call itself (token or session) and answers 401 in JSON, so
    # LoginRequiredMiddleware must not redirect its calls to the login page.
    wrapper.login_required = False
    return wrapper


@csrf_exempt
def _unknown_path(request, rest=""):
    return _json_error("Không có địa chỉ API này. Xem danh sách tại /api/v1/openapi.json.", 404)


_unknown_path.login_required = False


class TdktNinjaAPI(NinjaAPI):
    def _get_urls(self):
        urls = super()._get_urls()
        for pattern in urls:
            if getattr(pattern, "callback", None) is not None:
                pattern.callback = _api_view(pattern.callback)
        # Last: any other address under /api/v1/ is a JSON 404, not the HTML page.
        urls.append(re_path(r"^(?P<rest>.*)$", _unknown_path, name="unknown-path"))
        return urls


class JSONRendererUtf8(JSONRenderer):
    """Vietnamese text as is, not as \\u escapes: the same JSON, readable in a terminal or log."""

    json_dumps_params = {"ensure_ascii": False}


api = TdktNinjaAPI(
    title="TĐKT API",
    version="1",
    description="API của hệ thống thi đua, khen thưởng. Lấy token tại POST /api/v1/auth/token và gửi "
    "trong tiêu đề Authorization: Bearer <token>. Mọi lỗi trả về JSON có trường `detail` bằng tiếng Việt. "
    "Kiểu dữ liệu được kiểm tra chặt: mã (id) và năm là số nguyên JSON (không nhận true/false hay số thập phân), "
    "năm từ 1900 đến 2100, ngày là chuỗi YYYY-MM-DD từ 1900-01-01 đến 2100-12-31; sai kiểu trả về 422 nêu tên trường.",
    auth=api_auth(),
    renderer=JSONRendererUtf8(),
    urls_namespace="api",
)
api.add_router("/auth", auth_router)
api.add_router("/", "tdkt.organizations.api.router")
api.add_router("/", "tdkt.records.api.router")
api.add_router("/", "tdkt.rules.api.router")
api.add_router("/", "tdkt.movements.api.router")
api.add_router("/", "tdkt.scoring.api.router")
api.add_router("/", "tdkt.awards.api.router")
api.add_router("/", "tdkt.titles.api.router")
api.add_router("/", "tdkt.search.api.router")
api.add_router("/", "tdkt.reports.api.router")
api.add_router("/", "tdkt.stats.api.router")
api.add_router("/", "tdkt.notifications.api.router")


@api.exception_handler(NinjaValidationError)
def _invalid_input(request, exc):
    return api.create_response(request, validation_error_body(exc.errors), status=422)


@api.exception_handler(ValidationError)
def _invalid_data(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    detail = "; ".join(
        (f"{k}: {' '.join(v)}" if k != "__all__" else " ".join(v)).rstrip(".") for k, v in errors.items()
    )
    return api.create_response(request, {"detail": detail, "errors": errors}, status=400)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(
        request, {"detail": str(exc) or "Bạn không có quyền thực hiện thao tác này."}, status=403
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Không tìm thấy."}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    response = api.create_response(
        request,
        {"detail": "Chưa đăng nhập hoặc token không hợp lệ, đã hết hạn."},
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request, exc):
    message = str(exc)
    for english, vietnamese in NINJA_MESSAGES_VI.items():
        if message.startswith(english):
            message = vietnamese
            break
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    return api.create_response(request, {"detail": "Nội dung gửi lên quá lớn."}, status=413)


@api.exception_handler(MultiPartParserError)
def _unparsable_body(request, exc):
    # e.g. a file name of about 1,000 bytes: the part's headers pass Django's 1,024-byte limit.
    return api.create_response(
        request, {"detail": "Nội dung gửi lên không đọc được (tên tệp quá dài hoặc dữ liệu hỏng)."}, status=400
    )


@api.exception_handler(SuspiciousOperation)
def _suspicious(request, exc):
    return api.create_response(request, {"detail": "Yêu cầu không hợp lệ."}, status=400)


@api.exception_handler(Exception)
def _server_error(request, exc):
    """A bug, not bad input: report it as Django would (log, signal) but answer in JSON."""
    signals.got_request_exception.send(sender=None, request=request)
    logger.error(
        "Internal Server Error: %s", request.path, exc_info=exc, extra={"status_code": 500, "request": request}
    )
    return api.create_response(request, {"detail": "Lỗi hệ thống. Vui lòng thử lại sau hoặc báo quản trị."}, status=500)
