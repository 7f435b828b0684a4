"""Decisions: issue one per issuer for the dossier's accepted nominees (numbered per issuer and year,
golden-book numbers, reward money, the generated DOCX/PDF), record every award in the records so
next year's checks see it, and revoke (hủy bỏ) with its reason everywhere."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.core.domain.numbers import format_number
from tdkt.organizations.models import Organization
from tdkt.records.models import HonourRecord
from tdkt.records.signals import send_facts_changed

from ..access import acting_roles
from ..domain.money import base_salary, nominee_reward
from ..domain.workflow import Action, State, TransitionRefused, transition
from ..models import DEFAULT_RECIPIENTS, Appraisal, Awardee, Decision, Dossier, Nominee
from ..selectors_fund import fund_state
from .certificates import certificates_drop
from .workflow import _lock, _record, ballot_counts, council_of, decides_here, dossier_facts

MAX_TEXT = 4000


def decidable_nominees(dossier: Dossier, issuer: Organization) -> list[Nominee]:
    """Accepted nominees whose form this issuer decides, that passed their ballot, not yet awarded."""
    candidates = [
        n for n in dossier.nominees.filter(
            appraisal__in=(Appraisal.ACCEPTED, Appraisal.CHANGED), awardee__isnull=True
        ).select_related("award__issuer", "final_award__issuer", "person__organization", "collective")
        if n.awarded_form.issuer_id == issuer.pk
    ]
    council = council_of(dossier)
    counts = ballot_counts(candidates, council) if council is not None else {}
    return [
        n for n in candidates
        if not n.awarded_form.needs_ballot or (n.pk in counts and counts[n.pk].passed)
    ]


def left_out(dossier: Dossier, issuer: Organization) -> list[tuple[Nominee, str]]:
    """Accepted nominees whose form this issuer decides but whom this decision would not include:
    their council ballot did not pass (or is not complete). Issuing without them is the approver's
    call, with a reason (issue 11, guarded steps); each comes with why, in Vietnamese."""
    candidates = [
        n for n in dossier.nominees.filter(
            appraisal__in=(Appraisal.ACCEPTED, Appraisal.CHANGED), awardee__isnull=True
        ).select_related("award__issuer", "final_award__issuer", "person", "collective")
        if n.awarded_form.issuer_id == issuer.pk and n.awarded_form.needs_ballot
    ]
    council = council_of(dossier)
    counts = ballot_counts(candidates, council) if council is not None and candidates else {}
    out = []
    for nominee in candidates:
        tally = counts.get(nominee.pk)
        if tally is None:
            out.append((nominee, "chưa có Hội đồng bỏ phiếu"))
        elif not tally.passed:
            why = f"{tally.yes}/{tally.members} phiếu đồng ý, cần {tally.needed}"
            if not tally.quorum_met:
                why += ", không đủ số thành viên có mặt"
            out.append((nominee, why))
    return out


def left_out_problem(left: list[tuple[Nominee, str]]) -> str:
    names = "; ".join(f"{n.subject} ({why})" for n, why in left[:20])
    more = f" và {len(left) - 20} người khác" if len(left) > 20 else ""
    return f"{len(left)} người được chấp thuận nhưng không đạt biểu quyết của Hội đồng, không có trong quyết định: " \
           f"{names}{more}"


def overdraw_problem(*, issuer: Organization, year: int, balance: int, amount: int) -> str:
    """Why a decision needs the overdraw confirmed, in Vietnamese: the balance and the amount."""
    return (f"Tổng tiền thưởng của quyết định là {format_number(amount)} đồng, vượt số dư Quỹ thi đua, khen thưởng "
            f"năm {year} của {issuer} ({format_number(balance)} đồng); sau quyết định số dư sẽ là "
            f"{format_number(balance - amount)} đồng. Hãy xác nhận chi vượt quỹ.")


def _fund_check(issuer: Organization, year: int, amount: int, overdraw_confirmed: bool) -> dict | None:
    """The fund's figures for the audit (None when the issuer set no fund for the year: nothing to
    check). Refuses an overdraw unless confirmed; the caller holds the issuer's lock."""
    state = fund_state(issuer, year)
    if state is None:
        return None
    fund, balance = state
    overdraws = balance.would_overdraw(amount)
    if overdraws and not overdraw_confirmed:
        raise ValidationError({"overdraw_confirmed": ValidationError(
            overdraw_problem(issuer=issuer, year=year, balance=balance.balance, amount=amount),
            code="confirm_overdraw")})
    return {"fund_id": fund.pk, "balance_before": balance.balance, "amount": amount,
            "balance_after": balance.after(amount), "overdraw": overdraws,
            "overdraw_confirmed": bool(overdraws and overdraw_confirmed)}


