"""Stub: replaced by the real views."""

from django.http import Http404


def nominee_appraise_view(request, **kwargs):
    raise Http404


def votes_view(request, **kwargs):
    raise Http404


def objection_add_view(request, **kwargs):
    raise Http404

