"""Checks on uploaded documents: type by content (not by name), size, and a safe stored name.

Uploads are never served inline as HTML: they are kept in the file storage (MEDIA_ROOT, or a private
S3 bucket: settings.STORAGES), never under a public URL, and downloaded through a view that sends
them as attachments with nosniff (tdkt/core/downloads.py).
"""

import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError

MAX_REPORT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    label: str


PDF = Kind(".pdf", "application/pdf", "PDF")
DOCX = Kind(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (.docx)")
XLSX = Kind(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (.xlsx)")
ODT = Kind(".odt", "application/vnd.oasis.opendocument.text", "OpenDocument (.odt)")
DOC = Kind(".doc", "application/msword", "Word 97-2003 (.doc)")
REPORT_KINDS = (PDF, DOCX, XLSX, ODT, DOC)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MEMBERS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


def _sniff(head: bytes, upload) -> Kind | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(_OLE):
        return DOC
    if head.startswith(b"PK\x03\x04"):
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    with archive.open("mimetype") as member:  # 64 bytes: a zip bomb is never inflated
                        if member.read(64).startswith(b"application/vnd.oasis.opendocument.text"):
                            return ODT
                for ext, member in _ZIP_MEMBERS.items():
                    if member in names:
                        return DOCX if ext == ".docx" else XLSX
        # A damaged, encrypted (RuntimeError) or exotically compressed (NotImplementedError) archive
        # is not a document we accept, and never a 500.
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
            return None
    return None


def check_document(
    upload, *, kinds=REPORT_KINDS, max_bytes: int = MAX_REPORT_BYTES, field: str = "file",
    missing: str = "Hãy chọn tệp báo cáo.",
) -> Kind:
    """The upload's real kind, or a Vietnamese ValidationError naming the field.

    The name's extension must agree with the content: an HTML page renamed .pdf is refused."""
    allowed = ", ".join(k.label for k in kinds)
    if upload is None:
        raise ValidationError({field: missing})
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in upload.name or ""):
        # A NUL or a lone surrogate in a name cannot be stored and must not reach a header.
        raise ValidationError({field: "Tên tệp chứa ký tự không được phép."})
    if upload.size == 0:
        raise ValidationError({field: "Tệp rỗng."})
    if upload.size > max_bytes:
        size = f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")  # Vietnamese decimal comma
        raise ValidationError({field: f"Tệp quá lớn ({size} MB); tối đa {max_bytes // 1024 // 1024} MB."})
    upload.seek(0)
    head = upload.read(8)
    kind = _sniff(head, upload)
    upload.seek(0)
    name = (upload.name or "").lower()
    if kind is None or kind not in kinds:
        raise ValidationError({field: f"Loại tệp không được chấp nhận. Chỉ nhận: {allowed}."})
    if not name.endswith(kind.extension):
        raise ValidationError({field: f"Tên tệp không khớp nội dung (nội dung là {kind.label}). Chỉ nhận: {allowed}."})
    return kind
