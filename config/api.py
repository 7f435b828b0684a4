"""The REST API: one NinjaAPI mounting each app's router; errors answered in Vietnamese."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from tdkt.accounts.api import api_auth
from tdkt.accounts.api import router as auth_router
from tdkt.core.api_errors import validation_error_body

api = NinjaAPI(
    title="TĐKT API",
    version="1",
    description="API của hệ thống thi đua, khen thưởng. Lấy token tại POST /api/v1/auth/token và gửi "
    "trong tiêu đề Authorization: Bearer <token>.",
    auth=api_auth(),
    urls_namespace="api",
)
api.add_router("/auth", auth_router)
api.add_router("/", "tdkt.organizations.api.router")


@api.exception_handler(NinjaValidationError)
def _invalid_input(request, exc):
    return api.create_response(request, validation_error_body(exc.errors), status=422)


@api.exception_handler(ValidationError)
def _invalid_data(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    detail = "; ".join(f"{k}: {' '.join(v)}" if k != "__all__" else " ".join(v) for k, v in errors.items())
    return api.create_response(request, {"detail": detail, "errors": errors}, status=400)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Bạn không có quyền thực hiện thao tác này."}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Không tìm thấy."}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(request, {"detail": "Chưa đăng nhập hoặc token không hợp lệ, đã hết hạn."}, status=401)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
