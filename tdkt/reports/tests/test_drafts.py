"""Issue 14.3: the consolidated report drafts (DOCX through the documents' templates) — a milestone's
summary by the block head, by the standing office, and the yearly Báo cáo tổng kết — on small
hand-built datasets whose expected numbers and names are written here; opened back with python-docx.

Milestone dataset (world's block of 2022, headed by HOME; participants HOME, FIN, FIN-NS):
  registrations: HOME on time, FIN late (accepted), FIN-NS none;
  reports of the mid-year milestone (deadline 15/6/2022): HOME accepted on time {"Cá nhân được khen
  thưởng": 1200, "Sáng kiến": 3}, FIN late {"Cá nhân được khen thưởng": 5}, FIN-NS none;
  ranking published: 1. Sở Tài chính 430,5 Xuất sắc · 2. Sở Nội vụ 412 Tốt;
  dossiers: HOME (2 people + 1 collective, received), FIN (1 person, decided: Giấy khen to him),
  FIN-NS (a draft, not counted).
"""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document

from conftest import Api, make_user
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.awards.models import Awardee, AwardForm, CommendationRound, Decision, Dossier, Nominee
from tdkt.movements.models import Milestone, Movement, Participant, Registration, ReportSubmission
from tdkt.reports import drafts
from tdkt.scoring.models import CriteriaTemplate, ResultRow, ScoringResult, ScoringRound

from . import dataset

D = datetime.date


def _text(data: bytes) -> str:
    """Every paragraph of the document, tables' cells included, one per line."""
    doc = Document(BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(dict.fromkeys(c.text for c in row.cells)))
    return "\n".join(parts)


def _rows(data: bytes, head: str) -> list[list[str]]:
    """The rows of the table whose first row starts with ``head`` (its cells' text)."""
    doc = Document(BytesIO(data))
    for table in doc.tables:
        first = [c.text for c in table.rows[0].cells]
        if first and first[1] == head:
            return [[c.text for c in row.cells] for row in table.rows[1:]]
    raise AssertionError(f"no table {head}")


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


