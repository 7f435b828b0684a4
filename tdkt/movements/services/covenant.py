"""Signing the covenant (giao ước thi đua) for real (issue 15.3): a member signs either by uploading
the covenant as a PDF it signed digitally itself, or through the signing service (its organisation's
configured signer, tdkt.signing). A typed name alone is no longer a signature; rows recorded that way
before (the demo's 2022 history) stay, marked as not digitally signed (``CovenantMethod.PAPER``).

Who may sign an uploaded file for an organisation: every signature of the file must be valid (intact,
chaining to a configured trust root, not revoked), and at least one certificate must belong to the
organisation — its O or OU names the organisation (its name or short name, compared without accents
or case), or it is one of the names configured for the organisation's code in
``settings.TDKT_CERTIFICATE_ORGANIZATIONS`` (e.g. {"QT-SNV": ["SO NOI VU TINH QUANG TRI"]}), for a
certification authority that writes names its own way. A certificate of another organisation, or
a personal certificate naming no organisation, is refused."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from tdkt.audit.models import AuditEventType
from tdkt.core.domain.text import fold_vi
from tdkt.core.uploads import PDF, check_document
from tdkt.signing.domain.reports import FileVerdict

from ..models import ContentItem, CovenantMethod, CovenantSignature, Movement
from .common import ValidationError, audit_record, require_issued, require_participant

MAX_COVENANT_BYTES = 20 * 1024 * 1024


def _no_covenant(movement: Movement) -> str:
    return f"Kế hoạch “{movement}” không có giao ước thi đua."


def _ready(*, actor, movement: Movement, organization) -> Movement:
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    require_issued(movement)
    require_participant(actor, movement, organization)
    if not movement.content_items.filter(part=ContentItem.COVENANT).exists():
        raise ValidationError({"movement": _no_covenant(movement)})
    if CovenantSignature.objects.filter(movement=movement, organization=organization).exists():
        raise ValidationError({"organization": f"{organization} đã ký giao ước."})
    return movement


def accepted_names(organization) -> set[str]:
    names = {organization.name, organization.short_name}
    names.update(getattr(settings, "TDKT_CERTIFICATE_ORGANIZATIONS", {}).get(organization.code, []))
    return {fold_vi(n).strip() for n in names if n and n.strip()}


def belongs_to(report, organization) -> bool:
    """The certificate names the organisation in its O or OU (see the module's rule)."""
    accepted = accepted_names(organization)
    parts = [report.organization, *report.organization.split(", ")] if report.organization else []
    return any(fold_vi(p).strip() in accepted for p in parts)


def covenant_problem(verdict: FileVerdict, organization) -> str:
    """Why an uploaded covenant does not count as signed by the organisation ("" when it does)."""
    if verdict.error:
        return verdict.error
    if not verdict.signatures:
        return "Tệp không có chữ ký số. Hãy ký số bản giao ước (bằng chứng thư của đơn vị) rồi tải lên."
    bad = [s for s in verdict.signatures if not s.is_valid]
    if bad:
        worst = bad[0]
        return f"{worst.text}" + (f" ({worst.reason})" if worst.reason else "") + "."
    if not any(belongs_to(s, organization) for s in verdict.signatures):
        names = "; ".join(sorted({s.organization or s.signer for s in verdict.signatures}))
        return (f"Chứng thư ký ({names}) không phải của {organization}: giao ước phải do chính đơn vị ký số "
                "(tên cơ quan trên chứng thư, mục O hoặc OU).")
    return ""


@transaction.atomic
def covenant_sign_upload(*, actor, movement: Movement, organization, upload) -> CovenantSignature:
    """The member's own digitally signed covenant: kept with what its check found."""
    # pyHanko takes a second to import: loaded when a document is signed or checked, not with every process.
    from tdkt.signing.services import verify_pdf

    movement = _ready(actor=actor, movement=movement, organization=organization)
    kind = check_document(upload, kinds=(PDF,), max_bytes=MAX_COVENANT_BYTES, field="file",
                          missing="Hãy chọn tệp giao ước đã ký số (PDF).")
    upload.seek(0)
    data = upload.read(MAX_COVENANT_BYTES + 1)
    verdict = verify_pdf(data, max_bytes=MAX_COVENANT_BYTES)
    problem = covenant_problem(verdict, organization)
    if problem:
        raise ValidationError({"file": problem})
    own = next(s for s in verdict.signatures if belongs_to(s, organization))
    signature = CovenantSignature(
        movement=movement, organization=organization, signed_by=actor, signer_name=own.signer[:150],
        signer_title="", signed_at=own.signed_at or timezone.now(), method=CovenantMethod.UPLOAD,
        original_name=(upload.name or "")[-255:], certificate=(own.organization or own.signer)[:500],
        certificate_serial=own.serial[:80], signatures=verdict.as_dict(),
    )
    signature.file.save(f"giao-uoc-{movement.pk}-{organization.pk}{kind.extension}", ContentFile(data), save=False)
    signature.save()
    audit_record(event_type=AuditEventType.COVENANT_SIGNED, actor=actor, target=movement, organization=organization,
                 after={"method": "upload", "signer_name": signature.signer_name, "certificate": signature.certificate,
                        "serial": signature.certificate_serial, "file": signature.original_name})
    return signature


def covenant_pdf(*, movement: Movement, organization, signer_name: str, signer_title: str) -> bytes:
    """The covenant's contents as a PDF for one member, its signing block at the bottom right."""
    from weasyprint import HTML

    items = "".join(f"<li>{escape(i.text)}</li>"
                    for i in movement.content_items.filter(part=ContentItem.COVENANT).order_by("position", "pk"))
    html = f"""<html lang="vi"><head><meta charset="utf-8"><style>
      @page {{ size: A4; margin: 20mm 20mm 20mm 30mm; }}
      body {{ font-family: 'Liberation Serif', 'Noto Serif', serif; font-size: 13pt; }}
      h1 {{ text-align: center; font-size: 14pt; margin: 0; }} .c {{ text-align: center; }}
      .sign {{ margin-left: 55%; text-align: center; margin-top: 18pt; }} .gap {{ height: 64pt; }}
    </style></head><body>
      <h1>GIAO ƯỚC THI ĐUA</h1><p class="c"><i>{escape(movement.title)}</i></p>
      <p>{escape(organization.name)} cam kết thực hiện các nội dung giao ước sau:</p><ol>{items}</ol>
      <div class="sign"><b>{escape(" ".join(signer_title.split()).upper())}</b><br><b>{escape(organization.name)}</b>
      <div class="gap"></div><b>{escape(signer_name)}</b></div>
    </body></html>"""
    return HTML(string=html).write_pdf()


@transaction.atomic
def covenant_sign_service(*, actor, movement: Movement, organization, signer_name: str,
                          signer_title: str) -> CovenantSignature:
    """Signed through the signing service: the organisation's configured signer signs the covenant's
    PDF (the visible block names the signer), and the signed file is kept."""
    # pyHanko takes a second to import: loaded when a document is signed or checked, not with every process.
    from tdkt.signing.services import sign_pdf, verify_pdf
    from tdkt.signing.signers import SigningError, signer_for

    movement = _ready(actor=actor, movement=movement, organization=organization)
    signer_name, signer_title = " ".join(signer_name.split()), " ".join(signer_title.split())
    if not signer_name or not signer_title:
        raise ValidationError({"signer_name": "Ghi rõ họ tên và chức vụ người ký."})
    if len(signer_name) > 150 or len(signer_title) > 200:
        raise ValidationError({"signer_name": "Họ tên tối đa 150, chức vụ tối đa 200 ký tự."})
    try:
        configured = signer_for(organization)
        if configured is None:
            raise SigningError(f"{organization} chưa được cấu hình chữ ký số trên hệ thống: hãy ký số bản giao ước "
                               "bằng chứng thư của đơn vị rồi tải lên.")
        pdf = covenant_pdf(movement=movement, organization=organization, signer_name=signer_name,
                           signer_title=signer_title)
        signed = sign_pdf(actor=actor, pdf=pdf, organization=organization, signer_name=signer_name,
                          signer_title=signer_title, target=movement, configured=configured,
                          reason="Ký giao ước thi đua")
    except SigningError as error:
        raise ValidationError({"organization": str(error)}) from None
    signature = CovenantSignature(
        movement=movement, organization=organization, signed_by=actor, signer_name=signer_name,
        signer_title=signer_title, signed_at=timezone.now(), method=CovenantMethod.SERVICE,
        original_name=f"giao-uoc-{organization.code}.pdf", certificate=configured.display[:500],
        certificate_serial=configured.serial[:80], signatures=verify_pdf(signed).as_dict(),
    )
    signature.file.save(f"giao-uoc-{movement.pk}-{organization.pk}.pdf", ContentFile(signed), save=False)
    signature.save()
    audit_record(event_type=AuditEventType.COVENANT_SIGNED, actor=actor, target=movement, organization=organization,
                 after={"method": "service", "signer_name": signer_name, "signer_title": signer_title,
                        "certificate": signature.certificate, "serial": signature.certificate_serial})
    return signature
