"""Stub: replaced by the real views."""

from django.http import Http404


def dossier_list_view(request, **kwargs):
    raise Http404


def dossier_new_view(request, **kwargs):
    raise Http404


def dossier_detail_view(request, **kwargs):
    raise Http404


def nominee_add_view(request, **kwargs):
    raise Http404


def nominee_delete_view(request, **kwargs):
    raise Http404


def attachment_add_view(request, **kwargs):
    raise Http404


def attachment_download_view(request, **kwargs):
    raise Http404


def attachment_delete_view(request, **kwargs):
    raise Http404


def dossier_action_view(request, **kwargs):
    raise Http404

