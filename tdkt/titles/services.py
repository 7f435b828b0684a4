"""The year-end vote's steps. Each is one transaction with an audit event; bad input raises
ValidationError by field (Vietnamese), nothing half-written.

open    the unit's officer takes the engine's list for the year: people of the unit and the units
        below it who may be LĐTT or CSTĐCS (eligible, or eligible with matters of judgment), and the
        unit and its sub-units as collectives for TTLĐTT and TTLĐXS (their check is repeated at the
        decision, when this vote's individual titles count towards their 70% of LĐTT);
tally   the council's meeting: members, present (quorum two thirds), for each candidate put to
        the vote its "yes" votes of all members;
decide  the head of the unit issues one decision: every title carried is written into the records
        at once (hundreds of rows in one statement), TTLĐXS is proposed upward, the DOCX is made;
revoke  the head revokes it: the titles it wrote are taken out of the records again.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tdkt.accounts.scope import user_can
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.awards.domain.money import reward_amount
from tdkt.organizations.models import Organization
from tdkt.records.domain.codes import Target, honour_label
from tdkt.records.models import HonourRecord
from tdkt.records.signals import send_facts_changed
from tdkt.rules.evaluation import candidate_table, default_on_date, person_queryset
from tdkt.rules.models import ProposalMark

from . import domain
from .models import VoteState, YearEndCandidate, YearEndVote

TEXT_MAX = 200
MEMBER_SHARES = frozenset({"MEMBERS_LDTT_RATIO", "MEMBERS_CSTDCS"})


def _require(actor, permission: str, organization: Organization, message: str) -> None:
    if not user_can(actor, permission, organization):
        raise PermissionDenied(message)


def _reasons(result) -> str:
    """The conditions that failed or are left to judgment, one per line (what the council weighs)."""
    return "\n".join(c.message for c in result.conditions if c.passed is not True)[:2000]


def _collectives(organization: Organization):
    return Organization.objects.filter(path__startswith=organization.path, active_to__isnull=True)


def _table(organization: Organization, award: str, year: int, on_date: datetime.date, collectives=None):
    target = Target.COLLECTIVE if award in domain.COLLECTIVE_TITLES else Target.INDIVIDUAL
    return candidate_table(
        people=person_queryset(organization), organizations=collectives or _collectives(organization),
        root=organization, award=award, year=year, target=target, on_date=on_date,
    )


@transaction.atomic
def yearend_open(*, actor, organization: Organization, year: int) -> YearEndVote:
    _require(actor, "yearend.prepare", organization, "Bạn không được lập danh sách bình xét của đơn vị này.")
    today = timezone.localdate()
    if not isinstance(year, int) or not 2000 <= year <= today.year:
        raise ValidationError({"year": f"Năm bình xét phải từ 2000 đến {today.year}."})
    live = YearEndVote.objects.select_for_update().filter(organization=organization, year=year).exclude(
        state=VoteState.REVOKED).first()
    if live is not None:
        raise ValidationError({"year": f"{organization.name} đã có danh sách bình xét năm {year}; "
                                       "hãy mở danh sách đó."})
    on_date = default_on_date(year)
    vote = YearEndVote.objects.create(organization=organization, year=year, on_date=on_date, created_by=actor)
    candidates = []
    for award in domain.YEAR_END_TITLES:
        for row in _table(organization, award, year, on_date).rows:
            collective = award in domain.COLLECTIVE_TITLES
            shown = row.shown_verdict
            if not collective and shown not in ("eligible", "needs_review"):
                continue  # the council votes on those the engine lets through; the rest it never sees
            subject = row.subject
            candidates.append(YearEndCandidate(
                vote=vote, award=award, person=None if collective else subject,
                collective=subject if collective else None,
                name=subject.name if collective else subject.full_name,
                position="" if collective else subject.position,
                organization_name=(subject.parent.name if collective and subject.parent_id else
                                   "" if collective else row.organization.name),
                verdict=shown, reasons=_reasons(row.result),
                # A collective short only of its members' share of LĐTT or CSTĐCS may meet it with this
                # vote's own titles: put to the vote too (checked again at the decision).
                included=shown in ("eligible", "needs_review") or (
                    collective and {c.code for c in row.failed} <= MEMBER_SHARES),
            ))
    YearEndCandidate.objects.bulk_create(candidates, batch_size=500)
    audit_record(event_type=AuditEventType.YEAREND_OPENED, actor=actor, target=vote, organization=organization,
                 after={"year": year, "candidates": len(candidates)})
    return vote


def _number(value, field: str, label: str, errors: dict, *, low: int, high: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors[field] = f"{label} phải là số nguyên từ {low} đến {high}."
        return None
    return value


@transaction.atomic
def yearend_tally(*, actor, vote: YearEndVote, meeting_date: datetime.date, members: int, present: int,
                  tallies: dict[int, int | None], excluded: set[int] = frozenset()) -> YearEndVote:
    """``tallies``: candidate id → its "yes" votes; ``excluded``: candidates not put to the vote."""
    vote = YearEndVote.objects.select_for_update().get(pk=vote.pk)
    _require(actor, "yearend.prepare", vote.organization, "Bạn không được ghi kết quả bình xét của đơn vị này.")
    if vote.state not in (VoteState.DRAFT, VoteState.VOTED):
        raise ValidationError({"__all__": "Danh sách đã có quyết định: không ghi lại kết quả bỏ phiếu được."})
    errors: dict[str, str] = {}
    if not isinstance(meeting_date, datetime.date):
        errors["meeting_date"] = "Hãy nhập ngày họp Hội đồng (dd/mm/yyyy)."
    elif meeting_date > timezone.localdate() or meeting_date.year < vote.year:
        errors["meeting_date"] = f"Ngày họp phải từ năm {vote.year} và không sau hôm nay."
    members = _number(members, "members", "Số thành viên Hội đồng", errors, low=1, high=domain.MAX_MEMBERS)
    present = _number(present, "present", "Số thành viên có mặt", errors, low=1, high=domain.MAX_MEMBERS)
    if members and present:
        if present > members:
            errors["present"] = "Số thành viên có mặt không được nhiều hơn số thành viên Hội đồng."
        elif not domain.quorum_met(present, members):
            errors["present"] = (f"Cần ít nhất hai phần ba thành viên có mặt ({-(-2 * members // 3)}/{members}); "
                                 "cuộc họp chưa đủ để bình xét.")
    candidates = list(vote.candidates.all())
    known = {c.pk for c in candidates}
    unknown = (set(tallies) | set(excluded)) - known
    if unknown:
        errors["tallies"] = "Có người, tập thể không thuộc danh sách bình xét này."
    row_errors = []
    if not errors:
        for c in candidates:
            c.included = c.pk not in excluded
            yes = tallies.get(c.pk)
            if not c.included:
                c.yes_votes, c.passed = None, False
                continue
            if yes is None or isinstance(yes, bool) or not isinstance(yes, int) or not 0 <= yes <= members:
                row_errors.append(f"{c.name} ({honour_label(c.award)}): số phiếu đồng ý phải từ 0 đến {members}")
                continue
            c.yes_votes, c.passed = yes, domain.carried(c.award, yes, members)
    if row_errors:
        more = f" và {len(row_errors) - 10} dòng khác" if len(row_errors) > 10 else ""
        errors["tallies"] = "; ".join(row_errors[:10]) + more + "."
    if errors:
        raise ValidationError(errors)
    YearEndCandidate.objects.bulk_update(candidates, ["included", "yes_votes", "passed"], batch_size=500)
    vote.meeting_date, vote.members, vote.present, vote.state = meeting_date, members, present, VoteState.VOTED
    vote.save(update_fields=["meeting_date", "members", "present", "state", "updated_at"])
    audit_record(event_type=AuditEventType.YEAREND_TALLIED, actor=actor, target=vote, organization=vote.organization,
                 after={"members": members, "present": present, "meeting_date": meeting_date.isoformat(),
                        "carried": sum(c.passed for c in candidates),
                        "put_to_vote": sum(c.included for c in candidates)})
    return vote


def _text(value, field: str, label: str, errors: dict) -> str:
    value = str(value or "").strip()
    if not value:
        errors[field] = f"Hãy nhập {label}."
    elif len(value) > TEXT_MAX:
        errors[field] = f"{label.capitalize()} dài quá {TEXT_MAX} ký tự."
    return value


@transaction.atomic
def yearend_decide(*, actor, vote: YearEndVote, number: str, date: datetime.date, signer_name: str,
                   signer_title: str) -> YearEndVote:
    vote = YearEndVote.objects.select_for_update().select_related("organization").get(pk=vote.pk)
    unit = vote.organization
    _require(actor, "yearend.decide", unit, "Chỉ thủ trưởng đơn vị mới ký quyết định công nhận danh hiệu.")
    if vote.state != VoteState.VOTED:
        raise ValidationError({"__all__": "Chỉ quyết định được khi Hội đồng đã bình xét và chưa có quyết định."})
    errors: dict[str, str] = {}
    number = _text(number, "number", "số quyết định (ví dụ 15/QĐ-STC)", errors)
    signer_name = _text(signer_name, "signer_name", "họ tên người ký", errors)
    signer_title = _text(signer_title, "signer_title", "chức vụ người ký", errors)
    if not isinstance(date, datetime.date):
        errors["date"] = "Hãy nhập ngày quyết định (dd/mm/yyyy)."
    elif date < vote.meeting_date or date > timezone.localdate():
        errors["date"] = (f"Ngày quyết định phải từ ngày họp Hội đồng ({vote.meeting_date:%d/%m/%Y}) "
                          "và không sau hôm nay.")
    carried = list(vote.candidates.filter(passed=True).select_related("person", "collective"))
    if not carried and "date" not in errors:
        errors["__all__"] = "Không có ai đạt số phiếu cần thiết: không có gì để quyết định."
    if errors:
        raise ValidationError(errors)
    people = [c for c in carried if c.person_id]
    held = set(HonourRecord.objects.filter(
        person_id__in=[c.person_id for c in people], year=vote.year, code__in=domain.INDIVIDUAL_TITLES,
    ).values_list("person_id", "code"))
    clashes = [c for c in people if (c.person_id, c.award) in held]
    if clashes:
        names = "; ".join(f"{c.name} ({honour_label(c.award)})" for c in clashes[:10])
        raise ValidationError({"__all__": f"Đã có trong hồ sơ danh hiệu năm {vote.year}: {names}."})
    # Each title the unit's head decides, paid once per person: only the highest of the year.
    titles_of: dict[tuple, list[str]] = {}
    for c in carried:
        titles_of.setdefault(("p", c.person_id) if c.person_id else ("o", c.collective_id), []).append(c.award)
    paid = domain.paid_titles(titles_of, on=date)
    records = []
    for c in carried:
        key = ("p", c.person_id) if c.person_id else ("o", c.collective_id)
        c.amount = reward_amount(domain.coefficient(c.award, collective=c.is_collective, on=date), date) \
            if paid.get(key) == c.award and c.award in domain.DECIDED_BY_THE_UNIT else 0
        if c.award in domain.DECIDED_BY_THE_UNIT and c.person_id:
            records.append(HonourRecord(person_id=c.person_id, code=c.award, year=vote.year, decision_number=number,
                                        decision_date=date, issuer=unit.name, created_by=actor))
    created = HonourRecord.objects.bulk_create(records, batch_size=500)
    by_person = {(r.person_id, r.code): r for r in created}
    send_facts_changed(sender=HonourRecord, person_ids=[r.person_id for r in created])
    # Collectives now, with this decision's LĐTT counted towards their members' share.
    refused = [text for award in domain.COLLECTIVE_TITLES
               for text in _collectives_not_met(vote, award, [c for c in carried if c.award == award])]
    if refused:
        raise ValidationError({"__all__": "Tập thể chưa đủ điều kiện khi đã tính cả danh hiệu cá nhân của quyết định "
                                          "này (hãy bỏ khỏi danh sách bỏ phiếu): " + "; ".join(refused) + "."})
    for c in carried:
        if c.is_collective and c.award in domain.DECIDED_BY_THE_UNIT:
            c.honour_record = HonourRecord.objects.create(
                organization_id=c.collective_id, code=c.award, year=vote.year, decision_number=number,
                decision_date=date, issuer=unit.name, created_by=actor)
        elif c.is_collective:  # TTLĐXS: proposed to the province, not decided here
            c.proposal_mark = ProposalMark.objects.create(
                year=vote.year, award=c.award, collective_id=c.collective_id, organization=unit,
                eligible=True, marked_by=actor,
                justification=f"Hội đồng thi đua, khen thưởng {unit.name} bình xét ngày {vote.meeting_date:%d/%m/%Y}: "
                              f"{c.yes_votes}/{vote.members} phiếu đồng ý.")
        else:
            c.honour_record = by_person.get((c.person_id, c.award))
    YearEndCandidate.objects.bulk_update(carried, ["amount", "honour_record", "proposal_mark"], batch_size=500)
    vote.decision_number, vote.decision_date = number, date
    vote.signer_name, vote.signer_title, vote.state = signer_name, signer_title, VoteState.DECIDED
    from .documents import decision_docx  # python-docx only when a decision is made

    vote.docx.save(f"quyet-dinh-danh-hieu-{vote.year}-{vote.pk}.docx", ContentFile(decision_docx(vote)), save=False)
    vote.save()
    audit_record(event_type=AuditEventType.YEAREND_DECIDED, actor=actor, target=vote, organization=unit,
                 after={"number": number, "date": date.isoformat(), "titles": len(records) + sum(
                     1 for c in carried if c.is_collective), "amount": sum(c.amount for c in carried)})
    return vote


def _collectives_not_met(vote: YearEndVote, award: str, collectives: list[YearEndCandidate]) -> list[str]:
    if not collectives:
        return []
    table = _table(vote.organization, award, vote.year, vote.on_date,
                   collectives=Organization.objects.filter(pk__in=[c.collective_id for c in collectives]))
    return [f"{row.subject.name} ({honour_label(award)}): {'; '.join(c.message for c in row.failed)}"
            for row in table.rows if row.result.verdict == "ineligible"]


@transaction.atomic
def yearend_revoke(*, actor, vote: YearEndVote, reason: str) -> YearEndVote:
    """The decision is revoked and the records it wrote are taken out again, so the people's and the
    collectives' histories are as before it; the vote keeps its list, tally, decision and file, and
    the audit trail says who revoked it and why. A new vote for the year may then be held."""
    vote = YearEndVote.objects.select_for_update().select_related("organization").get(pk=vote.pk)
    _require(actor, "yearend.decide", vote.organization,
             "Chỉ thủ trưởng đơn vị mới hủy quyết định công nhận danh hiệu.")
    if vote.state != VoteState.DECIDED:
        raise ValidationError({"__all__": "Chỉ hủy được quyết định đã ban hành."})
    reason = str(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Hãy ghi lý do hủy quyết định."})
    candidates = vote.candidates.filter(passed=True)
    record_ids = [pk for pk in candidates.values_list("honour_record_id", flat=True) if pk]
    mark_ids = [pk for pk in candidates.values_list("proposal_mark_id", flat=True) if pk]
    people = list(HonourRecord.objects.filter(pk__in=record_ids).values_list("person_id", flat=True))
    candidates.update(honour_record=None, proposal_mark=None, amount=0)
    HonourRecord.objects.filter(pk__in=record_ids).delete()
    ProposalMark.objects.filter(pk__in=mark_ids).delete()
    send_facts_changed(sender=HonourRecord, person_ids=people)
    vote.state, vote.revoked_on, vote.revocation_reason = VoteState.REVOKED, timezone.localdate(), reason[:500]
    vote.save(update_fields=["state", "revoked_on", "revocation_reason", "updated_at"])
    audit_record(event_type=AuditEventType.YEAREND_REVOKED, actor=actor, target=vote, organization=vote.organization,
                 after={"number": vote.decision_number, "reason": reason[:500], "records_removed": len(record_ids)})
    return vote
