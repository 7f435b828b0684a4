"""The plan file read without a database: a clean file gives the plan; each kind of mistake is told
in Vietnamese at its place in the file, all of them at once; size and list caps."""

import copy
import datetime
import json
from decimal import Decimal

import pytest

from tdkt.movements.domain import plan_file
from tdkt.movements.domain.plan_file import MAX_BYTES, PlanFileError, dumps, loads, parse
from tdkt.movements.models import MilestoneKind, MovementKind, MovementStatus, TargetKind, TaskStatus

D = datetime.date

CLEAN = {
    "format": "tdkt-ke-hoach/1",
    "organization": "P",
    "block": None,
    "title": "Kế hoạch phát động phong trào thi đua năm 2022",
    "kind": "regular",
    "status": "issued",
    "document_number": "05/KH-UBND",
    "document_date": "28/01/2022",
    "place": "Quảng Trị",
    "signer_title": "Chủ tịch",
    "signer_name": "Nguyễn Văn A",
    "start_date": "01/01/2022",
    "end_date": "31/12/2022",
    "registration_deadline": "15/03/2022",
    "theme": "Đoàn kết, đổi mới",
    "purposes": "1. Mục đích\n2. Yêu cầu",
    "for_collectives": True,
    "for_individuals": False,
    "award_codes": ["CO_TINH", "BK_TINH"],
    "recipients": "- Như trên;\n- Lưu: VT.",
    "participants": ["FIN", "HOME"],
    "phases": [
        {"name": "Đợt 1", "start_date": "01/01/2022", "end_date": "30/06/2022", "celebrates": "Kỷ niệm 92 năm"},
        {"name": "Đợt 2", "start_date": "01/07/2022", "end_date": "31/12/2022", "celebrates": ""},
    ],
    "milestones": [
        {
            "kind": "mid_year",
            "name": "Sơ kết 6 tháng",
            "report_deadline": "30/06/2022",
            "data_from": "01/12/2021",
            "data_to": "31/05/2022",
            "phase": "Đợt 1",
            "meeting": "Hội nghị sơ kết",
        },
        {"kind": "year_end", "name": "Tổng kết năm", "report_deadline": "20/12/2022", "phase": "Đợt 2"},
    ],
    "targets": [
        {
            "label": "20% TTLĐXS",
            "kind": "award_share",
            "subject": "collective",
            "award_code": "TTLDXS",
            "value": 20,
            "year": 2022,
        },
        {
            "label": "100% HTTNV",
            "kind": "rating_share",
            "subject": "individual",
            "min_rating": "HTTNV",
            "value": "2,5",
            "year": 2022,
        },
    ],  # fmt: skip
    "tasks": [
        {
            "quarter": 1,
            "content": "Xây dựng kế hoạch",
            "lead": "Sở Tài chính",
            "lead_organization": "FIN",
            "executing": "Các thành viên",
            "due_date": "15/03/2022",
            "status": "done",
        },
        {"quarter": 4, "content": "Tổng kết", "lead": "Trưởng Khối"},
    ],  # fmt: skip
    "plan_contents": ["Nội dung thứ nhất", "Nội dung thứ hai"],
    "covenant_contents": ["Giao ước thứ nhất"],
}


def errors_of(document) -> dict:
    with pytest.raises(PlanFileError) as caught:
        parse(document)
    return caught.value.errors


def changed(path: str, value):
    """CLEAN with one value changed: path like "milestones.0.report_deadline"; value DELETE removes it."""
    document = copy.deepcopy(CLEAN)
    *parents, last = path.split(".")
    node = document
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if value is DELETE:
        del node[int(last) if last.isdigit() else last]
    else:
        node[int(last) if last.isdigit() else last] = value
    return document


DELETE = object()


