"""Fixtures shared by every test: a small province with one user per role.

P  UBND tỉnh (province)
├── FIN  Sở Tài chính  ── FIN-NS  Phòng Ngân sách
└── HOME Sở Nội vụ     ── HOME-TDKT Ban Thi đua - Khen thưởng
Q  another province, out of everyone's scope but the admin's
"""

import datetime
import json
import re
from dataclasses import dataclass, field

import pytest

from tdkt.accounts.models import RoleGrant, User
from tdkt.organizations.models import BlockMembership, EmulationBlock, Organization, Person, PersonAssignment

# The role × organisation matrix every scope test uses: the organisations each role's grant in the
# `world` fixture covers (its organisation and everything below it).
ROLES = [
    "admin",
    "standing_office",
    "council_member",
    "approver",
    "block_head",
    "unit_officer",
    "unit_leader",
    "viewer",
    "nobody",
]
ORGS = ["P", "FIN", "FIN-NS", "HOME", "HOME-TDKT", "Q", "Q-CA"]
PROVINCE_P = {"P", "FIN", "FIN-NS", "HOME", "HOME-TDKT"}
COVERS = {
    "admin": set(ORGS),
    "standing_office": PROVINCE_P,
    "council_member": PROVINCE_P,
    "approver": PROVINCE_P,
    "block_head": {"HOME", "HOME-TDKT"},
    "unit_officer": {"FIN", "FIN-NS"},
    "unit_leader": {"FIN", "FIN-NS"},
    "viewer": {"HOME", "HOME-TDKT"},
    "nobody": set(),
}
PERSON_ORG = {"fin": "FIN", "fin-ns": "FIN-NS", "home": "HOME", "home-tdkt": "HOME-TDKT", "q": "Q-CA"}
PEOPLE = list(PERSON_ORG)
VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


class Api:
    """A test client speaking JSON to /api/v1 with one user's Bearer token."""

    def __init__(self, client, user):
        from tdkt.accounts.services import api_token_issue

        self.client = client
        self.headers = {"Authorization": f"Bearer {api_token_issue(user=user)}"}

    def get(self, url, **params):
        return self.client.get("/api/v1" + url, params, headers=self.headers)

    def post(self, url, data=None):
        return self.client.post(
            "/api/v1" + url, json.dumps(data), content_type="application/json", headers=self.headers
        )

    def put(self, url, data):
        return self.client.put(
            "/api/v1" + url, json.dumps(data), content_type="application/json", headers=self.headers
        )

    def patch(self, url, data):
        return self.client.patch(
            "/api/v1" + url, json.dumps(data), content_type="application/json", headers=self.headers
        )

    def delete(self, url):
        return self.client.delete("/api/v1" + url, headers=self.headers)


def make_org(code, name, kind="department", level="department", parent=None, **extra) -> Organization:
    org = Organization(code=code, name=name, kind=kind, level=level, parent=parent, **extra)
    org.refresh_search_text()
    org.save()
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    org.depth = org.path.count("/") - 2
    org.save(update_fields=["path", "depth"])
    return org


def make_person(org, full_name, **extra) -> Person:
    fields = {"sex": "nam", "category": "cong_chuc", **extra}
    person = Person(organization=org, full_name=full_name, **fields)
    person.refresh_search_text()
    person.save()
    PersonAssignment.objects.create(person=person, organization=org, position=person.position)
    return person


def make_user(username, role=None, organization=None, **extra) -> User:
    user = User.objects.create_user(username=username, password="pw-" + username, organization=organization, **extra)
    if role:
        RoleGrant.objects.create(user=user, role=role, organization=organization if role != "admin" else None)
    return user


@dataclass
class World:
    orgs: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    block: EmulationBlock | None = None


@pytest.fixture
def world(db) -> World:
    w = World()
    p = make_org("P", "UBND tỉnh Quảng Trị", "province", "province")
    fin = make_org("FIN", "Sở Tài chính", parent=p)
    home = make_org("HOME", "Sở Nội vụ", parent=p)
    q = make_org("Q", "UBND tỉnh Tuyên Quang", "province", "province")
    w.orgs = {
        "P": p,
        "FIN": fin,
        "HOME": home,
        "Q": q,
        "FIN-NS": make_org("FIN-NS", "Phòng Quản lý ngân sách", "division", "unit", fin),
        "HOME-TDKT": make_org("HOME-TDKT", "Ban Thi đua - Khen thưởng", "division", "unit", home),
        "Q-CA": make_org("Q-CA", "Công an tỉnh", "agency", "department", q),
    }
    w.people = {
        "fin": make_person(fin, "Nguyễn Văn Đức", date_of_birth=datetime.date(1980, 6, 5)),
        "fin-ns": make_person(w.orgs["FIN-NS"], "Trần Thị Hoa", sex="nu"),
        "home": make_person(home, "Lê Minh Đạt"),
        "home-tdkt": make_person(w.orgs["HOME-TDKT"], "Phạm Thu Hà", sex="nu"),
        "q": make_person(w.orgs["Q-CA"], "Hoàng Văn Sơn"),
    }
    w.users = {
        "admin": make_user("admin", "admin"),
        "standing_office": make_user("thuongtruc", "standing_office", p),
        "council_member": make_user("hoidong", "council_member", p),
        "approver": make_user("pheduyet", "approver", p),
        "block_head": make_user("truongkhoi", "block_head", home),
        "unit_officer": make_user("canbo", "unit_officer", fin),
        "unit_leader": make_user("lanhdao", "unit_leader", fin),
        "viewer": make_user("xem", "viewer", home),
        "nobody": make_user("khongquyen"),
    }
    w.block = EmulationBlock(organizer=p, name="Khối các cơ quan tham mưu, tổng hợp", year=2022)
    w.block.refresh_search_text()
    w.block.save()
    BlockMembership.objects.create(block=w.block, organization=home, role="head", position=1)
    BlockMembership.objects.create(block=w.block, organization=fin, role="member", position=2)
    return w
