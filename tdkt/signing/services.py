"""Sign a PDF for an organisation (PAdES, with a visible block) and check the signatures of a PDF.

``sign_pdf`` writes one audit event; ``verify_pdf`` reads only (a file over the attachment limit is
refused before it is parsed). pyHanko does the PDF and CMS work, pyhanko-certvalidator the chains."""

from __future__ import annotations

import asyncio
import datetime
import logging
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from io import BytesIO
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils import timezone
from pyhanko import stamp
from pyhanko.pdf_utils import text
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.organizations.models import Organization

from . import placement
from .domain.reports import FileVerdict, SignatureReport, classify
from .pki import DEMO_MARK
from .signers import ConfiguredSigner, SigningError, signer_for

log = logging.getLogger(__name__)

FIELD = "ChuKySo"
# pyHanko writes glyph widths in the font's own units: only a font of 1000 units per em (Noto; not
# Liberation or DejaVu, 2048) prints with the right spacing. Noto Serif carries every Vietnamese mark.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
)
MAX_VERIFY_BYTES = 20 * 1024 * 1024  # the dossier attachment limit (tdkt.core.uploads.MAX_REPORT_BYTES)


def _off_loop(function, *args, **kwargs):
    """pyHanko's synchronous calls start their own event loop (asyncio.run): inside a thread that
    already runs one (an ASGI server, Playwright's sync API in the tests) they run in a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def _font() -> str | None:
    configured = getattr(settings, "TDKT_SIGNATURE_FONT", "")
    for candidate in (configured, *FONT_CANDIDATES):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _without_marks(text_: str) -> str:
    """ "Ngô Quang Chiền" → "Ngo Quang Chien": for the built-in PDF font, which has no Vietnamese letters."""
    folded = unicodedata.normalize("NFD", text_.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in folded if unicodedata.category(ch) != "Mn")


def _stamp_style(lines: list[str]) -> stamp.TextStampStyle:
    font = _font()
    if font is None:  # no Noto font installed (fonts-noto-core): readable without tone marks, never garbled
        log.warning("No font with Vietnamese letters for the signature block: tone marks left out")
        lines = [_without_marks(line) for line in lines]
    box = (text.TextBoxStyle(font=GlyphAccumulatorFactory(font, font_size=8), font_size=8, leading=10) if font
           else text.TextBoxStyle(font_size=8, leading=10))
    return stamp.TextStampStyle(
        stamp_text="\n".join(line.replace("%", "%%") for line in lines),
        text_box_style=box,
        border_width=1,
    )


def sign_pdf(*, actor, pdf: bytes, organization, signer_name: str, signer_title: str,
             when: datetime.datetime | None = None, target=None, configured: ConfiguredSigner | None = None,
             reason: str = "Ban hành văn bản") -> bytes:
    """The PDF signed by the organisation's configured signer (SigningError when it has none or the
    signer fails), with a visible block over the signer's name: "Ký số bởi", name, title,
    organisation, time. ``target`` (e.g. the decision) is what the audit event points at."""
    configured = configured or signer_for(organization)
    if configured is None:
        raise SigningError(f"{organization} chưa được cấu hình chữ ký số.")
    when = timezone.localtime(when or timezone.now())
    where = placement.find(pdf, signer_name)
    lines = [
        "Ký số bởi: " + signer_name.strip(),
        " ".join(signer_title.split()),
        str(getattr(organization, "name", organization)),
        f"Thời gian ký: {when:%d/%m/%Y %H:%M:%S}",
    ]
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        taken = {name for name, *_ in fields.enumerate_sig_fields(writer.prev)}
    except Exception as error:  # noqa: BLE001 - not a PDF pyHanko can write to
        raise SigningError(f"Không ký số được văn bản: {error}") from None
    # A document signed already (a co-signature) gets the next field: ChuKySo2, ChuKySo3…
    field_name = next(n for n in (FIELD, *(f"{FIELD}{i}" for i in range(2, 100))) if n not in taken)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, reason=reason, name=signer_name.strip(),
        location=str(getattr(organization, "name", "")), md_algorithm="sha256",
    )
    pdf_signer = signers.PdfSigner(
        meta, signer=configured.signer, stamp_style=_stamp_style(lines),
        new_field_spec=fields.SigFieldSpec(field_name, on_page=where.page, box=where.box),
    )
    try:
        out = _off_loop(pdf_signer.sign_pdf, writer).getvalue()
    except SigningError:
        raise
    except Exception as error:  # noqa: BLE001 - pyHanko's errors are many; none may leave a half-signed file
        log.exception("signing failed")
        raise SigningError(f"Không ký số được văn bản: {error}") from None
    audit_record(event_type=AuditEventType.DOCUMENT_GENERATED, actor=actor, target=target,
                 organization=organization if isinstance(organization, Organization) else None,
                 after={"signed": True, "signer": configured.subject, "serial": configured.serial,
                        "signer_name": signer_name, "at": when.isoformat(), "bytes": len(out)})
    return out


# --- verification ------------------------------------------------------------------------------


def _load_certificates(path: Path) -> list[asn1_x509.Certificate]:
    data = path.read_bytes()
    if pem.detect(data):
        return [asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
    return [asn1_x509.Certificate.load(data)]


@cache
def _roots_from(paths: tuple[str, ...], demo: bool) -> tuple[asn1_x509.Certificate, ...]:
    roots = []
    for name in paths:
        for cert in _load_certificates(Path(name)):
            units = cert.subject.native.get("organizational_unit_name") or ""
            if DEMO_MARK in (units if isinstance(units, list) else [units]) and not demo:
                raise SigningError(f"{name}: chứng thư gốc demo không được dùng ngoài bản demo.")
            roots.append(cert)
    return tuple(roots)


def configured_trust_roots() -> list[asn1_x509.Certificate]:
    """The configured roots (settings.TDKT_TRUST_ROOTS: PEM or DER files); under the demo, also the
    demo's root when it exists."""
    paths = [str(p) for p in getattr(settings, "TDKT_TRUST_ROOTS", []) or []]
    demo = bool(getattr(settings, "TDKT_DEMO", False))
    if demo:
        root = Path(settings.TDKT_DEMO_PKI_DIR) / "demo-root.pem"
        if root.exists():
            paths.append(str(root))
    return list(_roots_from(tuple(paths), demo))


