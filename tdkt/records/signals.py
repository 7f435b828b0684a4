"""`facts_changed`: the facts the eligibility engine reads about some people changed.

Saving or deleting one rating, title, initiative, discipline record or review flag through the ORM
is seen by the model signals; writers that bypass them (bulk inserts, queryset updates: the records
importer, issuing or revoking a decision, the demo history) send this signal with the people they
touched, so that verdicts computed before (tdkt/rules/stored.py) are not shown as current. Sent
inside the writer's transaction."""

from collections.abc import Iterable

from django.dispatch import Signal

facts_changed = Signal()  # kwargs: person_ids (an iterable of ints)


def send_facts_changed(*, sender, person_ids: Iterable[int | None]) -> None:
    ids = {pk for pk in person_ids if pk is not None}
    if ids:
        facts_changed.send(sender=sender, person_ids=ids)
