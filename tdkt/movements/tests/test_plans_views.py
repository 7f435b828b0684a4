"""The plan pages: scope (out of scope is 404, no right is 403), drafts, the block's plan, phases within
the period, a multi-year movement's milestones, the work program by quarter, dates dd/mm/yyyy."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_org, make_user
from tdkt.movements.models import Movement, MovementStatus, Participant, Phase, ReportSubmission, WorkTask
from tdkt.movements.services import plans as services

D = datetime.date


def _movement(world, *, issued=True, organization=None, participants=("FIN", "HOME"), **fields):
    actor = world.users["admin"]
    data = {"title": "Phong trào thi đua năm 2022", "start_date": D(2022, 1, 1), "end_date": D(2022, 12, 31)}
    movement = services.movement_create(actor=actor, organization=organization or world.orgs["P"], **data | fields)
    services.participants_set(actor=actor, movement=movement, organizations=[world.orgs[k] for k in participants])
    if issued:
        movement = services.movement_set_status(actor=actor, movement=movement, status=MovementStatus.ISSUED)
    return movement


def _url(name, movement, *args):
    return reverse(f"movements:{name}", args=[movement.pk, *args])


def test_officer_of_another_province_gets_not_found(client, world):
    movement = _movement(world)
    client.force_login(make_user("canbo_q", "unit_officer", world.orgs["Q-CA"]))
    assert client.get(_url("detail", movement)).status_code == 404
    response = client.post(_url("phase_add", movement), {"name": "Đợt 1", "start_date": "01/01/2022"})
    assert response.status_code == 404
    assert movement.title not in client.get(reverse("movements:list")).text


def test_viewer_sees_the_plan_but_cannot_add_a_phase(client, world):
    movement = _movement(world)
    client.force_login(world.users["viewer"])  # viewer of HOME, a participant
    page = client.get(_url("detail", movement))
    assert page.status_code == 200
    assert _url("phase_add", movement) not in page.text
    data = {"name": "Đợt 1", "start_date": "01/01/2022", "end_date": "31/05/2022"}
    assert client.post(_url("phase_add", movement), data).status_code == 403
    assert client.get(_url("phase_add", movement)).status_code == 403
    assert client.post(_url("status", movement), {"status": "closed"}).status_code == 403
    assert not Phase.objects.filter(movement=movement).exists()


@pytest.mark.parametrize("role", ["viewer", "unit_officer", "block_head", "council_member"])
def test_draft_is_hidden_from_those_who_do_not_manage_it(client, world, role):
    draft = _movement(world, issued=False, title="Dự thảo kế hoạch bí mật")
    client.force_login(world.users[role])
    assert client.get(_url("detail", draft)).status_code == 404
    assert "Dự thảo kế hoạch bí mật" not in client.get(reverse("movements:list")).text
    client.force_login(world.users["standing_office"])
    assert client.get(_url("detail", draft)).status_code == 200
    assert "Dự thảo kế hoạch bí mật" in client.get(reverse("movements:list")).text


def test_list_filters_by_year_kind_and_search(client, world):
    _movement(
        world, title="Thi đua văn hóa công sở", kind="thematic", start_date=D(2019, 8, 16), end_date=D(2025, 12, 31)
    )
    _movement(world, title="Thi đua năm 2022 của khối")
    client.force_login(world.users["standing_office"])
    url = reverse("movements:list")
    assert "văn hóa công sở" in client.get(url, {"year": "2020"}).text
    assert "của khối" not in client.get(url, {"year": "2020"}).text
    assert "của khối" not in client.get(url, {"kind": "thematic"}).text
    assert "của khối" in client.get(url, {"q": "khối"}).text
    assert "văn hóa" not in client.get(url, {"q": "khối"}).text
    page = client.get(url)
    assert '<option value="2025">2025</option>' in page.text  # years without a thousands separator


def test_block_head_creates_the_block_plan_and_its_members_take_part(client, world):
    client.force_login(world.users["block_head"])  # head unit HOME of world.block
    data = {
        "organization": world.orgs["HOME"].pk,
        "block": world.block.pk,
        "title": "Kế hoạch thi đua của Khối năm 2022",
        "kind": "regular",
        "document_number": "01/KH-KTĐ",
        "document_date": "10/03/2022",
        "start_date": "01/01/2022",
        "end_date": "31/12/2022",
        "for_collectives": "on",
        "for_individuals": "on",
        "award_codes": ["CO_TINH", "BK_TINH"],
        "registration_deadline": "15/03/2022",
    }
    response = client.post(reverse("movements:create"), data)
    assert response.status_code == 302, response.content
    movement = Movement.objects.get(title=data["title"])
    assert movement.status == MovementStatus.DRAFT
    assert movement.document_date == D(2022, 3, 10)
    assert set(movement.participants.values_list("organization__code", flat=True)) == {"HOME", "FIN"}
    page = client.get(response.url)
    assert "10/03/2022" in page.text
    assert "01/KH-KTĐ" in page.text
    assert "Cờ thi đua cấp bộ, ngành, tỉnh" in page.text
    assert "15/03/2022" in page.text
    assert client.post(_url("status", movement), {"status": "issued"}).status_code == 302
    movement.refresh_from_db()
    assert movement.status == MovementStatus.ISSUED


def test_viewer_cannot_open_the_create_page(client, world):
    client.force_login(world.users["viewer"])
    assert client.get(reverse("movements:create")).status_code == 403


def test_phase_outside_the_period_is_refused_in_vietnamese(client, world):
    movement = _movement(world)
    client.force_login(world.users["standing_office"])
    data = {"name": "Đợt 1", "start_date": "01/12/2021", "end_date": "31/05/2022"}
    response = client.post(_url("phase_add", movement), data)
    assert response.status_code == 200
    assert "Thời gian phải nằm trong thời gian của phong trào (01/01/2022 – 31/12/2022)." in response.text
    assert not movement.phases.exists()
    data = {
        "name": "Đợt 1",
        "start_date": "01/01/2022",
        "end_date": "31/05/2022",
        "celebrates": "92 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2022)",
    }
    response = client.post(_url("phase_add", movement), data)
    assert response.status_code == 302
    assert response.url.endswith("#phases")
    page = client.get(_url("detail", movement)).text
    assert "31/05/2022" in page
    assert "92 năm Ngày thành lập Đảng" in page


def test_multi_year_movement_shows_mid_term_and_final_deadlines(client, world, monkeypatch):
    movement = _movement(
        world,
        title="CBCCVC thi đua thực hiện văn hóa công sở",
        kind="thematic",
        document_number="3741/KH-UBND",
        document_date=D(2019, 8, 16),
        start_date=D(2019, 8, 16),
        end_date=D(2025, 12, 31),
    )
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2022, 11, 1))
    client.force_login(world.users["standing_office"])
    for kind, name, deadline in (
        ("mid_term", "Sơ kết giữa kỳ 2022", "15/11/2022"),
        ("final", "Tổng kết 2025", "30/10/2025"),
    ):
        data = {
            "kind": kind,
            "name": name,
            "report_deadline": deadline,
            "data_from": "16/08/2019",
            "data_to": "31/10/2022",
        }
        assert client.post(_url("milestone_add", movement), data).status_code == 302
    page = client.get(_url("detail", movement)).text
    assert "Sơ kết giữa kỳ 2022" in page
    assert "Tổng kết 2025" in page
    assert "15/11/2022" in page
    assert "30/10/2025" in page
    assert "16/08/2019" in page
    assert "(2019–2025)" in page
    assert "3741/KH-UBND" in page
    assert 'data-days-left="14"' in page
    assert 'data-days-left="1094"' in page


def test_milestone_with_a_reversed_data_window_is_refused(client, world):
    movement = _movement(world)
    client.force_login(world.users["standing_office"])
    data = {"kind": "mid_year", "name": "Sơ kết 6 tháng", "report_deadline": "15/06/2022"}
    response = client.post(_url("milestone_add", movement), data | {"data_from": "31/05/2022", "data_to": "01/12/2021"})
    assert "Khoảng số liệu không hợp lệ" in response.text
    assert not movement.milestones.exists()


def test_work_program_is_grouped_by_quarter(client, world):
    movement = _movement(world)
    client.force_login(world.users["standing_office"])
    rows = [
        ("4", "Tổ chức Tổng kết phong trào thi đua", "Trưởng Khối", "15/12/2022"),
        ("1", "Xây dựng Kế hoạch, chương trình công tác", "Trưởng Khối", "28/02/2022"),
        ("1", "Đăng ký Danh hiệu thi đua năm 2022", "Các Thành viên Khối", "15/03/2022"),
        ("2", "Báo cáo sơ kết 6 tháng đầu năm", "Các Thành viên Khối", ""),
    ]
    for quarter, content, lead, due in rows:
        data = {
            "quarter": quarter,
            "content": content,
            "lead": lead,
            "executing": "Các Thành viên Khối",
            "due_date": due,
        }
        assert client.post(_url("task_add", movement), data).status_code == 302
    page = client.get(_url("detail", movement)).text
    assert re.findall(r'data-quarter="(\d)"', page) == ["1", "2", "4"]
    first = page.index('data-quarter="1"')
    assert first < page.index("Xây dựng Kế hoạch") < page.index("Đăng ký Danh hiệu") < page.index('data-quarter="2"')
    assert page.index('data-quarter="4"') < page.index("Tổ chức Tổng kết")
    assert "QUARTER" in page or "QUÝ" in page
    assert "28/02/2022" in page
    assert "/2022</td>" in page


def test_task_status_changes_only_by_managers(client, world):
    movement = _movement(world)
    task = services.task_add(
        actor=world.users["admin"], movement=movement, quarter=1, content="Phát động", lead="Trưởng Khối"
    )
    client.force_login(world.users["viewer"])
    assert client.post(_url("task_status", movement, task.pk), {"status": "done"}).status_code == 403
    client.force_login(world.users["standing_office"])
    assert client.post(_url("task_status", movement, task.pk), {"status": "done"}).status_code == 302
    task.refresh_from_db()
    assert task.status == "done"
    other = _movement(world)
    assert client.post(_url("task_status", other, task.pk), {"status": "planned"}).status_code == 404


def test_content_targets_and_participants_forms(client, world):
    movement = _movement(world, issued=False)
    client.force_login(world.users["standing_office"])
    assert (
        client.post(
            _url("content_add", movement), {"text": "Thi đua thực hiện văn hóa công sở", "part": "plan"}
        ).status_code
        == 302
    )
    target = {
        "label": "100% phòng ban đạt TTLĐTT",
        "kind": "award_share",
        "subject": "collective",
        "award_code": "TTLDTT",
        "value": "100",
        "year": "2022",
    }
    assert client.post(_url("target_add", movement), target).status_code == 302
    wrong = target | {"award_code": "CSTDCS"}
    assert "không xét tặng cho tập thể" in client.post(_url("target_add", movement), wrong).text
    late = target | {"year": "2024"}
    assert "Năm đánh giá phải trong thời gian của phong trào" in client.post(_url("target_add", movement), late).text
    assert movement.targets.count() == 1
    # Participants: organisations below the issuer; another province's are not offered.
    response = client.post(_url("participants", movement), {"organizations": [world.orgs["Q-CA"].pk]})
    assert response.status_code == 200
    assert not Participant.objects.filter(organization=world.orgs["Q-CA"]).exists()
    chosen = [world.orgs["FIN"].pk, world.orgs["HOME-TDKT"].pk]
    assert client.post(_url("participants", movement), {"organizations": chosen}).status_code == 302
    assert set(movement.participants.values_list("organization__code", flat=True)) == {"FIN", "HOME-TDKT"}
    page = client.get(_url("detail", movement)).text
    assert "Thi đua thực hiện văn hóa công sở" in page
    assert "100% phòng ban đạt TTLĐTT" in page


def test_whole_block_adds_every_member(client, world):
    movement = _movement(world, issued=False, organization=world.orgs["HOME"], participants=(), block=world.block)
    client.force_login(world.users["block_head"])
    assert client.post(_url("participants", movement), {"whole_block": "on"}).status_code == 302
    assert set(movement.participants.values_list("organization__code", flat=True)) == {"HOME", "FIN"}


def test_closed_movement_is_read_only(client, world):
    movement = _movement(world)
    services.movement_set_status(actor=world.users["admin"], movement=movement, status="closed")
    client.force_login(world.users["standing_office"])
    page = client.get(_url("detail", movement)).text
    assert _url("phase_add", movement) not in page
    assert _url("edit", movement) not in page
    data = {"name": "Đợt 3", "start_date": "01/06/2022", "end_date": "30/06/2022"}
    assert "Phong trào đã kết thúc" in client.post(_url("phase_add", movement), data).text
    assert not movement.phases.exists()


def test_edit_keeps_dates_in_vietnamese_format(client, world):
    movement = _movement(world, document_date=D(2022, 3, 1))
    client.force_login(world.users["standing_office"])
    page = client.get(_url("edit", movement)).text
    assert 'value="01/03/2022"' in page
    assert 'value="31/12/2022"' in page
    data = {
        "title": "Phong trào đổi tên",
        "kind": "regular",
        "start_date": "01/01/2022",
        "end_date": "31/12/2022",
        "for_collectives": "on",
    }
    assert client.post(_url("edit", movement), data).status_code == 302
    movement.refresh_from_db()
    assert movement.title == "Phong trào đổi tên"
    assert not movement.for_individuals


def test_issue_without_participants_is_refused(client, world):
    q_officer_org = make_org("FIN-KH", "Phòng Kế hoạch", "division", "unit", world.orgs["FIN"])
    movement = _movement(world, issued=False, organization=world.orgs["FIN"], participants=())
    client.force_login(world.users["unit_officer"])  # FIN's officer manages FIN's own plan
    client.post(_url("status", movement), {"status": "issued"})
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DRAFT
    assert client.post(_url("participants", movement), {"organizations": [q_officer_org.pk]}).status_code == 302
    assert client.post(_url("status", movement), {"status": "issued"}).status_code == 302
    movement.refresh_from_db()
    assert movement.status == MovementStatus.ISSUED
    assert WorkTask.objects.count() == 0


def test_a_passed_deadline_counts_the_reports_still_missing(client, world, monkeypatch):
    movement = _movement(world)
    milestone = services.milestone_add(
        actor=world.users["admin"],
        movement=movement,
        kind="mid_year",
        name="Sơ kết 6 tháng đầu năm 2022",
        report_deadline=D(2022, 6, 15),
        data_from=D(2021, 12, 1),
        data_to=D(2022, 5, 31),
    )
    fields = {"file": "reports/x.pdf", "original_name": "x.pdf", "content_type": "application/pdf", "size": 1}
    ReportSubmission.objects.create(
        milestone=milestone, organization=world.orgs["FIN"], status="submitted", submitted_at=timezone.now(), **fields
    )
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2022, 6, 20))
    client.force_login(world.users["standing_office"])
    page = client.get(_url("detail", movement)).text
    assert 'data-days-left="-5" data-missing="1"' in page
    assert "01/12/2021" in page
    ReportSubmission.objects.create(
        milestone=milestone, organization=world.orgs["HOME"], status="accepted", submitted_at=timezone.now(), **fields
    )
    assert 'data-days-left="-5" data-missing="0"' in client.get(_url("detail", movement)).text


def test_target_value_is_typed_the_vietnamese_way(client, world):
    movement = _movement(world, issued=False)
    client.force_login(world.users["standing_office"])
    target = {"label": "Tỷ lệ phòng ban đạt TTLĐXS", "kind": "award_share", "subject": "collective",
              "award_code": "TTLDTT", "value": "12,5", "year": "2022"}
    assert client.post(_url("target_add", movement), target).status_code == 302
    assert movement.targets.get().value == Decimal("12.5")
    for typed, words in (("12.5", "“12,5”"), ("2.500", "“2500”"), ("1,234", "2"), ("-1", "âm")):
        response = client.post(_url("target_add", movement), target | {"value": typed})
        assert response.status_code in (200, 400)
        message = response.context["form"].errors["value"][0]
        assert message.startswith("Giá trị:"), message
        assert words in message, message
    assert movement.targets.count() == 1