def _validation_context(roots) -> ValidationContext:
    fetch = bool(getattr(settings, "TDKT_SIGNATURE_FETCH_REVOCATION", False))
    kwargs = {"trust_roots": list(roots), "allow_fetching": fetch, "revocation_mode": "soft-fail"}
    if fetch:
        from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

        kwargs["fetcher_backend"] = AIOHttpFetcherBackend(
            per_request_timeout=float(getattr(settings, "TDKT_SIGNATURE_FETCH_TIMEOUT", 5)))
    return ValidationContext(**kwargs)


def _name_part(cert, key: str) -> str:
    value = cert.subject.native.get(key, "") if cert is not None else ""
    return ", ".join(value) if isinstance(value, list) else (value or "")


def _report(embedded, roots) -> SignatureReport:
    field_name = embedded.field_name or ""
    try:
        status = _off_loop(validate_pdf_signature, embedded, _validation_context(roots))
    except Exception as error:  # noqa: BLE001 - an unreadable CMS is an invalid signature, never a 500
        return SignatureReport(status=classify(intact=True, valid=False, trusted=False, revoked=False,
                                               modified_after=False),
                               reason=f"Không đọc được chữ ký: {error}"[:300], field=field_name)
    cert = status.signing_cert
    level = getattr(status, "modification_level", None)
    modified_after = level is not None and level > ModificationLevel.FORM_FILLING
    revoked = bool(getattr(status, "revoked", False))
    verdict = classify(intact=status.intact, valid=status.valid, trusted=status.trusted, revoked=revoked,
                       modified_after=modified_after)
    reasons = []
    if not status.intact:
        reasons.append("nội dung đã ký không còn nguyên vẹn")
    elif modified_after:
        reasons.append("tệp bị sửa đổi sau khi ký (không chỉ điền biểu mẫu, ký tiếp)")
    if status.intact and not status.valid:
        reasons.append("giá trị chữ ký không khớp với chứng thư")
    if revoked:
        reasons.append("chứng thư đã bị thu hồi")
    if status.valid and not status.trusted and not revoked:
        reasons.append("chứng thư không dẫn về chứng thư gốc được cấu hình (hoặc đã hết hạn)")
    signed_at = status.timestamp_validity.timestamp if getattr(status, "timestamp_validity", None) else None
    signed_at = signed_at or status.signer_reported_dt
    coverage = getattr(status.coverage, "name", str(status.coverage or "")).lower()
    org = ", ".join(p for p in (_name_part(cert, "organization_name"), _name_part(cert, "organizational_unit_name"))
                    if p)
    return SignatureReport(
        status=verdict, signer=_name_part(cert, "common_name"), organization=org, signed_at=signed_at,
        intact=bool(status.intact), trusted=bool(status.trusted), coverage=coverage,
        serial=format(cert.serial_number, "X") if cert is not None else "",
        issuer=cert.issuer.native.get("common_name", "") if cert is not None else "",
        reason="; ".join(reasons), field=field_name,
    )


def verify_pdf(data: bytes, *, trust_roots: list | None = None, max_bytes: int = MAX_VERIFY_BYTES) -> FileVerdict:
    """Every signature of the PDF, checked: integrity, signer, signing time, the chain to the trust
    roots (those configured unless given), revocation where reachable (only when
    TDKT_SIGNATURE_FETCH_REVOCATION, with a short timeout; otherwise what the file embeds). A file over
    ``max_bytes`` is refused before it is parsed."""
    if len(data) > max_bytes:
        raise SigningError(f"Tệp quá lớn để kiểm tra chữ ký (tối đa {max_bytes // 1024 // 1024} MB).")
    if b"/ByteRange" not in data:
        # Every signature dictionary names the bytes it covers, uncompressed (never inside an object
        # stream): without one the file has no signature, however damaged or minimal the rest.
        return FileVerdict()
    roots = configured_trust_roots() if trust_roots is None else trust_roots
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as error:  # noqa: BLE001 - a damaged PDF is reported, never a 500
        return FileVerdict(error=f"Không đọc được tệp PDF để kiểm tra chữ ký: {str(error)[:200]}")
    return FileVerdict(signatures=[_report(sig, roots) for sig in embedded])
