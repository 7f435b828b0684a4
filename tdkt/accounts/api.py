from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from .services import LoginThrottled, api_token_issue, api_token_user, login_check


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


def api_auth() -> list:
    """Bearer token, or the page session (with its CSRF check) for calls from the pages."""
    return [BearerAuth(), SessionAuth()]


router = Router(tags=["Xác thực"])


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class ErrorOut(Schema):
    detail: str


@router.post("/token", auth=None, response={200: TokenOut, 401: ErrorOut, 429: ErrorOut, 422: ErrorOut})
def token_create(request, payload: TokenIn):
    """Đổi tên đăng nhập và mật khẩu lấy token (hết hạn sau 12 giờ)."""
    try:
        user = login_check(request=request, username=payload.username, password=payload.password)
    except LoginThrottled as exc:
        raise HttpError(429, str(exc)) from None
    if user is None or not user.is_active:
        raise HttpError(401, "Sai tên đăng nhập hoặc mật khẩu.")
    return {"token": api_token_issue(user=user, ip_address=request.META.get("REMOTE_ADDR"))}
