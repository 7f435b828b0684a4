"""Builds the demo province through the same services the pages use, so it is audited too."""

import datetime
import random

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from tdkt.accounts.models import RoleGrant, User
from tdkt.organizations import services
from tdkt.organizations.models import BlockRole, Organization

from ..domain.numbers import format_number
from . import data
from .history import load_history

DEMO_PASSWORD = "demo"  # noqa: S105 - demo database only, refused elsewhere


def _org(actor, code, name, short, kind, level, parent, active_from=datetime.date(2008, 1, 1)):
    return services.organization_create(
        actor=actor,
        code=code,
        name=name,
        short_name=short,
        kind=kind,
        level=level,
        parent=parent,
        active_from=active_from,
    )


def _people(actor, rng: random.Random, org: Organization, count: int, *, lead: bool) -> int:
    for i in range(count):
        female = rng.random() < 0.5
        name = " ".join(
            [
                rng.choice(data.SURNAMES),
                rng.choice(data.MIDDLE_FEMALE if female else data.MIDDLE_MALE),
                rng.choice(data.GIVEN_FEMALE if female else data.GIVEN_MALE),
            ]
        )
        born = datetime.date(rng.randint(1966, 1998), rng.randint(1, 12), rng.randint(1, 28))
        start = datetime.date(max(born.year + 22, 1990), rng.randint(1, 12), 1)
        is_lead = lead and i < 2
        services.person_create(
            actor=actor,
            organization=org,
            code=f"{org.code}-{i + 1:03d}",
            full_name=name,
            sex="nu" if female else "nam",
            date_of_birth=born,
            ethnicity=rng.choice(data.ETHNICITIES),
            category=rng.choice(["cong_chuc"] * 4 + ["vien_chuc", "nguoi_lao_dong"]),
            position=data.POSITIONS_LEAD[i] if is_lead else rng.choice(data.POSITIONS),
            is_manager=is_lead,
            service_start=start,
        )
    return count