@pytest.fixture
def block_movement(world):
    o, p = world.orgs, world.people
    movement = Movement.objects.create(
        organization=o["HOME"], block=world.block,
        title="Kế hoạch tổ chức thực hiện phong trào thi đua của Khối năm 2022",
        kind="regular", status="issued", start_date=D(2022, 1, 1), end_date=D(2022, 12, 31),
        document_number="01/KH-KTĐ", document_date=D(2022, 1, 24), place="Quảng Trị",
        signer_title="TRƯỞNG KHỐI\nGIÁM ĐỐC SỞ NỘI VỤ", signer_name="Lê Văn Trưởng")
    for code in ("HOME", "FIN", "FIN-NS"):
        Participant.objects.create(movement=movement, organization=o[code])
    milestone = Milestone.objects.create(movement=movement, kind="mid_year", name="Sơ kết 6 tháng đầu năm 2022",
                                         report_deadline=D(2022, 6, 15))
    Registration.objects.create(movement=movement, organization=o["HOME"], status="registered",
                                registered_at=_at(D(2022, 3, 1)))
    Registration.objects.create(movement=movement, organization=o["FIN"], status="accepted_late",
                                registered_at=_at(D(2022, 3, 20)))

    def report(code, status, late, figures):
        ReportSubmission.objects.create(milestone=milestone, organization=o[code], status=status, file="r.pdf",
                                        original_name="r.pdf", content_type="application/pdf", size=1,
                                        figures=figures, submitted_at=_at(D(2022, 6, 10)), was_late=late)

    report("HOME", "accepted", False, {"Cá nhân được khen thưởng": 1200, "Sáng kiến": 3})
    report("FIN", "late", True, {"Cá nhân được khen thưởng": 5})

    template = CriteriaTemplate.objects.create(owner=o["P"], code="T", name="Bảng tiêu chí", definition={},
                                               max_total=Decimal(450))
    scoring = ScoringRound.objects.create(block=world.block, template=template, self_deadline=D(2022, 11, 30))
    result = ScoringResult.objects.create(round=scoring, version=1, template=template, data={},
                                          published_at=_at(D(2022, 12, 20)))
    ResultRow.objects.create(result=result, organization=o["FIN"], final_total=Decimal("430.50"), band="Xuất sắc",
                             rank=1, position=0)
    ResultRow.objects.create(result=result, organization=o["HOME"], final_total=Decimal("412.00"), band="Tốt",
                             rank=2, position=1)

    form = AwardForm.objects.create(code="GK_SNV", name="Giấy khen của Giám đốc Sở", record_code="GK",
                                    level="department", issuer=o["HOME"], decider_title="GIÁM ĐỐC",
                                    effective_from=D(2020, 1, 1))
    rnd = CommendationRound.objects.create(authority=o["HOME"], kind="movement", title="Khen thưởng sơ kết",
                                           year=2022, movement=movement)
    home = Dossier.objects.create(round=rnd, organization=o["HOME"], title="Hồ sơ Sở Nội vụ", state="received")
    for person in (p["home"], p["home-tdkt"]):
        Nominee.objects.create(dossier=home, person=person, award=form)
    Nominee.objects.create(dossier=home, collective=o["HOME-TDKT"], award=form)
    fin = Dossier.objects.create(round=rnd, organization=o["FIN"], title="Hồ sơ Sở Tài chính", state="decided")
    nominee = Nominee.objects.create(dossier=fin, person=p["fin"], award=form)
    draft = Dossier.objects.create(round=rnd, organization=o["FIN-NS"], title="Nháp", state="draft")
    Nominee.objects.create(dossier=draft, person=p["fin-ns"], award=form)
    decision = Decision.objects.create(issuer=o["HOME"], dossier=fin, number=7, symbol="QĐ-SNV", year=2022,
                                       date=D(2022, 7, 1), subject="Khen thưởng", signer_name="A",
                                       signer_title="Giám đốc", legal_bases="Luật")
    Awardee.objects.create(decision=decision, nominee=nominee, award=form, name="Nguyễn Văn Đức",
                           golden_book_number=1, amount=0)
    return movement, milestone


def _url(movement, milestone):
    return f"/movements/{movement.pk}/reports/{milestone.pk}/summary/report.docx"