def _subject_fields(nominee: Nominee) -> dict:
    if nominee.person is not None:
        person = nominee.person
        return {"name": person.full_name, "position": person.position or "",
                "organization_name": person.organization.name, "is_collective": False}
    return {"name": nominee.collective.name, "position": "", "organization_name": "", "is_collective": True}


def _check(signer_name, signer_title, subject, legal_bases, symbol, date) -> None:
    errors = {}
    for field, value, label, limit in (
        ("signer_name", signer_name, "người ký", 200), ("signer_title", signer_title, "chức danh người ký", 200),
        ("subject", subject, "trích yếu", 300), ("legal_bases", legal_bases, "căn cứ", MAX_TEXT),
        ("symbol", symbol, "ký hiệu", 40),
    ):
        if not value.strip():
            errors[field] = f"Hãy nhập {label}."
        elif len(value) > limit:
            errors[field] = f"{label.capitalize()} dài quá {limit} ký tự."
    if not isinstance(date, datetime.date):
        errors["date"] = "Hãy nhập ngày quyết định (dd/mm/yyyy)."
    else:
        try:
            base_salary(date)
        except ValueError:
            errors["date"] = f"Chưa có mức lương cơ sở áp dụng cho ngày {date:%d/%m/%Y}."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def decision_issue(
    *, actor, dossier: Dossier, issuer: Organization, date: datetime.date, signer_name: str, signer_title: str,
    subject: str, legal_bases: str, symbol: str, recipients: str = DEFAULT_RECIPIENTS, reason: str = "",
    overdraw_confirmed: bool = False,
) -> Decision:
    """Issue the decision. The documents are generated inside the transaction: if generation fails,
    nothing is written and the dossier stays as it was. When accepted nominees of this issuer are
    left out (their ballot did not pass), a ``reason`` is required and kept in the audit. When the
    issuer set a fund for the decision's year and the decision's money would leave it below zero,
    ``overdraw_confirmed`` is required (code "confirm_overdraw"); the audit keeps the fund's figures."""
    from ..documents import decision_files

    dossier = _lock(dossier)
    roles = acting_roles(actor, dossier)
    if not roles & {"admin", "approver"}:
        raise PermissionDenied("Chỉ người có thẩm quyền mới ban hành quyết định khen thưởng.")
    if dossier.state != State.AWAITING_DECISION:
        raise ValidationError({"dossier": "Hồ sơ chưa ở bước chờ quyết định."})
    if not issuer.path.startswith(dossier.round.authority.path):
        raise ValidationError({"issuer": f"{issuer} không thuộc thẩm quyền của {dossier.round.authority}."})
    _check(signer_name, signer_title, subject, legal_bases, symbol, date)
    if len(recipients) > MAX_TEXT:
        raise ValidationError({"recipients": f"Nơi nhận dài quá {MAX_TEXT} ký tự."})
    nominees = decidable_nominees(dossier, issuer)
    if not nominees:
        raise ValidationError({"issuer": f"Không có ai trong hồ sơ được đề nghị hình thức do {issuer} quyết định."})
    reason = reason.strip()
    if len(reason) > 500:
        raise ValidationError({"reason": "Lý do dài quá 500 ký tự."})
    left = left_out(dossier, issuer)
    if left and not reason:
        raise ValidationError({"reason": left_out_problem(left) + ". Hãy ghi lý do ban hành quyết định."})
    # Numbers per issuer are allocated one at a time; the lock also keeps the fund's balance still.
    Organization.objects.select_for_update().get(pk=issuer.pk)
    amounts = [nominee_reward(n.awarded_form, n.collective is not None, date) for n in nominees]
    fund = _fund_check(issuer, date.year, sum(amounts), overdraw_confirmed)
    number = (Decision.objects.filter(issuer=issuer, year=date.year).aggregate(n=Max("number"))["n"] or 0) + 1
    book = (Awardee.objects.filter(decision__issuer=issuer).aggregate(n=Max("golden_book_number"))["n"] or 0)
    decision = Decision.objects.create(
        issuer=issuer, dossier=dossier, number=number, symbol=symbol.strip(), year=date.year, date=date,
        subject=subject.strip(), signer_name=signer_name.strip(), signer_title=signer_title.strip(),
        legal_bases=legal_bases.strip(), recipients=recipients.strip() or DEFAULT_RECIPIENTS, created_by=actor,
    )
    # In batches: a decision may carry a thousand awardees.
    records = _record_awards(nominees, decision, dossier.round.year)
    awardees = []
    for book_number, (nominee, record, amount) in enumerate(zip(nominees, records, amounts, strict=True),
                                                            start=book + 1):
        form = nominee.awarded_form
        awardee = Awardee(
            decision=decision, nominee=nominee, award=form, golden_book_number=book_number,
            amount=amount, honour_record=record,
            **_subject_fields(nominee),
        )
        awardee.refresh_search_text()
        awardees.append(awardee)
    Awardee.objects.bulk_create(awardees)
    docx, pdf = decision_files(decision)
    pdf = decision_sign(actor=actor, decision=decision, pdf=pdf)
    decision.docx.save(f"quyet-dinh-{number}-{date.year}.docx", ContentFile(docx), save=False)
    decision.pdf.save(f"quyet-dinh-{number}-{date.year}.pdf", ContentFile(pdf), save=False)
    decision.refresh_search_text()
    decision.save(update_fields=["docx", "pdf", "search_text", "signed_at", "signature_subject", "signature_serial"])
    source = dossier.state
    if not any(decidable_nominees(dossier, org) for org in _issuers(dossier)):
        try:
            transition(source, Action.DECIDE, roles=roles, facts=dossier_facts(dossier))
        except TransitionRefused as refused:  # the table is the authority even here
            raise ValidationError({"dossier": refused.reason}) from None
        dossier.state = State.DECIDED
        dossier.save(update_fields=["state", "updated_at"])
        _record(actor, dossier, Action.DECIDE, source, f"Quyết định số {decision.reference}")
    audit_record(event_type=AuditEventType.DECISION_ISSUED, actor=actor, target=decision, organization=issuer,
                 after={"number": decision.reference, "date": date.isoformat(), "awardees": len(nominees),
                        "reason": reason, "left_out": [f"{n.subject} ({why})" for n, why in left],
                        "amount": sum(amounts), "fund": fund})
    return decision


