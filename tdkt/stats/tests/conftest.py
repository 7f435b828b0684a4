"""A small hand-built world for the statistics (on top of the shared `world` and the commendation
`awards` fixtures), every row made through the services; the expected figures are written out in
the tests.

Records (honour_add, by the province's standing office; Q's by the administrator):
    fin       LĐTT 2023, LĐTT 2024, CSTĐCS 2024, BK_TINH 2024 (revoked)
    fin-ns    LĐTT 2024
    home      LĐTT 2024, BK_TINH 2024
    FIN       TTLĐXS 2024 (collective)
    q         LĐTT 2024, BK_TTG 2024 (the other province)
and GK 2025 for fin from the decision of dossier 1.

Movement (the block's plan of 2022, tdkt.movements' test plan: HOME, FIN, IND take part):
    registration: FIN on time, IND late, HOME none; report of "Sơ kết 6 tháng": FIN on time, IND late, HOME none.

Dossiers of FIN in the 2025 round, their steps dated from 01/03/2025 (day 0 = first sending):
    1  sent 0, returned 2 "Thiếu biên bản họp xét", sent 4, received 10, appraised 20,
       awaiting decision 30, decided 40
    2  sent 0, returned 1 "Thiếu biên bản họp xét"
    3  sent 0, received 4, returned 7 "Thiếu báo cáo thành tích"
"""

import datetime

import pytest
from django.utils import timezone

from conftest import make_user
from tdkt.awards.models import Transition
from tdkt.awards.services.workflow import dossier_act, nominee_appraise
from tdkt.awards.tests.conftest import awards  # noqa: F401 - the commendation fixture, reused
from tdkt.awards.tests.test_flow import _issue, _ready_dossier
from tdkt.movements.services.participation import registration_submit, report_submit
from tdkt.movements.tests.test_participation_views import at, make_plan, pdf
from tdkt.organizations.models import Organization
from tdkt.records.services import honour_add, honour_revoke

D = datetime.date
DAY0 = datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def fake_documents(monkeypatch):
    import tdkt.awards.documents as documents

    monkeypatch.setattr(documents, "decision_files", lambda decision: (b"PK-docx", b"%PDF-1.4 fake"))


def _records(world):
    office, admin, p = world.users["standing_office"], world.users["admin"], world.people
    for person, code, year in [("fin", "LDTT", 2023), ("fin", "LDTT", 2024), ("fin", "CSTDCS", 2024),
                               ("fin-ns", "LDTT", 2024), ("home", "LDTT", 2024), ("home", "BK_TINH", 2024)]:
        honour_add(actor=office, code=code, year=year, person=p[person])
    revoked = honour_add(actor=office, code="BK_TINH", year=2024, person=p["fin"])
    honour_revoke(actor=office, honour=revoked, revoked_on=D(2025, 1, 10), reason="Khai man thành tích")
    honour_add(actor=office, code="TTLDXS", year=2024, organization=world.orgs["FIN"])
    honour_add(actor=admin, code="LDTT", year=2024, person=p["q"])
    honour_add(actor=admin, code="BK_TTG", year=2024, person=p["q"])


def _movement(world):
    plan = make_plan(world)
    fin, ind = world.orgs["FIN"], plan.ind_officer.organization
    Organization.objects.update(leader_signoff=False)  # the units send directly (the sign-off is tested elsewhere)
    with at(D(2022, 3, 1)):
        registration_submit(actor=world.users["unit_officer"], movement=plan.movement, organization=fin,
                            items=[("CO_TINH", "Dẫn đầu Khối")])
    with at(D(2022, 3, 20)):
        registration_submit(actor=plan.ind_officer, movement=plan.movement, organization=ind, items=[("TTLDXS", "")])
    with at(D(2022, 6, 10)):
        report_submit(actor=world.users["unit_officer"], milestone=plan.milestone, organization=fin, upload=pdf())
    with at(D(2022, 6, 20)):
        report_submit(actor=plan.ind_officer, milestone=plan.milestone, organization=ind, upload=pdf(),
                      reason="Chậm tổng hợp số liệu", confirmed=True)
    return plan


def _dated(dossier, days: list[int]):
    """Give the dossier's steps (in their order) the days after DAY0."""
    steps = list(Transition.objects.filter(dossier=dossier).exclude(action="request_signoff").order_by("at", "pk"))
    assert len(steps) == len(days), [(t.from_state, t.to_state) for t in steps]
    for step, day in zip(steps, days, strict=True):
        Transition.objects.filter(pk=step.pk).update(at=DAY0 + datetime.timedelta(days=day))


def _dossiers(a):
    officer, office = a.world.users["unit_officer"], a.world.users["standing_office"]
    one = _ready_dossier(a, "GK_STC")
    one = dossier_act(actor=officer, dossier=one, action="submit")
    one = dossier_act(actor=office, dossier=one, action="return", reason="Thiếu biên bản họp xét")
    one = dossier_act(actor=officer, dossier=one, action="submit")
    one = dossier_act(actor=office, dossier=one, action="receive")
    nominee_appraise(actor=office, nominee=one.nominees.get(), result="accepted")
    one = dossier_act(actor=office, dossier=one, action="appraise")
    one = dossier_act(actor=office, dossier=one, action="send_for_decision")
    _issue(a, one)
    _dated(one, [0, 2, 4, 10, 20, 30, 40])
    two = _ready_dossier(a, "GK_STC")
    two = dossier_act(actor=officer, dossier=two, action="submit")
    dossier_act(actor=office, dossier=two, action="return", reason="Thiếu biên bản họp xét")
    _dated(two, [0, 1])
    three = _ready_dossier(a, "GK_STC")
    three = dossier_act(actor=officer, dossier=three, action="submit")
    three = dossier_act(actor=office, dossier=three, action="receive")
    dossier_act(actor=office, dossier=three, action="return", reason="Thiếu báo cáo thành tích")
    _dated(three, [0, 4, 7])
    return [one, two, three]


@pytest.fixture
def stats_world(awards):  # noqa: F811 - the fixture imported above
    world = awards.world
    _records(world)
    plan = _movement(world)
    dossiers = _dossiers(awards)
    q_office = make_user("thuongtruc_q", "standing_office", world.orgs["Q"])
    assert timezone.is_aware(DAY0)
    return {"world": world, "plan": plan, "dossiers": dossiers, "q_office": q_office}