@transaction.atomic
def load_demo(*, stdout=None) -> bool:
    """Load the demo once; answer False when it is already there."""
    if not settings.TDKT_DEMO:
        raise ImproperlyConfigured(
            "Dữ liệu demo chỉ được nạp vào CSDL demo nhúng (SQLite), không nạp vào CSDL vận hành."
        )
    if Organization.objects.filter(code="QT").exists():
        return False
    admin = User.objects.create_superuser(username="admin", password=DEMO_PASSWORD, full_name="Quản trị hệ thống")
    RoleGrant.objects.create(user=admin, role="admin")
    rng = random.Random(2022)  # noqa: S311 - reproducible demo names

    qt = _org(admin, "QT", "UBND tỉnh Quảng Trị", "Quảng Trị", "province", "province", None)
    qt_orgs = {"QT": qt}
    for code, name, short, kind, level in data.QT_BLOCK_MEMBERS:
        qt_orgs[code] = _org(admin, code, name, short, kind, level, qt)
    for parent, code, name, short in data.QT_DIVISIONS:
        qt_orgs[code] = _org(admin, code, name, short, "division", "unit", qt_orgs[parent])
    tq = _org(admin, "TQ", "UBND tỉnh Tuyên Quang", "Tuyên Quang", "province", "province", None)
    tq_orgs = {
        code: _org(admin, code, name, short, kind, level, tq)
        for code, name, short, kind, level in data.TQ_BLOCK_MEMBERS
    }
    ht = _org(admin, "HT", "UBND tỉnh Hà Tĩnh", "Hà Tĩnh", "province", "province", None)
    ht_snv = _org(admin, "HT-SNV", "Sở Nội vụ tỉnh Hà Tĩnh", "SNV Hà Tĩnh", "department", "department", ht)
    ht_orgs = {
        code: _org(admin, code, name, short, "division", "unit", ht_snv) for code, name, short in data.HT_SNV_DIVISIONS
    }

    people = 0
    divided = {parent for parent, *_ in data.QT_DIVISIONS}
    for code, org in qt_orgs.items():
        if code == "QT":
            continue
        people += _people(admin, rng, org, 3 if code in divided else rng.randint(6, 12), lead=True)
    for org in [*tq_orgs.values(), *ht_orgs.values()]:
        people += _people(admin, rng, org, rng.randint(5, 9), lead=True)
    people += _people(admin, rng, ht_snv, 3, lead=True)

    block = services.block_create(
        actor=admin,
        organizer=qt,
        name="Khối các cơ quan tham mưu, tổng hợp",
        year=2022,
        basis="Công văn số 644/UBND-NC ngày 23/02/2022 của UBND tỉnh Quảng Trị về phân Khối thi đua năm 2022",
    )
    for code, *_ in data.QT_BLOCK_MEMBERS:
        role = {data.QT_BLOCK_HEAD: BlockRole.HEAD, data.QT_BLOCK_DEPUTY: BlockRole.DEPUTY}.get(code, BlockRole.MEMBER)
        services.block_member_add(actor=admin, block=block, organization=qt_orgs[code], role=role)
    tq_block = services.block_create(
        actor=admin,
        organizer=tq,
        name="Khối thi đua Nội chính",
        year=2022,
        basis="Kế hoạch số 11/KH-KTĐNC ngày 24/01/2022 của Khối thi đua Nội chính tỉnh Tuyên Quang",
    )
    for code, *_ in data.TQ_BLOCK_MEMBERS:
        role = BlockRole.HEAD if code == data.TQ_BLOCK_HEAD else BlockRole.MEMBER
        services.block_member_add(actor=admin, block=tq_block, organization=tq_orgs[code], role=role)

    # The 2025 reorganisation: Sở Kế hoạch và Đầu tư merged into Sở Tài chính (history kept).
    services.organization_close(
        actor=admin,
        organization=qt_orgs["QT-SKHDT"],
        closed_on=datetime.date(2025, 2, 28),
        successor=qt_orgs["QT-STC"],
        note="Hợp nhất vào Sở Tài chính theo Nghị quyết của HĐND tỉnh (sắp xếp bộ máy 2025)",
    )

    history = load_history(actor=admin, rng=rng)

    every = {**qt_orgs, **tq_orgs, "HT-SNV": ht_snv, **ht_orgs}
    for username, full_name, role, grant_on, works_at in data.DEMO_ACCOUNTS:
        user = (
            admin
            if username == "admin"
            else User.objects.create_user(username=username, password=DEMO_PASSWORD, full_name=full_name)
        )
        user.organization = every[works_at]
        user.save(update_fields=["organization"])
        if role != "admin":
            RoleGrant.objects.create(user=user, role=role, organization=every[grant_on], granted_by=admin)
    # The five seed plans as movements (after the accounts, so their notices reach the demo users).
    from tdkt.movements.demo import load_movements

    movements = load_movements(actor=admin)
    from tdkt.scoring.demo import load_scoring

    scoring = load_scoring(actor=admin)
    from tdkt.awards.demo import load_awards

    awards = load_awards(actor=admin)
    if stdout:
        stdout.write(f"Phong trào thi đua từ các văn bản mẫu: {movements.get('movements', 0)}.\n")
        stdout.write(
            f"Chấm điểm thi đua Khối các cơ quan tham mưu, tổng hợp 2022: {scoring.get('sheets', 0)} phiếu đã nộp, "
            f"{scoring.get('reviews', 0)} lượt thẩm định.\n"
        )
        stdout.write(
            f"Khen thưởng: {awards.get('forms', 0)} danh hiệu, hình thức trong danh mục, "
            f"{awards.get('rounds', 0)} đợt khen thưởng, {awards.get('decisions', 0)} quyết định.\n"
        )
        stdout.write(
            f"Đã nạp dữ liệu demo: {Organization.objects.count()} đơn vị, {people} cán bộ, 2 khối thi đua, "
            f"{format_number(history['ratings'])} xếp loại, "
            f"{format_number(history['honours'])} danh hiệu và khen thưởng, "
            f"{len(data.DEMO_ACCOUNTS)} tài khoản (mật khẩu: demo).\n"
        )
    return True
