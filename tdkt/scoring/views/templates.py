"""Stub: replaced by the real views."""

from django.http import Http404


def template_list_view(request, **kwargs):
    raise Http404


def template_new_view(request, **kwargs):
    raise Http404


def template_import_view(request, **kwargs):
    raise Http404


def template_import_form_view(request, **kwargs):
    raise Http404


def template_detail_view(request, **kwargs):
    raise Http404


def template_edit_view(request, **kwargs):
    raise Http404


def template_version_view(request, **kwargs):
    raise Http404


def template_export_view(request, **kwargs):
    raise Http404
