"""Issue 14.4: the statistics on the hand-built world of conftest.py — each series' figures written
out, scope (the other province sees its own), a bar's link opening a list of exactly its rows, the
SVG as well-formed XML with a title, the form's errors, the menu and the API."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from conftest import Api
from tdkt.stats import sections
from tdkt.stats.selectors import StatsFilters

SVG = "{http://www.w3.org/2000/svg}"


def _charts(user, **filters):
    return {c.key: c for s in sections.statistics(user, StatsFilters(**filters)) for c in s["charts"]}


def _figures(chart):
    return [(r.label, {p.key: p.value for p in r.parts}) for r in chart.rows]


def test_titles_and_awards_by_year_level_and_form(stats_world):
    office = stats_world["world"].users["standing_office"]
    charts = _charts(office)
    assert _figures(charts["by-year"]) == [
        ("2023", {"title": 1, "form": 0}),
        ("2024", {"title": 5, "form": 1}),  # the revoked Bằng khen does not count
        ("2025", {"title": 0, "form": 1}),  # the Giấy khen of dossier 1's decision
    ]
    assert _figures(charts["by-level"]) == [("Đơn vị", {"n": 6}), ("Tỉnh", {"n": 2})]
    assert _figures(charts["by-form"]) == [
        ("Lao động tiên tiến", {"n": 4}),
        ("Bằng khen cấp bộ, ngành, tỉnh", {"n": 1}),
        ("Chiến sĩ thi đua cơ sở", {"n": 1}),
        ("Giấy khen", {"n": 1}),
        ("Tập thể lao động xuất sắc", {"n": 1}),
    ]
    fin = _charts(office, organization=stats_world["world"].orgs["FIN"], year_from=2024, year_to=2024)
    assert _figures(fin["by-year"]) == [("2024", {"title": 4, "form": 0})]


def test_one_level_narrows_the_forms(stats_world, client):
    client.force_login(stats_world["world"].users["standing_office"])
    page = client.get(reverse("stats:stats"), {"level": "province"})
    forms = next(c for s in page.context["sections"] for c in s["charts"] if c.key == "by-form")
    assert _figures(forms) == [("Bằng khen cấp bộ, ngành, tỉnh", {"n": 1}), ("Tập thể lao động xuất sắc", {"n": 1})]


def test_movement_registration_and_report_punctuality(stats_world):
    charts = _charts(stats_world["world"].users["standing_office"])
    title = stats_world["plan"].movement.title
    assert _figures(charts["registrations"]) == [(title, {"on_time": 1, "late": 1, "missing": 1})]
    assert charts["registrations"].rows[0].shown == "2/3"
    [(label, figures)] = _figures(charts["reports"])
    assert label.startswith("Sơ kết 6 tháng (15/06/2022)")
    assert figures == {"on_time": 1, "late": 1, "missing": 1}
    assert charts["reports"].rows[0].link == reverse("movements:reports", args=[stats_world["plan"].movement.pk])
    assert _charts(stats_world["world"].users["standing_office"], year_from=2023)["reports"].rows == []


def test_dossier_states_lead_times_and_returns(stats_world):
    charts = _charts(stats_world["world"].users["standing_office"])
    states = {label: f["n"] for label, f in _figures(charts["dossier-states"])}
    assert states == {"Bị trả lại": 2, "Đã có quyết định khen thưởng": 1}
    lead = {r["step"]: r for r in sections.selectors.lead_times(stats_world["world"].users["standing_office"],
                                                                 StatsFilters())}
    assert (lead["received"]["count"], lead["received"]["mean_days"], lead["received"]["median_days"]) == (2, 7, 7)
    assert lead["returned"]["count"] == 3
    assert lead["returned"]["mean_days"] == pytest.approx(10 / 3)  # 2, 1 and 7 days
    assert lead["returned"]["median_days"] == 2
    assert (lead["appraised"]["mean_days"], lead["awaiting_decision"]["mean_days"]) == (20, 30)
    assert (lead["decided"]["count"], lead["decided"]["mean_days"], lead["decided"]["median_days"]) == (1, 40, 40)
    assert lead["closed"]["count"] == 0
    # (the words come from the merged catalogue; the figures are what matters here)
    assert charts["lead-times"].rows[-1].shown == _("%(mean)s d (median %(median)s, %(count)s dossiers)") % {
        "mean": "40", "median": "40", "count": 1}
    assert [r.total for r in charts["lead-times"].rows] == [7, 3.3, 20, 30, 40]
    assert _figures(charts["returns"]) == [("Thiếu biên bản họp xét", {"n": 2}), ("Thiếu báo cáo thành tích", {"n": 1})]
    assert charts["returns"].note == _("%(returns)s returns of %(dossiers)s dossiers.") % {"returns": 3, "dossiers": 3}


def test_another_province_sees_its_own(stats_world):
    charts = _charts(stats_world["q_office"])
    assert _figures(charts["by-year"]) == [("2024", {"title": 1, "form": 1})]
    assert _figures(charts["by-level"]) == [("Đơn vị", {"n": 1}), ("Trung ương", {"n": 1})]
    for key in ("registrations", "reports", "dossier-states", "returns"):
        assert charts[key].rows == [], key


def _count_found(client, link):
    page = client.get(link)
    assert page.status_code == 200
    return {s["kind"]: s["count"] for s in page.context["sections"]}["honours"]


def test_a_bar_opens_the_list_of_its_rows(stats_world, client):
    office = stats_world["world"].users["standing_office"]
    client.force_login(office)
    fin = stats_world["world"].orgs["FIN"]
    charts = _charts(office, organization=fin, year_from=2023, year_to=2024)
    ldtt = next(r for r in charts["by-form"].rows if r.label == "Lao động tiên tiến")
    assert ldtt.total == 3
    assert _count_found(client, ldtt.link) == 3
    year_2023 = charts["by-year"].rows[0]
    assert _count_found(client, year_2023.link) == year_2023.total == 1
    states = _charts(office)["dossier-states"]
    returned = next(r for r in states.rows if r.label == "Bị trả lại")
    listed = client.get(returned.link)
    assert len(listed.context["rows"]) == returned.total == 2
    registrations = client.get(_charts(office)["registrations"].rows[0].link)
    assert registrations.status_code == 200


def test_the_page_draws_well_formed_svg(stats_world, client):
    client.force_login(stats_world["world"].users["standing_office"])
    page = client.get(reverse("stats:stats"))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("stats:stats") in html  # in the menu
    assert "css/stats-print.css" in html
    opening = '<svg xmlns="http://www.w3.org/2000/svg" class="stats-svg'
    svgs = [html[start: html.index("</svg>", start) + 6] for start in _starts(html, opening)]
    assert len(svgs) == 8  # every chart with rows (the dossiers' and movements' included)
    for svg in svgs:
        root = ET.fromstring(svg)  # noqa: S314 - the page just rendered
        assert root.get("role") == "group"  # it holds links: an "img" may not (axe nested-interactive)
        assert root.find(f"{SVG}title").text
        bars = root.findall(f"{SVG}a")
        assert bars
        assert all(a.get("href") for a in bars)
    assert '<details class="stats-table' in html


def _starts(text, needle):
    start = text.find(needle)
    while start != -1:
        yield start
        start = text.find(needle, start + 1)


def test_the_form_names_its_errors(stats_world, client):
    client.force_login(stats_world["world"].users["standing_office"])
    response = client.get(reverse("stats:stats"), {"year_from": "2025", "year_to": "2020"})
    assert response.status_code == 400
    assert "year_to" in response.context["form"].errors
    bad = client.get(reverse("stats:stats"), {"year_from": "2o24"})
    assert bad.status_code == 400
    assert bad.context["form"].errors["year_from"][0].startswith("Từ năm")
    assert client.get(reverse("stats:stats"), {"year_from": "2.024"}).status_code == 200
    q = stats_world["world"].orgs["Q"]
    assert client.get(reverse("stats:stats"), {"organization": q.pk}).status_code == 400  # not in scope
    client.force_login(stats_world["world"].users["nobody"])
    assert client.get(reverse("stats:stats")).status_code == 403


def test_the_api(stats_world, client):
    office = stats_world["world"].users["standing_office"]
    api = Api(client, office)
    fin = stats_world["world"].orgs["FIN"]
    body = api.get("/stats", organization_id=fin.pk, year_from=2024, year_to=2024).json()
    charts = {c["key"]: c for s in body["sections"] for c in s["charts"]}
    [point] = charts["by-year"]["series"]
    assert (point["label"], point["value"], point["parts"]) == ("2024", 4, {"title": 4, "form": 0})
    assert isinstance(point["value"], int)  # a count, not 4.0
    assert point["link"].startswith(reverse("search:search") + "?")
    assert api.get("/stats", organization_id=stats_world["world"].orgs["Q"].pk).status_code == 404
    assert api.get("/stats", year_from=2025, year_to=2020).status_code == 400
    assert api.get("/stats", year_from="x").status_code == 422
