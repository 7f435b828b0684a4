"""Stub: replaced by the real views."""

from django.http import Http404


def round_list_view(request, **kwargs):
    raise Http404


def round_new_view(request, **kwargs):
    raise Http404


def round_detail_view(request, **kwargs):
    raise Http404

