"""The score-sheet pages: start, fill and save a draft (Vietnamese decimals), errors named by item
with nothing saved, submit (then locked), return by the head, evidence upload and download."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tdkt.scoring.models import Evidence, ScoreSheet, SheetEntry, SheetStatus
from tdkt.scoring.services.sheets import evidence_add, sheet_save, sheet_start, sheet_submit

from .conftest import entries

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def fin_sheet(s):
    return sheet_start(actor=s.users["unit_officer"], scoring_round=s.round, organization=s.orgs["FIN"])


def url(sheet):
    return reverse("scoring:sheet", args=[sheet.pk])


def values(sheet) -> dict:
    return {e.item_code: e.value for e in SheetEntry.objects.filter(sheet=sheet)}


def stored_files() -> set[Path]:
    return {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


def test_member_starts_its_sheet_and_sees_the_boxes(client, scoring):
    s = scoring
    client.force_login(s.users["unit_officer"])
    start = reverse("scoring:sheet_start", args=[s.round.pk, s.orgs["FIN"].pk])
    assert client.get(start).status_code == 405
    response = client.post(start)
    sheet = ScoreSheet.objects.get(round=s.round, organization=s.orgs["FIN"])
    assert response.status_code == 302
    assert response.url == url(sheet)
    page = client.get(url(sheet))
    assert page.status_code == 200
    text = page.text
    for code in ("I.1", "I.2", "II.1", "II.2"):
        assert f'name="v_{code}"' in text
        assert f'name="c_{code}"' in text
    # Text boxes with a number pad: a browser's number box read "2,5" as 25.
    assert 'inputmode="numeric"' in text  # a count
    assert 'inputmode="decimal"' in text  # points
    assert 'type="number"' not in text
    assert "Kết quả thực hiện nhiệm vụ được giao" in text  # the section's title
    assert reverse("scoring:sheet_submit", args=[sheet.pk]) in text
    assert reverse("scoring:sheet_xlsx", args=[sheet.pk]) in text
    # Another unit of the block may not start FIN's sheet; an organisation outside the block is 404.
    client.force_login(s.users["member_officer"])
    assert client.post(start).status_code == 403
    outside = reverse("scoring:sheet_start", args=[s.round.pk, s.orgs["Q"].pk])
    assert client.post(outside).status_code == 404


def test_viewer_of_another_unit_gets_404_and_the_head_reads_only(client, scoring):
    s = scoring
    sheet = fin_sheet(s)
    sheet_save(actor=s.users["unit_officer"], sheet=sheet, entries=entries(I_2="12.5"))
    client.force_login(s.users["viewer"])
    assert client.get(url(sheet)).status_code == 404
    client.force_login(s.users["block_head"])
    response = client.get(url(sheet))
    assert response.status_code == 200
    assert 'name="v_I.2"' not in response.text
    assert "12,5" in response.text
    assert not response.context["may_edit"]
    # The head cannot save the member's sheet either.
    assert client.post(url(sheet), {"v_I.2": "15"}).status_code == 403
    assert values(sheet) == {"I.2": Decimal("12.5")}


def test_save_draft_with_vietnamese_decimals(client, scoring):
    s = scoring
    sheet = fin_sheet(s)
    client.force_login(s.users["unit_officer"])
    data = {
        "v_I.1": "3",
        "v_I.2": "12,5",
        "c_I.2": "Đã ban hành 5 văn bản",
        "v_II.1": "",
        "v_II.2": " 1 ",
    }
    response = client.post(url(sheet), data)
    assert response.status_code == 302
    assert values(sheet) == {"I.1": Decimal(3), "I.2": Decimal("12.5"), "II.1": None, "II.2": Decimal(1)}
    assert SheetEntry.objects.get(sheet=sheet, item_code="I.2").comment == "Đã ban hành 5 văn bản"
    page = client.get(url(sheet))
    text = page.text
    assert 'value="12,5"' in text  # shown back the Vietnamese way, in a text box
    assert 'type="number"' not in text
    assert page.context["total"] == Decimal("47.5")  # 3×9 + 12,5 + 0 + (10 − 2)
    assert "47,5" in text
    assert "= 27" in text


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"v_I.2": "16"}, {"I.2": "ngoài khoảng 0–15"}),
        ({"v_II.1": "abc"}, {"II.1": "abc"}),
        ({"v_I.1": "2,5"}, {"I.1": "“2,5” phải là số nguyên"}),
        ({"v_I.2": "12.5"}, {"I.2": "“12,5”"}),
        ({"v_I.2": "1.250"}, {"I.2": "“1,25”"}),
        ({"v_I.2": "16", "v_II.1": "abc", "v_I.1": "2,5", "v_II.2": "1"}, {"I.2": "0–15", "II.1": "abc", "I.1": "2,5"}),
    ],
    ids=["over-max", "not-a-number", "count-not-whole", "dot-decimal", "ambiguous", "all-at-once"],
)
def test_errors_name_the_item_keep_the_typing_and_save_nothing(client, scoring, data, named):
    s = scoring
    sheet = fin_sheet(s)
    client.force_login(s.users["unit_officer"])
    response = client.post(url(sheet), data)
    assert response.status_code == 200
    assert not SheetEntry.objects.filter(sheet=sheet).exists()
    rows = {row.code: row for row in response.context["rows"]}
    for code, words in named.items():
        assert any(code in e and words in e for e in rows[code].errors), rows[code].errors
        assert any(code in e for e in response.context["top_errors"])
    for name, typed in data.items():
        assert response.context["form"][name].value() == typed
    assert 'value="abc"' in response.text or "v_II.1" not in data


def test_submit_locks_the_sheet_until_the_head_returns_it(client, scoring):
    s = scoring
    sheet = fin_sheet(s)
    client.force_login(s.users["unit_officer"])
    client.post(url(sheet), {"v_I.2": "12", "v_II.1": "25"})
    response = client.post(reverse("scoring:sheet_submit", args=[sheet.pk]), follow=True)
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED
    assert sheet.submitted_by == s.users["unit_officer"]
    assert 'name="v_I.2"' not in response.text
    assert timezone.localtime(sheet.submitted_at).strftime("%d/%m/%Y %H:%M") in response.text
    # A save after submitting changes nothing and says why.
    response = client.post(url(sheet), {"v_I.2": "15", "v_II.1": "30"})
    assert response.status_code == 200
    assert "Phiếu chấm đã nộp" in response.text
    assert values(sheet) == {"I.1": None, "I.2": Decimal(12), "II.1": Decimal(25), "II.2": None}
    # Submitting again is refused too.
    response = client.post(reverse("scoring:sheet_submit", args=[sheet.pk]), follow=True)
    assert "Phiếu chấm đã nộp" in response.text

    # The member cannot return its own sheet; the head must give a reason.
    assert client.post(reverse("scoring:sheet_return", args=[sheet.pk]), {"reason": "x"}).status_code == 403
    client.force_login(s.users["block_head"])
    page = client.get(url(sheet))
    assert reverse("scoring:sheet_return", args=[sheet.pk]) in page.text
    response = client.post(reverse("scoring:sheet_return", args=[sheet.pk]), {"reason": "  "})
    assert response.status_code == 200
    assert response.context["return_form"].errors
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED
    client.post(reverse("scoring:sheet_return", args=[sheet.pk]), {"reason": "Thiếu minh chứng mục I.2"})
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.RETURNED
    assert sheet.return_reason == "Thiếu minh chứng mục I.2"

    client.force_login(s.users["unit_officer"])
    page = client.get(url(sheet))
    assert "Thiếu minh chứng mục I.2" in page.text
    assert 'name="v_I.2"' in page.text
    assert client.post(url(sheet), {"v_I.2": "14", "v_II.1": "25"}).status_code == 302
    assert values(sheet)["I.2"] == Decimal(14)


def test_evidence_upload_download_and_delete(client, scoring):
    s = scoring
    sheet = fin_sheet(s)
    client.force_login(s.users["unit_officer"])
    upload = SimpleUploadedFile("Quyết định 12.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("scoring:evidence_add", args=[sheet.pk]), {"item_code": "I.2", "file": upload}, follow=True
    )
    evidence = Evidence.objects.get(sheet=sheet)
    assert (evidence.item_code, evidence.original_name, evidence.content_type) == (
        "I.2",
        "Quyết định 12.pdf",
        "application/pdf",
    )
    download = reverse("scoring:evidence", args=[evidence.pk])
    assert download in response.text
    assert reverse("scoring:evidence_delete", args=[evidence.pk]) in response.text

    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"

    # The head reads it; another unit and a viewer of another unit do not see it.
    client.force_login(s.users["block_head"])
    assert client.get(download).status_code == 200
    for other in ("member_officer", "viewer"):
        client.force_login(s.users[other])
        assert client.get(download).status_code == 404
        assert client.post(reverse("scoring:evidence_delete", args=[evidence.pk])).status_code == 404
        extra = SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf")
        add = client.post(reverse("scoring:evidence_add", args=[sheet.pk]), {"item_code": "I.2", "file": extra})
        assert add.status_code == 404

    client.force_login(s.users["unit_officer"])
    client.post(reverse("scoring:evidence_delete", args=[evidence.pk]))
    assert not Evidence.objects.filter(sheet=sheet).exists()


def test_html_named_pdf_is_refused_and_nothing_stored(client, scoring):
    s = scoring
    sheet = fin_sheet(s)
    client.force_login(s.users["unit_officer"])
    before = stored_files()
    upload = SimpleUploadedFile("bao-cao.pdf", HTML, content_type="application/pdf")
    response = client.post(
        reverse("scoring:evidence_add", args=[sheet.pk]), {"item_code": "I.2", "file": upload}, follow=True
    )
    assert response.status_code == 200
    assert "Loại tệp không được chấp nhận" in response.text
    assert not Evidence.objects.exists()
    assert stored_files() == before
    # A section is not an item that takes evidence.
    upload = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("scoring:evidence_add", args=[sheet.pk]), {"item_code": "I", "file": upload}, follow=True
    )
    assert "không phải tiêu chí chấm điểm" in response.text
    assert not Evidence.objects.exists()


def test_submitted_sheet_keeps_its_evidence_read_only(client, scoring):
    s = scoring
    sheet = fin_sheet(s)
    evidence = evidence_add(
        actor=s.users["unit_officer"],
        sheet=sheet,
        item_code="I.2",
        upload=SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"),
    )
    sheet_save(actor=s.users["unit_officer"], sheet=sheet, entries=entries(I_2=10))
    sheet_submit(actor=s.users["unit_officer"], sheet=sheet)
    client.force_login(s.users["unit_officer"])
    page = client.get(url(sheet))
    assert reverse("scoring:evidence", args=[evidence.pk]) in page.text
    assert reverse("scoring:evidence_delete", args=[evidence.pk]) not in page.text
    assert reverse("scoring:evidence_add", args=[sheet.pk]) not in page.text
    response = client.post(reverse("scoring:evidence_delete", args=[evidence.pk]), follow=True)
    assert "Phiếu chấm đã nộp" in response.text
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_huge_number_is_refused_by_the_form(client, scoring):
    s = scoring
    sheet = fin_sheet(s)
    client.force_login(s.users["unit_officer"])
    response = client.post(url(sheet), {"v_I.1": "100000000"})
    assert response.status_code == 200
    assert any("I.1" in e for e in response.context["top_errors"])
    assert not SheetEntry.objects.filter(sheet=sheet).exists()
    assert client.get(url(sheet)).status_code == 200
    client.force_login(s.users["nobody"])
    assert client.get(url(sheet)).status_code == 404
