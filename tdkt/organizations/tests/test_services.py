import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_org
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.organizations import selectors, services
from tdkt.organizations.models import Organization, PersonAssignment
from tdkt.organizations.selectors import PersonFilters

D = datetime.date


def test_create_sets_path_and_audits(world):
    org = services.organization_create(
        actor=world.users["standing_office"],
        code="FIN-TC",
        name="Phòng Tài chính doanh nghiệp",
        kind="division",
        level="unit",
        parent=world.orgs["FIN"],
    )
    assert org.path == f"{world.orgs['FIN'].path}{org.pk}/"
    assert org.search_text == "phong tai chinh doanh nghiep fin-tc"
    assert AuditEvent.objects.filter(event_type=AuditEventType.ORGANIZATION_CREATED, target_id=str(org.pk)).exists()


def test_create_outside_scope_is_refused(world):
    with pytest.raises(PermissionDenied):
        services.organization_create(
            actor=world.users["unit_officer"],
            code="X",
            name="X",
            kind="division",
            level="unit",
            parent=world.orgs["HOME"],
        )
    assert not Organization.objects.filter(code="X").exists()


def test_duplicate_code_is_refused_in_vietnamese(world):
    with pytest.raises(ValidationError) as exc:
        services.organization_create(
            actor=world.users["admin"],
            code="FIN",
            name="Trùng",
            kind="division",
            level="unit",
            parent=world.orgs["FIN"],
        )
    assert "đã tồn tại" in str(exc.value)


def test_moving_an_organisation_rewrites_the_subtree(world):
    ns = world.orgs["FIN-NS"]
    sub = make_org("FIN-NS-1", "Tổ dự toán", "division", "unit", ns)
    services.organization_update(actor=world.users["standing_office"], organization=ns, parent=world.orgs["HOME"])
    ns.refresh_from_db()
    sub.refresh_from_db()
    assert ns.path == f"{world.orgs['HOME'].path}{ns.pk}/"
    assert sub.path == f"{ns.path}{sub.pk}/"
    assert sub.depth == 3


def test_an_organisation_cannot_go_under_itself(world):
    with pytest.raises(ValidationError):
        services.organization_update(
            actor=world.users["admin"], organization=world.orgs["FIN"], parent=world.orgs["FIN-NS"]
        )


def test_close_with_successor_moves_units_and_people_and_keeps_history(world):
    fin, home = world.orgs["FIN"], world.orgs["HOME"]
    person = world.people["fin"]
    services.organization_close(
        actor=world.users["standing_office"], organization=fin, closed_on=D(2025, 3, 1), successor=home, note="Hợp nhất"
    )
    fin.refresh_from_db()
    person.refresh_from_db()
    assert fin.active_to == D(2025, 3, 1)
    assert fin.successor == home
    assert person.organization == home
    history = list(
        PersonAssignment.objects.filter(person=person)
        .order_by("pk")
        .values_list("organization__code", "end_date")
    )
    assert history[-1] == ("HOME", None)
    ns = Organization.objects.get(code="FIN-NS")
    assert ns.parent == home
    assert ns.path.startswith(home.path)
    # Closed organisations leave default lists but stay reachable.
    assert fin not in selectors.organization_list(world.users["standing_office"])
    assert selectors.organization_get(world.users["standing_office"], fin.pk) == fin


def test_close_without_successor_needs_an_empty_organisation(world):
    with pytest.raises(ValidationError) as exc:
        services.organization_close(actor=world.users["admin"], organization=world.orgs["FIN"], closed_on=D(2025, 3, 1))
    assert "đơn vị kế thừa" in str(exc.value)
    world.orgs["FIN"].refresh_from_db()
    assert world.orgs["FIN"].active_to is None


def test_person_move_records_history(world):
    person = services.person_create(
        actor=world.users["admin"],
        organization=world.orgs["FIN"],
        full_name="Đỗ  Thị   Mai",
        sex="nu",
        category="vien_chuc",
        start_date=D(2015, 1, 1),
    )
    assert person.full_name == "Đỗ Thị Mai"
    services.person_move(
        actor=world.users["standing_office"],
        person=person,
        organization=world.orgs["HOME"],
        on_date=D(2024, 7, 1),
        position="Phó Trưởng ban",
    )
    rows = list(
        person.assignments.order_by("start_date").values_list(
            "organization__code", "position", "start_date", "end_date"
        )
    )
    assert rows == [("FIN", "", D(2015, 1, 1), D(2024, 7, 1)), ("HOME", "Phó Trưởng ban", D(2024, 7, 1), None)]


def test_unit_officer_cannot_move_a_person_out_of_reach(world):
    with pytest.raises(PermissionDenied):
        services.person_move(
            actor=world.users["unit_officer"],
            person=world.people["fin"],
            organization=world.orgs["HOME"],
            on_date=D(2024, 7, 1),
        )
    world.people["fin"].refresh_from_db()
    assert world.people["fin"].organization == world.orgs["FIN"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("duc", {"Nguyễn Văn Đức"}),
        ("ĐỨC", {"Nguyễn Văn Đức"}),
        ("nguyen duc", {"Nguyễn Văn Đức"}),
        ("thu ha", {"Phạm Thu Hà"}),
        ("dat", {"Lê Minh Đạt"}),
        ("xyz", set()),
    ],
)
def test_people_search_ignores_tone_marks(world, query, expected):
    found = selectors.person_list(world.users["standing_office"], filters=PersonFilters(query=query))
    assert {p.full_name for p in found} == expected


def test_organisation_search_ignores_tone_marks(world):
    found = selectors.organization_list(world.users["admin"], filters=selectors.OrganizationFilters(query="so noi vu"))
    assert [o.code for o in found] == ["HOME"]


def test_block_member_rules(world):
    block = world.block
    with pytest.raises(ValidationError):
        services.block_member_add(actor=world.users["admin"], block=block, organization=world.orgs["Q-CA"])
    services.block_member_add(
        actor=world.users["standing_office"], block=block, organization=world.orgs["FIN"], role="head"
    )
    roles = dict(block.memberships.values_list("organization__code", "role"))
    assert roles == {"FIN": "head", "HOME": "member"}
    with pytest.raises(PermissionDenied):
        services.block_member_add(
            actor=world.users["block_head"], block=block, organization=world.orgs["HOME"], role="head"
        )
