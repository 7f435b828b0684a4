"""Excel files for the import tests, built with openpyxl as a user's spreadsheet would be."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

PEOPLE_HEADERS = [
    "Mã cán bộ",
    "Họ và tên *",
    "Giới tính *",
    "Ngày sinh",
    "Loại *",
    "Chức vụ",
    "Lãnh đạo quản lý",
    "Mã đơn vị *",
    "Ngày bắt đầu công tác",
    "Email",
]
ORG_HEADERS = [
    "Mã đơn vị *",
    "Tên đơn vị *",
    "Tên viết tắt",
    "Loại đơn vị *",
    "Cấp *",
    "Mã đơn vị cấp trên *",
    "Ngày bắt đầu hoạt động",
]


def xlsx_bytes(headers, rows, *, sheet_title="Cán bộ") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(headers)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(headers, rows, *, name="can-bo.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name,
        xlsx_bytes(headers, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def person_row(
    name,
    org="FIN",
    *,
    code="",
    sex="Nam",
    born="05/06/1980",
    category="Công chức",
    position="",
    manager="",
    start="",
    email="",
):
    return [code, name, sex, born, category, position, manager, org, start, email]


RECORD_HEADERS = [
    "Mã cán bộ",
    "Họ và tên",
    "Ngày sinh",
    "Mã đơn vị",
    "Xếp loại",
    "Danh hiệu",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan ban hành",
    "Ghi chú",
]


def record_row(*, code="", name="", born="", unit="", rating="", title="", number="", decided="", issuer="", note=""):
    return [code, name, born, unit, rating, title, number, decided, issuer, note]
