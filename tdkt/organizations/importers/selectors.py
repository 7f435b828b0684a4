"""Reads of import jobs: a job is its uploader's, and administrators see every job."""

from django.db.models import QuerySet
from django.http import Http404

from tdkt.accounts.scope import scope_for

from ..models import ImportJob


def import_job_list(user) -> QuerySet:
    qs = ImportJob.objects.select_related("created_by").defer("errors")
    if scope_for(user, "account.manage").is_global:
        return qs
    return qs.filter(created_by=user) if user.is_authenticated else qs.none()


def import_job_get(user, pk) -> ImportJob:
    job = import_job_list(user).defer(None).filter(pk=pk).first()
    if job is None:
        raise Http404("Không tìm thấy lượt nhập dữ liệu.")
    return job
