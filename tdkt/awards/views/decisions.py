"""Stub: replaced by the real views."""

from django.http import Http404


def decision_list_view(request, **kwargs):
    raise Http404


def decision_new_view(request, **kwargs):
    raise Http404


def dossier_forward_view(request, **kwargs):
    raise Http404


def decision_detail_view(request, **kwargs):
    raise Http404


def decision_docx_view(request, **kwargs):
    raise Http404


def decision_pdf_view(request, **kwargs):
    raise Http404


def certificates_view(request, **kwargs):
    raise Http404


def decision_revoke_view(request, **kwargs):
    raise Http404

