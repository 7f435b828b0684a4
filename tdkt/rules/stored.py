"""Verdicts kept in the database, so that the candidates of a whole province are a paged query.

The engine evaluates 20,000 people in about 0.4 s, but a province of 100,000 people inside one
request took 10 s and up to 1 GB of a worker (building full objects for every subject, to show a
hundred). Here the verdicts are computed once per person, award, year, basis and day considered,
stored (StoredVerdict), and read back a page at a time:

- a verdict is current while it was computed for the day asked for and not before the person's
  facts last changed (PersonFactsStamp, moved forward by tdkt/rules/freshness.py on every change);
- a request computes the missing ones itself when they are few (a unit, or the people whose records
  just changed: TDKT_CANDIDATES_INLINE_MAX), else a background run computes them a chunk at a time
  (VerdictRun, tdkt/rules/tasks.py) and the page shows its progress;
- the results are the engine's, the same as evaluating everyone in the request (tested).
"""

import datetime
import hashlib
import json
import logging
from dataclasses import dataclass
from itertools import batched

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from tdkt.organizations.importers.bulk import insert_rows
from tdkt.organizations.models import Organization, Person

from . import facts
from .domain import Basis, Condition, Result, Verdict, regime_for
from .domain.needs import needs_for
from .domain.types import Kind
from .evaluation import evaluate_safely
from .models import ConditionSet, PersonFactsStamp, StoredVerdict, VerdictRun
from .verdicts import shown_verdict

logger = logging.getLogger(__name__)

CHUNK = 2000  # people per facts load and insert: bounded memory whatever the province's size
# A run whose worker has not reported a chunk for this long is taken as lost and started again.
RUN_STALLED_AFTER = datetime.timedelta(minutes=10)


def inline_max() -> int:
    return int(getattr(settings, "TDKT_CANDIDATES_INLINE_MAX", 2000))


@dataclass(frozen=True)
class VerdictKey:
    award: str
    year: int
    basis: str
    on_date: datetime.date

    def rows(self) -> QuerySet:
        return StoredVerdict.objects.filter(award=self.award, year=self.year, basis=self.basis, on_date=self.on_date)


def current_verdicts(key: VerdictKey) -> QuerySet:
    """The stored verdicts for `key` computed after the person's facts last changed."""
    # NOT EXISTS on the stamp's primary key: no join through the people table.
    changed_since = PersonFactsStamp.objects.filter(
        person_id=OuterRef("person_id"), changed_at__gt=OuterRef("computed_at")
    )
    return key.rows().filter(~Exists(changed_since))


def missing_people(people: QuerySet, key: VerdictKey) -> QuerySet:
    return people.order_by().exclude(pk__in=current_verdicts(key).values("person_id"))


def compute_verdicts(person_ids, key: VerdictKey, *, progress=None) -> int:
    """Evaluate and store the verdicts of these people, a chunk at a time; returns how many."""
    needs = needs_for(key.award, Kind.INDIVIDUAL, key.basis)
    done = 0
    for chunk in batched(person_ids, CHUNK):
        # Taken before the facts are read: a change committed while they are read is later than
        # this, so its stamp makes the row stale instead of being lost (freshness.py).
        started = timezone.now()
        subject_facts = facts.people_facts(_people_of(chunk), on_date=key.on_date, needs=needs, year=key.year)
        items = [(str(pk), subject_facts[pk]) for pk in chunk if pk in subject_facts]
        results = evaluate_safely(items, key.award, year=key.year, on_date=key.on_date, basis=Basis(key.basis))
        sets: dict[str, list] = {}
        rows = []
        for result in results:
            conditions = [c.to_dict() for c in result.conditions]
            digest = _digest(conditions)
            sets.setdefault(digest, conditions)
            rows.append(
                {
                    "person_id": int(result.id),
                    "award": key.award,
                    "year": key.year,
                    "basis": key.basis,
                    "on_date": key.on_date,
                    "verdict": str(result.verdict),
                    "shown": shown_verdict(result.verdict, result.conditions),
                    "condition_set_id": digest,
                    "computed_at": started,
                }
            )
        with transaction.atomic():
            ConditionSet.objects.bulk_create(
                [ConditionSet(digest=d, conditions=c) for d, c in sets.items()], ignore_conflicts=True
            )
            # One row per person, award, year and basis: another day's verdict is replaced.
            StoredVerdict.objects.filter(award=key.award, year=key.year, basis=key.basis, person_id__in=chunk).delete()
            insert_rows(StoredVerdict, rows)
        done += len(rows)
        if progress is not None:
            progress(done)
    return done