def _download(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    return response.content


def test_the_block_heads_summary_report_carries_the_numbers_and_the_names(client, world, block_movement):
    movement, milestone = block_movement
    client.force_login(world.users["block_head"])
    page = client.get(f"/movements/{movement.pk}/reports/{milestone.pk}/summary/").content.decode()
    assert _url(movement, milestone) in page
    assert 'id="summary-report-docx"' in page
    data = _download(client, _url(movement, milestone))
    text = _text(data)
    # The header: the block under the province, the plan's symbol, Quảng Trị and the date, the motto.
    assert "UBND TỈNH QUẢNG TRỊ" in text
    assert "KHỐI CÁC CƠ QUAN THAM MƯU, TỔNG HỢP" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số:         /BC-KTĐ" in text
    assert "Quảng Trị, ngày 15 tháng 7 năm 2022" in text  # a month after the deadline at the latest
    assert "Tổng hợp kết quả sơ kết 6 tháng đầu năm 2022 thực hiện Kế hoạch tổ chức thực hiện" in text
    assert " số 01/KH-KTĐ ngày 24/01/2022" in text
    # Registrations.
    assert "Tổng số đơn vị tham gia: 3; đã đăng ký: 2 (đúng hạn: 1, muộn: 1); chưa đăng ký: 1." in text
    assert "Các đơn vị đã đăng ký (2 đơn vị): Sở Nội vụ; Sở Tài chính." in text
    assert "Các đơn vị chưa đăng ký (1 đơn vị): Phòng Quản lý ngân sách." in text
    # Reports on time, late, missing.
    assert "Hạn gửi báo cáo: 15/06/2022. Đã nhận 2 báo cáo (đúng hạn: 1, muộn: 1); chưa gửi: 1." in text
    assert "Các đơn vị gửi báo cáo đúng hạn (1 đơn vị): Sở Nội vụ." in text
    assert "Các đơn vị gửi báo cáo muộn (1 đơn vị): Sở Tài chính." in text
    assert "Các đơn vị chưa gửi báo cáo (1 đơn vị): Phòng Quản lý ngân sách." in text
    # The figures added up (PostgreSQL's jsonb keeps no key order: compared without the TT).
    assert sorted(r[1:] for r in _rows(data, "Nội dung")) == [["Cá nhân được khen thưởng", "1.205", "2"],
                                                             ["Sáng kiến", "3", "1"]]
    # The published ranking.
    assert _rows(data, "Cơ quan, đơn vị") == [["1", "Sở Tài chính", "430,5", "Xuất sắc"],
                                                  ["2", "Sở Nội vụ", "412", "Tốt"]]
    # Proposals (the draft is not counted) and the awards decided.
    assert "Các đơn vị đã gửi 2 hồ sơ đề nghị khen thưởng, đề nghị khen thưởng 3 cá nhân và 1 tập thể:" in text
    assert _rows(data, "Đơn vị đề nghị") == [["1", "Sở Nội vụ", "1", "2", "1"], ["2", "Sở Tài chính", "1", "1", "0"],
                                                 ["", "Tổng cộng", "2", "3", "1"]]
    assert "Đã có 1 quyết định khen thưởng cho 1 cá nhân và 0 tập thể:" in text
    assert _rows(data, "Danh hiệu, hình thức khen thưởng")[0] == ["1", "Giấy khen của Giám đốc Sở", "1", "0"]
    # The signature block and the recipients.
    assert "GIÁM ĐỐC SỞ NỘI VỤ" in text
    assert "Lê Văn Trưởng" in text
    assert "Nơi nhận:" in text
    assert AuditEvent.objects.filter(event_type=AuditEventType.DOCUMENT_GENERATED,
                                     extra__document="bao-cao-tong-hop-khoi").count() == 1


def test_a_2022_summary_cites_the_law_of_2022(client, world, block_movement):
    movement, milestone = block_movement
    client.force_login(world.users["block_head"])
    text = _text(_download(client, _url(movement, milestone)))
    assert "Nghị định số 91/2017/NĐ-CP" in text
    assert "98/2023" not in text
    assert "152/2025" not in text
    assert "06/2022/QH15" not in text


def test_the_standing_offices_summary_of_a_provincial_movement(client, world):
    o = world.orgs
    movement = Movement.objects.create(organization=o["P"], title="Phong trào thi đua văn hóa công sở", kind="thematic",
                                       status="issued", start_date=D(2024, 1, 1), end_date=D(2024, 12, 31))
    for code in ("FIN", "HOME"):
        Participant.objects.create(movement=movement, organization=o[code])
    milestone = Milestone.objects.create(movement=movement, kind="yearly", name="Tổng kết năm 2024",
                                         report_deadline=D(2024, 11, 30))
    ReportSubmission.objects.create(milestone=milestone, organization=o["HOME"], status="submitted", file="r.pdf",
                                    original_name="r.pdf", content_type="application/pdf", size=1,
                                    figures={"Tập thể được khen": 4}, submitted_at=_at(D(2024, 11, 20)))
    office = world.users["standing_office"]
    client.force_login(office)
    data = _download(client, _url(movement, milestone))
    text = _text(data)
    assert "cơ quan thường trực Hội đồng Thi đua - Khen thưởng" in text
    assert "UBND TỈNH QUẢNG TRỊ" in text  # the office's own organisation (the user's) issues it
    assert "Quảng Trị, ngày 30 tháng 12 năm 2024" in text
    assert "Các đơn vị chưa gửi báo cáo (1 đơn vị): Sở Tài chính." in text
    assert "Các đơn vị chưa đăng ký (2 đơn vị): Sở Nội vụ; Sở Tài chính." in text
    assert _rows(data, "Nội dung")[0] == ["1", "Tập thể được khen", "4", "1"]
    assert "Phong trào thi đua không tổ chức chấm điểm, xếp hạng." in text
    assert "Nghị định số 98/2023/NĐ-CP" in text
    assert "152/2025" not in text
    assert drafts.milestone_kind(movement) == "bao-cao-tong-hop-thuong-truc"


def test_who_may_download_a_summary_report(client, world, block_movement):
    movement, milestone = block_movement
    url = _url(movement, milestone)
    # A unit officer of another province's block sees nothing of the movement: 404.
    other = make_user("canbo_q", "unit_officer", world.orgs["Q-CA"])
    client.force_login(other)
    assert client.get(url).status_code == 404
    # A member unit's officer sees the movement but the summary report is the head's: 403, no button.
    client.force_login(world.users["unit_officer"])
    assert client.get(url).status_code == 403
    assert 'id="summary-report-docx"' not in client.get(
        f"/movements/{movement.pk}/reports/{milestone.pk}/summary/").content.decode()
    client.force_login(world.users["nobody"])
    assert client.get(url).status_code == 404


def test_the_api_gives_the_summary_report_scoped_as_the_page(client, world, block_movement):
    movement, milestone = block_movement
    path = f"/movements/{movement.pk}/milestones/{milestone.pk}/summary-report"
    api = Api(client, world.users["block_head"])
    response = api.get(path)
    assert response.status_code == 200
    assert "Sở Tài chính" in _text(response.content)
    assert Api(client, world.users["unit_officer"]).get(path).status_code == 403
    assert Api(client, make_user("canbo_q", "unit_officer", world.orgs["Q-CA"])).get(path).status_code == 404
    other = Milestone.objects.create(movement=Movement.objects.create(
        organization=world.orgs["Q"], title="Khác", status="issued", start_date=D(2022, 1, 1),
        end_date=D(2022, 12, 31)), kind="yearly", name="Khác", report_deadline=D(2022, 12, 1))
    assert api.get(f"/movements/{movement.pk}/milestones/{other.pk}/summary-report").status_code == 404


# -- the yearly summary --------------------------------------------------------------------------------


@pytest.fixture
def data(world):
    return dataset.build(world)


def test_the_yearly_summary_of_the_province(client, world, data):
    o, m1 = world.orgs, data["movements"]["m1"]
    for code in ("FIN", "HOME", "FIN-NS"):
        Participant.objects.create(movement=m1, organization=o[code])
    Registration.objects.create(movement=m1, organization=o["FIN"], status="registered",
                                registered_at=_at(D(2024, 2, 1)))
    Registration.objects.create(movement=m1, organization=o["HOME"], status="accepted_late",
                                registered_at=_at(D(2024, 4, 1)))
    milestone = Milestone.objects.create(movement=m1, kind="year_end", name="Tổng kết", report_deadline=D(2024, 12, 15))
    for code, late in (("HOME", False), ("FIN", True)):
        ReportSubmission.objects.create(milestone=milestone, organization=o[code], status="accepted", file="r.pdf",
                                        original_name="r.pdf", content_type="application/pdf", size=1,
                                        submitted_at=_at(D(2024, 12, 10)), was_late=late)
    client.force_login(world.users["standing_office"])
    page = client.get("/reports/", {"year": 2024}).content.decode()
    url = f"/reports/yearly-summary.docx?year=2024&organization={world.orgs['P'].pk}"
    assert url.replace("&", "&amp;") in page
    content = _download(client, url)
    text = _text(content)
    assert "UBND TỈNH QUẢNG TRỊ" in text
    assert "Tổng kết công tác thi đua, khen thưởng năm 2024" in text
    assert "UBND tỉnh Quảng Trị báo cáo tổng kết công tác thi đua, khen thưởng năm 2024 (số liệu từ ngày " in text
    assert "(số liệu từ ngày 01/01/2024 đến ngày 31/12/2024)" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text
    assert "Quảng Trị, ngày 31 tháng 12 năm 2024" in text
    # Movements (dataset: m1 P regular, m2 P thematic, m3 the block's special, m4 FIN regular, m5 FIN thematic).
    assert ("phát động, triển khai 5 phong trào thi đua (thường xuyên: 2; chuyên đề: 2; đợt thi đua đặc biệt: 1)"
            in text)
    assert _rows(content, "Phạm vi phát động") == [
        ["1", "Do tỉnh phát động", "1", "1", "0", "2"],
        ["2", "Khối, cụm thi đua", "0", "0", "1", "1"],
        ["3", "Cơ quan, đơn vị, địa phương", "1", "1", "0", "2"],
        ["", "Tổng cộng", "2", "2", "1", "5"],
    ]
    assert ("Đăng ký thi đua: 3 lượt đơn vị tham gia; đăng ký đúng hạn 1, đăng ký muộn 1, chưa đăng ký 1."
            in text)
    assert ("Báo cáo sơ kết, tổng kết: 1 kỳ báo cáo, 3 lượt báo cáo phải gửi; gửi đúng hạn 1, gửi muộn 1, chưa gửi 1."
            in text)
    # Honours of 2024 in P (r1–r9, s1–s5 and x3, the LDTT; not x1 of 2023, x2 revoked, x4 of Q):
    # individuals r1 r2 r3 r6 r7 r8 r9 s1 s3 s5 x3, collectives r4 r5 s2 s4.
    assert "có 15 lượt danh hiệu thi đua, hình thức khen thưởng (11 cá nhân, 4 tập thể)" in text
    # Province level: BK_TINH r1 r2 r5 r7 r8 r9, CSTD_TINH r3, CO_TINH r4.
    assert "- Khen thưởng cấp tỉnh: 8 (6 cá nhân, 2 tập thể);" in text
    rows = {r[1]: r[2:] for r in _rows(content, "Danh hiệu, hình thức")}
    assert rows["Tổng cộng"] == ["", "11", "4", "15"]
    assert rows["Bằng khen cấp bộ, ngành, tỉnh"] == ["Tỉnh", "5", "1", "6"]
    assert rows["Huân chương Lao động hạng Ba"] == ["Nhà nước", "1", "1", "2"]
    # Dossiers: the three rounds' dossiers of the dataset, sent by P, none recorded as sent.
    assert "Tổng số hồ sơ đề nghị khen thưởng: 0" in text
    assert "II. HẠN CHẾ, NGUYÊN NHÂN" in text
    assert "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025" in text
    # The law of 2024: Luật 2022 and Nghị định 98/2023, never 152/2025 (in force from 01/7/2025).
    assert "Nghị định số 98/2023/NĐ-CP" in text
    assert "06/2022/QH15" in text
    assert "152/2025" not in text


def test_the_yearly_summary_by_api_and_its_permission(client, world, data):
    office = Api(client, world.users["standing_office"])
    response = office.get("/reports/yearly-summary", year=2024)
    assert response.status_code == 200
    assert "UBND TỈNH QUẢNG TRỊ" in _text(response.content)
    # Another province's organisation is outside the office's scope: 404; someone without the right: 403.
    assert office.get("/reports/yearly-summary", year=2024, organization_id=world.orgs["Q"].pk).status_code == 404
    assert Api(client, world.users["nobody"]).get("/reports/yearly-summary", year=2024).status_code in (403, 404)
    client.force_login(world.users["nobody"])
    assert client.get("/reports/yearly-summary.docx", {"year": 2024}).status_code in (403, 404)


@pytest.mark.parametrize("kind", ["bao-cao-tong-hop-khoi", "bao-cao-tong-hop-thuong-truc", "bao-cao-tong-ket-nam"])
def test_the_report_templates_use_only_the_drafts_variables(kind, world, block_movement, data):
    from docxtpl import DocxTemplate

    from tdkt.documents import generation

    movement, milestone = block_movement
    user = world.users["block_head"]
    context = (drafts.yearly_context(user, 2024, world.orgs["P"]) if kind == "bao-cao-tong-ket-nam"
               else drafts.milestone_context(user, movement, milestone))
    template = DocxTemplate(str(generation.TEMPLATES_DIR / generation.REPORT_KINDS[kind].template))
    assert template.get_undeclared_template_variables() <= set(context)


def test_a_clerks_own_template_replaces_the_shipped_report(client, settings, tmp_path, world, data):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from tdkt.documents import generation

    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.users["standing_office"])
    shipped = client.get("/documents/templates/bao-cao-tong-ket-nam.docx")
    assert shipped.status_code == 200
    document = Document(BytesIO(shipped.content))
    document.add_paragraph("Mẫu riêng của văn thư năm {{ year }}: {{ honours.total }} lượt khen thưởng.")
    out = BytesIO()
    document.save(out)
    default_storage.save(generation.override_name("bao-cao-tong-ket-nam"), ContentFile(out.getvalue()))
    text = _text(_download(client, f"/reports/yearly-summary.docx?year=2024&organization={world.orgs['P'].pk}"))
    assert "Mẫu riêng của văn thư năm 2024: 15 lượt khen thưởng." in text
    event = AuditEvent.objects.filter(event_type=AuditEventType.DOCUMENT_GENERATED).latest("pk")
    assert event.extra["template"] == "custom"
    # Not a movement's document, and not for someone without the right.
    movement = data["movements"]["m1"]
    assert client.get(f"/movements/{movement.pk}/documents/bao-cao-tong-ket-nam.docx").status_code == 404
    client.force_login(world.users["nobody"])
    assert client.get("/documents/templates/bao-cao-tong-ket-nam.docx").status_code == 404


