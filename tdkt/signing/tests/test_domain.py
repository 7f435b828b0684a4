"""The status of a signature from what pyHanko found, worst first; reports round-trip through JSON."""

import datetime

from tdkt.signing.domain.reports import FileVerdict, SignatureReport, SignatureStatus, classify


def test_altered_wins_over_everything():
    assert classify(intact=False, valid=False, trusted=False, revoked=True, modified_after=False) == "altered"
    assert classify(intact=True, valid=True, trusted=True, revoked=False, modified_after=True) == "altered"


def test_each_status():
    assert classify(intact=True, valid=False, trusted=True, revoked=False, modified_after=False) == "invalid"
    assert classify(intact=True, valid=True, trusted=True, revoked=True, modified_after=False) == "revoked"
    assert classify(intact=True, valid=True, trusted=False, revoked=False, modified_after=False) == "untrusted"
    assert classify(intact=True, valid=True, trusted=True, revoked=False, modified_after=False) == "valid"
    assert classify(intact=True, valid=True, trusted=True, revoked=False, modified_after=False,
                    checked=False) == "unknown"


def test_texts_and_summary():
    at = datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.UTC)
    good = SignatureReport(status=SignatureStatus.VALID, signer="A", signed_at=at)
    bad = SignatureReport(status=SignatureStatus.ALTERED, signer="B")
    assert good.text == "Chữ ký hợp lệ"
    assert bad.text == "Tệp đã bị sửa sau khi ký"
    assert FileVerdict().summary == "Không có chữ ký số"
    verdict = FileVerdict(signatures=[good, bad])
    assert verdict.summary == "Tệp đã bị sửa sau khi ký"
    assert not verdict.all_valid
    again = FileVerdict.from_dict(verdict.as_dict())
    assert again == verdict
    assert FileVerdict.from_dict(None) is None
    assert SignatureReport(status=SignatureStatus.UNTRUSTED).text == "Chứng thư không thuộc nguồn tin cậy"
