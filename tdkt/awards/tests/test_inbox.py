"""Commendation in the inbox and its hand-over notices: sending a dossier tells the standing office
and puts it in their inbox; a ballot opened reaches the council member; a dossier sent for decision
reaches the approver; the unit hears of the notice and the decision. Scoped, and a bounded number
of queries whatever the number of dossiers."""

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.awards.domain.workflow import State
from tdkt.awards.models import Dossier
from tdkt.awards.services.dossiers import attachment_add, dossier_create, nominee_add
from tdkt.awards.services.workflow import dossier_act, nominee_appraise
from tdkt.notifications.inbox import inbox_for
from tdkt.notifications.models import Notification

from .conftest import PDF


def _ready(a, code="GK_STC", org="FIN", person="fin", title="Tờ trình đề nghị khen thưởng năm 2025"):
    officer = a.world.users["unit_officer"] if org == "FIN" else a.world.users["admin"]
    dossier = dossier_create(actor=officer, round=a.round, organization=a.world.orgs[org], title=title)
    nominee_add(actor=officer, dossier=dossier, award=a.forms[code], person=a.world.people[person],
                achievement="Hoàn thành xuất sắc nhiệm vụ", justification="Theo thành tích nổi bật")
    for component in ("to_trinh", "bien_ban", "bao_cao"):
        upload = SimpleUploadedFile(f"{component}.pdf", PDF, content_type="application/pdf")
        attachment_add(actor=officer, dossier=dossier, component=component, upload=upload)
    return dossier


def kinds(user) -> dict[str, int]:
    return {i.kind: i.count for i in inbox_for(user)}


def told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("pk").values_list("text", flat=True))


