"""What the API answers when a request is wrong, always in Vietnamese, and the input types that
keep bad text away from the database.

Every operation declares `error_responses()` so that the OpenAPI document lists the 4xx answers a
client really gets (a schemathesis run flagged the undeclared 422 first thing).
"""

import unicodedata
from contextlib import contextmanager
from typing import Annotated

from django.core.exceptions import ValidationError
from ninja import Field, Schema
from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

from .api_types import MAX_ID, Id  # noqa: F401 (the shared strict types; Id was defined here first)

MESSAGES_VI = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "không có trường này",
    "string_too_long": "quá dài",
    "string_too_short": "quá ngắn",
    "string_type": "phải là chuỗi ký tự",
    "string_unicode": "phải là chuỗi ký tự",
    "text_forbidden_character": "chứa ký tự không được phép",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "int_parsing_size": "số quá lớn",
    "finite_number": "phải là số hữu hạn",
    "float_parsing": "phải là số",
    "float_type": "phải là số",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
    "date_from_datetime_inexact": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "date_from_datetime_parsing": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "date_parsing": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "date_type": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "enum": "giá trị không được phép",
    "literal_error": "giá trị không được phép",
    "greater_than_equal": "quá nhỏ",
    "greater_than": "quá nhỏ",
    "less_than_equal": "quá lớn",
    "less_than": "quá lớn",
    "json_invalid": "nội dung JSON không hợp lệ",
    "model_attributes_type": "phải là một đối tượng JSON",
    "model_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
    "list_type": "phải là một danh sách",
    "value_error": "giá trị không hợp lệ",
    # tdkt.core.api_types: ids, years and dates read strictly.
    "strict_int": "phải là số nguyên (không nhận true/false, số thập phân hay chữ)",
    "strict_date": "phải là ngày dạng chuỗi YYYY-MM-DD (ví dụ 2025-03-31)",
    "strict_date_invalid": "ngày không có thật (dạng YYYY-MM-DD)",
    "strict_date_range": "ngày phải từ 01/01/1900 đến 31/12/2100",
}


def _field(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "data", "filters")]
    return ".".join(parts) or "dữ liệu"


def _message(err: dict) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "không được để trống"
    if kind == "string_too_long" and "max_length" in ctx:
        return f"quá dài (tối đa {ctx['max_length']} ký tự)"
    for bound, text in (("ge", "không được nhỏ hơn"), ("le", "không được lớn hơn")):
        if bound in ctx and kind in ("greater_than_equal", "less_than_equal"):
            return f"{text} {ctx[bound]}"
    if kind == "vn_number" and "reason" in ctx:  # a number sent as text (tdkt.core.numbers_api)
        return str(ctx["reason"])
    if kind in ("literal_error", "enum") and "expected" in ctx:
        return f"giá trị không được phép (chọn một trong {str(ctx['expected']).replace(' or ', ', ')})"
    return MESSAGES_VI.get(kind, "giá trị không hợp lệ")


def validation_error_body(errors: list[dict]) -> dict:
    items = []
    for err in errors:
        field = _field(err.get("loc", ()))
        items.append({"field": field, "message": f"Trường “{field}”: {_message(err)}."})
    return {"detail": " ".join(i["message"] for i in items) or "Dữ liệu không hợp lệ.", "errors": items}


# Input types -------------------------------------------------------------------------------------


def _check_text(value: str) -> str:
    """Refuse NUL and other control characters, lone surrogates and the non-characters U+FFFE, U+FFFF.

    PostgreSQL cannot store NUL in text and neither database can encode a lone surrogate, so
    without this check such input would end as a server error instead of a 422.
    """
    for ch in value:
        if ch in "\t\n\r":
            continue
        # U+FFFE and U+FFFF are not characters XML can hold: a DOCX or PDF built from them would fail.
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff":
            raise PydanticCustomError("text_forbidden_character", "Text contains a forbidden character")
    return value


def text(max_length: int, *, required: bool = False, strip: bool = True):
    """A string field: at most `max_length` characters, trimmed, no control characters.

    `required=True` also refuses an empty (or, when trimmed, all-blank) string.
    """
    return Annotated[
        str,
        StringConstraints(strip_whitespace=strip, min_length=1 if required else None, max_length=max_length),
        AfterValidator(_check_text),
    ]



# Error bodies, as the exception handlers in config/api.py write them --------------------------------


class ErrorOut(Schema):
    detail: str = Field(..., description="Thông báo lỗi bằng tiếng Việt")


class InvalidDataOut(Schema):
    detail: str = Field(..., description="Thông báo lỗi bằng tiếng Việt")
    errors: dict[str, list[str]] = Field(default_factory=dict, description="Lỗi theo từng trường")


class FieldErrorOut(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: str = Field(..., description="Thông báo lỗi bằng tiếng Việt")
    errors: list[FieldErrorOut]


ERROR_SCHEMAS = {
    400: InvalidDataOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
}


def error_responses(*codes: int) -> dict:
    """The declared error answers of an operation; every authenticated one can give 401 and 422."""
    wanted = set(codes) | {401, 422}
    return {code: schema for code, schema in ERROR_SCHEMAS.items() if code in wanted}


@contextmanager
def api_field_names(mapping: dict[str, str]):
    """Services name model fields ("parent"); the API's clients send other names ("parent_id"):
    a service's ValidationError is re-raised with the API's names."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError({mapping.get(k, k): v for k, v in exc.error_dict.items()}) from None


def page_of(qs, paging) -> dict:
    """One page of a queryset in the API's list shape: {count, limit, offset, items}."""
    return {
        "count": qs.count(),
        "limit": paging.limit,
        "offset": paging.offset,
        "items": list(qs[paging.offset : paging.offset + paging.limit]),
    }
