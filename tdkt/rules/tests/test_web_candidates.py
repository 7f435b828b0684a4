"""The "who can be proposed" page: scope, verdicts with reasons, marks, quotas, export."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.records import services as records
from tdkt.rules.models import ProposalMark, QuotaRule

Y = 2025


@pytest.fixture
def rated(world):
    admin = world.users["admin"]
    records.rating_set(actor=admin, person=world.people["fin"], year=Y, rating="HTXSNV")
    records.rating_set(actor=admin, person=world.people["fin-ns"], year=Y, rating="HTNV")
    records.rating_set(actor=admin, person=world.people["home"], year=Y, rating="HTXSNV")
    return world


def _get(client, **params):
    return client.get(reverse("rules:candidates"), {"year": Y, "award": "CSTDCS", **params})


def test_lists_everyone_in_scope_with_verdict_and_reasons(client, rated):
    client.force_login(rated.users["unit_officer"])
    response = _get(client, org=rated.orgs["FIN"].pk)
    assert response.status_code == 200
    rows = {str(r.subject): r for r in response.context["page_obj"].object_list}
    assert set(rows) == {"Nguyễn Văn Đức", "Trần Thị Hoa"}
    assert rows["Nguyễn Văn Đức"].result.verdict == "eligible"
    assert rows["Trần Thị Hoa"].result.verdict == "ineligible"
    assert any(c.code == "LDTT_STANDARD" for c in rows["Trần Thị Hoa"].failed)
    assert "HTNV" in response.text


def test_other_organisations_are_not_reachable(client, rated):
    client.force_login(rated.users["unit_officer"])
    response = _get(client, org=rated.orgs["HOME"].pk)
    assert response.status_code == 400  # not a choice for this user
    assert "Lê Minh Đạt" not in response.text


def test_filter_by_verdict_and_export(client, rated):
    client.force_login(rated.users["standing_office"])
    response = _get(client, org=rated.orgs["P"].pk, verdict="eligible")
    assert {str(r.subject) for r in response.context["page_obj"]} == {"Nguyễn Văn Đức", "Lê Minh Đạt"}
    exported = _get(client, org=rated.orgs["P"].pk, format="xlsx")
    sheet = load_workbook(BytesIO(b"".join(exported.streaming_content))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:4] == ["TT", "Tên", "Đơn vị", "Kết luận"]
    assert len(values) == 1 + 4


def test_marking_an_ineligible_person_needs_a_justification(client, rated):
    client.force_login(rated.users["unit_officer"])
    person = rated.people["fin-ns"]
    data = {"award": "CSTDCS", "year": Y, "subject_type": "person", "subject_id": person.pk}
    client.post(reverse("rules:mark"), data)
    assert not ProposalMark.objects.exists()
    client.post(reverse("rules:mark"), {**data, "justification": "Có thành tích đột xuất trong năm"})
    mark = ProposalMark.objects.get()
    assert mark.eligible is False
    assert mark.justification == "Có thành tích đột xuất trong năm"
    assert AuditEvent.objects.filter(event_type=AuditEventType.PROPOSAL_MARKED).exists()


def test_marking_someone_out_of_scope_is_not_found(client, rated):
    client.force_login(rated.users["unit_officer"])
    response = client.post(reverse("rules:mark"), {"award": "CSTDCS", "year": Y, "subject_type": "person",
                                                   "subject_id": rated.people["home"].pk})
    assert response.status_code == 404
    assert not ProposalMark.objects.exists()


def test_next_parameter_cannot_redirect_off_site(client, rated):
    client.force_login(rated.users["unit_officer"])
    response = client.post(reverse("rules:mark"), {"award": "CSTDCS", "year": Y, "subject_type": "person",
                                                   "subject_id": rated.people["fin"].pk,
                                                   "next": "https://evil.example/"})
    assert response["Location"] == reverse("rules:candidates")


def test_province_quota_shows_cap_proposed_and_excess(client, rated):
    QuotaRule.objects.create(organization=rated.orgs["P"], award="CSTDCS", percent=50, base="members",
                             year_from=2024, source="Quy định thi đua của tỉnh")
    admin = rated.users["admin"]
    for key in ["fin", "fin-ns", "home"]:
        ProposalMark.objects.create(year=Y, award="CSTDCS", person=rated.people[key],
                                    organization=rated.people[key].organization, eligible=True, marked_by=admin)
    client.force_login(rated.users["standing_office"])
    quota = _get(client, org=rated.orgs["P"].pk).context["table"].quotas[0]
    assert (quota.base_count, quota.cap, quota.proposed, quota.excess) == (4, 2, 3, 1)


def test_2013_regime_caps_cstdcs_at_15_percent_of_ldtt(client, rated):
    client.force_login(rated.users["admin"])
    response = client.get(reverse("rules:candidates"), {"year": 2022, "award": "CSTDCS", "org": rated.orgs["P"].pk})
    table = response.context["table"]
    assert table.on_date <= datetime.date(2023, 12, 31)
    assert table.regime == "2013"
    assert "15%" in table.quotas[0].spec.source


def test_collectives_are_listed_for_collective_titles(client, rated):
    client.force_login(rated.users["standing_office"])
    response = _get(client, org=rated.orgs["P"].pk, award="TTLDTT")
    names = {str(r.subject) for r in response.context["page_obj"].object_list}
    assert {"Sở Tài chính", "Sở Nội vụ", "Phòng Quản lý ngân sách"} <= names
    assert "UBND tỉnh Quảng Trị" not in names


def test_member_statistics_count_the_whole_collective(rated):
    from tdkt.organizations.models import Organization
    from tdkt.rules.facts import member_statistics

    admin = rated.users["admin"]
    records.honour_add(actor=admin, person=rated.people["fin"], code="LDTT", year=Y)
    records.honour_add(actor=admin, person=rated.people["fin-ns"], code="CSTDCS", year=Y)
    records.discipline_add(actor=admin, person=rated.people["fin-ns"], form="canh_cao",
                           start_date=datetime.date(Y, 5, 1), end_date=datetime.date(Y + 1, 5, 1))
    stats = member_statistics(Organization.objects.filter(code__in=["FIN", "FIN-NS"]), year=Y)
    fin, ns = stats[rated.orgs["FIN"].pk], stats[rated.orgs["FIN-NS"].pk]
    # FIN's collective includes its Phòng Ngân sách; the division counts only its own staff.
    assert (fin.total, fin.completed, fin.ldtt, fin.cstdcs, fin.disciplined_canh_cao_or_above) == (2, 2, 1, 1, 1)
    assert (ns.total, ns.completed, ns.ldtt, ns.cstdcs, ns.disciplined_canh_cao_or_above) == (1, 1, 0, 1, 1)


def test_someone_who_left_before_the_year_is_not_a_member(rated):
    from tdkt.organizations import services as org_services
    from tdkt.organizations.models import Organization
    from tdkt.rules.facts import member_statistics

    org_services.person_move(actor=rated.users["admin"], person=rated.people["fin-ns"],
                             organization=rated.orgs["HOME"], on_date=datetime.date(Y - 1, 6, 1))
    stats = member_statistics(Organization.objects.filter(code__in=["FIN", "HOME"]), year=Y)
    assert stats[rated.orgs["FIN"].pk].total == 1
    assert stats[rated.orgs["HOME"].pk].total == 3
