"""A unit's dossier: create it in a round, add nominees (each checked by the eligibility engine at
once), attach the components the catalogue asks for. Only while the dossier is the unit's to edit
(draft or returned)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.core.uploads import PDF, REPORT_KINDS, check_document
from tdkt.movements.models import Participant

from ..access import acting_roles
from ..domain.workflow import State
from ..models import Attachment, AwardForm, CommendationRound, Dossier, Nominee, RoundKind

EDITABLE = (State.DRAFT, State.RETURNED)
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_NOMINEES = 500


def _require_unit(actor, dossier: Dossier) -> None:
    if not acting_roles(actor, dossier) & {"admin", "unit_officer", "unit_leader"}:
        raise PermissionDenied(f"Bạn không có quyền lập hồ sơ thay mặt {dossier.organization}.")


def is_movement_round(commendation_round: CommendationRound) -> bool:
    return commendation_round.kind == RoundKind.MOVEMENT and commendation_round.movement_id is not None


def takes_part(commendation_round: CommendationRound, organization) -> bool:
    """Whether the organisation may file into the round. A movement's round commends what was done in
    the movement, so only its participants (or a unit inside one: a phòng of a participating sở) file
    there; the other rounds take any unit under their authority."""
    if not is_movement_round(commendation_round):
        return True
    return Participant.objects.filter(
        movement_id=commendation_round.movement_id, organization_id__in=organization.ancestor_ids()
    ).exists()


def not_taking_part(commendation_round: CommendationRound, organization) -> str:
    return (
        f"{organization} không tham gia phong trào thi đua “{commendation_round.movement}” nên không lập được hồ sơ "
        f"trong đợt khen thưởng “{commendation_round}”: đợt này chỉ nhận hồ sơ của các đơn vị tham gia phong trào."
    )


def _require_editable(dossier: Dossier) -> None:
    if dossier.state not in EDITABLE:
        raise ValidationError({"dossier": "Hồ sơ đã gửi; chỉ sửa được khi còn là bản nháp hoặc bị trả lại."})


def _locked(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_for_update().select_related("round__authority", "organization").get(pk=dossier.pk)


@transaction.atomic
def dossier_create(*, actor, round: CommendationRound, organization, title: str) -> Dossier:
    dossier = Dossier(round=round, organization=organization, title=title.strip(), created_by=actor)
    _require_unit(actor, dossier)
    if not round.is_open:
        raise ValidationError({"round": "Đợt khen thưởng đã đóng."})
    # A movement's round says first what matters there: whether the unit took part in the movement.
    if not takes_part(round, organization):
        raise ValidationError({"organization": not_taking_part(round, organization)})
    if not organization.path.startswith(round.authority.path):
        raise ValidationError({"organization": f"{organization} không thuộc phạm vi của {round.authority}."})
    if not dossier.title:
        raise ValidationError({"title": "Hãy nhập tên hồ sơ (ví dụ: Tờ trình đề nghị khen thưởng …)."})
    if len(dossier.title) > 300:
        raise ValidationError({"title": "Tên hồ sơ dài quá 300 ký tự."})
    dossier.save()
    audit_record(event_type=AuditEventType.DOSSIER_CHANGED, actor=actor, target=dossier, organization=organization,
                 after={"title": dossier.title, "round": str(round)})
    return dossier


def form_on(code: str, on: datetime.date) -> AwardForm | None:
    """The catalogue version of ``code`` in force on ``on``."""
    return (
        AwardForm.objects.filter(code=code, effective_from__lte=on)
        .exclude(effective_to__lt=on)
        .order_by("-effective_from")
        .first()
    )


def check_eligibility(*, subject, award: AwardForm, year: int, basis: str) -> tuple[bool | None, dict]:
    """The engine's verdict for a nominee: (eligible or None when no rule covers it, the record kept)."""
    from tdkt.organizations.models import Organization, Person
    from tdkt.rules import facts
    from tdkt.rules.domain import Verdict
    from tdkt.rules.evaluation import default_on_date, evaluate_safely

    on_date = default_on_date(year)
    if isinstance(subject, Person):
        subjects = facts.people_facts(Person.objects.filter(pk=subject.pk), on_date=on_date, year=year)
    else:
        subjects = facts.organization_facts(Organization.objects.filter(pk=subject.pk), year=year, on_date=on_date)
    [result] = evaluate_safely([(str(subject.pk), subjects[subject.pk])], award.record_code, year=year,
                               on_date=on_date, basis=basis)
    verdict = {Verdict.ELIGIBLE: True, Verdict.INELIGIBLE: False}.get(result.verdict)
    record = {
        "verdict": result.verdict.value,
        "regime": result.regime,
        "on_date": on_date.isoformat(),
        "conditions": [c.to_dict() for c in result.conditions],
    }
    return verdict, record


