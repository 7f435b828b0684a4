"""The round pages: the list, opening and changing a round, the overview (matrix, standings, chart),
the reviewers, publishing and reopening, and the published versions."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from conftest import make_org, make_user
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.organizations.models import BlockMembership, EmulationBlock
from tdkt.rules.models import ProposalMark
from tdkt.scoring.chart import bar_chart
from tdkt.scoring.models import ReviewerAssignment, RoundStatus, ScoringResult, ScoringRound
from tdkt.scoring.services.reviews import review_save
from tdkt.scoring.services.sheets import sheet_save, sheet_start, sheet_submit

from .conftest import entries

VISIBLE_TO = ["admin", "standing_office", "block_head", "unit_officer", "deputy", "member_officer", "viewer"]


def _url(name, *args):
    from django.urls import reverse

    return reverse(f"scoring:{name}", args=args)


def _submit(s, org_code, user_key, **values):
    sheet = sheet_start(actor=s.users[user_key], scoring_round=s.round, organization=s.orgs[org_code])
    sheet_save(actor=s.users[user_key], sheet=sheet, entries=entries(**values))
    return sheet_submit(actor=s.users[user_key], sheet=sheet)


def _review(s, user_key, reviewer_code, sheet, **values):
    return review_save(
        actor=s.users[user_key], sheet=sheet, reviewer=s.orgs[reviewer_code], entries=entries(**values), complete=True
    )


@pytest.fixture
def scored(scoring):
    """FIN (97 self, reviews 83 and 94 → 88,5) and HOME (65, reviewed 65) submitted and reviewed."""
    s = scoring
    s.fin = _submit(s, "FIN", "unit_officer", I_1=5, I_2=14, II_1=28, II_2=0)
    s.home = _submit(s, "HOME", "admin", I_1=3, I_2=10, II_1=20, II_2=1)
    _review(s, "block_head", "HOME", s.fin, I_1=4, I_2=12, II_1=25, II_2=0)
    _review(s, "deputy", "DEP", s.fin, I_1=5, I_2=13, II_1=26, II_2=0)
    _review(s, "deputy", "DEP", s.home, I_1=3, I_2=10, II_1=20, II_2=1)
    return s


def _page(client, user, url, **kwargs):
    client.force_login(user)
    return client.get(url, **kwargs)


def _post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {}, follow=True)


def _publish(client, user, pk, reason="Hai đơn vị không nộp phiếu"):
    """Through the confirmation page, as the button does."""
    return _post(client, user, _url("round_publish", pk), {"confirmed": "1", "reason": reason})


def _q_user(s):
    return make_user("q_thuongtruc", "standing_office", s.orgs["Q"])


# --- the overview ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", VISIBLE_TO)
def test_overview_is_visible_to_the_block(client, scoring, role):
    page = _page(client, scoring.users[role], _url("round", scoring.round.pk))
    assert page.status_code == 200
    assert scoring.template.name in page.text
    assert 'style="' not in page.text


def test_overview_is_not_found_out_of_scope(client, scoring):
    assert _page(client, scoring.users["nobody"], _url("round", scoring.round.pk)).status_code == 404
    assert _page(client, _q_user(scoring), _url("round", scoring.round.pk)).status_code == 404


def test_header_shows_template_deadline_and_status(client, scoring):
    page = _page(client, scoring.users["viewer"], _url("round", scoring.round.pk))
    assert _url("template", scoring.template.pk) in page.text
    assert scoring.round.self_deadline.strftime("%d/%m/%Y") in page.text
    assert str(scoring.round.get_status_display()) in page.text


@pytest.mark.parametrize("role", ["block_head", "deputy", "standing_office", "admin"])
def test_live_standings_for_managers_and_reviewers(client, scored, role):
    page = _page(client, scored.users[role], _url("round", scored.round.pk))
    assert 'id="standings-table"' in page.text
    assert "88,5" in page.text  # FIN's final score, Vietnamese decimals
    assert _url("round_table_xlsx", scored.round.pk) in page.text


@pytest.mark.parametrize("role", ["unit_officer", "member_officer", "viewer"])
def test_no_standings_for_members_before_publication(client, scored, role):
    page = _page(client, scored.users[role], _url("round", scored.round.pk))
    assert page.status_code == 200
    assert 'id="standings-table"' not in page.text
    assert "88,5" not in page.text
    assert "<svg" not in page.text.split('id="members-matrix"')[1]


def test_flags_are_highlighted_for_the_head(client, scored):
    page = _page(client, scored.users["block_head"], _url("round", scored.round.pk))
    assert "Mục I.1: tự chấm tối đa" in page.text  # FIN claimed I.1 at its maximum without evidence
    assert 'class="alert alert-warning mb-2 flags"' in page.text


def test_reviewer_never_reviews_its_own_unit(client, scored):
    s = scored
    page = _page(client, s.users["block_head"], _url("round", s.round.pk))
    home_row = page.text.split(f'id="member-{s.orgs["HOME"].pk}"')[1].split("</tr>")[0]
    fin_row = page.text.split(f'id="member-{s.orgs["FIN"].pk}"')[1].split("</tr>")[0]
    assert gettext("Not reviewed (conflict of interest)") in home_row
    assert _url("review", s.home.pk, s.orgs["HOME"].pk) not in page.text
    assert _url("review", s.fin.pk, s.orgs["HOME"].pk) in fin_row
    assert "2/2" in fin_row  # head and deputy both completed FIN's review
    assert "1/1" in home_row  # the head does not count for its own sheet


def test_member_sees_its_own_sheet_card_and_no_other_sheet(client, scored):
    s = scored
    page = _page(client, s.users["unit_officer"], _url("round", s.round.pk))
    assert 'id="own-sheets"' in page.text
    assert _url("sheet", s.fin.pk) in page.text
    assert _url("sheet", s.home.pk) not in page.text
    assert 'class="review-link"' not in page.text
    # MEM has not started: its officer gets the button that creates the sheet.
    page = _page(client, s.users["member_officer"], _url("round", s.round.pk))
    assert f'action="{_url("sheet_start", s.round.pk, s.orgs["MEM"].pk)}"' in page.text


def test_chart_has_one_bar_per_ranked_unit(client, scored):
    page = _page(client, scored.users["block_head"], _url("round", scored.round.pk))
    svg = page.text.split('id="chart"')[1].split("</svg>")[0]
    assert len(re.findall(r"<rect class=\"band-", svg)) == 2
    assert "Sở Tài chính" in svg
    assert "Sở Nội vụ" in svg
    assert "<script" not in svg
    assert 'style="' not in svg


# --- publishing, reopening, versions ----------------------------------------------------------------


def test_publish_via_page_then_everyone_sees_it(client, scored):
    s = scored
    head = s.users["block_head"]
    # The button leads to the confirmation page: what is missing, what will happen, a reason.
    page = _page(client, head, _url("round_publish", s.round.pk))
    assert page.status_code == 200
    assert "2 đơn vị chưa nộp phiếu chấm điểm: " in page.text
    assert 'id="confirm-consequences"' in page.text
    assert 'name="reason"' in page.text
    step = page.text.split('id="confirm-step"')[1].split("</form>")[0]
    assert "<script" not in step
    assert "onclick" not in step
    assert 'method="post"' in step
    # A POST without the confirmation (an old form, a direct POST) only shows the page again;
    # confirming without the reason while something is missing is refused.
    for data in ({}, {"reason": "x"}, {"confirmed": "1"}, {"confirmed": "1", "reason": "  "}):
        page = _post(client, head, _url("round_publish", s.round.pk), data)
        assert 'id="confirm-step"' in page.text
        assert not ScoringResult.objects.exists()
    page = _publish(client, head, s.round.pk)
    assert page.status_code == 200
    s.round.refresh_from_db()
    assert s.round.status == RoundStatus.PUBLISHED
    assert ProposalMark.objects.filter(award="CO_TINH", collective=s.orgs["FIN"], year=2022).exists()
    result = ScoringResult.objects.get(round=s.round)
    heading = gettext("Published result, version %(version)s, dated %(date)s") % {
        "version": 1,
        "date": timezone.localtime(result.published_at).strftime("%d/%m/%Y"),
    }
    for role in ("unit_officer", "member_officer", "viewer"):
        page = _page(client, s.users[role], _url("round", s.round.pk))
        assert 'id="published-table"' in page.text
        assert heading in page.text
        assert "88,5" in page.text
    event = AuditEvent.objects.get(event_type=AuditEventType.RESULT_PUBLISHED)
    assert event.after["reason"] == "Hai đơn vị không nộp phiếu"
    assert len(event.after["missing_sheets"]) == 2
    # Publishing again is refused; still one result.
    page = _publish(client, head, s.round.pk)
    assert gettext("The result is already published; reopen the round for a correction first.") in page.text
    assert ScoringResult.objects.filter(round=s.round).count() == 1


def test_publish_with_every_sheet_and_review_needs_no_reason(client, scored):
    s = scored
    for code, user in (("DEP", "deputy"), ("MEM", "member_officer")):
        sheet = _submit(s, code, user, I_1=3, I_2=10, II_1=20, II_2=1)
        for reviewer, reviewer_user in (("HOME", "block_head"), ("DEP", "deputy")):
            if code != reviewer:
                _review(s, reviewer_user, reviewer, sheet, I_1=3, I_2=10, II_1=20, II_2=1)
    page = _page(client, s.users["block_head"], _url("round_publish", s.round.pk))
    assert 'id="confirm-problems"' not in page.text
    _publish(client, s.users["block_head"], s.round.pk, reason="")
    assert ScoringResult.objects.get(round=s.round).reason == ""


def test_an_unfinished_review_is_named(client, scored):
    s = scored
    sheet = _submit(s, "MEM", "member_officer", I_1=3, I_2=10, II_1=20, II_2=1)
    review_save(actor=s.users["deputy"], sheet=sheet, reviewer=s.orgs["DEP"], entries=entries(I_1=1))  # a draft
    page = _page(client, s.users["block_head"], _url("round_publish", s.round.pk))
    assert "1 đơn vị chưa nộp phiếu chấm điểm" in page.text
    assert "2 phiếu thẩm định chưa hoàn thành" in page.text  # DEP's draft, HOME not begun
    _publish(client, s.users["block_head"], s.round.pk, reason="Hết hạn thẩm định")
    event = AuditEvent.objects.get(event_type=AuditEventType.RESULT_PUBLISHED)
    assert len(event.after["unfinished_reviews"]) == 2


def test_publish_with_nothing_submitted_shows_the_error(client, scoring):
    page = _publish(client, scoring.users["block_head"], scoring.round.pk)
    assert "Chưa có đơn vị nào nộp phiếu chấm điểm." in page.text
    assert not ScoringResult.objects.exists()


def test_reopen_and_publish_a_correction(client, scored):
    s = scored
    head = s.users["block_head"]
    _publish(client, head, s.round.pk)
    page = _post(client, head, _url("round_reopen", s.round.pk), {"reason": ""})
    assert "Hãy ghi lý do mở lại để điều chỉnh." in page.text
    s.round.refresh_from_db()
    assert s.round.status == RoundStatus.PUBLISHED
    page = _post(client, head, _url("round_reopen", s.round.pk), {"reason": "Sai sót điểm mục II.1"})
    s.round.refresh_from_db()
    assert s.round.status == RoundStatus.CORRECTING
    assert 'id="publish-form"' in page.text
    # The deputy corrects HOME upward (100); publishing without a reason is refused.
    _review(s, "deputy", "DEP", s.home, I_1=5, I_2=15, II_1=30, II_2=0)
    page = _publish(client, head, s.round.pk, reason="")
    assert 'id="confirm-step"' in page.text
    assert ScoringResult.objects.filter(round=s.round).count() == 1
    _publish(client, head, s.round.pk, reason="Điều chỉnh mục II.1")
    assert ScoringResult.objects.get(round=s.round, is_current=True).version == 2

    v1 = _page(client, s.users["viewer"], _url("result", s.round.pk, 1))
    assert v1.status_code == 200
    table = v1.text.split('id="result-table"')[1].split("</table>")[0]
    assert table.index("Sở Tài chính") < table.index("Sở Nội vụ")  # FIN led version 1
    assert ">65<" in table
    assert _url("result", s.round.pk, 2) in v1.text  # the list of versions links the others
    v2 = _page(client, s.users["viewer"], _url("result", s.round.pk, 2))
    table = v2.text.split('id="result-table"')[1].split("</table>")[0]
    assert table.index("Sở Nội vụ") < table.index("Sở Tài chính")  # HOME leads after the correction
    assert "Điều chỉnh mục II.1" in v2.text
    assert _page(client, s.users["viewer"], _url("result", s.round.pk, 3)).status_code == 404
    assert _page(client, _q_user(s), _url("result", s.round.pk, 1)).status_code == 404


def test_members_cannot_publish_or_reopen(client, scored):
    s = scored
    client.force_login(s.users["unit_officer"])
    assert client.post(_url("round_publish", s.round.pk)).status_code == 403
    assert client.post(_url("round_reopen", s.round.pk), {"reason": "x"}).status_code == 403
    assert client.get(_url("round_publish", s.round.pk)).status_code == 403
    assert client.post(_url("round_publish", s.round.pk), {"confirmed": "1", "reason": "x"}).status_code == 403
    assert not ScoringResult.objects.exists()
    client.force_login(s.users["nobody"])
    assert client.post(_url("round_publish", s.round.pk)).status_code == 404


def test_manage_forms_only_for_managers(client, scored):
    assert 'id="publish-form"' in _page(client, scored.users["block_head"], _url("round", scored.round.pk)).text
    assert 'id="publish-form"' not in _page(client, scored.users["deputy"], _url("round", scored.round.pk)).text


# --- opening and changing a round ------------------------------------------------------------------


def _second_block(s, year=2023):
    block = EmulationBlock(organizer=s.orgs["P"], name="Khối các cơ quan tham mưu, tổng hợp", year=year)
    block.refresh_search_text()
    block.save()
    BlockMembership.objects.create(block=block, organization=s.orgs["HOME"], role="head", position=1)
    BlockMembership.objects.create(block=block, organization=s.orgs["FIN"], role="member", position=2)
    return block


def test_open_a_round_via_the_page(client, scoring):
    s = scoring
    block = _second_block(s)
    url = _url("round_open", block.pk)
    page = _page(client, s.users["block_head"], url)
    assert page.status_code == 200
    assert s.template.name in page.text
    page = _post(
        client,
        s.users["block_head"],
        url,
        {"template": s.template.pk, "self_deadline": "15/03/2023", "review_deadline": "", "flag_percent": "25"},
    )
    created = ScoringRound.objects.get(block=block)
    assert created.self_deadline == datetime.date(2023, 3, 15)
    assert created.flag_share == Decimal("0.25")
    assert page.redirect_chain[-1][0] == _url("round", created.pk)
    # Opening again goes to the existing round.
    assert _page(client, s.users["block_head"], url).url == _url("round", created.pk)


def test_open_shows_the_services_errors(client, scoring):
    s = scoring
    block = _second_block(s)
    page = _post(
        client,
        s.users["standing_office"],
        _url("round_open", block.pk),
        {
            "template": s.template.pk,
            "self_deadline": "15/03/2023",
            "review_deadline": "01/03/2023",
            "flag_percent": "20",
        },
    )
    assert "Hạn thẩm định không được trước hạn tự chấm." in page.text
    assert not ScoringRound.objects.filter(block=block).exists()


def test_open_is_refused_to_members_and_hidden_out_of_scope(client, scoring):
    s = scoring
    block = _second_block(s)
    assert _page(client, s.users["unit_officer"], _url("round_open", block.pk)).status_code == 403
    q_block = EmulationBlock.objects.create(organizer=s.orgs["Q"], name="Khối Q", year=2023)
    assert _page(client, s.users["block_head"], _url("round_open", q_block.pk)).status_code == 404


def test_edit_the_deadline_via_the_page(client, scoring):
    s = scoring
    url = _url("round_edit", s.round.pk)
    page = _page(client, s.users["block_head"], url)
    assert page.status_code == 200
    assert 'value="20"' in page.text  # the flag share as a percentage
    new = s.round.self_deadline + datetime.timedelta(days=30)
    page = _post(
        client,
        s.users["block_head"],
        url,
        {"template": s.template.pk, "self_deadline": new.strftime("%d/%m/%Y"), "flag_percent": "20"},
    )
    s.round.refresh_from_db()
    assert s.round.self_deadline == new
    assert new.strftime("%d/%m/%Y") in page.text
    assert _page(client, s.users["unit_officer"], url).status_code == 403


# --- reviewers, list, block page --------------------------------------------------------------------


def test_reviewers_page_lists_and_assigns(client, scoring):
    s = scoring
    url = _url("round_reviewers", s.round.pk)
    page = _page(client, s.users["viewer"], url)
    assert page.status_code == 200
    assert "Sở Nội vụ" in page.text
    assert "Ban Quản lý Khu Kinh tế tỉnh" in page.text
    assert 'id="assign"' not in page.text
    client.force_login(s.users["unit_officer"])
    assert client.post(url, {"reviewer": s.orgs["MEM"].pk}).status_code == 403
    page = _post(client, s.users["block_head"], url, {"reviewer": s.orgs["MEM"].pk})
    assert ReviewerAssignment.objects.filter(round=s.round, reviewer=s.orgs["MEM"]).exists()
    assert "Sở Xây dựng" in page.text.split('id="reviewers"')[1].split("</table>")[0]
    # MEM's officer now reviews for MEM; never its own sheet.
    page = _page(client, s.users["member_officer"], _url("round", s.round.pk))
    mem_row = page.text.split(f'id="member-{s.orgs["MEM"].pk}"')[1].split("</tr>")[0]
    assert gettext("Not reviewed (conflict of interest)") in mem_row


def test_round_list(client, scored):
    s = scored
    page = _page(client, s.users["viewer"], _url("rounds"))
    assert page.status_code == 200
    row = page.text.split('id="rounds"')[1].split("</table>")[0]
    assert _url("round", s.round.pk) in row
    assert "2022" in row
    assert "2.022" not in row
    assert '<td class="num">4</td>' in row
    assert '<td class="num">2</td>' in row
    assert _url("round", s.round.pk) not in _page(client, s.users["viewer"], _url("rounds") + "?year=2023").text
    assert _url("round", s.round.pk) not in _page(client, _q_user(s), _url("rounds")).text


def test_round_list_offers_blocks_to_open(client, scoring):
    block = _second_block(scoring)
    assert _url("round_open", block.pk) in _page(client, scoring.users["block_head"], _url("rounds")).text
    assert _url("round_open", block.pk) not in _page(client, scoring.users["viewer"], _url("rounds")).text


def test_block_page_links_to_the_round(client, scoring):
    page = _page(client, scoring.users["viewer"], f"/blocks/{scoring.world.block.pk}/")
    assert page.status_code == 200
    assert f'href="{_url("round", scoring.round.pk)}"' in page.text


def test_block_page_offers_to_open_a_round(client, scoring):
    s = scoring
    block = _second_block(s)
    open_url = _url("round_open", block.pk)
    assert open_url in _page(client, s.users["standing_office"], f"/blocks/{block.pk}/").text
    # The head unit's block head may open it too; a viewer may not.
    assert open_url in _page(client, s.users["block_head"], f"/blocks/{block.pk}/").text
    assert open_url not in _page(client, s.users["viewer"], f"/blocks/{block.pk}/").text


# --- the chart's geometry ---------------------------------------------------------------------------


def test_bar_chart_geometry():
    chart = bar_chart(
        [("Sở Tài chính", Decimal("88.5"), "Tốt"), ("Sở Nội vụ", 65, "Khá"), ("Sở Xây dựng", None, None)],
        Decimal("100"),
        ["Xuất sắc", "Tốt", "Khá", "Trung bình"],
    )
    first, second, third = chart.bars
    assert first.x == second.x == "250"
    assert float(first.width) == pytest.approx(450 * 0.885, abs=0.1)
    assert float(second.width) == pytest.approx(450 * 0.65, abs=0.1)
    assert third.width == "0"
    assert third.css == "band-none"
    assert float(second.y) - float(first.y) == 28
    assert (first.css, second.css) == ("band-1", "band-2")
    assert first.fill != second.fill
    assert [item.label for item in chart.legend] == ["Tốt", "Khá"]
    assert [t.x for t in chart.ticks][0] == "250"
    assert chart.ticks[-1].value == Decimal("100")
    assert chart.view_box == f"0 0 760 {chart.height}"
    # Coordinates never carry a decimal comma, whatever the locale.
    assert all("," not in v for b in chart.bars for v in (b.x, b.y, b.width, b.value_x))


def test_bar_chart_caps_and_shortens():
    long_name = "Ban Quản lý các dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh"
    chart = bar_chart([(long_name, 120, "A")], 100, ["A"])
    [bar] = chart.bars
    assert float(bar.width) == 450  # never past the scale
    assert bar.label.endswith("…")
    assert len(bar.label) <= 38
    assert bar.title == long_name
    assert bar_chart([], 100).bars == []
    assert bar_chart([("X", 5, None)], 0).bars[0].width == "450"  # no maximum: the largest value fills


def test_result_page_for_everyone_who_sees_the_round(client, scored):
    _publish(client, scored.users["block_head"], scored.round.pk)
    for role in VISIBLE_TO:
        page = _page(client, scored.users[role], _url("result", scored.round.pk, 1))
        assert page.status_code == 200
        assert "<svg" in page.text


def test_sheet_out_of_scope_user_gets_no_page(client, scoring):
    outsider = make_user("q_canbo", "unit_officer", make_org("Q-S", "Sở Tài chính tỉnh Q", parent=scoring.orgs["Q"]))
    assert _page(client, outsider, _url("round_reviewers", scoring.round.pk)).status_code == 404
    assert _page(client, outsider, _url("round_edit", scoring.round.pk)).status_code == 404
