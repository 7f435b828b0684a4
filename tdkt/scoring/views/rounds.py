"""Stub: replaced by the real views."""

from django.http import Http404


def round_list_view(request, **kwargs):
    raise Http404


def round_open_view(request, **kwargs):
    raise Http404


def round_detail_view(request, **kwargs):
    raise Http404


def round_edit_view(request, **kwargs):
    raise Http404


def round_reviewers_view(request, **kwargs):
    raise Http404


def round_publish_view(request, **kwargs):
    raise Http404


def round_reopen_view(request, **kwargs):
    raise Http404


def result_detail_view(request, **kwargs):
    raise Http404
