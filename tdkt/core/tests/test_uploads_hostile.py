"""Damaged archives given to check_document (issue 12, 1e): refused with the usual message, never a 500."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.core.uploads import XLSX, check_document


def _zip(**members) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


def _unsupported_method(content: bytes) -> bytes:
    # Compression method 99 (AES) in the local header and the central directory: Python cannot open it.
    out = bytearray(content)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            out[start + offset:start + offset + 2] = (99).to_bytes(2, "little")
            start += 4
    return bytes(out)


@pytest.mark.parametrize("content", [
    _unsupported_method(_zip(mimetype="application/vnd.oasis.opendocument.text")),
    _zip(mimetype="x")[:-30],  # the central directory cut short
    b"PK\x03\x04" + b"\x00" * 100,
])
def test_damaged_archives_are_refused_as_documents(content):
    upload = SimpleUploadedFile("bao-cao.odt", content)
    with pytest.raises(ValidationError) as caught:
        check_document(upload)
    assert "Loại tệp không được chấp nhận" in caught.value.message_dict["file"][0]


def test_an_xlsx_is_still_recognised():
    upload = SimpleUploadedFile("bang.xlsx", _zip(**{"xl__workbook.xml": "<workbook/>"}))
    assert check_document(upload, kinds=(XLSX,)) is XLSX
