
"""Downloads of the block's score table and of a unit's sheet, as Excel and as PDF.

Scoped like the pages: the round or sheet through the selectors (out of scope = 404); the table
before publication only for the managers and reviewers (403). A PDF is a DOCX converted by
LibreOffice; when that fails (not installed, too slow) the user gets a 503 with the reason.
Every download is one DOCUMENT_GENERATED audit event.
"""

from io import BytesIO

from django.shortcuts import render
from django.views.decorators.http import require_GET

from tdkt.core.downloads import attachment_response
from tdkt.documents import generation

from .. import export_docs, exports, selectors

PDF = "application/pdf"


def _attachment(data: bytes, filename: str, content_type: str):
    return attachment_response(BytesIO(data), filename=filename, content_type=content_type)


def _pdf(request, docx_bytes: bytes):
    """(pdf bytes, None) or (None, the 503 page)."""
    try:
        return generation.docx_to_pdf(docx_bytes), None
    except generation.DocumentError as exc:
        return None, render(request, "documents/error.html", {"message": exc.message}, status=503)


def _deliver(request, data: bytes, *, target, scoring_round, document: str, fmt: str, source: str, filename: str):
    """One audit event, then the file as an attachment."""
    exports.export_record(
        actor=request.user,
        target=target,
        scoring_round=scoring_round,
        document=document,
        fmt=fmt,
        size=len(data),
        source=source,
        ip=request.META.get("REMOTE_ADDR"),
    )
    return _attachment(data, filename, export_docs.XLSX_CONTENT_TYPE if fmt == "xlsx" else PDF)


def _table(request, pk):
    scoring_round = selectors.round_get(request.user, pk)
    table = exports.table_export(request.user, scoring_round)
    meta = {
        "target": scoring_round,
        "scoring_round": scoring_round,
        "document": "scoring-table",
        "source": "live" if table.version is None else f"v{table.version}",
    }
    return scoring_round, table, meta


def _sheet(request, pk):
    sheet = selectors.sheet_get(request.user, pk)
    meta = {"target": sheet, "scoring_round": sheet.round, "document": "scoring-sheet", "source": sheet.status}
    return sheet, exports.sheet_export(request.user, sheet), meta


@require_GET
def round_table_xlsx_view(request, pk):
    scoring_round, table, meta = _table(request, pk)
    data = export_docs.table_workbook(table)
    return _deliver(request, data, fmt="xlsx", filename=exports.table_filename(scoring_round, "xlsx"), **meta)


@require_GET
def round_table_pdf_view(request, pk):
    scoring_round, table, meta = _table(request, pk)
    data, failure = _pdf(request, export_docs.table_docx(table))
    if failure is not None:
        return failure
    return _deliver(request, data, fmt="pdf", filename=exports.table_filename(scoring_round, "pdf"), **meta)


@require_GET
def sheet_xlsx_view(request, pk):
    sheet, content, meta = _sheet(request, pk)
    data = export_docs.sheet_workbook(content)
    return _deliver(request, data, fmt="xlsx", filename=exports.sheet_filename(sheet, "xlsx"), **meta)


@require_GET
def sheet_pdf_view(request, pk):
    sheet, content, meta = _sheet(request, pk)
    data, failure = _pdf(request, export_docs.sheet_docx(content))
    if failure is not None:
        return failure
    return _deliver(request, data, fmt="pdf", filename=exports.sheet_filename(sheet, "pdf"), **meta)
