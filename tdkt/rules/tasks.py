"""Background tasks of the rules app, run by `manage.py db_worker`."""

from django.tasks import task

from .models import VerdictRun
from .stored import run_verdicts


@task()
def verdict_run_task(run_id: int) -> str:
    """Compute the missing verdicts of an organisation's people; its page follows the progress."""
    run = VerdictRun.objects.select_related("organization").get(pk=run_id)
    return run_verdicts(run).status
