"""The unit's dossier pages: create a dossier in a round, add nominees (the eligibility verdict at
once; an ineligible nominee only with a justification), attach the components, send it; the office
returns it with a reason, the unit resubmits. Who sees what (404) and who may press which workflow
button (a role × state × action matrix over the page)."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import make_user
from tdkt.awards.domain.workflow import State
from tdkt.awards.models import Attachment, Dossier, Nominee, Transition
from tdkt.awards.services.dossiers import attachment_add, dossier_create, nominee_add
from tdkt.awards.services.workflow import dossier_act

from .conftest import PDF

COMPONENTS = ("to_trinh", "bien_ban", "bao_cao")


def _url(name, *args):
    return reverse(f"awards:{name}", args=args)


def _as(client, user):
    client.force_login(user)
    return client


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _ready(a, **create):
    """A draft of FIN with one GK_STC nominee and the three components, built with the services."""
    officer = a.world.users["unit_officer"]
    dossier = dossier_create(actor=officer, round=a.round, organization=a.world.orgs["FIN"],
                             title=create.get("title", "Tờ trình đề nghị khen thưởng năm 2025"))
    nominee_add(actor=officer, dossier=dossier, award=a.forms["GK_STC"], person=a.world.people["fin"])
    for component in COMPONENTS:
        attachment_add(actor=officer, dossier=dossier, component=component, upload=_pdf(f"{component}.pdf"))
    return dossier


def _in_state(a, state: str) -> Dossier:
    dossier = _ready(a)
    if state in ("submitted", "received"):
        dossier = dossier_act(actor=a.world.users["unit_officer"], dossier=dossier, action="submit")
    if state == "received":
        dossier = dossier_act(actor=a.world.users["standing_office"], dossier=dossier, action="receive")
    return dossier


def test_unit_prepares_sends_office_returns_unit_resubmits(client, awards):
    a = awards
    officer, office = a.world.users["unit_officer"], a.world.users["standing_office"]
    fin, fin_ns = a.world.people["fin"], a.world.people["fin-ns"]
    _as(client, officer)

    page = client.get(_url("round", a.round.pk))
    assert page.status_code == 200
    assert _url("dossier_new") + f"?round={a.round.pk}" in page.content.decode()

    new_url = _url("dossier_new") + f"?round={a.round.pk}"
    assert client.get(new_url).status_code == 200
    response = client.post(new_url, {"organization": a.world.orgs["FIN"].pk, "title": "Tờ trình số 12/TTr-STC"})
    dossier = Dossier.objects.get(title="Tờ trình số 12/TTr-STC")
    assert response.status_code == 302
    assert response["Location"] == _url("dossier", dossier.pk)
    assert dossier.state == State.DRAFT
    assert dossier.organization == a.world.orgs["FIN"]

    # GK_STC: the engine finds no unmet condition for a Giấy khen: added without justification.
    response = client.post(_url("nominee_add", dossier.pk), {
        "person": fin.pk, "award": a.forms["GK_STC"].pk, "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2025",
    })
    assert response.status_code == 302
    gk = Nominee.objects.get(dossier=dossier, person=fin)
    assert gk.eligible is not False
    assert gk.eligibility["verdict"] in ("eligible", "unsupported")
    assert gk.justification == ""

    # CSTDCS for a person without any rating: ineligible → refused without a justification.
    cstdcs = {"person": fin_ns.pk, "award": a.forms["CSTDCS"].pk, "achievement": "Sáng kiến cải tiến quy trình"}
    response = client.post(_url("nominee_add", dossier.pk), cstdcs)
    assert response.status_code == 200
    html = response.content.decode()
    assert "chưa đủ điều kiện" in html
    assert "phải ghi rõ lý do" in html
    assert "Sáng kiến cải tiến quy trình" in html  # the input is kept
    assert not Nominee.objects.filter(person=fin_ns).exists()
    response = client.post(_url("nominee_add", dossier.pk), {**cstdcs, "justification": "Lập thành tích đột xuất"})
    assert response.status_code == 302
    nominee = Nominee.objects.get(person=fin_ns)
    assert nominee.eligible is False
    assert nominee.justification == "Lập thành tích đột xuất"
    html = client.get(_url("dossier", dossier.pk)).content.decode()
    assert "Lập thành tích đột xuất" in html
    assert "✗" in html  # the failed conditions are listed
    assert 'id="action-submit"' not in html  # the components are missing: nothing to send yet

    for component in COMPONENTS:
        response = client.post(_url("attachment_add", dossier.pk),
                               {"component": component, "file": _pdf(f"{component}.pdf")})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert dossier.attachments.count() == 3
    html = client.get(_url("dossier", dossier.pk)).content.decode()
    assert 'id="action-submit"' in html
    assert _url("attachment", dossier.attachments.first().pk) in html

    response = client.post(_url("dossier_action", dossier.pk, "submit"))
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED

    # The standing office sees it and returns it with a reason.
    _as(client, office)
    assert client.get(_url("dossiers")).content.decode().count(_url("dossier", dossier.pk)) == 1
    html = client.get(_url("dossier", dossier.pk)).content.decode()
    assert 'id="action-return"' in html
    assert 'id="action-receive"' in html
    assert 'id="action-recall"' not in html
    response = client.post(_url("dossier_action", dossier.pk, "return"), {"reason": ""})
    assert response.status_code == 302
    assert _messages(response)
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    client.post(_url("dossier_action", dossier.pk, "return"), {"reason": "Thiếu biên bản họp Hội đồng cơ sở"})
    dossier.refresh_from_db()
    assert dossier.state == State.RETURNED

    # The unit reads the reason in the history and resubmits.
    _as(client, officer)
    html = client.get(_url("dossier", dossier.pk)).content.decode()
    assert "Thiếu biên bản họp Hội đồng cơ sở" in html
    assert 'id="history"' in html
    client.post(_url("dossier_action", dossier.pk, "submit"))
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    assert list(Transition.objects.filter(dossier=dossier).values_list("to_state", flat=True)) == [
        "submitted", "returned", "submitted"]
    # Sent: the unit can no longer add or remove anything.
    response = client.post(_url("nominee_delete", gk.pk))
    assert response.status_code == 302
    assert Nominee.objects.filter(pk=gk.pk).exists()


def test_other_users_and_units_get_not_found(client, awards, world):
    a = awards
    dossier = _in_state(a, "submitted")
    attachment = dossier.attachments.first()
    home_officer = make_user("canbo_noivu", "unit_officer", world.orgs["HOME"])
    q_officer = make_user("canbo_q", "standing_office", world.orgs["Q"])
    for user in (world.users["viewer"], q_officer, home_officer, world.users["nobody"], world.users["block_head"]):
        _as(client, user)
        assert client.get(_url("dossier", dossier.pk)).status_code == 404, user
        assert client.get(_url("attachment", attachment.pk)).status_code == 404, user
        assert client.post(_url("dossier_action", dossier.pk, "recall")).status_code == 404, user
        assert client.post(_url("attachment_delete", attachment.pk)).status_code == 404, user
        assert client.post(_url("nominee_delete", dossier.nominees.first().pk)).status_code == 404, user
        assert _url("dossier", dossier.pk) not in client.get(_url("dossiers")).content.decode()
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    assert dossier.attachments.count() == 3


def test_office_does_not_see_drafts(client, awards):
    dossier = _ready(awards)
    _as(client, awards.world.users["standing_office"])
    assert client.get(_url("dossier", dossier.pk)).status_code == 404


def test_attachment_download_is_a_private_attachment(client, awards):
    dossier = _ready(awards)
    attachment = dossier.attachments.get(component="to_trinh")
    response = _as(client, awards.world.users["unit_leader"]).get(_url("attachment", attachment.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert "no-store" in response["Cache-Control"]


def test_html_named_pdf_is_refused_and_files_can_be_removed(client, awards):
    dossier = _ready(awards)
    _as(client, awards.world.users["unit_officer"])
    fake = SimpleUploadedFile("bao-cao.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(_url("attachment_add", dossier.pk), {"component": "bao_cao", "file": fake})
    assert response.status_code == 200
    assert 'id="attachment-form"' in response.content.decode()
    assert "invalid-feedback" in response.content.decode()
    assert dossier.attachments.count() == 3
    attachment = dossier.attachments.get(component="bien_ban")
    response = client.post(_url("attachment_delete", attachment.pk))
    assert response.status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    html = client.get(_url("dossier", dossier.pk)).content.decode()
    assert 'id="component-bien_ban"' in html
    assert "table-warning" in html


def test_collective_nominee_and_people_search(client, awards, world):
    dossier = _ready(awards)
    _as(client, world.users["unit_officer"])
    html = client.get(_url("dossier", dossier.pk) + "?q=hoa").content.decode()
    assert "Trần Thị Hoa" in html
    assert "Nguyễn Văn Đức" not in html.split('id="nominee-form"')[1].split("</form>")[0]
    assert "Lê Minh Đạt" not in html  # HOME's people are not FIN's to propose
    response = client.post(_url("nominee_add", dossier.pk), {
        "collective": world.orgs["FIN-NS"].pk, "award": awards.forms["GK_STC"].pk})
    assert response.status_code == 302
    assert dossier.nominees.filter(collective=world.orgs["FIN-NS"]).exists()
    response = client.post(_url("nominee_add", dossier.pk), {
        "person": world.people["home"].pk, "award": awards.forms["GK_STC"].pk})
    assert response.status_code == 200  # not a choice of FIN's
    assert not dossier.nominees.filter(person=world.people["home"]).exists()


ROLES = ["unit_officer", "unit_leader", "standing_office", "council_member", "approver", "viewer", "admin"]
UNIT = {"unit_officer", "unit_leader", "admin"}
OFFICE = {"standing_office", "admin"}
AUTHORITY = {"standing_office", "council_member", "approver", "admin"}
# (state, action) → (roles allowed, the state it moves to); a visible user without the role gets 403.
STEPS = {
    ("draft", "submit"): (UNIT, "submitted"),
    ("submitted", "recall"): (UNIT, "draft"),
    ("submitted", "receive"): (OFFICE, "received"),
    ("submitted", "return"): (OFFICE, "returned"),
    ("received", "return"): (OFFICE, "returned"),
}


def _expected(state, action, role):
    visible = role in UNIT or (role in AUTHORITY and state != "draft")
    if not visible:
        return "hidden", state
    if (state, action) not in STEPS:
        return "refused", state
    roles, target = STEPS[(state, action)]
    return ("done", target) if role in roles else ("forbidden", state)


@pytest.mark.parametrize("state", ["draft", "submitted", "received"])
@pytest.mark.parametrize("action", ["submit", "recall", "receive", "return"])
def test_workflow_matrix_over_the_page(client, awards, state, action):
    for role in ROLES:
        dossier = _in_state(awards, state)
        expected, target = _expected(state, action, role)
        response = _as(client, awards.world.users[role]).post(
            _url("dossier_action", dossier.pk, action), {"reason": "Hồ sơ chưa đúng mẫu"})
        dossier.refresh_from_db()
        case = (state, action, role, expected)
        assert dossier.state == target, case
        if expected == "hidden":
            assert response.status_code == 404, case
        elif expected == "forbidden":
            assert response.status_code == 403, case
        elif expected == "refused":
            assert response.status_code == 302, case
            assert _messages(response), case
        else:
            assert response.status_code == 302, case
            assert Transition.objects.filter(dossier=dossier, to_state=target, actor=awards.world.users[role]).exists()
        dossier.delete()


def test_a_dossier_sent_after_the_deadline_is_marked_late(client, awards):
    import datetime

    from django.utils import timezone

    a = awards
    a.round.deadline = timezone.localdate() - datetime.timedelta(days=1)
    a.round.save()
    dossier = _ready(a)
    # Sending after the deadline first shows a confirmation page (no JavaScript): what is late, what
    # will happen, and a required reason; only the confirmed post with a reason sends it.
    _as(client, a.world.users["unit_officer"])
    page = client.post(_url("dossier_action", dossier.pk, "submit"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="confirm-step"' in html
    assert 'name="reason"' in html
    dossier.refresh_from_db()
    assert dossier.state == "draft"
    assert client.post(_url("dossier_action", dossier.pk, "submit"), {"confirmed": "1"}).status_code == 400
    client.post(_url("dossier_action", dossier.pk, "submit"), {"confirmed": "1", "reason": "Chờ biên bản họp"})
    dossier.refresh_from_db()
    assert dossier.state == "submitted"
    assert dossier.sent_late
    assert dossier.transitions.last().reason == "Chờ biên bản họp"
    from tdkt.audit.models import AuditEvent, AuditEventType
    event = AuditEvent.objects.filter(event_type=AuditEventType.DOSSIER_TRANSITION).latest("pk")
    assert event.after["late"] is True
    assert event.after["reason"] == "Chờ biên bản họp"
    _as(client, a.world.users["standing_office"])
    assert 'id="dossier-late"' in client.get(_url("dossier", dossier.pk)).content.decode()
    assert "sau hạn" in client.get(_url("dossiers")).content.decode()
    # Sent on the deadline day: on time.
    a.round.deadline = timezone.localdate()
    a.round.save()
    dossier.refresh_from_db()
    assert not dossier.sent_late
    assert 'id="dossier-late"' not in client.get(_url("dossier", dossier.pk)).content.decode()
    assert "sau hạn" not in client.get(_url("dossiers")).content.decode()
