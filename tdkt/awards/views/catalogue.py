"""Stub: replaced by the real views."""

from django.http import Http404


def catalogue_view(request, **kwargs):
    raise Http404


def form_new_view(request, **kwargs):
    raise Http404


def form_detail_view(request, **kwargs):
    raise Http404


def form_version_view(request, **kwargs):
    raise Http404

