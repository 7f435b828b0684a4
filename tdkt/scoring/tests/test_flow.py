"""The services end to end on the small template: self-score, submit, review, publish, supersede."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.organizations.models import Organization
from tdkt.rules import facts
from tdkt.rules.models import ProposalMark
from tdkt.scoring.models import ReviewStatus, RoundStatus, ScoringResult, SheetStatus
from tdkt.scoring.services.reviews import review_recuse, review_save
from tdkt.scoring.services.rounds import result_publish, reviewer_assign, round_reopen
from tdkt.scoring.services.sheets import sheet_return, sheet_save, sheet_start, sheet_submit
from tdkt.scoring.standings import round_standings

from .conftest import entries


def _submit(s, org_code, user_key, **values):
    sheet = sheet_start(actor=s.users[user_key], scoring_round=s.round, organization=s.orgs[org_code])
    sheet_save(actor=s.users[user_key], sheet=sheet, entries=entries(**values))
    return sheet_submit(actor=s.users[user_key], sheet=sheet)


def test_whole_round(scoring):
    s = scoring
    fin = _submit(s, "FIN", "unit_officer", I_1=5, I_2=14, II_1=28, II_2=0)  # 45+14+28+10 = 97
    home = _submit(s, "HOME", "admin", I_1=3, I_2=10, II_1=20, II_2=1)  # 27+10+20+8 = 65
    assert s.template.__class__.objects.get(pk=s.template.pk).is_frozen
    # The head (HOME) reviews FIN; it may not review itself; the deputy reviews both.
    review_save(
        actor=s.users["block_head"],
        sheet=fin,
        reviewer=s.orgs["HOME"],
        entries=entries(I_1=4, I_2=12, II_1=25, II_2=0),
        complete=True,
    )  # 36+12+25+10 = 83
    with pytest.raises(PermissionDenied):
        review_save(actor=s.users["block_head"], sheet=home, reviewer=s.orgs["HOME"], entries=entries(I_1=1))
    assert AuditEvent.objects.filter(event_type=AuditEventType.REVIEW_CONFLICT_REFUSED).count() == 1
    review_save(
        actor=s.users["deputy"],
        sheet=fin,
        reviewer=s.orgs["DEP"],
        entries=entries(I_1=5, I_2=13, II_1=26, II_2=0),
        complete=True,
    )  # 45+13+26+10 = 94
    review_save(
        actor=s.users["deputy"],
        sheet=home,
        reviewer=s.orgs["DEP"],
        entries=entries(I_1=3, I_2=10, II_1=20, II_2=1),
        complete=True,
    )  # 65
    standings = round_standings(s.round)
    first, second = standings.lines
    assert (first.organization.code, first.final_total, first.band, first.rank) == ("FIN", Decimal("88.5"), "Tốt", 1)
    assert (second.organization.code, second.final_total, second.rank) == ("HOME", Decimal("65"), 2)
    assert [o.code for o in standings.waiting] == ["DEP", "MEM"]
    # FIN claimed I.1 at its maximum without evidence.
    assert {(f.item_code, f.kind) for f in first.flags} >= {("I.1", "max_without_evidence")}

    # DEP and MEM have not submitted: publishing needs a reason, and the refusal names them.
    with pytest.raises(ValidationError) as refused:
        result_publish(actor=s.users["block_head"], scoring_round=s.round)
    assert "2 đơn vị chưa nộp phiếu chấm điểm" in str(refused.value)
    assert not ScoringResult.objects.exists()
    result = result_publish(actor=s.users["block_head"], scoring_round=s.round, reason="Hết hạn, hai đơn vị không nộp")
    event = AuditEvent.objects.filter(event_type=AuditEventType.RESULT_PUBLISHED).get()
    assert event.after["reason"] == "Hết hạn, hai đơn vị không nộp"
    assert len(event.after["missing_sheets"]) == 2
    assert event.after["unfinished_reviews"] == []
    s.round.refresh_from_db()
    assert s.round.status == RoundStatus.PUBLISHED
    assert result.version == 1
    assert facts.leading_organizations(Organization.objects.all(), year=2022) == {s.orgs["FIN"].pk}
    mark = ProposalMark.objects.get(award="CO_TINH", collective=s.orgs["FIN"], year=2022)
    assert mark.organization == s.orgs["HOME"]
    # Locked after publication, by every path.
    with pytest.raises(ValidationError):
        review_save(actor=s.users["deputy"], sheet=fin, reviewer=s.orgs["DEP"], entries=entries(I_1=0))
    with pytest.raises(PermissionError):
        result.save()
    with pytest.raises(PermissionError):
        ScoringResult.objects.all().delete()

    # A correction: reopen, change the deputy's review of HOME upward, publish v2 with a reason.
    round_reopen(actor=s.users["block_head"], scoring_round=s.round, reason="Sai sót điểm mục II.1 của Sở Nội vụ")
    review_save(
        actor=s.users["deputy"],
        sheet=home,
        reviewer=s.orgs["DEP"],
        entries=entries(I_1=5, I_2=15, II_1=30, II_2=0),
        complete=True,
    )  # 100
    with pytest.raises(ValidationError):
        result_publish(actor=s.users["block_head"], scoring_round=s.round)  # a correction needs its reason
    second_result = result_publish(actor=s.users["block_head"], scoring_round=s.round, reason="Điều chỉnh mục II.1")
    assert second_result.version == 2
    assert list(ScoringResult.objects.filter(round=s.round, is_current=True)) == [second_result]
    assert facts.leading_organizations(Organization.objects.all(), year=2022) == {s.orgs["HOME"].pk}
    assert ScoringResult.objects.get(version=1).data["units"][0]["unit"] == "Sở Tài chính"


def test_submitted_sheet_is_locked_until_returned(scoring):
    s = scoring
    sheet = _submit(s, "FIN", "unit_officer", I_2=10)
    with pytest.raises(ValidationError):
        sheet_save(actor=s.users["unit_officer"], sheet=sheet, entries=entries(I_2=15))
    with pytest.raises(PermissionDenied):
        sheet_return(actor=s.users["unit_officer"], sheet=sheet, reason="tự trả")
    sheet_return(actor=s.users["block_head"], sheet=sheet, reason="Thiếu minh chứng mục I.2")
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.RETURNED
    sheet_save(actor=s.users["unit_officer"], sheet=sheet, entries=entries(I_2=12))
    sheet_submit(actor=s.users["unit_officer"], sheet=sheet)


def test_bad_entries_name_the_item(scoring):
    s = scoring
    sheet = sheet_start(actor=s.users["unit_officer"], scoring_round=s.round, organization=s.orgs["FIN"])
    with pytest.raises(ValidationError) as error:
        sheet_save(actor=s.users["unit_officer"], sheet=sheet, entries=entries(I_1="2.5", I_2=16, II_1="1.234", X_9=1))
    fields = error.value.message_dict
    assert set(fields) == {"I.1", "I.2", "II.1", "X.9"}
    assert "ngoài khoảng 0–15" in fields["I.2"][0]
    assert not sheet.entries.exists()  # nothing half-written


def test_other_unit_cannot_fill_a_sheet(scoring):
    s = scoring
    with pytest.raises(PermissionDenied):
        sheet_start(actor=s.users["member_officer"], scoring_round=s.round, organization=s.orgs["FIN"])


def test_assigned_reviewer_and_recusal(scoring):
    s = scoring
    fin = _submit(s, "FIN", "unit_officer", I_2=10)
    reviewer_assign(actor=s.users["block_head"], scoring_round=s.round, reviewer=s.orgs["MEM"])
    review = review_recuse(
        actor=s.users["member_officer"], sheet=fin, reviewer=s.orgs["MEM"], reason="Lãnh đạo hai đơn vị là người thân"
    )
    assert review.status == ReviewStatus.RECUSED
    with pytest.raises(ValidationError):
        review_save(actor=s.users["member_officer"], sheet=fin, reviewer=s.orgs["MEM"], entries=entries(I_2=1))