def _basis(round: CommendationRound) -> str:
    return {"regular": "regular", "movement": "movement", "sudden": "sudden"}[round.kind]


@transaction.atomic
def nominee_add(
    *, actor, dossier: Dossier, award: AwardForm, person=None, collective=None, achievement: str = "",
    justification: str = "",
) -> Nominee:
    """Add a person or a collective of the unit; the engine runs at once. An ineligible nominee is
    kept only with a written justification (it stays on the record and goes with the dossier)."""
    dossier = _locked(dossier)
    _require_unit(actor, dossier)
    _require_editable(dossier)
    if (person is None) == (collective is None):
        raise ValidationError({"person": "Chọn một cá nhân hoặc một tập thể."})
    subject = person or collective
    subject_org = person.organization if person is not None else collective
    if not subject_org.path.startswith(dossier.organization.path):
        raise ValidationError({"person": f"{subject} không thuộc {dossier.organization}."})
    if person is not None and not award.for_individual or collective is not None and not award.for_collective:
        raise ValidationError({"award": f"“{award}” không dành cho đối tượng này."})
    allowed = dossier.round.forms.all()
    if allowed.exists() and not allowed.filter(code=award.code).exists():
        raise ValidationError({"award": f"Đợt khen thưởng này không xét “{award}”."})
    same = dossier.nominees.filter(person=person, collective=collective, award__code=award.code)
    if same.exists():
        raise ValidationError({"person": f"{subject} đã được đề nghị “{award}” trong hồ sơ này."})
    if dossier.nominees.count() >= MAX_NOMINEES:
        raise ValidationError({"person": f"Một hồ sơ có tối đa {MAX_NOMINEES} người được đề nghị."})
    eligible, record = check_eligibility(subject=subject, award=award, year=dossier.round.year,
                                         basis=_basis(dossier.round))
    justification = justification.strip()
    if eligible is False and not justification:
        failed = "; ".join(c["message"] for c in record["conditions"] if c["passed"] is False)
        raise ValidationError(
            {"justification": f"{subject} chưa đủ điều kiện ({failed}): phải ghi rõ lý do vẫn đề nghị."}
        )
    nominee = Nominee.objects.create(
        dossier=dossier, person=person, collective=collective, award=award, achievement=achievement.strip(),
        eligible=eligible, eligibility=record, justification=justification,
        position=dossier.nominees.count(),
    )
    audit_record(event_type=AuditEventType.NOMINEE_CHANGED, actor=actor, target=dossier,
                 organization=dossier.organization,
                 after={"nominee": str(subject), "award": award.code, "eligible": eligible,
                        "justification": justification})
    return nominee


@transaction.atomic
def nominee_remove(*, actor, nominee: Nominee) -> None:
    dossier = _locked(nominee.dossier)
    _require_unit(actor, dossier)
    _require_editable(dossier)
    label = str(nominee)
    nominee.delete()
    audit_record(event_type=AuditEventType.NOMINEE_CHANGED, actor=actor, target=dossier,
                 organization=dossier.organization, before={"nominee": label})