def test_the_office_may_sum_up_a_blocks_movement_too(client, world, block_movement):
    movement, milestone = block_movement
    client.force_login(world.users["standing_office"])
    page = client.get(f"/movements/{movement.pk}/reports/{milestone.pk}/summary/").content.decode()
    assert 'id="summary-report-office-docx"' in page
    data = _download(client, _url(movement, milestone) + "?kind=thuong-truc")
    text = _text(data)
    assert "với vai trò cơ quan thường trực Hội đồng Thi đua - Khen thưởng" in text
    assert "KHỐI CÁC CƠ QUAN THAM MƯU, TỔNG HỢP" not in text  # the office's own header
    assert "Các đơn vị chưa gửi báo cáo (1 đơn vị): Phòng Quản lý ngân sách." in text
    assert _rows(data, "Cơ quan, đơn vị")[0] == ["1", "Sở Tài chính", "430,5", "Xuất sắc"]
    assert client.get(_url(movement, milestone) + "?kind=khac").status_code == 404
    api = Api(client, world.users["standing_office"])
    path = f"/movements/{movement.pk}/milestones/{milestone.pk}/summary-report"
    assert "cơ quan thường trực" in _text(api.get(path, kind="thuong-truc").content)
    assert api.get(path, kind="khac").status_code in (400, 422)


def test_a_block_report_needs_a_blocks_movement(client, world):
    movement = Movement.objects.create(organization=world.orgs["P"], title="Phong trào của tỉnh", status="issued",
                                       start_date=D(2024, 1, 1), end_date=D(2024, 12, 31))
    milestone = Milestone.objects.create(movement=movement, kind="yearly", name="Tổng kết",
                                         report_deadline=D(2024, 11, 30))
    client.force_login(world.users["standing_office"])
    assert client.get(_url(movement, milestone) + "?kind=khoi").status_code == 404
    assert 'id="summary-report-office-docx"' not in client.get(
        f"/movements/{movement.pk}/reports/{milestone.pk}/summary/").content.decode()
