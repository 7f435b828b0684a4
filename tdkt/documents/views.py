"""Downloads of a movement's documents (Kế hoạch, Chương trình công tác, Giao ước thi đua) as DOCX
or PDF, and of the templates in use, for a clerk to edit."""

from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from tdkt.accounts.scope import user_can
from tdkt.core.domain.text import fold_vi
from tdkt.movements.selectors import movement_get

from . import generation
from .services import document_generate

CONTENT_TYPES = {"docx": generation.DOCX_CONTENT_TYPE, "pdf": generation.PDF_CONTENT_TYPE}


def attachment_header(filename: str) -> str:
    """Content-Disposition for a Vietnamese file name: an ASCII fallback for old clients and the
    UTF-8 name (RFC 6266 / 5987) for the others."""
    stem, dot, ext = filename.rpartition(".")
    fallback = (slugify(fold_vi(stem)) or "van-ban") + (f".{ext}" if dot else "")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download_name(kind: generation.DocumentKind, movement, fmt: str) -> str:
    number = generation.clean(movement.document_number).replace("/", "-").replace("\\", "-")
    return f"{kind.label} {number or movement.pk}.{fmt}"


def _attachment(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = attachment_header(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _error(request, exc: generation.DocumentError, movement=None):
    return render(request, "documents/error.html", {"message": exc.message, "movement": movement}, status=exc.status)


@require_GET
def movement_document(request, pk: int, kind: str, fmt: str):
    """/movements/<pk>/documents/<kind>.<fmt>: anyone who may see the movement may download it."""
    if kind not in generation.KINDS or fmt not in CONTENT_TYPES:
        raise Http404("Không có văn bản này.")
    movement = movement_get(request.user, pk)
    try:
        data = document_generate(
            actor=request.user, movement=movement, kind=kind, fmt=fmt, ip_address=request.META.get("REMOTE_ADDR")
        )
    except generation.DocumentError as exc:
        return _error(request, exc, movement)
    return _attachment(data, download_name(generation.KINDS[kind], movement, fmt), CONTENT_TYPES[fmt])


@require_GET
def template_download(request, kind: str):
    """The template in use (the clerk's own if there is one), for those who issue plans."""
    if kind in generation.REPORT_KINDS:
        allowed = user_can(request.user, "movement.manage") or user_can(request.user, "record.view")
    else:
        allowed = kind in generation.KINDS and user_can(request.user, "movement.manage")
    if not allowed:
        raise Http404("Không có mẫu văn bản này.")
    template = generation.load_template(kind)
    return _attachment(template.data, f"Mẫu {generation.ALL_KINDS[kind].label}.docx", generation.DOCX_CONTENT_TYPE)
