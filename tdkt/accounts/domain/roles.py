"""Roles and what each may do (pure Python, DESIGN.md § Roles).

A role is granted on an organisation and covers it and every organisation below it; `admin`
is system-wide. Permissions are named "<object>.<action>"; later issues add their own.
"""

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"  # system administrator: everything, everywhere
    STANDING_OFFICE = "standing_office"  # thường trực: receives, appraises, prepares, publishes
    COUNCIL_MEMBER = "council_member"  # thành viên Hội đồng: votes
    APPROVER = "approver"  # người có thẩm quyền: signs decisions
    BLOCK_HEAD = "block_head"  # trưởng khối: runs a block
    UNIT_OFFICER = "unit_officer"  # cán bộ đơn vị: prepares the unit's paperwork
    UNIT_LEADER = "unit_leader"  # lãnh đạo đơn vị: approves and sends it
    VIEWER = "viewer"  # xem: reads only


ROLE_LABELS_VI = {
    Role.ADMIN: "Quản trị hệ thống",
    Role.STANDING_OFFICE: "Cơ quan thường trực",
    Role.COUNCIL_MEMBER: "Thành viên Hội đồng",
    Role.APPROVER: "Người phê duyệt",
    Role.BLOCK_HEAD: "Trưởng khối",
    Role.UNIT_OFFICER: "Cán bộ đơn vị",
    Role.UNIT_LEADER: "Lãnh đạo đơn vị",
    Role.VIEWER: "Người xem",
}

EVERY_ROLE = frozenset(Role)

PERMISSIONS: dict[str, frozenset[Role]] = {
    "organization.view": EVERY_ROLE,
    "organization.manage": frozenset({Role.ADMIN, Role.STANDING_OFFICE}),
    # Whether the unit leader signs off what the unit's officers send: the unit's own head decides.
    "organization.signoff": frozenset({Role.ADMIN, Role.UNIT_LEADER}),
    "person.view": EVERY_ROLE,
    "person.manage": frozenset({Role.ADMIN, Role.STANDING_OFFICE, Role.UNIT_OFFICER, Role.UNIT_LEADER}),
    "block.view": EVERY_ROLE,
    "block.manage": frozenset({Role.ADMIN, Role.STANDING_OFFICE}),
    "audit.view": frozenset({Role.ADMIN, Role.STANDING_OFFICE}),
    "record.view": EVERY_ROLE,
    "record.manage": frozenset({Role.ADMIN, Role.STANDING_OFFICE, Role.UNIT_OFFICER, Role.UNIT_LEADER}),
    "account.manage": frozenset({Role.ADMIN}),
    "movement.view": EVERY_ROLE,
    # Plans are issued by the province's standing office, a block's head unit or a department.
    "movement.manage": frozenset({Role.ADMIN, Role.STANDING_OFFICE, Role.BLOCK_HEAD, Role.UNIT_LEADER,
                                  Role.UNIT_OFFICER}),
    # A participant registers, signs the covenant and submits its reports.
    "movement.participate": frozenset({Role.ADMIN, Role.UNIT_OFFICER, Role.UNIT_LEADER}),
    # Scoring (issue 5): the block's head unit (or the province's standing office) runs the round and
    # publishes; members score themselves; the head, deputies and assigned units review.
    "scoring.view": EVERY_ROLE,
    "scoring.manage": frozenset({Role.ADMIN, Role.STANDING_OFFICE, Role.BLOCK_HEAD}),
    "scoring.self": frozenset({Role.ADMIN, Role.UNIT_OFFICER, Role.UNIT_LEADER}),
    "scoring.review": frozenset({Role.ADMIN, Role.BLOCK_HEAD, Role.UNIT_LEADER, Role.UNIT_OFFICER}),
    "template.manage": frozenset({Role.ADMIN, Role.STANDING_OFFICE, Role.BLOCK_HEAD}),
    # Commendation (issue 6): units prepare and send dossiers; the standing office of the receiving
    # organisation receives, appraises, runs the ballot and the notice; the council votes; the
    # approver decides. The workflow table (awards/domain/workflow.py) names the same roles.
    "dossier.view": EVERY_ROLE,
    "dossier.prepare": frozenset({Role.ADMIN, Role.UNIT_OFFICER, Role.UNIT_LEADER}),
    "dossier.process": frozenset({Role.ADMIN, Role.STANDING_OFFICE}),
    "dossier.vote": frozenset({Role.ADMIN, Role.COUNCIL_MEMBER, Role.STANDING_OFFICE}),
    "decision.sign": frozenset({Role.ADMIN, Role.APPROVER}),
    "catalogue.manage": frozenset({Role.ADMIN}),
    # The year-end vote on titles (issue 13): the unit's officer prepares the list and records the
    # council's tally; the head of the unit decides (Luật TĐKT 2022, Điều 80 khoản 1) and revokes.
    "yearend.prepare": frozenset({Role.ADMIN, Role.UNIT_OFFICER, Role.UNIT_LEADER, Role.STANDING_OFFICE}),
    "yearend.decide": frozenset({Role.ADMIN, Role.UNIT_LEADER}),
}


def roles_for(permission: str) -> frozenset[Role]:
    try:
        return PERMISSIONS[permission]
    except KeyError:
        raise ValueError(f"Unknown permission {permission!r}") from None


def path_covers(grant_path: str, target_path: str) -> bool:
    """A grant on "/1/5/" covers "/1/5/" and "/1/5/9/" but not "/1/50/"."""
    return target_path.startswith(grant_path)
