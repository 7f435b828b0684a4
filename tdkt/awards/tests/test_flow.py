"""The services end to end: propose, return, resubmit, appraise, vote, notice, decide, revoke."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.awards.domain.workflow import State
from tdkt.awards.models import Awardee, Dossier, Transition
from tdkt.awards.services import decisions as decision_services
from tdkt.awards.services.decisions import decision_issue, decision_revoke
from tdkt.awards.services.dossiers import attachment_add, dossier_create, nominee_add
from tdkt.awards.services.workflow import dossier_act, nominee_appraise, vote_record
from tdkt.records.models import HonourRecord

from .conftest import PDF


@pytest.fixture(autouse=True)
def fake_documents(monkeypatch):
    import tdkt.awards.documents as documents

    monkeypatch.setattr(documents, "decision_files", lambda decision: (b"PK-docx", b"%PDF-1.4 fake"))


def _pdf(name="to-trinh.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _ready_dossier(a, *codes):
    officer = a.world.users["unit_officer"]
    dossier = dossier_create(actor=officer, round=a.round, organization=a.world.orgs["FIN"],
                             title="Tờ trình đề nghị khen thưởng năm 2025")
    for code in codes:
        nominee_add(actor=officer, dossier=dossier, award=a.forms[code], person=a.world.people["fin"],
                    achievement="Hoàn thành xuất sắc nhiệm vụ", justification="Đề nghị theo thành tích nổi bật")
    for component in ("to_trinh", "bien_ban", "bao_cao"):
        attachment_add(actor=officer, dossier=dossier, component=component, upload=_pdf(f"{component}.pdf"))
    return dossier


def _issue(a, dossier, issuer_code="FIN"):
    return decision_issue(
        actor=a.world.users["approver"], dossier=dossier, issuer=a.world.orgs[issuer_code],
        date=datetime.date(2025, 8, 20), signer_name="Hoàng Nam Tiến", signer_title="GIÁM ĐỐC",
        subject="Về việc tặng Giấy khen", legal_bases="Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;",
        symbol="QĐ-STC",
    )


def test_return_resubmit_appraise_decide_and_record(awards):
    a = awards
    officer, office = a.world.users["unit_officer"], a.world.users["standing_office"]
    dossier = _ready_dossier(a, "GK_STC")
    dossier = dossier_act(actor=officer, dossier=dossier, action="submit")
    with pytest.raises(ValidationError):
        dossier_act(actor=office, dossier=dossier, action="return")  # a reason is required
    dossier = dossier_act(actor=office, dossier=dossier, action="return", reason="Thiếu biên bản họp xét")
    assert dossier.state == State.RETURNED
    dossier = dossier_act(actor=officer, dossier=dossier, action="submit")
    dossier = dossier_act(actor=office, dossier=dossier, action="receive")
    with pytest.raises(ValidationError):
        dossier_act(actor=office, dossier=dossier, action="receive")  # the second of two clicks is refused
    with pytest.raises(PermissionDenied):
        nominee_appraise(actor=officer, nominee=dossier.nominees.get(), result="accepted")
    nominee_appraise(actor=office, nominee=dossier.nominees.get(), result="accepted")
    dossier = dossier_act(actor=office, dossier=dossier, action="appraise")
    dossier = dossier_act(actor=office, dossier=dossier, action="send_for_decision")
    with pytest.raises(PermissionDenied):
        _issue(type("A", (), {"world": type("W", (), {"users": {"approver": office}, "orgs": a.world.orgs})})(),
               dossier)
    decision = _issue(a, dossier)
    dossier.refresh_from_db()
    assert dossier.state == State.DECIDED
    assert decision.reference == "1/QĐ-STC"
    awardee = Awardee.objects.get(decision=decision)
    assert awardee.amount == 710_000  # 0.3 × 2,340,000 = 702,000, rounded up to 10,000
    assert awardee.golden_book_number == 1
    record = HonourRecord.objects.get(person=a.world.people["fin"], code="GK", year=2025)
    assert record.decision_number == "1/QĐ-STC"
    assert [t.to_state for t in Transition.objects.filter(dossier=dossier)] == [
        "submitted", "returned", "submitted", "received", "appraised", "awaiting_decision", "decided"]
    decision_revoke(actor=a.world.users["approver"], decision=decision, reason="Kê khai thành tích không đúng")
    record.refresh_from_db()
    assert record.revoked_on is not None


def test_ballot_over_all_members_then_decision(awards):
    a = awards
    officer, office = a.world.users["unit_officer"], a.world.users["standing_office"]
    dossier = _ready_dossier(a, "CSTDCS")
    for action in ("submit",):
        dossier = dossier_act(actor=officer, dossier=dossier, action=action)
    dossier = dossier_act(actor=office, dossier=dossier, action="receive")
    nominee_appraise(actor=office, nominee=dossier.nominees.get(), result="accepted")
    dossier = dossier_act(actor=office, dossier=dossier, action="appraise")
    with pytest.raises(ValidationError):
        dossier_act(actor=office, dossier=dossier, action="send_for_decision")  # the ballot comes first
    dossier = dossier_act(actor=office, dossier=dossier, action="open_vote")
    nominee = dossier.nominees.get()
    vote_record(actor=a.world.users["council_member"], nominee=nominee, member=a.members[0], vote="yes")
    with pytest.raises(PermissionDenied):  # a member votes only for themself
        vote_record(actor=a.world.users["council_member"], nominee=nominee, member=a.members[1], vote="yes")
    with pytest.raises(PermissionDenied):  # and a unit officer not at all
        vote_record(actor=officer, nominee=nominee, member=a.members[1], vote="yes")
    for member in a.members[1:4]:
        vote_record(actor=office, nominee=nominee, member=member, vote="yes", in_writing=True)
    with pytest.raises(ValidationError):
        dossier_act(actor=office, dossier=dossier, action="close_vote")  # one member has not voted
    vote_record(actor=office, nominee=nominee, member=a.members[4], vote="no", in_writing=True)
    dossier = dossier_act(actor=office, dossier=dossier, action="close_vote")
    dossier = dossier_act(actor=office, dossier=dossier, action="send_for_decision")
    # 4 yes of 5 members is 80%: passes, but quorum (members present in person) is 1 of 5: not met.
    with pytest.raises(ValidationError):
        _issue(a, dossier)
    assert not Awardee.objects.exists()


def test_unit_cannot_add_after_submitting_and_other_units_see_nothing(awards):
    a = awards
    officer = a.world.users["unit_officer"]
    dossier = _ready_dossier(a, "GK_STC")
    dossier_act(actor=officer, dossier=dossier, action="submit")
    with pytest.raises(ValidationError):
        nominee_add(actor=officer, dossier=Dossier.objects.get(pk=dossier.pk), award=a.forms["GK_STC"],
                    person=a.world.people["fin-ns"])
    from tdkt.awards.selectors import dossier_list

    assert not dossier_list(a.world.users["viewer"]).exists()
    assert dossier_list(a.world.users["standing_office"]).count() == 1


def test_failed_generation_leaves_the_dossier_unchanged(awards, monkeypatch):
    a = awards
    officer, office = a.world.users["unit_officer"], a.world.users["standing_office"]
    dossier = _ready_dossier(a, "GK_STC")
    dossier = dossier_act(actor=officer, dossier=dossier, action="submit")
    dossier = dossier_act(actor=office, dossier=dossier, action="receive")
    nominee_appraise(actor=office, nominee=dossier.nominees.get(), result="accepted")
    dossier = dossier_act(actor=office, dossier=dossier, action="appraise")
    dossier = dossier_act(actor=office, dossier=dossier, action="send_for_decision")
    import tdkt.awards.documents as documents

    def broken(decision):
        raise RuntimeError("LibreOffice stopped")

    monkeypatch.setattr(documents, "decision_files", broken)
    with pytest.raises(RuntimeError):
        _issue(a, dossier)
    dossier.refresh_from_db()
    assert dossier.state == State.AWAITING_DECISION
    assert not decision_services.Decision.objects.exists()
    assert not HonourRecord.objects.filter(code="GK").exists()


def test_forward_beyond_power_creates_the_linked_upstream_dossier(awards, world):
    from tdkt.awards.models import CommendationRound
    from tdkt.awards.services.forward import dossier_forward

    a = awards
    # The Sở receives its divisions' dossiers; the province decides Bằng khen of its chair.
    fin_round = CommendationRound.objects.create(authority=world.orgs["FIN"], kind="regular",
                                                 title="Khen thưởng Sở Tài chính 2025", year=2025)
    a.round = fin_round
    officer, office = world.users["unit_officer"], world.users["standing_office"]
    dossier = _ready_dossier(a, "GK_STC", "BK_CT")
    dossier = dossier_act(actor=officer, dossier=dossier, action="submit")
    dossier = dossier_act(actor=office, dossier=dossier, action="receive")
    for nominee in dossier.nominees.all():
        nominee_appraise(actor=office, nominee=nominee, result="accepted")
    dossier = dossier_act(actor=office, dossier=dossier, action="appraise")
    with pytest.raises(ValidationError):  # not a round above the Sở
        dossier_forward(actor=office, dossier=dossier, to_round=fin_round)
    upstream = dossier_forward(actor=office, dossier=dossier, to_round=awards.round.__class__.objects.get(
        title="Khen thưởng thường xuyên năm 2025"))
    dossier.refresh_from_db()
    assert dossier.state == State.APPRAISED  # the Giấy khen is still decided here
    assert upstream.state == State.SUBMITTED
    assert upstream.upstream == dossier
    assert [n.award.code for n in upstream.nominees.all()] == ["BK_CT"]
    assert upstream.attachments.count() == 3
    with pytest.raises(ValidationError):  # nothing left to forward
        dossier_forward(actor=office, dossier=dossier, to_round=upstream.round)
