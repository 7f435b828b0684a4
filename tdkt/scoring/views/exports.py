"""Stub: replaced by the real views."""

from django.http import Http404


def round_table_xlsx_view(request, **kwargs):
    raise Http404


def round_table_pdf_view(request, **kwargs):
    raise Http404


def sheet_xlsx_view(request, **kwargs):
    raise Http404


def sheet_pdf_view(request, **kwargs):
    raise Http404
