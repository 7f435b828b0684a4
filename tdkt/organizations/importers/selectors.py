"""Reads of import jobs (a job is its uploader's, and administrators see every job), and of the people
a records template is prefilled with."""

from django.db.models import QuerySet
from django.http import Http404

from tdkt.accounts.scope import scope_for

from ..models import ImportJob, Organization, Person


def import_job_list(user) -> QuerySet:
    qs = ImportJob.objects.select_related("created_by__organization", "organization").defer("errors")
    if scope_for(user, "account.manage").is_global:
        return qs
    return qs.filter(created_by=user) if user.is_authenticated else qs.none()


def import_job_get(user, pk) -> ImportJob:
    job = import_job_list(user).defer(None).filter(pk=pk).first()
    if job is None:
        raise Http404("Không tìm thấy lượt nhập dữ liệu.")
    return job


def records_template_rows(organization: Organization) -> list[list]:
    """The people in service in an organisation and its units, as rows of the records template
    (staff code, name, date of birth, unit code), unit by unit in the order of the tree."""
    people = (
        Person.objects.filter(organization__path__startswith=organization.path, left_on__isnull=True)
        .order_by("organization__path", "search_text", "id")
        .values_list("code", "full_name", "date_of_birth", "organization__code")
    )
    return [list(person) for person in people.iterator(chunk_size=5000)]
