"""API shapes of digital signatures, shared by the routers that show them (decisions, attachments,
covenant signatures)."""

import datetime
from typing import Literal

from ninja import Field, Schema

from .domain.reports import FileVerdict

StatusValue = Literal["valid", "invalid", "altered", "untrusted", "revoked", "unknown"]


class SignatureReportOut(Schema):
    status: StatusValue = Field(..., description="valid: hợp lệ; altered: tệp bị sửa sau khi ký; untrusted: chứng "
                                "thư không thuộc nguồn tin cậy; revoked: chứng thư bị thu hồi; invalid: chữ ký sai; "
                                "unknown: chưa xác định được")
    text: str = Field(..., description="Kết quả bằng tiếng Việt")
    signer: str = Field(..., description="Tên trên chứng thư (CN)")
    organization: str = Field(..., description="Cơ quan trên chứng thư (O, OU)")
    signed_at: datetime.datetime | None = Field(None, description="Thời điểm ký")
    intact: bool = Field(..., description="Nội dung đã ký còn nguyên vẹn")
    trusted: bool = Field(..., description="Chứng thư dẫn về chứng thư gốc tin cậy đã cấu hình")
    coverage: str
    serial: str = Field(..., description="Số hiệu chứng thư (hex)")
    issuer: str = Field(..., description="Tổ chức cấp chứng thư (CN)")
    reason: str = Field(..., description="Lý do khi không hợp lệ")


class FileSignaturesOut(Schema):
    signed: bool = Field(..., description="Tệp có ít nhất một chữ ký số")
    all_valid: bool = Field(..., description="Mọi chữ ký đều hợp lệ")
    summary: str = Field(..., description="Kết luận bằng tiếng Việt: “Chữ ký hợp lệ”, “Không có chữ ký số”…")
    signatures: list[SignatureReportOut]


class DecisionSignatureOut(Schema):
    signed: bool = Field(..., description="Tệp PDF của quyết định đã được ký số (PAdES)")
    text: str = Field(..., description="“Đã ký số” hoặc “Chưa ký số”")
    signed_at: datetime.datetime | None
    certificate: str = Field(..., description="Chủ chứng thư ký số")
    serial: str = Field(..., description="Số hiệu chứng thư (hex)")


def file_signatures_body(verdict: FileVerdict | None) -> dict | None:
    if verdict is None:
        return None
    return {
        "signed": verdict.signed, "all_valid": verdict.all_valid, "summary": verdict.summary,
        "signatures": [{**s.as_dict(), "signed_at": s.signed_at, "text": s.text} for s in verdict.signatures],
    }


def decision_signature_body(decision) -> dict:
    signed = decision.signed_at is not None
    return {"signed": signed, "text": "Đã ký số" if signed else "Chưa ký số", "signed_at": decision.signed_at,
            "certificate": decision.signature_subject, "serial": decision.signature_serial}
