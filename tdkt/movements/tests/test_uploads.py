"""Report uploads through the page: a bad file is refused with a Vietnamese message naming the
problem, and nothing is stored (no submission row, no file under MEDIA_ROOT)."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.movements.models import ReportSubmission, SubmissionStatus
from tdkt.movements.services.participation import clean_figures

from .test_participation_views import ON_TIME_REPORT, PDF, at, fin_submits, make_plan

MB = 1024 * 1024
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def plan(world):
    return make_plan(world)


def stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()}


def submit(client, world, plan, name, content, **figures):
    client.force_login(world.users["unit_officer"])
    data = {"organization": world.orgs["FIN"].pk, **figures}
    if name is not None:
        data["file"] = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    with at(ON_TIME_REPORT):
        return client.post(reverse("movements:report_submit", args=[plan.movement.pk, plan.milestone.pk]), data)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bao-cao.txt", "Báo cáo sơ kết 6 tháng".encode(), "Loại tệp không được chấp nhận"),
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "Loại tệp không được chấp nhận"),
        ("bao-cao.pdf", b"", "Tệp rỗng"),
        ("bao-cao.pdf", b"%PDF-1.4\n" + b"0" * (21 * MB), "Tệp quá lớn"),
        ("report.pdf", HTML, "Loại tệp không được chấp nhận"),
        ("bao-cao.docx", PDF, "Tên tệp không khớp nội dung"),
        ("bao-cao.docx", zipped({"hello.txt": b"not a document"}), "Loại tệp không được chấp nhận"),
        (None, b"", "Hãy chọn tệp báo cáo"),
    ],
    ids=["txt", "exe", "empty", "21MB", "html-as-pdf", "pdf-as-docx", "zip-as-docx", "no-file"],
)
def test_bad_upload_is_refused_with_a_vietnamese_message_and_nothing_stored(
    client, world, plan, name, content, message
):
    before = stored_files()
    response = submit(client, world, plan, name, content)
    assert response.status_code == 200
    assert message in response.text
    assert not ReportSubmission.objects.exists()
    assert stored_files() == before
    # The page comes back for the same organisation.
    assert response.context["form"]["organization"].value() == str(world.orgs["FIN"].pk)


def test_too_large_names_the_size_and_the_limit(client, world, plan):
    response = submit(client, world, plan, "bao-cao.pdf", b"%PDF-1.4\n" + b"0" * (21 * MB))
    assert "Tệp quá lớn (21" in response.text
    assert "tối đa 20 MB" in response.text


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("bao-cao.pdf", PDF, "application/pdf"),
        (
            "bao-cao.docx",
            zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "so-lieu.xlsx",
            zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("bao-cao.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "application/msword"),
    ],
)
def test_good_upload_is_stored_with_its_real_type(client, world, plan, name, content, content_type):
    before = stored_files()
    response = submit(client, world, plan, name, content, label_1="Số tập thể được khen", value_1="3")
    assert response.status_code == 302
    submission = ReportSubmission.objects.get()
    assert (submission.status, submission.content_type, submission.original_name) == (
        SubmissionStatus.SUBMITTED,
        content_type,
        name,
    )
    assert submission.size == len(content)
    assert submission.figures == {"Số tập thể được khen": 3}
    assert len(stored_files() - before) == 1
    assert submission.file.read() == content


def test_resubmission_replaces_the_stored_file(client, world, plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, world, plan, "bao-cao.pdf", PDF)
    submission = ReportSubmission.objects.get()
    first = Path(submission.file.path)
    client.force_login(world.users["block_head"])
    client.post(
        reverse("movements:report_review", args=[plan.movement.pk, submission.pk]),
        {"action": "return", "reason": "Thiếu phụ lục"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, world, plan, "bao-cao-2.pdf", PDF + b"% phu luc\n")
    submission.refresh_from_db()
    assert submission.original_name == "bao-cao-2.pdf"
    assert Path(submission.file.path).exists()
    assert Path(submission.file.path) != first
    assert not first.exists()
    assert submission.file.read() == PDF + b"% phu luc\n"


@pytest.mark.parametrize(
    ("figures", "field"),
    [
        ({"label_1": "Số tập thể được khen", "value_1": "-1"}, "value_1"),
        ({"label_1": "Số tập thể được khen", "value_1": "2,5"}, "value_1"),
        ({"label_1": "", "value_1": "4"}, "label_1"),
        ({"label_1": "Số cá nhân", "value_1": "1", "label_2": "Số cá nhân", "value_2": "2"}, "label_2"),
    ],
    ids=["negative", "not-whole", "unnamed", "duplicate"],
)
def test_bad_figures_are_refused_and_nothing_stored(client, world, plan, figures, field):
    before = stored_files()
    response = submit(client, world, plan, "bao-cao.pdf", PDF, **figures)
    assert response.status_code == 200
    assert not ReportSubmission.objects.exists()
    assert stored_files() == before
    assert list(response.context["form"].errors) == [field]


def test_service_figures_are_at_most_five_whole_numbers():
    assert clean_figures({" Số  tập thể ": 0}) == {"Số tập thể": 0}
    for bad in ({f"Số {i}": i for i in range(6)}, {"Số": -1}, {"Số": 1.5}, {"Số": True}, {"": 1}):
        with pytest.raises(ValidationError):
            clean_figures(bad)


def test_submission_is_audited(world, plan):
    fin_submits(world, plan)
    assert AuditEvent.objects.filter(event_type=AuditEventType.REPORT_SUBMITTED).count() == 1


@pytest.mark.parametrize(
    ("typed", "value"), [("1.234", 1234), ("1.234.000", 1234000), ("1 234", 1234), ("12", 12), ("0", 0)]
)
def test_figures_are_typed_the_vietnamese_way(client, world, plan, typed, value):
    response = submit(client, world, plan, "bao-cao.pdf", PDF, label_1="Tiền thưởng (đồng)", value_1=typed)
    assert response.status_code == 302
    assert ReportSubmission.objects.get().figures == {"Tiền thưởng (đồng)": value}


@pytest.mark.parametrize(("typed", "words"), [("2.5", "“2,5”"), ("1,234,000", "“1.234.000”"), ("2,5", "số nguyên")])
def test_figures_the_vietnamese_way_refuse_what_is_ambiguous(client, world, plan, typed, words):
    response = submit(client, world, plan, "bao-cao.pdf", PDF, label_1="Số tập thể được khen", value_1=typed)
    assert response.status_code == 200
    message = response.context["form"].errors["value_1"][0]
    assert message.startswith("Số liệu 1:"), message
    assert words in message
    assert not ReportSubmission.objects.exists()
