"""Stub: replaced by the real views."""

from django.http import Http404


def sheet_start_view(request, **kwargs):
    raise Http404


def sheet_detail_view(request, **kwargs):
    raise Http404


def sheet_submit_view(request, **kwargs):
    raise Http404


def sheet_return_view(request, **kwargs):
    raise Http404


def evidence_add_view(request, **kwargs):
    raise Http404


def evidence_download_view(request, **kwargs):
    raise Http404


def evidence_delete_view(request, **kwargs):
    raise Http404


def review_edit_view(request, **kwargs):
    raise Http404


def review_recuse_view(request, **kwargs):
    raise Http404