def test_a_clean_file_gives_the_plan():
    plan = loads(json.dumps(CLEAN).encode())
    assert (plan.organization, plan.kind, plan.status) == ("P", "regular", "issued")
    assert (plan.start_date, plan.end_date) == (D(2022, 1, 1), D(2022, 12, 31))
    assert plan.movement_fields["registration_deadline"] == D(2022, 3, 15)
    assert plan.movement_fields["document_date"] == D(2022, 1, 28)
    assert plan.movement_fields["for_individuals"] is False
    assert plan.participants == ["FIN", "HOME"]
    assert [p.name for p in plan.phases] == ["Đợt 1", "Đợt 2"]
    assert plan.milestones[0].data_from == D(2021, 12, 1)
    assert plan.milestones[0].phase == "Đợt 1"
    assert plan.milestones[1].data_from is None
    assert plan.milestones[1].meeting == ""
    assert [t.value for t in plan.targets] == [Decimal(20), Decimal("2.5")]
    assert plan.tasks[0].lead_organization == "FIN"
    assert plan.tasks[0].status == "done"
    assert plan.tasks[1].status == "planned"
    assert plan.tasks[1].due_date is None
    assert plan.covenant_contents == ["Giao ước thứ nhất"]


def test_a_byte_order_mark_and_the_format_key_are_optional():
    document = changed("format", DELETE)
    assert loads(b"\xef\xbb\xbf" + json.dumps(document).encode()).title == CLEAN["title"]


@pytest.mark.parametrize(
    ("path", "value", "where", "says"),
    [
        ("milestones.1.report_deadline", "2022-12-20", "milestones[1].report_deadline", "dd/mm/yyyy"),
        ("milestones.1.report_deadline", "31/02/2022", "milestones[1].report_deadline", "không có thật"),
        ("milestones.1.report_deadline", DELETE, "milestones[1].report_deadline", "thiếu ngày"),
        ("milestones.0.data_to", "30/11/2021", "milestones[0].data_to", "khoảng số liệu"),
        ("milestones.0.kind", "quarterly", "milestones[0].kind", "không được phép"),
        ("milestones.0.phase", "Đợt 3", "milestones[0].phase", "không có đợt thi đua"),
        ("start_date", 20220101, "start_date", "dd/mm/yyyy"),
        ("end_date", "31/12/2021", "end_date", "sau ngày bắt đầu"),
        ("document_date", "1/13/2022", "document_date", "không có thật"),
        ("registration_deadline", "15/03/1800", "registration_deadline", "1900"),
        ("title", "   ", "title", "không được để trống"),
        ("title", "x" * 501, "title", "quá dài"),
        ("title", DELETE, "title", "thiếu"),
        ("organization", DELETE, "organization", "thiếu"),
        ("kind", "annual", "kind", "không được phép"),
        ("status", "signed", "status", "không được phép"),
        ("place", 12, "place", "chuỗi ký tự"),
        ("theme", "a\x00b", "theme", "ký tự điều khiển"),
        ("for_collectives", "có", "for_collectives", "true hoặc false"),
        ("award_codes.0", "CO_XYZ", "award_codes[0]", "không có danh hiệu"),
        ("award_codes.1", "CO_TINH", "award_codes[1]", "bị lặp"),
        ("award_codes", "CO_TINH", "award_codes", "danh sách"),
        ("participants.1", "FIN", "participants[1]", "bị lặp"),
        ("participants.0", {"code": "FIN"}, "participants[0]", "phải là một mã"),
        ("phases.1.end_date", "30/06/2022", "phases[1].end_date", "sau ngày bắt đầu"),
        ("phases.1.end_date", "31/01/2023", "phases[1].start_date", "trong thời gian của phong trào"),
        ("phases.1.name", "Đợt 1", "phases[1].name", "bị lặp"),
        ("phases.0", "Đợt 1", "phases[0]", "đối tượng JSON"),
        ("phases.0.colour", "đỏ", "phases[0].colour", "không có trường này"),
        ("targets.0.kind", "share", "targets[0].kind", "không được phép"),
        ("targets.0.award_code", DELETE, "targets[0].award_code", "cần danh hiệu"),
        ("targets.1.min_rating", DELETE, "targets[1].min_rating", "mức xếp loại"),
        ("targets.1.min_rating", "GIOI", "targets[1].min_rating", "không được phép"),
        ("targets.0.value", 120, "targets[0].value", "từ 0 đến 100"),
        ("targets.0.value", "hai mươi", "targets[0].value", "phải là số"),
        ("targets.0.value", 2.555, "targets[0].value", "hai chữ số thập phân"),
        ("targets.0.value", True, "targets[0].value", "phải là số"),
        ("targets.0.value", 1e300, "targets[0].value", "quá lớn"),
        ("targets.0.year", 2023, "targets[0].year", "năm đánh giá"),
        ("targets.0.year", "năm nay", "targets[0].year", "số nguyên"),
        ("targets.0.subject", "individual", "targets[0].award_code", "không xét tặng cho cá nhân"),
        ("tasks.0.quarter", 5, "tasks[0].quarter", "từ 1 đến 4"),
        ("tasks.0.status", "finished", "tasks[0].status", "không được phép"),
        ("tasks.0.due_date", "15.03.2022", "tasks[0].due_date", "dd/mm/yyyy"),
        ("tasks.1.lead", DELETE, "tasks[1].lead", "thiếu"),
        ("plan_contents.1", "", "plan_contents[1]", "không để trống"),
        ("covenant_contents.0", 7, "covenant_contents[0]", "văn bản"),
        ("block", {"name": "Khối A"}, "block.year", "thiếu"),
        ("block", "Khối A", "block", "đối tượng JSON"),
        ("format", "excel", "format", "tdkt-ke-hoach/1"),
        ("colour", "đỏ", "colour", "không có trường này"),
    ],
)
def test_each_mistake_is_told_at_its_place(path, value, where, says):
    errors = errors_of(changed(path, value))
    assert where in errors, errors
    assert any(says in message for message in errors[where]), errors[where]


