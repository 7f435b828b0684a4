"""Objections received during the public notice: the standing office resolves each one (once), may
reject the nominee a founded objection concerns, and cannot end the notice while one is open.
Service, page and API."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from conftest import VIETNAMESE, Api, make_user
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.awards.domain.workflow import State
from tdkt.awards.models import Appraisal, Dossier, Objection, Transition
from tdkt.awards.services.dossiers import attachment_add, dossier_create, nominee_add
from tdkt.awards.services.workflow import (
    dossier_act,
    dossier_facts,
    nominee_appraise,
    objection_record,
    objection_resolutions,
    objection_resolve,
)
from tdkt.notifications.models import Notification

from .conftest import PDF

FOUNDED = "Đã xác minh: thành tích năm 2024 kê khai trùng với hồ sơ khác"
ANSWERED = "Đã xác minh, thành tích đúng thực tế; đã trả lời người phản ánh"


def _notice(a, *people, over=False):
    """A dossier of FIN published for objections, one Bằng khen nominee per person key."""
    officer, office = a.world.users["unit_officer"], a.world.users["standing_office"]
    dossier = dossier_create(actor=officer, round=a.round, organization=a.world.orgs["FIN"],
                             title="Tờ trình đề nghị Bằng khen năm 2025")
    for person in people or ("fin",):
        nominee_add(actor=officer, dossier=dossier, award=a.forms["BK_CT"], person=a.world.people[person],
                    achievement="Hoàn thành xuất sắc nhiệm vụ", justification="Đề nghị theo thành tích nổi bật")
    for component in ("to_trinh", "bien_ban", "bao_cao"):
        upload = SimpleUploadedFile(f"{component}.pdf", PDF, content_type="application/pdf")
        attachment_add(actor=officer, dossier=dossier, component=component, upload=upload)
    dossier_act(actor=officer, dossier=dossier, action="submit")
    dossier_act(actor=office, dossier=dossier, action="receive")
    for nominee in dossier.nominees.all():
        nominee_appraise(actor=office, nominee=nominee, result="accepted")
    dossier_act(actor=office, dossier=dossier, action="appraise")
    dossier = dossier_act(actor=office, dossier=dossier, action="publish_notice")
    if over:
        _end_period(dossier)
    return Dossier.objects.get(pk=dossier.pk)


def _end_period(dossier):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Dossier.objects.filter(pk=dossier.pk).update(notice_from=yesterday - datetime.timedelta(days=14),
                                                 notice_until=yesterday)


def _object(a, dossier, nominee=None, text="Thành tích kê khai chưa đúng thực tế"):
    return objection_record(actor=a.world.users["standing_office"], dossier=dossier, text=text,
                            sender="Nguyễn Văn A", nominee=nominee)


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


# Service -----------------------------------------------------------------------------------------


def test_resolve_stores_the_answer_once_with_audit_and_notice_to_the_unit(awards):
    a = awards
    users = a.world.users
    dossier = _notice(a)
    objection = _object(a, dossier)
    assert dossier_facts(dossier).objections_open

    for role in ("unit_officer", "council_member", "approver"):
        with pytest.raises(PermissionDenied, match="xử lý ý kiến phản ánh"):
            objection_resolve(actor=users[role], objection=objection, resolution=ANSWERED)
    with pytest.raises(ValidationError) as blank:
        objection_resolve(actor=users["standing_office"], objection=objection, resolution="   ")
    assert "kết quả xử lý" in _errors(blank)["resolution"][0]
    with pytest.raises(ValidationError) as too_long:
        objection_resolve(actor=users["standing_office"], objection=objection, resolution="x" * 5001)
    assert "5.000" in _errors(too_long)["resolution"][0]
    assert not AuditEvent.objects.filter(event_type=AuditEventType.OBJECTION_RESOLVED).exists()

    unit_inbox = Notification.objects.filter(user=users["unit_officer"]).count()
    resolved = objection_resolve(actor=users["standing_office"], objection=objection, resolution=f"  {ANSWERED} ")
    assert resolved.resolution == ANSWERED
    assert Objection.objects.get(pk=objection.pk).resolution == ANSWERED
    event = AuditEvent.objects.get(event_type=AuditEventType.OBJECTION_RESOLVED)
    assert (event.actor, event.organization, event.target_id) == (users["standing_office"], a.world.orgs["FIN"],
                                                                  str(objection.pk))
    assert event.after["resolution"] == ANSWERED
    assert event.after["rejected_nominee"] is None
    assert objection_resolutions([resolved]) == {objection.pk: event}
    latest = Notification.objects.filter(user=users["unit_officer"]).order_by("-pk").first()
    assert Notification.objects.filter(user=users["unit_officer"]).count() == unit_inbox + 1
    assert ANSWERED in latest.text
    assert latest.url == reverse("awards:dossier", args=[dossier.pk])
    # The nominee stays accepted and the notice may end once its period is over.
    assert dossier.nominees.get().appraisal == Appraisal.ACCEPTED
    assert not dossier_facts(dossier).objections_open

    with pytest.raises(ValidationError) as again:
        objection_resolve(actor=users["admin"], objection=objection, resolution="Trả lời lại")
    assert "đã được xử lý" in _errors(again)["objection"][0]
    assert Objection.objects.get(pk=objection.pk).resolution == ANSWERED
    assert AuditEvent.objects.filter(event_type=AuditEventType.OBJECTION_RESOLVED).count() == 1


def test_a_founded_objection_rejects_its_nominee_with_the_resolution_as_reason(awards, client):
    a = awards
    office = a.world.users["standing_office"]
    dossier = _notice(a, "fin", "fin-ns")
    first, second = dossier.nominees.order_by("pk")
    general = _object(a, dossier, text="Ý kiến chung về danh sách")
    about_first = _object(a, dossier, nominee=first)

    with pytest.raises(ValidationError) as no_nominee:
        objection_resolve(actor=office, objection=general, resolution=FOUNDED, reject_nominee=True)
    assert "reject_nominee" in _errors(no_nominee)
    assert Objection.objects.get(pk=general.pk).resolution == ""

    public = client.get(reverse("public:notice", args=[dossier.pk])).content.decode()
    assert first.person.full_name in public

    objection_resolve(actor=office, objection=about_first, resolution=FOUNDED, reject_nominee=True)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.appraisal, first.appraisal_note) == (Appraisal.REJECTED, FOUNDED)
    assert second.appraisal == Appraisal.ACCEPTED
    event = AuditEvent.objects.get(event_type=AuditEventType.OBJECTION_RESOLVED)
    assert event.after["rejected_nominee"] == str(first.person)
    assert AuditEvent.objects.filter(event_type=AuditEventType.NOMINEE_CHANGED, after__appraisal="rejected").exists()
    # The published list no longer shows the rejected nominee.
    public = client.get(reverse("public:notice", args=[dossier.pk])).content.decode()
    assert first.person.full_name not in public
    assert second.person.full_name in public

    # A second objection on the nominee already rejected cannot reject again.
    again = _object(a, dossier, nominee=first, text="Phản ánh thêm")
    with pytest.raises(ValidationError) as already:
        objection_resolve(actor=office, objection=again, resolution=FOUNDED, reject_nominee=True)
    assert "không được chấp thuận" in _errors(already)["reject_nominee"][0]
    objection_resolve(actor=office, objection=again, resolution="Đã xử lý cùng ý kiến trước")


def test_resolving_only_during_the_notice(awards):
    a = awards
    dossier = _notice(a)
    objection = _object(a, dossier)
    Dossier.objects.filter(pk=dossier.pk).update(state=State.AWAITING_DECISION)
    with pytest.raises(ValidationError) as outside:
        objection_resolve(actor=a.world.users["standing_office"], objection=objection, resolution=ANSWERED)
    assert "đang được công khai" in _errors(outside)["resolution"][0]
    assert Objection.objects.get(pk=objection.pk).resolution == ""


def test_the_notice_cannot_end_while_an_objection_is_open(awards):
    a = awards
    office = a.world.users["standing_office"]
    dossier = _notice(a, over=True)
    objection = _object(a, dossier, nominee=dossier.nominees.get())
    with pytest.raises(ValidationError) as refused:
        dossier_act(actor=office, dossier=dossier, action="close_notice")
    assert "chưa được xử lý" in " ".join(refused.value.messages)
    assert Dossier.objects.get(pk=dossier.pk).state == State.NOTICE
    objection_resolve(actor=office, objection=objection, resolution=ANSWERED)
    with pytest.raises(ValidationError) as unconfirmed:  # ending the notice is confirmed (issue 11, point 4)
        dossier_act(actor=office, dossier=dossier, action="close_notice")
    assert unconfirmed.value.error_dict["action"][0].code == "confirm_close_notice"
    dossier = dossier_act(actor=office, dossier=dossier, action="close_notice", confirmed=True)
    assert dossier.state == State.AWAITING_DECISION


def test_when_objections_reject_everyone_the_dossier_is_closed_instead(awards):
    a = awards
    office = a.world.users["standing_office"]
    dossier = _notice(a)
    objection = _object(a, dossier, nominee=dossier.nominees.get())
    objection_resolve(actor=office, objection=objection, resolution=FOUNDED, reject_nominee=True)
    facts = dossier_facts(dossier)
    assert not facts.any_accepted
    assert not facts.objections_open
    _end_period(dossier)
    with pytest.raises(ValidationError, match="kết thúc hồ sơ không khen thưởng"):
        dossier_act(actor=office, dossier=dossier, action="close_notice")
    dossier = dossier_act(actor=office, dossier=dossier, action="close", reason="Ý kiến phản ánh đúng")
    assert dossier.state == State.CLOSED


# Page --------------------------------------------------------------------------------------------


def _texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_resolve_on_the_dossier_page(awards, client):
    a = awards
    users = a.world.users
    dossier = _notice(a, over=True)
    nominee = dossier.nominees.get()
    general = _object(a, dossier, text="Ý kiến chung về danh sách")
    about = _object(a, dossier, nominee=nominee)
    page = reverse("awards:dossier", args=[dossier.pk])
    url = reverse("awards:objection_resolve", args=[about.pk])
    close_notice = reverse("awards:dossier_action", args=[dossier.pk, "close_notice"])

    client.force_login(users["standing_office"])
    html = client.get(page).content.decode()
    assert url in html
    assert reverse("awards:objection_resolve", args=[general.pk]) in html
    assert f'id="id_resolve{about.pk}_reject_nominee"' in html  # the checkbox where there is a nominee
    assert f'id="id_resolve{general.pk}_reject_nominee"' not in html
    assert f'id="id_resolve{general.pk}_resolution"' in html
    assert close_notice not in html  # not offered while objections are open
    # The approver reads the objections but gets no form.
    client.force_login(users["approver"])
    html = client.get(page).content.decode()
    assert "Ý kiến chung về danh sách" in html
    assert url not in html

    data = {"resolution": FOUNDED, "reject_nominee": "on"}
    for outsider in ("viewer", "nobody"):
        client.force_login(users[outsider])
        assert client.post(url, data).status_code == 404
    client.force_login(users["unit_officer"])
    assert client.post(url, data).status_code == 403
    client.force_login(users["standing_office"])
    assert client.get(url).status_code == 405
    assert client.post(reverse("awards:objection_resolve", args=[999999]), data).status_code == 404
    response = client.post(url, {"resolution": ""})
    assert response.status_code == 302
    assert _texts(response)  # the form's message naming the field
    assert Objection.objects.get(pk=about.pk).resolution == ""

    response = client.post(url, data)
    assert response.url == f"{page}#objection-{about.pk}"
    assert Objection.objects.get(pk=about.pk).resolution == FOUNDED
    nominee.refresh_from_db()
    assert nominee.appraisal == Appraisal.REJECTED
    response = client.post(url, {"resolution": "Lần hai"})  # resolved once
    assert any("đã được xử lý" in t for t in _texts(response))
    assert Objection.objects.get(pk=about.pk).resolution == FOUNDED

    html = client.get(page).content.decode()
    assert FOUNDED in html
    assert url not in html
    assert str(users["standing_office"]) in html  # who resolved it, from the audit
    # The general objection without the checkbox: resolved without touching anyone.
    client.post(reverse("awards:objection_resolve", args=[general.pk]),
                {"resolution": ANSWERED, "reject_nominee": "on"})
    assert Objection.objects.get(pk=general.pk).resolution == ANSWERED
    # Nobody is accepted any more: closing without an award is offered, ending the notice is not.
    html = client.get(page).content.decode()
    assert close_notice not in html
    assert reverse("awards:dossier_action", args=[dossier.pk, "close"]) in html


def test_close_notice_offered_once_every_objection_is_resolved(awards, client):
    a = awards
    dossier = _notice(a, over=True)
    objection = _object(a, dossier)
    client.force_login(a.world.users["standing_office"])
    page = reverse("awards:dossier", args=[dossier.pk])
    close_notice = reverse("awards:dossier_action", args=[dossier.pk, "close_notice"])
    assert close_notice not in client.get(page).content.decode()
    client.post(reverse("awards:objection_resolve", args=[objection.pk]), {"resolution": ANSWERED})
    assert close_notice in client.get(page).content.decode()
    # The button leads to the confirmation page (what ending the notice does); nothing changes yet.
    confirm = client.post(close_notice)
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert 'id="confirm-consequences"' in body
    assert 'name="confirmed" value="1"' in body
    assert Dossier.objects.get(pk=dossier.pk).state == State.NOTICE
    client.post(close_notice, {"confirmed": "1", "reason": "Hết thời hạn công khai, đã trả lời ý kiến"})
    assert Dossier.objects.get(pk=dossier.pk).state == State.AWAITING_DECISION
    step = Transition.objects.filter(dossier=dossier, action="close_notice").get()
    assert step.reason == "Hết thời hạn công khai, đã trả lời ý kiến"


# API ---------------------------------------------------------------------------------------------


def _path(dossier, objection_id) -> str:
    return f"/awards/dossiers/{dossier.pk}/objections/{objection_id}/resolve"


def test_resolve_through_the_api(awards, client):
    a = awards
    users = a.world.users
    dossier = _notice(a, over=True)
    other = _notice(a, "fin-ns")
    nominee = dossier.nominees.get()
    objection = _object(a, dossier, nominee=nominee)
    elsewhere = _object(a, other)
    office = Api(client, users["standing_office"])
    body = {"resolution": FOUNDED, "reject_nominee": True}

    def status(api, path, data):
        response = api.post(path, data)
        if response.status_code >= 400:
            assert VIETNAMESE.search(response.json()["detail"]) or response.status_code == 422, response.json()
        return response

    outsider = Api(client, make_user("canbo-noivu", "unit_officer", a.world.orgs["HOME"]))
    assert status(outsider, _path(dossier, objection.pk), body).status_code == 404
    assert status(Api(client, users["viewer"]), _path(dossier, objection.pk), body).status_code == 404
    assert status(office, _path(dossier, elsewhere.pk), body).status_code == 404  # not this dossier's
    assert status(office, _path(dossier, 987654), body).status_code == 404
    assert status(Api(client, users["unit_officer"]), _path(dossier, objection.pk), body).status_code == 403
    assert status(Api(client, users["council_member"]), _path(dossier, objection.pk), body).status_code == 403
    assert status(office, _path(dossier, objection.pk), {"reject_nominee": True}).status_code == 422
    assert status(office, _path(dossier, objection.pk), {**body, "extra": 1}).status_code == 422
    blank = status(office, _path(dossier, objection.pk), {"resolution": "  "})
    assert blank.status_code == 400
    assert "kết quả xử lý" in blank.json()["errors"]["resolution"][0]
    assert Objection.objects.get(pk=objection.pk).resolution == ""

    # The notice cannot end yet.
    close = office.post(f"/awards/dossiers/{dossier.pk}/actions/close_notice", {"comment": ""})
    assert close.status_code == 400
    assert "chưa được xử lý" in close.json()["detail"]

    response = office.post(_path(dossier, objection.pk), {"resolution": ANSWERED})
    assert response.status_code == 200, response.content.decode()
    assert response.json() == {
        "id": objection.pk, "nominee_id": nominee.pk, "text": objection.text, "sender": "Nguyễn Văn A",
        "resolution": ANSWERED, "recorded_at": response.json()["recorded_at"],
    }
    assert status(office, _path(dossier, objection.pk), {"resolution": "Lần hai"}).status_code == 400
    detail = office.get(f"/awards/dossiers/{dossier.pk}").json()
    assert [o["resolution"] for o in detail["objections"]] == [ANSWERED]
    assert "close_notice" in [x["action"] for x in detail["actions"]]
    unconfirmed = office.post(f"/awards/dossiers/{dossier.pk}/actions/close_notice", {"comment": ""})
    assert unconfirmed.status_code == 400
    assert "hãy xác nhận" in unconfirmed.json()["detail"]
    closed = office.post(f"/awards/dossiers/{dossier.pk}/actions/close_notice", {"comment": "", "confirmed": True})
    assert closed.status_code == 200
    assert closed.json()["state"] == State.AWAITING_DECISION
    # An objection about the whole list names nobody to reject.
    response = office.post(_path(other, elsewhere.pk), {"resolution": ANSWERED, "reject_nominee": True})
    assert response.status_code == 400
    assert "reject_nominee" in response.json()["errors"]


def test_the_openapi_lists_the_resolve_operation(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/awards/dossiers/{dossier_id}/objections/{objection_id}/resolve"]["post"]
    assert {"200", "400", "403", "404", "422"} <= set(operation["responses"])