def _people_of(ids: tuple[int, ...]) -> QuerySet:
    """The people of a sorted chunk of ids: a range when they are dense (a whole province's run: a
    short query instead of thousands of parameters in each of the facts' queries), else the list."""
    if ids[-1] - ids[0] < 2 * len(ids):
        return Person.objects.filter(pk__gte=ids[0], pk__lte=ids[-1])
    return Person.objects.filter(pk__in=ids)


def _digest(conditions: list[dict]) -> str:
    canonical = json.dumps(conditions, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha1(canonical.encode(), usedforsecurity=False).hexdigest()


def stored_result(row: StoredVerdict) -> Result:
    """The engine's Result again (with `condition_set` selected)."""
    conditions = tuple(
        Condition(c["code"], c["passed"], c["message"], c["legal_ref"]) for c in row.condition_set.conditions
    )
    return Result(str(row.person_id), row.award, regime_for(row.on_date), Verdict(row.verdict), conditions)


def _active_run(root: Organization, key: VerdictKey) -> VerdictRun | None:
    """A run for this key, alive, over this organisation or one above it (it covers these people)."""
    alive = timezone.now() - RUN_STALLED_AFTER
    return (
        VerdictRun.objects.filter(
            award=key.award,
            year=key.year,
            basis=key.basis,
            on_date=key.on_date,
            status__in=[VerdictRun.Status.QUEUED, VerdictRun.Status.RUNNING],
            updated_at__gte=alive,
            organization_id__in=root.ancestor_ids(),
        )
        .order_by("-updated_at")
        .first()
    )


def ensure_current(*, root: Organization, people: QuerySet, key: VerdictKey) -> VerdictRun | None:
    """Make every verdict of `people` current for `key`: at once when few are missing, else through a
    background run, which is returned while it works (None once every verdict is current)."""
    missing = missing_people(people, key)
    count = missing.count()
    if count == 0:
        return None
    if count <= inline_max():
        compute_verdicts(list(missing.order_by("pk").values_list("pk", flat=True)), key)
        return None
    run = _active_run(root, key)
    if run is None:
        from .tasks import verdict_run_task  # tasks import this module

        run = VerdictRun.objects.create(
            organization=root, award=key.award, year=key.year, basis=key.basis, on_date=key.on_date, total=count
        )
        verdict_run_task.enqueue(run.pk)
        run.refresh_from_db()  # a backend that runs tasks at once (the tests') has finished it
    if run.status == VerdictRun.Status.DONE:
        return None if not missing_people(people, key).exists() else run
    return run


def run_verdicts(run: VerdictRun) -> VerdictRun:
    """The background run: every missing verdict of the organisation's current people."""
    VerdictRun.objects.filter(pk=run.pk).update(status=VerdictRun.Status.RUNNING, updated_at=timezone.now())
    key = VerdictKey(run.award, run.year, run.basis, run.on_date)
    people = Person.objects.filter(organization__path__startswith=run.organization.path, left_on__isnull=True)
    try:
        ids = list(missing_people(people, key).order_by("pk").values_list("pk", flat=True))
        VerdictRun.objects.filter(pk=run.pk).update(total=len(ids), done=0, updated_at=timezone.now())

        def progress(done: int) -> None:
            VerdictRun.objects.filter(pk=run.pk).update(done=done, updated_at=timezone.now())

        compute_verdicts(ids, key, progress=progress)
    except Exception:
        logger.exception("verdict run %s failed", run.pk)
        VerdictRun.objects.filter(pk=run.pk).update(status=VerdictRun.Status.FAILED, updated_at=timezone.now())
        raise
    # The planner's statistics of a table that just grew by a province: stale ones made it pick
    # nested loops over 100,000 rows (0.5 s a page instead of 0.01 s) until autovacuum came by.
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {StoredVerdict._meta.db_table}")
    VerdictRun.objects.filter(pk=run.pk).update(status=VerdictRun.Status.DONE, updated_at=timezone.now())
    run.refresh_from_db()
    return run


def verdict_runs_sweep(*, now: datetime.datetime | None = None) -> list[int]:
    """Mark failed the runs whose worker stopped reporting (manage.py sweep_jobs); the page has
    already stopped waiting for them and starts a new run on the next look."""
    cutoff = (now or timezone.now()) - RUN_STALLED_AFTER
    stalled = VerdictRun.objects.filter(
        status__in=[VerdictRun.Status.QUEUED, VerdictRun.Status.RUNNING], updated_at__lt=cutoff
    )
    ids = list(stalled.values_list("pk", flat=True))
    VerdictRun.objects.filter(pk__in=ids).update(status=VerdictRun.Status.FAILED)
    return ids
