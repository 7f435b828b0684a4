"""Pydantic's English validation errors, said in Vietnamese with the field they concern."""

MESSAGES_VI = {
    "missing": "thiếu trường bắt buộc",
    "string_too_long": "quá dài",
    "string_too_short": "quá ngắn",
    "string_type": "phải là chuỗi ký tự",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "float_parsing": "phải là số",
    "bool_parsing": "phải là true hoặc false",
    "date_from_datetime_parsing": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "date_parsing": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "date_type": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "enum": "giá trị không được phép",
    "literal_error": "giá trị không được phép",
    "greater_than_equal": "quá nhỏ",
    "less_than_equal": "quá lớn",
    "json_invalid": "nội dung JSON không hợp lệ",
    "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
    "value_error": "giá trị không hợp lệ",
}


def _field(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "data")]
    return ".".join(parts) or "dữ liệu"


def validation_error_body(errors: list[dict]) -> dict:
    items = []
    for err in errors:
        field = _field(err.get("loc", ()))
        message = MESSAGES_VI.get(err.get("type", ""), "giá trị không hợp lệ")
        items.append({"field": field, "message": f"Trường “{field}”: {message}."})
    return {"detail": " ".join(i["message"] for i in items) or "Dữ liệu không hợp lệ.", "errors": items}
