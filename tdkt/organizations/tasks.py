"""Background tasks of the organisations app, run by `manage.py db_worker`."""

from django.tasks import task

from .importers.services import import_job_run
from .models import ImportJob


@task()
def import_job_run_task(job_id: int) -> str:
    """Import a large file; the job page follows its progress. Returns the final status."""
    job = ImportJob.objects.select_related("created_by", "organization").get(pk=job_id)
    return import_job_run(job=job).status
