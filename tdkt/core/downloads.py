"""Every file the application hands out: as an attachment, never sniffed into HTML, never run as a
page (sandbox), never kept in a shared cache. Uploaded files and generated documents alike."""

from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header


def attachment_response(content, *, filename: str, content_type: str) -> HttpResponse:
    """``content`` is bytes (a generated document, sent whole) or an open binary file (streamed)."""
    content_type = content_type or "application/octet-stream"
    if isinstance(content, bytes | bytearray):
        response = HttpResponse(bytes(content), content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        response = FileResponse(content, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def stored_file_response(field_file, *, filename: str, content_type: str, missing: str) -> HttpResponse:
    """A stored upload (a FieldFile) under its original name; 404 with ``missing`` when it is gone."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(missing) from None
    return attachment_response(handle, filename=filename or field_file.name.rsplit("/", 1)[-1],
                               content_type=content_type)
