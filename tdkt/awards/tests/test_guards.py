"""Guarded irreversible steps (issue 11, point 4) in the awards: issuing a decision that leaves out
accepted nominees whose ballot failed needs a reason (service and API), kept in the audit."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.awards.domain.workflow import State
from tdkt.awards.models import Awardee
from tdkt.awards.services.decisions import decision_issue, left_out
from tdkt.awards.services.dossiers import nominee_add
from tdkt.awards.services.workflow import dossier_act, nominee_appraise, vote_record

from .test_flow import _ready_dossier


@pytest.fixture(autouse=True)
def fake_documents(monkeypatch):
    import tdkt.awards.documents as documents

    monkeypatch.setattr(documents, "decision_files", lambda decision: (b"PK-docx", b"%PDF-1.4 fake"))


def _voted_two(a):
    """Two CSTDCS nominees voted by the five members present: the first passes (5 yes), the second
    does not (2 yes of the 4 needed)."""
    officer, office = a.world.users["unit_officer"], a.world.users["standing_office"]
    dossier = _ready_dossier(a, "CSTDCS")
    nominee_add(actor=officer, dossier=dossier, award=a.forms["CSTDCS"], person=a.world.people["fin-ns"],
                achievement="Hoàn thành xuất sắc nhiệm vụ", justification="Đề nghị theo thành tích nổi bật")
    dossier = dossier_act(actor=officer, dossier=dossier, action="submit")
    dossier = dossier_act(actor=office, dossier=dossier, action="receive")
    for nominee in dossier.nominees.all():
        nominee_appraise(actor=office, nominee=nominee, result="accepted")
    dossier = dossier_act(actor=office, dossier=dossier, action="appraise")
    dossier = dossier_act(actor=office, dossier=dossier, action="open_vote")
    passing, failing = dossier.nominees.order_by("pk")
    for i, member in enumerate(a.members):
        vote_record(actor=office, nominee=passing, member=member, vote="yes")
        vote_record(actor=office, nominee=failing, member=member, vote="yes" if i < 2 else "no")
    dossier = dossier_act(actor=office, dossier=dossier, action="close_vote")
    return dossier_act(actor=office, dossier=dossier, action="send_for_decision"), passing, failing


def _fields(a, dossier, **extra):
    return {"actor": a.world.users["approver"], "dossier": dossier, "issuer": a.world.orgs["FIN"],
            "date": datetime.date(2025, 8, 20), "signer_name": "Hoàng Nam Tiến", "signer_title": "GIÁM ĐỐC",
            "subject": "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở",
            "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;", "symbol": "QĐ-STC", **extra}


def test_issuing_without_a_nominee_whose_ballot_failed_needs_a_reason(awards):
    dossier, passing, failing = _voted_two(awards)
    assert [(n.pk, why) for n, why in left_out(dossier, awards.world.orgs["FIN"])] == [
        (failing.pk, "2/5 phiếu đồng ý, cần 4")]
    with pytest.raises(ValidationError) as refused:
        decision_issue(**_fields(awards, dossier))
    assert "1 người được chấp thuận nhưng không đạt biểu quyết" in str(refused.value)
    assert str(failing.subject) in str(refused.value)
    assert not Awardee.objects.exists()
    decision = decision_issue(**_fields(awards, dossier, reason="Hội đồng không thông qua một người"))
    assert [a.nominee_id for a in decision.awardees.all()] == [passing.pk]
    event = AuditEvent.objects.get(event_type=AuditEventType.DECISION_ISSUED)
    assert event.after["reason"] == "Hội đồng không thông qua một người"
    assert event.after["left_out"] == [f"{failing.subject} (2/5 phiếu đồng ý, cần 4)"]
    dossier.refresh_from_db()
    assert dossier.state == State.DECIDED