SIGNED_FILE_KEPT = ("Quyết định {ref} đã được ký số lúc {at:%H:%M %d/%m/%Y}: tệp PDF đã ký không được tạo lại. "
                    "Muốn thay đổi nội dung, hãy ban hành quyết định mới hoặc quyết định đính chính.")


def decision_sign(*, actor, decision: Decision, pdf: bytes) -> bytes:
    """The decision's PDF signed by its issuer's configured signer (PAdES, the visible block over the
    signer's name), and the signature noted on the decision (not saved here); unchanged when the issuer
    has no signer. A configured signer that fails refuses the issue: nothing is issued half-signed."""
    # pyHanko takes a second to import: loaded when a document is signed or checked, not with every process.
    from tdkt.signing.services import sign_pdf
    from tdkt.signing.signers import SigningError, signer_for

    if decision.signed_at is not None:
        raise ValidationError({"decision": signed_file_kept(decision)})
    try:
        configured = signer_for(decision.issuer)
        if configured is None:
            return pdf
        signed = sign_pdf(actor=actor, pdf=pdf, organization=decision.issuer, signer_name=decision.signer_name,
                          signer_title=decision.signer_title, target=decision, configured=configured,
                          reason=f"Ban hành Quyết định số {decision.reference}")
    except SigningError as error:
        raise ValidationError({"issuer": f"Không ký số được quyết định: {error}"}) from None
    decision.signed_at = timezone.now()
    decision.signature_subject = configured.display[:500]
    decision.signature_serial = configured.serial[:80]
    return signed


