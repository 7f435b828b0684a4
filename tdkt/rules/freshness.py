"""Keeps stored verdicts honest: every change to a fact the engine reads about a person moves that
person's PersonFactsStamp forward, so a verdict computed before it stops counting (stored.py).

Model signals catch single saves and deletes; bulk writers send records.signals.facts_changed. The
stamp is written inside the writer's transaction (it cannot be lost if the process dies after the
commit) and again when that transaction commits: a background run that read the facts just before
the commit has a computed_at earlier than the commit, so its row is stale rather than wrongly current.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from tdkt.organizations.models import Person
from tdkt.records.models import AnnualRating, DisciplineRecord, HonourRecord, Initiative, ReviewFlag
from tdkt.records.signals import facts_changed

from .models import PersonFactsStamp

FACT_MODELS = (AnnualRating, HonourRecord, Initiative, DisciplineRecord, ReviewFlag)
BATCH = 2000


def stamp(person_ids) -> None:
    ids = sorted(set(person_ids))
    now = timezone.now()
    for start in range(0, len(ids), BATCH):
        PersonFactsStamp.objects.bulk_create(
            [PersonFactsStamp(person_id=pk, changed_at=now) for pk in ids[start : start + BATCH]],
            update_conflicts=True,
            unique_fields=["person"],
            update_fields=["changed_at"],
        )


def people_changed(person_ids) -> None:
    ids = {pk for pk in person_ids if pk is not None}
    if not ids:
        return
    stamp(ids)
    transaction.on_commit(lambda: stamp(ids))


def _on_fact_saved(sender, instance, **kwargs):
    if getattr(instance, "person_id", None) is not None and not kwargs.get("raw"):
        people_changed([instance.person_id])


def _on_person_saved(sender, instance, created, **kwargs):
    # Sex and the service start are facts too (the years of service and long-service bases read them).
    if not created and not kwargs.get("raw"):
        people_changed([instance.pk])


def _on_facts_changed(sender, person_ids, **kwargs):
    people_changed(person_ids)


def connect() -> None:
    for model in FACT_MODELS:
        post_save.connect(_on_fact_saved, sender=model, dispatch_uid=f"rules-stamp-save-{model.__name__}")
        post_delete.connect(_on_fact_saved, sender=model, dispatch_uid=f"rules-stamp-delete-{model.__name__}")
    post_save.connect(_on_person_saved, sender=Person, dispatch_uid="rules-stamp-person")
    facts_changed.connect(_on_facts_changed, dispatch_uid="rules-stamp-bulk")
