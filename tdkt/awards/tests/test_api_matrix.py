"""Every workflow action through `POST /api/v1/awards/dossiers/{id}/actions/{action}`, for every
role, on a dossier prepared in every state (with the services): 200 when the workflow table lets
the role take the action from that state and its guard passes, 403 when the table does not give
the action to the role, 404 when the dossier is out of the caller's scope, 400 when the state or
the guard refuses. The expectations are read from the domain's TABLE and its guards; a few key cells
are also written out by hand below.

Each request runs in a savepoint that is rolled back, so every cell starts from the same dossier.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from conftest import VIETNAMESE, make_user
from conftest import Api as BaseApi
from tdkt.awards.domain.workflow import TABLE, Action, State
from tdkt.awards.models import Dossier
from tdkt.awards.services.decisions import decision_issue
from tdkt.awards.services.dossiers import attachment_add, dossier_create, nominee_add
from tdkt.awards.services.workflow import (
    dossier_act,
    dossier_facts,
    nominee_appraise,
    objection_record,
    objection_resolve,
    vote_record,
)

from .conftest import PDF

USERS = ["admin", "standing_office", "council_member", "approver", "block_head", "unit_officer", "unit_leader",
         "viewer", "nobody", "other_unit_officer"]
# The workflow roles each user holds on a dossier of FIN in the province's round (access.acting_roles).
ROLES = {
    "admin": {"admin"},
    "standing_office": {"standing_office"},
    "council_member": {"council_member"},
    "approver": {"approver"},
    "unit_officer": {"unit_officer"},
    "unit_leader": {"unit_leader"},
}
UNIT_SIDE = {"admin", "unit_officer", "unit_leader"}  # see the unit's drafts
RECEIVING_SIDE = {"standing_office", "council_member", "approver"}  # see it once sent
ACTIONS = [a for a in Action if a not in (Action.DECIDE, Action.FORWARD)]
COMMENT = "Ý kiến kiểm thử"

# Scenario → (the form proposed, the state it ends in)
SCENARIOS = {
    "draft": ("GK_STC", State.DRAFT),
    "draft_incomplete": ("GK_STC", State.DRAFT),
    "submitted": ("GK_STC", State.SUBMITTED),
    "returned": ("GK_STC", State.RETURNED),
    "received": ("GK_STC", State.RECEIVED),
    "received_appraised": ("GK_STC", State.RECEIVED),
    "appraised": ("GK_STC", State.APPRAISED),
    "appraised_ballot": ("CSTDCS", State.APPRAISED),
    "appraised_notice": ("BK_CT", State.APPRAISED),
    "appraised_rejected": ("GK_STC", State.APPRAISED),
    "voting": ("CSTDCS", State.VOTING),
    "voting_complete": ("CSTDCS", State.VOTING),
    "voted": ("CSTDCS", State.VOTED),
    "notice": ("BK_CT", State.NOTICE),
    "notice_over": ("BK_CT", State.NOTICE),
    "notice_over_objection_open": ("BK_CT", State.NOTICE),
    "notice_objection_rejected": ("BK_CT", State.NOTICE),
    "awaiting_decision": ("GK_STC", State.AWAITING_DECISION),
    "decided": ("GK_STC", State.DECIDED),
    "closed": ("GK_STC", State.CLOSED),
}


@pytest.fixture(autouse=True)
def fake_documents(monkeypatch):
    import tdkt.awards.documents as documents

    monkeypatch.setattr(documents, "decision_files", lambda decision: (b"PK-docx", b"%PDF-1.4 fake"))


class Api(BaseApi):
    def act(self, dossier_id, action):
        body = {"comment": COMMENT}
        if action == "close_notice":  # ending the notice is confirmed (refused without: test_objections)
            body["confirmed"] = True
        return self.post(f"/awards/dossiers/{dossier_id}/actions/{action}", body)


def _build(a, scenario: str) -> Dossier:
    code, _ = SCENARIOS[scenario]
    users = a.world.users
    officer, office = users["unit_officer"], users["standing_office"]
    dossier = dossier_create(actor=officer, round=a.round, organization=a.world.orgs["FIN"], title="Hồ sơ kiểm thử")
    nominee = nominee_add(actor=officer, dossier=dossier, award=a.forms[code], person=a.world.people["fin"],
                          justification="Đề nghị theo thành tích nổi bật")
    if scenario != "draft_incomplete":
        for component in ("to_trinh", "bien_ban", "bao_cao"):
            upload = SimpleUploadedFile(f"{component}.pdf", PDF, content_type="application/pdf")
            attachment_add(actor=officer, dossier=dossier, component=component, upload=upload)

    def act(actor, action, reason=""):
        return dossier_act(actor=actor, dossier=dossier, action=action, reason=reason)

    if scenario.startswith("draft"):
        return dossier
    act(officer, "submit")
    if scenario == "submitted":
        return dossier
    if scenario == "returned":
        act(office, "return", "Thiếu chữ ký")
        return dossier
    act(office, "receive")
    if scenario == "received":
        return dossier
    rejected = scenario in ("appraised_rejected", "closed")
    nominee_appraise(actor=office, nominee=nominee, result="rejected" if rejected else "accepted",
                     note="Chưa đủ thành tích" if rejected else "")
    if scenario == "received_appraised":
        return dossier
    act(office, "appraise")
    if scenario.startswith("appraised"):
        return dossier
    if scenario == "closed":
        act(office, "close", "Không ai được chấp thuận")
        return dossier
    if code == "CSTDCS":
        act(office, "open_vote")
        if scenario == "voting":
            return dossier
        nominee.refresh_from_db()
        for member in a.members:
            vote_record(actor=office, nominee=nominee, member=member, vote="yes")
        if scenario == "voting_complete":
            return dossier
        act(office, "close_vote")
        return dossier
    if code == "BK_CT":
        act(office, "publish_notice")
        if scenario.startswith("notice_over"):
            yesterday = timezone.localdate() - datetime.timedelta(days=1)
            Dossier.objects.filter(pk=dossier.pk).update(notice_from=yesterday, notice_until=yesterday)
        if "objection" in scenario:
            objection = objection_record(actor=office, dossier=dossier, text="Thành tích chưa đúng", nominee=nominee)
            if scenario == "notice_objection_rejected":  # founded: nobody left to award
                objection_resolve(actor=office, objection=objection, resolution="Xác minh đúng phản ánh",
                                  reject_nominee=True)
        return dossier
    act(office, "send_for_decision")
    if scenario == "decided":
        decision_issue(actor=users["approver"], dossier=dossier, issuer=a.world.orgs["FIN"],
                       date=datetime.date(2025, 8, 20), signer_name="Hoàng Nam Tiến", signer_title="GIÁM ĐỐC",
                       subject="Về việc tặng Giấy khen", legal_bases="Căn cứ Luật Thi đua, khen thưởng;",
                       symbol="QĐ-STC")
    return dossier


def _expected(user: str, dossier: Dossier, action: Action) -> int:
    """The answer the workflow table (and the selectors' scoping) calls for."""
    visible = user in UNIT_SIDE or (user in RECEIVING_SIDE and dossier.state != State.DRAFT)
    if not visible:
        return 404
    if action in (Action.DECIDE, Action.FORWARD):
        return 400  # they have their own endpoints
    step = next((s for s in TABLE if s.action is action and State(dossier.state) in s.sources), None)
    if step is None:
        return 400
    if not step.roles & ROLES.get(user, set()):
        return 403
    if step.refusal(dossier_facts(dossier)):
        return 400
    return 200


@pytest.fixture
def apis(client, awards):
    users = dict(awards.world.users)
    users["other_unit_officer"] = make_user("canbo-noivu", "unit_officer", awards.world.orgs["HOME"])
    return {name: Api(client, users[name]) for name in USERS}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_action_for_every_role(awards, apis, scenario):
    dossier = _build(awards, scenario)
    dossier.refresh_from_db()
    assert dossier.state == SCENARIOS[scenario][1]
    wrong, allowed = [], []
    for action in [*ACTIONS, Action.DECIDE, Action.FORWARD]:
        for user in USERS:
            expected = _expected(user, dossier, action)
            with transaction.atomic():
                response = apis[user].act(dossier.pk, action.value)
                transaction.set_rollback(True)
            if response.status_code != expected:
                wrong.append((user, action.value, expected, response.status_code, response.content.decode()[:200]))
            elif expected == 200:
                allowed.append((user, action.value))
                assert response.json()["state"] != dossier.state or action is Action.RETURN
            else:
                assert VIETNAMESE.search(response.json()["detail"]), (user, action, response.json())
    assert not wrong, wrong
    dossier.refresh_from_db()
    assert dossier.state == SCENARIOS[scenario][1]  # every cell was rolled back
    if scenario not in ("draft_incomplete", "voting", "notice", "notice_over_objection_open", "awaiting_decision",
                        "decided", "closed"):
        assert allowed, "the scenario should let someone act"


# A few cells written out by hand -----------------------------------------------------------------


def _cell(apis, dossier, user, action):
    with transaction.atomic():
        response = apis[user].act(dossier.pk, action)
        transaction.set_rollback(True)
    return response.status_code


def test_key_cells(awards, apis):
    submitted = _build(awards, "submitted")
    assert _cell(apis, submitted, "unit_officer", "receive") == 403
    assert _cell(apis, submitted, "council_member", "receive") == 403
    assert _cell(apis, submitted, "approver", "return") == 403
    assert _cell(apis, submitted, "standing_office", "receive") == 200
    assert _cell(apis, submitted, "unit_leader", "recall") == 200
    assert _cell(apis, submitted, "standing_office", "recall") == 403
    assert _cell(apis, submitted, "viewer", "recall") == 404
    assert _cell(apis, submitted, "other_unit_officer", "recall") == 404
    assert _cell(apis, submitted, "unit_officer", "submit") == 400  # already sent
    returned = _build(awards, "returned")
    assert _cell(apis, returned, "standing_office", "submit") == 403
    assert _cell(apis, returned, "unit_officer", "submit") == 200
    assert _cell(apis, returned, "viewer", "submit") == 404
    draft = _build(awards, "draft")
    assert _cell(apis, draft, "standing_office", "submit") == 404  # the office does not see drafts
    assert _cell(apis, draft, "unit_officer", "receive") == 400  # nothing to receive yet
    received = _build(awards, "received")
    assert _cell(apis, received, "standing_office", "appraise") == 400  # a nominee is not appraised
    # An objection left open keeps the notice from ending; once it rejected the only nominee, the
    # notice cannot end towards a decision either, but the dossier can be closed without an award.
    assert _cell(apis, _build(awards, "notice_over"), "standing_office", "close_notice") == 200
    assert _cell(apis, _build(awards, "notice_over_objection_open"), "standing_office", "close_notice") == 400
    rejected = _build(awards, "notice_objection_rejected")
    assert _cell(apis, rejected, "standing_office", "close_notice") == 400
    assert _cell(apis, rejected, "standing_office", "close") == 200