def signed_file_kept(decision: Decision) -> str:
    """Why a signed decision's PDF is not generated again (Vietnamese)."""
    return SIGNED_FILE_KEPT.format(ref=decision.reference, at=timezone.localtime(decision.signed_at))


def _issuers(dossier: Dossier) -> list[Organization]:
    ids = set()
    for nominee in dossier.nominees.select_related("award", "final_award"):
        form = nominee.awarded_form
        if form.issuer_id and decides_here(form, dossier.round.authority):
            ids.add(form.issuer_id)
    return list(Organization.objects.filter(pk__in=ids))


def _record_awards(nominees: list[Nominee], decision: Decision, year: int) -> list[HonourRecord]:
    """Every award into the records, so next year's checks see it; a title is held once a year."""
    titles = {n.awarded_form.record_code for n in nominees if n.awarded_form.kind_is_title}
    held = set(
        HonourRecord.objects.filter(code__in=titles, year=year, revoked_on__isnull=True)
        .filter(Q(person_id__in=[n.person_id for n in nominees if n.person_id])
                | Q(organization_id__in=[n.collective_id for n in nominees if n.collective_id]))
        .values_list("code", "person_id", "organization_id")
    ) if titles else set()
    records = []
    for nominee in nominees:
        form = nominee.awarded_form
        if form.kind_is_title and (form.record_code, nominee.person_id, nominee.collective_id) in held:
            raise ValidationError({"dossier": f"{nominee.subject} đã có danh hiệu “{form}” năm {year}."})
        records.append(HonourRecord(
            person=nominee.person, organization=nominee.collective, code=form.record_code, year=year,
            decision_number=decision.reference, decision_date=decision.date, issuer=decision.issuer.name,
            note=f"Quyết định {decision.reference}",
        ))
    created = HonourRecord.objects.bulk_create(records)
    send_facts_changed(sender=HonourRecord, person_ids=(r.person_id for r in created))
    return created


@transaction.atomic
def decision_revoke(*, actor, decision: Decision, reason: str, on: datetime.date | None = None) -> Decision:
    """Hủy bỏ (Luật TĐKT Art. 93): the decision and every award it gave stay on record, marked revoked,
    and stop counting. Only the authority that decided revokes it."""
    decision = Decision.objects.select_for_update().select_related("dossier__round__authority",
                                                                  "dossier__organization").get(pk=decision.pk)
    if not acting_roles(actor, decision.dossier) & {"admin", "approver"}:
        raise PermissionDenied("Chỉ người có thẩm quyền đã quyết định mới hủy bỏ được quyết định.")
    if decision.revoked_on is not None:
        raise ValidationError({"decision": "Quyết định đã bị hủy bỏ."})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Hãy ghi rõ lý do hủy bỏ."})
    on = on or timezone.localdate()
    decision.revoked_on = on
    decision.revocation_reason = reason[:500]
    decision.save(update_fields=["revoked_on", "revocation_reason"])
    revoked = HonourRecord.objects.filter(pk__in=decision.awardees.values("honour_record_id"))
    revoked.update(revoked_on=on, revocation_reason=f"Quyết định {decision.reference} bị hủy bỏ: {reason[:400]}")
    send_facts_changed(sender=HonourRecord, person_ids=revoked.values_list("person_id", flat=True))
    certificates_drop(decision=decision)  # a revoked decision issues no certificate: its kept file goes
    audit_record(event_type=AuditEventType.DECISION_REVOKED, actor=actor, target=decision,
                 organization=decision.issuer, after={"reason": reason, "on": on.isoformat()})
    return decision
