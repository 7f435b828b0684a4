"""The unit leader's sign-off of a dossier: the officer puts it before the leader ("Trình lãnh đạo"),
who signs it off and sends it ("Ký duyệt và gửi") or sends it back with a reason ("Trả lại cán
bộ"). Who may do what, by the table, the service, the page and the API; the organisation's switch
(off: the officer sends directly); notices; history and audit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import Api, make_user
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.awards.domain.workflow import Action, Facts, State, TransitionRefused, available, transition
from tdkt.awards.services.workflow import dossier_act
from tdkt.notifications.models import Notification
from tdkt.organizations.models import Organization

from .test_dossier_pages import _ready

READY = Facts(signoff_required=True)
OFF = Facts(signoff_required=False)


# --- the table (pure) -------------------------------------------------------------------------

@pytest.mark.parametrize(("state", "action", "roles", "facts", "target"), [
    (State.DRAFT, Action.REQUEST_SIGNOFF, {"unit_officer"}, READY, State.AWAITING_SIGNOFF),
    (State.RETURNED, Action.REQUEST_SIGNOFF, {"unit_officer"}, READY, State.AWAITING_SIGNOFF),
    (State.AWAITING_SIGNOFF, Action.SIGN_OFF, {"unit_leader"}, READY, State.SUBMITTED),
    (State.DRAFT, Action.SIGN_OFF, {"unit_leader"}, READY, State.SUBMITTED),  # the leader prepared it
    (State.AWAITING_SIGNOFF, Action.SEND_BACK, {"unit_leader"}, READY, State.DRAFT),
    (State.AWAITING_SIGNOFF, Action.RECALL, {"unit_officer"}, READY, State.DRAFT),
    (State.DRAFT, Action.SUBMIT, {"unit_officer"}, OFF, State.SUBMITTED),  # step off: as before
    (State.AWAITING_SIGNOFF, Action.SIGN_OFF, {"unit_leader"}, OFF, State.SUBMITTED),  # switched off meanwhile
])
def test_table_allows(state, action, roles, facts, target):
    assert transition(state, action, roles=roles, facts=facts, reason="Bổ sung biên bản").target == target


@pytest.mark.parametrize(("state", "action", "roles", "facts", "forbidden"), [
    (State.DRAFT, Action.SUBMIT, {"unit_officer"}, READY, False),  # must go through the leader
    (State.DRAFT, Action.SUBMIT, {"unit_leader"}, READY, False),
    (State.AWAITING_SIGNOFF, Action.SIGN_OFF, {"unit_officer"}, READY, True),  # an officer cannot sign off
    (State.AWAITING_SIGNOFF, Action.SEND_BACK, {"unit_officer"}, READY, True),
    (State.AWAITING_SIGNOFF, Action.SIGN_OFF, {"viewer"}, READY, True),
    (State.AWAITING_SIGNOFF, Action.SIGN_OFF, {"standing_office"}, READY, True),
    (State.DRAFT, Action.REQUEST_SIGNOFF, {"unit_officer"}, OFF, False),  # step off: nothing to request
    (State.DRAFT, Action.SIGN_OFF, {"unit_leader"}, OFF, False),
    (State.AWAITING_SIGNOFF, Action.RECEIVE, {"standing_office"}, READY, False),  # not sent yet
    (State.DRAFT, Action.REQUEST_SIGNOFF, {"unit_officer"}, Facts(signoff_required=True, has_nominees=False), False),
])
def test_table_refuses(state, action, roles, facts, forbidden):
    with pytest.raises(TransitionRefused) as refused:
        transition(state, action, roles=roles, facts=facts)
    assert refused.value.forbidden is forbidden


def test_send_back_needs_a_reason():
    with pytest.raises(TransitionRefused):
        transition(State.AWAITING_SIGNOFF, Action.SEND_BACK, roles={"unit_leader"}, facts=READY, reason=" ")


def test_buttons_offered():
    assert available(State.DRAFT, roles={"unit_officer"}, facts=READY) == [Action.REQUEST_SIGNOFF]
    assert available(State.DRAFT, roles={"unit_leader"}, facts=READY) == [Action.SIGN_OFF]
    assert available(State.AWAITING_SIGNOFF, roles={"unit_leader"}, facts=READY) == [
        Action.SIGN_OFF, Action.SEND_BACK, Action.RECALL]
    assert available(State.AWAITING_SIGNOFF, roles={"unit_officer"}, facts=READY) == [Action.RECALL]
    assert available(State.DRAFT, roles={"unit_officer"}, facts=OFF) == [Action.SUBMIT]


# --- the service, with the organisation's switch ------------------------------------------------

@pytest.fixture
def signoff(awards):
    Organization.objects.filter(code="FIN").update(leader_signoff=True)
    return awards


def test_new_organisations_have_the_step_on(db):
    assert Organization(code="X", name="X").leader_signoff is True


def test_officer_submits_to_the_leader_who_sends_back_then_signs_off(signoff):
    a = signoff
    officer, leader = a.world.users["unit_officer"], a.world.users["unit_leader"]
    dossier = _ready(a)
    with pytest.raises(ValidationError):
        dossier_act(actor=officer, dossier=dossier, action="submit")
    dossier = dossier_act(actor=officer, dossier=dossier, action="request_signoff")
    assert dossier.state == State.AWAITING_SIGNOFF
    assert dossier.submitted_at is None  # not sent yet: the office does not see it
    assert Notification.objects.filter(user=leader, text__contains="chờ lãnh đạo ký duyệt").exists()
    with pytest.raises(PermissionDenied):
        dossier_act(actor=officer, dossier=dossier, action="sign_off")
    with pytest.raises(ValidationError):
        dossier_act(actor=leader, dossier=dossier, action="send_back", reason="")
    dossier = dossier_act(actor=leader, dossier=dossier, action="send_back", reason="Thiếu biên bản họp")
    assert dossier.state == State.DRAFT
    assert Notification.objects.filter(user=officer, text__contains="Thiếu biên bản họp").exists()
    dossier = dossier_act(actor=officer, dossier=dossier, action="request_signoff")
    dossier = dossier_act(actor=leader, dossier=dossier, action="sign_off")
    assert dossier.state == State.SUBMITTED
    assert dossier.submitted_at is not None
    steps = list(dossier.transitions.values_list("action", "from_state", "to_state", "actor__username", "reason"))
    assert steps == [
        ("request_signoff", "draft", "awaiting_signoff", "canbo", ""),
        ("send_back", "awaiting_signoff", "draft", "lanhdao", "Thiếu biên bản họp"),
        ("request_signoff", "draft", "awaiting_signoff", "canbo", ""),
        ("sign_off", "awaiting_signoff", "submitted", "lanhdao", ""),
    ]
    audited = AuditEvent.objects.filter(event_type=AuditEventType.DOSSIER_TRANSITION, target_id=str(dossier.pk))
    assert [e.after["action"] for e in audited.order_by("pk")] == [s[0] for s in steps]


def test_leader_of_another_unit_cannot_sign_off(signoff):
    a = signoff
    dossier = dossier_act(actor=a.world.users["unit_officer"], dossier=_ready(a), action="request_signoff")
    other = make_user("lanhdao_noivu", "unit_leader", a.world.orgs["HOME"])
    with pytest.raises(PermissionDenied):
        dossier_act(actor=other, dossier=dossier, action="sign_off")
    # Nor does a leader of a division below the unit sign for it.
    below = make_user("lanhdao_phong", "unit_leader", a.world.orgs["FIN-NS"])
    with pytest.raises(PermissionDenied):
        dossier_act(actor=below, dossier=dossier, action="sign_off")


def test_when_the_step_is_off_the_officer_sends(awards):
    a = awards  # the awards fixture switched it off
    dossier = dossier_act(actor=a.world.users["unit_officer"], dossier=_ready(a), action="submit")
    assert dossier.state == State.SUBMITTED
    with pytest.raises(ValidationError):
        dossier_act(actor=a.world.users["unit_officer"], dossier=_ready(a, title="Hai"), action="request_signoff")


# --- the pages ----------------------------------------------------------------------------------

def _url(name, *args):
    return reverse(f"awards:{name}", args=args)


def test_pages_officer_then_leader_with_the_summary(client, signoff):
    a = signoff
    dossier = _ready(a)
    client.force_login(a.world.users["unit_officer"])
    html = client.get(_url("dossier", dossier.pk)).content.decode()
    assert 'id="action-request_signoff"' in html
    assert 'id="action-submit"' not in html
    assert client.post(_url("dossier_action", dossier.pk, "sign_off")).status_code == 403
    client.post(_url("dossier_action", dossier.pk, "request_signoff"))
    dossier.refresh_from_db()
    assert dossier.state == "awaiting_signoff"
    html = client.get(_url("dossier_signoff", dossier.pk)).content.decode()
    assert 'id="action-sign_off"' not in html  # the officer reads the summary but cannot sign

    client.force_login(a.world.users["unit_leader"])
    html = client.get(_url("dossier", dossier.pk)).content.decode()
    assert 'id="signoff-link"' in html
    html = client.get(_url("dossier_signoff", dossier.pk)).content.decode()
    assert "Nguyễn Văn Đức" in html  # the nominee with the verdict
    assert "Giấy khen của Giám đốc Sở Tài chính" in html  # counted by form
    assert 'id="signoff-money"' in html
    assert 'id="action-sign_off"' in html
    assert 'id="action-send_back"' in html
    client.post(_url("dossier_action", dossier.pk, "send_back"), {"reason": "Sửa tóm tắt thành tích"})
    dossier.refresh_from_db()
    assert dossier.state == "draft"

    client.force_login(a.world.users["unit_officer"])
    html = client.get(_url("dossier", dossier.pk)).content.decode()
    assert 'id="sent-back"' in html
    assert "Sửa tóm tắt thành tích" in html
    client.post(_url("dossier_action", dossier.pk, "request_signoff"))
    client.force_login(a.world.users["unit_leader"])
    client.post(_url("dossier_action", dossier.pk, "sign_off"))
    dossier.refresh_from_db()
    assert dossier.state == "submitted"


def test_pages_viewer_and_other_units(client, signoff):
    a = signoff
    dossier = dossier_act(actor=a.world.users["unit_officer"], dossier=_ready(a), action="request_signoff")
    client.force_login(a.world.users["viewer"])  # a viewer of Sở Nội vụ: does not see FIN's dossier
    assert client.post(_url("dossier_action", dossier.pk, "sign_off")).status_code == 404
    assert client.get(_url("dossier_signoff", dossier.pk)).status_code == 404
    client.force_login(make_user("xem_fin", "viewer", a.world.orgs["FIN"]))  # a viewer of FIN: unit work unseen
    assert client.get(_url("dossier_signoff", dossier.pk)).status_code == 404
    assert client.post(_url("dossier_action", dossier.pk, "sign_off")).status_code == 404
    client.force_login(a.world.users["standing_office"])  # not sent yet: the office does not see it
    assert client.get(_url("dossier", dossier.pk)).status_code == 404
    dossier.refresh_from_db()
    assert dossier.state == "awaiting_signoff"


# --- the API ------------------------------------------------------------------------------------

def test_api_who_may_do_what(client, signoff):
    a = signoff
    dossier = _ready(a)
    path = f"/awards/dossiers/{dossier.pk}/actions/"
    officer, leader = Api(client, a.world.users["unit_officer"]), Api(client, a.world.users["unit_leader"])
    assert officer.post(path + "submit", {}).status_code == 400
    assert officer.get(f"/awards/dossiers/{dossier.pk}").json()["signoff_required"] is True
    body = officer.post(path + "request_signoff", {}).json()
    assert body["state"] == "awaiting_signoff"
    assert [x["action"] for x in body["actions"]] == ["recall"]
    assert officer.post(path + "sign_off", {}).status_code == 403
    other = Api(client, make_user("lanhdao_noivu", "unit_leader", a.world.orgs["HOME"]))
    assert other.post(path + "sign_off", {}).status_code == 404  # another unit's dossier: not found
    assert Api(client, a.world.users["viewer"]).post(path + "sign_off", {}).status_code == 404
    detail = leader.get(f"/awards/dossiers/{dossier.pk}").json()
    assert [x["action"] for x in detail["actions"]] == ["sign_off", "send_back", "recall"]
    assert leader.post(path + "send_back", {"comment": ""}).status_code == 400
    assert leader.post(path + "send_back", {"comment": "Thiếu chữ ký"}).json()["state"] == "draft"
    officer.post(path + "request_signoff", {})
    body = leader.post(path + "sign_off", {}).json()
    assert body["state"] == "submitted"
    assert [t["action"] for t in body["transitions"]] == ["request_signoff", "send_back", "request_signoff",
                                                          "sign_off"]


def test_api_late_sending_needs_confirmation_and_reason(client, signoff):
    import datetime

    from django.utils import timezone

    a = signoff
    a.round.deadline = timezone.localdate() - datetime.timedelta(days=3)
    a.round.save()
    dossier = dossier_act(actor=a.world.users["unit_officer"], dossier=_ready(a), action="request_signoff")
    leader = Api(client, a.world.users["unit_leader"])
    path = f"/awards/dossiers/{dossier.pk}/actions/sign_off"
    assert leader.post(path, {}).status_code == 400
    assert leader.post(path, {"confirmed": True}).status_code == 400
    assert leader.post(path, {"comment": "Đơn vị họp muộn"}).status_code == 400
    body = leader.post(path, {"confirmed": True, "comment": "Đơn vị họp muộn"}).json()
    assert body["state"] == "submitted"
    assert body["transitions"][-1]["reason"] == "Đơn vị họp muộn"