def required_components(dossier: Dossier) -> dict[str, str]:
    """{component code: label} the catalogue requires for the forms proposed in the dossier."""
    out: dict[str, str] = {}
    for nominee in dossier.nominees.select_related("award"):
        for component in nominee.award.components:
            if component.get("required", True):
                out.setdefault(component["code"], component["label"])
    return out


def missing_components(dossier: Dossier) -> dict[str, str]:
    present = set(dossier.attachments.values_list("component", flat=True))
    return {code: label for code, label in required_components(dossier).items() if code not in present}


def signed_components(dossier: Dossier) -> dict[str, str]:
    """{component code: label} the catalogue wants digitally signed (``"signed": true``, e.g. the tờ trình)."""
    out: dict[str, str] = {}
    for nominee in dossier.nominees.select_related("award"):
        for component in nominee.award.components:
            if component.get("signed"):
                out.setdefault(component["code"], component["label"])
    return out


def unsigned_components(dossier: Dossier) -> dict[str, str]:
    """The components that must be signed and have no attached PDF whose every signature is valid."""
    wanted = signed_components(dossier)
    if not wanted:
        return {}
    good = {a.component for a in dossier.attachments.filter(component__in=wanted)
            if (v := a.signature_verdict) is not None and v.all_valid}
    return {code: label for code, label in wanted.items() if code not in good}


def unsigned_problem(unsigned: dict[str, str]) -> str:
    return ("Hồ sơ chưa gửi được: " + "; ".join(unsigned.values()) + " phải là tệp PDF có chữ ký số hợp lệ "
            "(chữ ký còn nguyên vẹn, chứng thư thuộc nguồn tin cậy). Hãy tải lên bản đã ký số.")


@transaction.atomic
def attachment_add(*, actor, dossier: Dossier, component: str, upload, nominee: Nominee | None = None) -> Attachment:
    dossier = _locked(dossier)
    _require_unit(actor, dossier)
    _require_editable(dossier)
    known = {c["code"] for n in dossier.nominees.select_related("award") for c in n.award.components}
    if component not in known:
        raise ValidationError({"component": "Thành phần hồ sơ không có trong danh mục của các hình thức đề nghị."})
    if nominee is not None and nominee.dossier_id != dossier.pk:
        raise ValidationError({"nominee": "Người được đề nghị không thuộc hồ sơ này."})
    kind = check_document(upload, kinds=REPORT_KINDS, max_bytes=MAX_ATTACHMENT_BYTES, field="file",
                          missing="Hãy chọn tệp thành phần hồ sơ.")
    upload.seek(0)
    attachment = Attachment(dossier=dossier, component=component, nominee=nominee, original_name=upload.name[-255:],
                            content_type=kind.content_type, size=upload.size, uploaded_by=actor)
    if kind == PDF:  # its digital signatures, checked once at upload and kept with it (issue 15.2)
        from tdkt.signing.services import verify_pdf  # pyHanko: imported when a PDF is checked

        verdict = verify_pdf(upload.read(MAX_ATTACHMENT_BYTES + 1), max_bytes=MAX_ATTACHMENT_BYTES)
        attachment.signatures = verdict.as_dict()
        upload.seek(0)
    attachment.file.save(f"ho-so{kind.extension}", upload, save=False)
    attachment.save()
    audit_record(event_type=AuditEventType.ATTACHMENT_CHANGED, actor=actor, target=dossier,
                 organization=dossier.organization, after={"component": component, "file": attachment.original_name,
                                                           **({"signatures": attachment.signature_verdict.summary}
                                                              if attachment.signatures else {})})
    return attachment


@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment) -> None:
    dossier = _locked(attachment.dossier)
    _require_unit(actor, dossier)
    _require_editable(dossier)
    name, stored, storage = attachment.original_name, attachment.file.name, attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))
    audit_record(event_type=AuditEventType.ATTACHMENT_CHANGED, actor=actor, target=dossier,
                 organization=dossier.organization, before={"file": name})