def test_sending_tells_the_standing_office_and_fills_its_inbox(client, awards, django_capture_on_commit_callbacks):
    a = awards
    office, officer = a.world.users["standing_office"], a.world.users["unit_officer"]
    office.email = "thuongtruc@example.vn"
    office.save(update_fields=["email"])
    dossier = _ready(a)
    assert "dossier_to_receive" not in kinds(office)
    assert kinds(officer)["dossier_draft"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        dossier_act(actor=officer, dossier=dossier, action="submit")
    [text] = told(office)
    assert "Sở Tài chính" in text
    assert "chờ tiếp nhận" in text
    assert [m.to for m in mail.outbox] == [["thuongtruc@example.vn"]]  # at once: the default
    assert kinds(office)["dossier_to_receive"] == 1
    client.force_login(office)
    page = client.get(reverse("notifications:list"))
    assert text in page.text
    assert "Bạn không có thông báo nào" not in page.text
    home = client.get(reverse("home"))
    assert f'href="{reverse("awards:dossier", args=[dossier.pk])}"' in home.text  # one dossier: its page


def test_every_hand_over_reaches_whoever_acts_next(awards):
    a = awards
    users = a.world.users
    officer, office = users["unit_officer"], users["standing_office"]
    dossier = _ready(a, "CSTDCS")  # needs the council's ballot
    dossier_act(actor=officer, dossier=dossier, action="submit")
    dossier = dossier_act(actor=office, dossier=dossier, action="return", reason="Thiếu biên bản")
    assert kinds(officer)["dossier_returned"] == 1
    assert "Thiếu biên bản" in told(officer)[-1]
    dossier_act(actor=officer, dossier=dossier, action="submit")
    dossier = dossier_act(actor=office, dossier=dossier, action="receive")
    assert kinds(office)["dossier_to_appraise"] == 1
    nominee_appraise(actor=office, nominee=dossier.nominees.get(), result="accepted")
    dossier_act(actor=office, dossier=dossier, action="appraise")
    member = users["council_member"]
    assert "ballot_to_cast" not in kinds(member)
    dossier_act(actor=office, dossier=dossier, action="open_vote")
    assert "mời đồng chí bỏ phiếu" in told(member)[-1]
    assert kinds(member) == {"ballot_to_cast": 1}
    assert "ballot_to_cast" not in kinds(officer)


def test_sent_for_decision_reaches_the_approver(awards):
    a = awards
    officer, office, approver = (a.world.users[r] for r in ("unit_officer", "standing_office", "approver"))
    dossier = _ready(a)
    dossier_act(actor=officer, dossier=dossier, action="submit")
    dossier = dossier_act(actor=office, dossier=dossier, action="receive")
    nominee_appraise(actor=office, nominee=dossier.nominees.get(), result="accepted")
    dossier = dossier_act(actor=office, dossier=dossier, action="appraise")
    assert kinds(office)["dossier_to_vote"] == 1
    dossier_act(actor=office, dossier=dossier, action="send_for_decision")
    assert "chờ ban hành quyết định" in told(approver)[-1]
    assert kinds(approver) == {"dossier_to_decide": 1}
    assert "dossier_to_vote" not in kinds(office)


def test_inboxes_are_scoped(awards):
    a = awards
    users = a.world.users
    theirs = _ready(a, org="HOME", person="home", title="Hồ sơ của Sở Nội vụ")
    dossier_act(actor=users["admin"], dossier=theirs, action="submit")
    dossier_act(actor=users["standing_office"], dossier=theirs, action="return", reason="Thiếu")
    ours = _ready(a)
    assert kinds(users["unit_officer"]) == {"dossier_draft": 1}  # not Sở Nội vụ's returned dossier
    assert kinds(users["viewer"]) == {}
    assert "dossier_returned" not in kinds(users["unit_leader"])
    dossier_act(actor=users["unit_officer"], dossier=ours, action="submit")
    assert kinds(users["standing_office"]) == {"dossier_to_receive": 1}
    assert Dossier.objects.filter(state=State.RETURNED).count() == 1


def test_inbox_reads_a_bounded_number_of_queries(awards, django_assert_max_num_queries):
    a = awards
    users = a.world.users
    _ready(a)
    roles = ["admin", "standing_office", "council_member", "approver", "block_head", "unit_officer", "viewer"]
    for role in roles:
        inbox_for(users[role])  # the role grants are read once and kept on the user
    with django_assert_max_num_queries(60) as few:
        for role in roles:
            inbox_for(users[role])
    for i in range(12):
        dossier = _ready(a, title=f"Hồ sơ {i}")
        dossier_act(actor=users["unit_officer"], dossier=dossier, action="submit")
    with django_assert_max_num_queries(len(few.captured_queries)):
        for role in roles:
            inbox_for(users[role])
    assert kinds(users["standing_office"])["dossier_to_receive"] == 12


def test_the_leader_signs_off_what_the_officer_prepared(awards):
    a = awards
    officer, leader, office = (a.world.users[r] for r in ("unit_officer", "unit_leader", "standing_office"))
    fin = a.world.orgs["FIN"]
    fin.leader_signoff = True
    fin.save(update_fields=["leader_signoff"])
    dossier = _ready(a)
    dossier = dossier_act(actor=officer, dossier=dossier, action="request_signoff")
    assert kinds(leader) == {"dossier_to_sign_off": 1}
    assert "dossier_draft" not in kinds(officer)
    assert "dossier_to_receive" not in kinds(office)
    dossier_act(actor=leader, dossier=dossier, action="sign_off")
    assert "dossier_to_sign_off" not in kinds(leader)
    assert kinds(office) == {"dossier_to_receive": 1}
    assert "chờ tiếp nhận" in told(office)[-1]


def test_a_dossier_the_leader_sent_back_is_its_own_item_for_the_officer(awards, django_assert_max_num_queries):
    """The officer sees what the leader sent back apart from the drafts being prepared, so the leader's
    reason is acted on; putting it before the leader again takes it out of both."""
    from tdkt.organizations.models import Organization

    a = awards
    Organization.objects.filter(code="FIN").update(leader_signoff=True)
    officer, leader = a.world.users["unit_officer"], a.world.users["unit_leader"]
    dossier = _ready(a)
    _ready(a, title="Tờ trình thứ hai")
    assert kinds(officer) == {"dossier_draft": 2}
    dossier = dossier_act(actor=officer, dossier=dossier, action="request_signoff")
    assert kinds(leader)["dossier_to_sign_off"] == 1
    dossier_act(actor=leader, dossier=dossier, action="send_back", reason="Bổ sung báo cáo thành tích")
    with django_assert_max_num_queries(16):  # every provider of the inbox, not only this one
        items = {i.kind: i for i in inbox_for(officer)}
    assert items["dossier_sent_back"].count == 1
    assert items["dossier_sent_back"].url == reverse("awards:dossier", args=[dossier.pk])
    assert items["dossier_draft"].count == 1  # the other draft only
    dossier.refresh_from_db()
    dossier_act(actor=officer, dossier=dossier, action="request_signoff")
    assert "dossier_sent_back" not in kinds(officer)