def test_every_mistake_is_told_at_once_in_the_files_order():
    document = changed("milestones.1.report_deadline", "2022-12-20")
    document["tasks"][0]["quarter"] = 0
    document["kind"] = "annual"
    errors = errors_of(document)
    assert {"kind", "milestones[1].report_deadline", "tasks[0].quarter"} <= set(errors)
    text = str(PlanFileError(errors))
    assert "milestones[1].report_deadline: ngày phải dạng dd/mm/yyyy" in text


def test_too_big_a_file_is_refused_before_it_is_read():
    data = b" " * (MAX_BYTES + 1)
    with pytest.raises(PlanFileError) as caught:
        loads(data)
    assert caught.value.errors == {"tệp": ["Tệp quá lớn: tối đa 2 MB."]}


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b'{"title": ', "không phải JSON hợp lệ (dòng 1"),
        (b"\xff\xfe{}", "UTF-8"),
        (b'{"targets": [{"value": NaN}]}', "không phải JSON hợp lệ"),
        (b"[1, 2]", "đối tượng JSON"),
    ],
)
def test_what_is_not_a_plan_file_is_refused(data, says):
    with pytest.raises(PlanFileError) as caught:
        loads(data)
    assert says in str(caught.value)


@pytest.mark.parametrize(("key", "cap"), sorted(plan_file.LIST_CAPS.items()))
def test_lists_are_capped(key, cap):
    rows = {"participants": "FIN", "award_codes": "GK", "plan_contents": "x", "covenant_contents": "x"}
    document = changed(key, [copy.deepcopy(CLEAN[key][0]) if key not in rows else rows[key]] * (cap + 1))
    errors = errors_of(document)
    assert errors[key] == [f"quá nhiều mục: tối đa {cap}, tệp có {cap + 1}."]


def test_the_pure_choices_agree_with_the_models():
    assert plan_file.MOVEMENT_KINDS == tuple(MovementKind.values)
    assert plan_file.MOVEMENT_STATUSES == tuple(MovementStatus.values)
    assert plan_file.MILESTONE_KINDS == tuple(MilestoneKind.values)
    assert plan_file.TARGET_KINDS == tuple(TargetKind.values)
    assert plan_file.TASK_STATUSES == tuple(TaskStatus.values)


def test_dumps_writes_vietnamese_as_it_reads():
    text = dumps({"title": "Khối thi đua"})
    assert "Khối thi đua" in text
    assert text.endswith("\n")
