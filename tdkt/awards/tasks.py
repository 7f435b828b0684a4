"""Background tasks of the awards app, run by `manage.py db_worker`."""

from django.tasks import task

from .services.certificates import certificate_batch_build


@task()
def certificates_build_task(batch_id: int) -> str:
    """Render a large decision's certificates and keep the file; the decision's page shows how it went.
    Returns the batch's final status ("dropped" when the decision was revoked meanwhile)."""
    batch = certificate_batch_build(batch_id=batch_id)
    return batch.status if batch is not None else "dropped"
