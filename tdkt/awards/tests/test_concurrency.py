"""Two actions on one dossier at the same moment cannot both succeed: each workflow step locks the
dossier's row, so the second sees the new state and the table refuses it. On SQLite (no row locks)
the loser may instead fail with "database is locked"; either way exactly one step is recorded."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection

from tdkt.awards.domain.workflow import State
from tdkt.awards.models import Dossier, Transition
from tdkt.awards.services.dossiers import attachment_add, dossier_create, nominee_add
from tdkt.awards.services.workflow import dossier_act

from .conftest import PDF

pytestmark = pytest.mark.django_db(transaction=True)


def _submitted(a) -> Dossier:
    officer = a.world.users["unit_officer"]
    dossier = dossier_create(actor=officer, round=a.round, organization=a.world.orgs["FIN"], title="Hồ sơ đồng thời")
    nominee_add(actor=officer, dossier=dossier, award=a.forms["GK_STC"], person=a.world.people["fin"],
                justification="Thành tích nổi bật")
    for component in ("to_trinh", "bien_ban", "bao_cao"):
        attachment_add(actor=officer, dossier=dossier, component=component,
                       upload=SimpleUploadedFile(f"{component}.pdf", PDF, content_type="application/pdf"))
    return dossier_act(actor=officer, dossier=dossier, action="submit")


def _race(steps) -> list:
    """Run each (actor, dossier, action) in its own thread, released together; their outcomes."""
    barrier = threading.Barrier(len(steps))
    outcomes = [None] * len(steps)

    def run(i, actor, dossier, action):
        try:
            barrier.wait(timeout=30)
            dossier_act(actor=actor, dossier=dossier, action=action)
            outcomes[i] = "ok"
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, *step)) for i, step in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    return outcomes


def _loser_is_refused(outcomes) -> None:
    assert outcomes.count("ok") == 1, outcomes
    [loser] = [o for o in outcomes if o != "ok"]
    if connection.vendor == "sqlite":
        assert isinstance(loser, ValidationError | OperationalError), repr(loser)
    else:
        assert isinstance(loser, ValidationError), repr(loser)


def test_two_simultaneous_receives_only_one_succeeds(awards):
    dossier = _submitted(awards)
    office = awards.world.users["standing_office"]
    outcomes = _race([(office, Dossier.objects.get(pk=dossier.pk), "receive"),
                      (office, Dossier.objects.get(pk=dossier.pk), "receive")])
    _loser_is_refused(outcomes)
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED
    assert Transition.objects.filter(dossier=dossier, action="receive").count() == 1


def test_recall_and_receive_at_once_only_one_succeeds(awards):
    dossier = _submitted(awards)
    users = awards.world.users
    outcomes = _race([(users["unit_officer"], Dossier.objects.get(pk=dossier.pk), "recall"),
                      (users["standing_office"], Dossier.objects.get(pk=dossier.pk), "receive")])
    _loser_is_refused(outcomes)
    dossier.refresh_from_db()
    done = Transition.objects.filter(dossier=dossier, action__in=["recall", "receive"])
    assert done.count() == 1
    assert dossier.state == {"recall": State.DRAFT, "receive": State.RECEIVED}[done.get().action]
