"""Stub: replaced by the real views."""

from django.http import Http404


def public_home_view(request, **kwargs):
    raise Http404


def notice_view(request, **kwargs):
    raise Http404


def decision_view(request, **kwargs):
    raise Http404


def verify_view(request, **kwargs):
    raise Http404

