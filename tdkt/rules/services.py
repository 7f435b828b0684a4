"""Writes of the rules app: marking candidates for proposal. One transaction, one audit event each."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from tdkt.accounts.scope import user_can
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record, snapshot
from tdkt.organizations.errors import require
from tdkt.records.domain.codes import HONOURS, Target, honour_label

from .models import ProposalMark


@transaction.atomic
def proposal_mark(
    *,
    actor,
    award: str,
    year: int,
    eligible: bool,
    person=None,
    collective=None,
    justification: str = "",
) -> ProposalMark:
    """Mark a candidate for proposal. An ineligible one needs a written justification (kept)."""
    if (person is None) == (collective is None):
        raise ValueError("Mark exactly one subject.")
    unit = person.organization if person is not None else (collective.parent or collective)
    require(user_can(actor, "record.manage", unit), "Bạn không có quyền đề nghị khen thưởng cho đơn vị này.")
    target = Target.INDIVIDUAL if person is not None else Target.COLLECTIVE
    if award not in HONOURS or target not in HONOURS[award][2]:
        raise ValidationError({"award": f"“{honour_label(award)}” không dành cho đối tượng này."})
    if not 2000 <= year <= datetime.date.today().year + 1:
        raise ValidationError({"year": f"Năm {year} không hợp lệ."})
    if not eligible and not justification.strip():
        raise ValidationError({"justification": "Người, tập thể này chưa đủ điều kiện: phải ghi rõ lý do vẫn đề nghị."})
    subject = {"person": person} if person is not None else {"collective": collective}
    mark, created = ProposalMark.objects.get_or_create(
        year=year,
        award=award,
        **subject,
        defaults={
            "organization": unit,
            "eligible": eligible,
            "justification": justification.strip(),
            "marked_by": actor,
        },
    )
    if not created:
        raise ValidationError({"award": "Đã đánh dấu đề nghị từ trước."})
    audit_record(
        event_type=AuditEventType.PROPOSAL_MARKED,
        actor=actor,
        target=mark,
        organization=unit,
        after=snapshot(mark),
        target_label=f"{person or collective} — {honour_label(award)} {year}",
    )
    return mark


@transaction.atomic
def proposal_unmark(*, actor, mark: ProposalMark) -> None:
    require(user_can(actor, "record.manage", mark.organization), "Bạn không có quyền sửa danh sách đề nghị này.")
    before = snapshot(mark)
    label = f"{mark.person or mark.collective} — {honour_label(mark.award)} {mark.year}"
    organization = mark.organization
    mark.delete()
    audit_record(
        event_type=AuditEventType.PROPOSAL_UNMARKED,
        actor=actor,
        organization=organization,
        before=before,
        target_label=label,
    )
