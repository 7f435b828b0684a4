import datetime

from django.contrib.auth import update_session_auth_hash
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf
from pydantic import ConfigDict

from tdkt.core.api_errors import ErrorOut, Id, InvalidDataOut, ValidationErrorOut, error_responses, text

from . import selectors
from .services import (
    LoginThrottled,
    api_token_issue,
    api_token_revoke,
    api_token_user,
    client_ip,
    login_check,
    sign_out_everywhere,
)
from .sessions import SESSION_ID_KEY
from .two_factor import SecondFactorThrottled, api_second_factor_check, second_factor_required

CSRF_MESSAGE = "Thiếu hoặc sai mã CSRF: hãy tải lại trang rồi thử lại."


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


class PageSessionAuth(SessionAuth):
    """The page session, for calls the pages make; a write must carry the CSRF token.

    Unlike ninja's SessionAuth, the CSRF check only runs when there is a logged-in session, so a
    call with a wrong Bearer token and no session is answered 401, not 403.
    """

    def _get_key(self, request: HttpRequest):
        if not request.user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, CSRF_MESSAGE)
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key):
        # A session still waiting for its second factor is not signed in yet (tdkt/accounts/middleware.py).
        is_verified = getattr(request.user, "is_verified", None)
        if is_verified is not None and not is_verified() and second_factor_required(request.user):
            return None
        return super().authenticate(request, key)


def api_auth() -> list:
    """Bearer token, or the page session (with its CSRF check) for calls from the pages."""
    return [BearerAuth(), PageSessionAuth()]


router = Router(tags=["Xác thực"])


class TokenIn(Schema):
    model_config = ConfigDict(extra="forbid")

    username: text(150, required=True)
    password: text(4096, required=True, strip=False)
    otp: text(32) | None = Field(
        None,
        description="Mã xác thực hai lớp: 6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục. Bắt buộc "
        "với tài khoản đã đăng ký xác thực hai lớp hoặc có vai trò phải dùng nó.",
    )


class TokenOut(Schema):
    token: str


@router.post(
    "/token",
    auth=None,
    response={200: TokenOut, 400: InvalidDataOut, 401: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut},
)
def token_create(request, payload: TokenIn, response: HttpResponse):
    """Đổi tên đăng nhập và mật khẩu lấy token (hết hạn sau 12 giờ).

    Cùng quy tắc với trang đăng nhập: sau 3 lần sai liên tiếp của một tên đăng nhập từ cùng một
    địa chỉ, tên đó phải chờ 1, 2, 4… giây (tối đa 15 phút) tại địa chỉ đó — trả về 429; ở địa chỉ
    khác tên đó vẫn đăng nhập được. Một địa chỉ sai quá 100 lần trong 15 phút (mọi tên) bị từ chối
    cho đến khi hết khoảng đó. Địa chỉ lấy từ X-Forwarded-For chỉ khi yêu cầu đi qua proxy tin cậy
    (TDKT_TRUSTED_PROXIES).

    Xác thực hai lớp: tài khoản đã đăng ký ứng dụng xác thực, hoặc có vai trò bắt buộc xác thực hai
    lớp (khi vận hành: quản trị, người phê duyệt, cơ quan thường trực), phải gửi thêm trường `otp`;
    thiếu hoặc sai mã trả về 401 (có ghi nhật ký), sai nhiều lần phải chờ như khi sai mật khẩu (429).
    """
    ip = client_ip(request)
    try:
        user = login_check(request=request, username=payload.username, password=payload.password)
        if user is not None and user.is_active:
            refused = api_second_factor_check(user=user, code=payload.otp, ip_address=ip)
            if refused:
                raise HttpError(401, refused)
    except (LoginThrottled, SecondFactorThrottled) as exc:
        response["Retry-After"] = str(exc.seconds)  # a client may wait exactly this long
        return Status(429, {"detail": str(exc)})
    if user is None or not user.is_active:
        raise HttpError(401, "Sai tên đăng nhập hoặc mật khẩu.")
    return {"token": api_token_issue(user=user, ip_address=ip)}


class TokenInfoOut(Schema):
    id: int
    created_at: datetime.datetime
    expires_at: datetime.datetime
    last_used_at: datetime.datetime | None = Field(..., description="Lần dùng gần nhất (chính xác đến vài phút)")
    ip_address: str | None = Field(..., description="Địa chỉ đã xin token")
    current: bool = Field(..., description="Token của chính yêu cầu này")


@router.get(
    "/tokens",
    response={200: list[TokenInfoOut], **error_responses()},
    summary="Các token API còn hiệu lực của tôi",
)
def token_list(request):
    """Chỉ token của người gọi; token đã hết hạn không còn trong danh sách."""
    current = getattr(request.user, "api_token_id", None)
    return [
        {
            "id": t.pk,
            "created_at": t.created_at,
            "expires_at": t.expires_at,
            "last_used_at": t.last_used_at,
            "ip_address": t.ip_address,
            "current": t.pk == current,
        }
        for t in selectors.api_tokens_of(request.user)
    ]


@router.delete(
    "/tokens/{token_id}",
    response={204: None, **error_responses(403, 404)},
    summary="Thu hồi một token API của tôi",
)
def token_revoke(request, token_id: Id):
    """Token bị thu hồi không dùng được nữa (kể cả khi đó là token của chính yêu cầu này). Token
    của người khác trả về 404; gọi từ trang (phiên đăng nhập) mà thiếu mã CSRF trả về 403. Có ghi
    nhật ký."""
    token = selectors.api_token_get(request.user, token_id)
    api_token_revoke(actor=request.user, token=token, ip_address=client_ip(request))
    return Status(204, None)


class SignedOutOut(Schema):
    revoked: int = Field(..., description="Số token API đã thu hồi")


@router.delete(
    "/tokens",
    response={200: SignedOutOut, **error_responses(403)},
    summary="Đăng xuất trên mọi thiết bị",
)
def tokens_revoke_all(request):
    """Thu hồi mọi token API của người gọi (kể cả token của chính yêu cầu này) và kết thúc mọi phiên
    đăng nhập trên trang; mật khẩu không đổi. Gọi từ trang thì phiên hiện tại được giữ. Có ghi nhật ký."""
    session = getattr(request, "session", None)
    keep = session.get(SESSION_ID_KEY) if session is not None and session.session_key else None
    revoked = sign_out_everywhere(user=request.user, ip_address=client_ip(request), keep_session_id=keep)
    if getattr(request, "session", None) is not None and request.session.session_key:
        update_session_auth_hash(request, request.user)
    return {"revoked": revoked}
