"""What a check of a signed PDF found, per signature, as plain values kept with the file (JSON) and
shown in Vietnamese. No Django, no pyHanko here: ``tdkt.signing.services`` fills these."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from enum import StrEnum


class SignatureStatus(StrEnum):
    VALID = "valid"  # intact, the chain reaches a configured trust root, not revoked
    INVALID = "invalid"  # the signature value does not verify (broken, wrong key, unreadable CMS)
    ALTERED = "altered"  # the signed bytes changed, or the file was changed after signing beyond what is allowed
    UNTRUSTED = "untrusted"  # intact, but the certificate does not chain to a configured trust root (or expired)
    REVOKED = "revoked"  # intact, trusted chain, the certificate was revoked
    UNKNOWN = "unknown"  # the check could not be completed (e.g. revocation unreachable with a hard policy)


# What the page says for each status (Vietnamese, shown as is).
STATUS_TEXT = {
    SignatureStatus.VALID: "Chữ ký hợp lệ",
    SignatureStatus.INVALID: "Chữ ký không hợp lệ",
    SignatureStatus.ALTERED: "Tệp đã bị sửa sau khi ký",
    SignatureStatus.UNTRUSTED: "Chứng thư không thuộc nguồn tin cậy",
    SignatureStatus.REVOKED: "Chứng thư đã bị thu hồi",
    SignatureStatus.UNKNOWN: "Chưa xác định được",
}
NO_SIGNATURE_TEXT = "Không có chữ ký số"
# Bootstrap colour of the badge per status.
STATUS_TONE = {
    SignatureStatus.VALID: "success",
    SignatureStatus.INVALID: "danger",
    SignatureStatus.ALTERED: "danger",
    SignatureStatus.UNTRUSTED: "warning",
    SignatureStatus.REVOKED: "danger",
    SignatureStatus.UNKNOWN: "secondary",
}


@dataclass(frozen=True)
class SignatureReport:
    """One signature of a PDF."""

    status: SignatureStatus
    signer: str = ""  # the certificate's common name
    organization: str = ""  # its O (and OU)
    signed_at: datetime.datetime | None = None  # the time the signer's software claims (or a timestamp's)
    intact: bool = False  # the signed bytes are unchanged
    trusted: bool = False  # the chain reaches a configured root
    coverage: str = ""  # "entire_file", "entire_revision", "contiguous_block_from_start", …
    serial: str = ""  # the certificate's serial number, hex
    issuer: str = ""  # the certificate issuer's common name
    reason: str = ""  # why, in Vietnamese, when not valid
    field: str = ""  # the PDF signature field

    @property
    def text(self) -> str:
        return STATUS_TEXT[self.status]

    @property
    def tone(self) -> str:
        return STATUS_TONE[self.status]

    @property
    def is_valid(self) -> bool:
        return self.status is SignatureStatus.VALID

    def as_dict(self) -> dict:
        data = asdict(self)
        data["status"] = self.status.value
        data["signed_at"] = self.signed_at.isoformat() if self.signed_at else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> SignatureReport:
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        values["status"] = SignatureStatus(values.get("status", "unknown"))
        at = values.get("signed_at")
        values["signed_at"] = datetime.datetime.fromisoformat(at) if at else None
        return cls(**values)


def classify(*, intact: bool, valid: bool, trusted: bool, revoked: bool, modified_after: bool,
             checked: bool = True) -> SignatureStatus:
    """The one status of a signature from pyHanko's findings, worst first: an altered file is flagged
    even when its certificate is also untrusted (what matters to the reader is that it changed)."""
    if not intact or modified_after:
        return SignatureStatus.ALTERED
    if not valid:
        return SignatureStatus.INVALID
    if revoked:
        return SignatureStatus.REVOKED
    if not checked:
        return SignatureStatus.UNKNOWN
    if not trusted:
        return SignatureStatus.UNTRUSTED
    return SignatureStatus.VALID


@dataclass(frozen=True)
class FileVerdict:
    """All the signatures of one file, and the one line a list shows for it."""

    signatures: list[SignatureReport] = field(default_factory=list)
    error: str = ""  # the file could not be read as a PDF (Vietnamese)

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def all_valid(self) -> bool:
        return bool(self.signatures) and all(s.is_valid for s in self.signatures)

    @property
    def summary(self) -> str:
        if self.error:
            return self.error
        if not self.signatures:
            return NO_SIGNATURE_TEXT
        worst = max(self.signatures, key=lambda s: _SEVERITY[s.status])
        return worst.text

    def as_dict(self) -> dict:
        return {"signatures": [s.as_dict() for s in self.signatures], "error": self.error}

    @classmethod
    def from_dict(cls, data: dict | None) -> FileVerdict | None:
        if not data:
            return None
        return cls(signatures=[SignatureReport.from_dict(s) for s in data.get("signatures", [])],
                   error=data.get("error", ""))


_SEVERITY = {
    SignatureStatus.VALID: 0, SignatureStatus.UNKNOWN: 1, SignatureStatus.UNTRUSTED: 2,
    SignatureStatus.INVALID: 3, SignatureStatus.REVOKED: 4, SignatureStatus.ALTERED: 5,
}
