"""Builds the demo province through the same services the pages use, so it is audited too.

The organisations, people and their history are files in data/ (the importers' templates, as a
province's office fills them), loaded through the same import jobs an upload runs; what no importer
takes yet (the blocks, the 2025 merger, the accounts) stays here.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from tdkt.accounts.models import RoleGrant, User
from tdkt.organizations import services
from tdkt.organizations.models import BlockRole, Organization

from ..domain.numbers import format_number
from . import data
from .files import PROVINCES, date_the_jobs_back, import_organizations, import_people
from .history import load_demo_history

DEMO_PASSWORD = "demo"  # noqa: S105 - demo database only, refused elsewhere


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
    # Each province's tree, then each one's people, from the files an office would upload (data/),
    # through the same import jobs run one after the other: the ids follow the files' order.
    for province in PROVINCES:
        import_organizations(actor=admin, province=province)
    people = sum(import_people(actor=admin, province=province) for province in PROVINCES)
    every = {org.code: org for org in Organization.objects.all()}
    qt, tq = every["QT"], every["TQ"]

    block = services.block_create(
        actor=admin,
        organizer=qt,
        name="Khối các cơ quan tham mưu, tổng hợp",
        year=2022,
        basis="Công văn số 644/UBND-NC ngày 23/02/2022 của UBND tỉnh Quảng Trị về phân Khối thi đua năm 2022",
    )
    for code in data.QT_BLOCK_MEMBERS:
        role = {data.QT_BLOCK_HEAD: BlockRole.HEAD, data.QT_BLOCK_DEPUTY: BlockRole.DEPUTY}.get(code, BlockRole.MEMBER)
        services.block_member_add(actor=admin, block=block, organization=every[code], role=role)
    tq_block = services.block_create(
        actor=admin,
        organizer=tq,
        name="Khối thi đua Nội chính",
        year=2022,
        basis="Kế hoạch số 11/KH-KTĐNC ngày 24/01/2022 của Khối thi đua Nội chính tỉnh Tuyên Quang",
    )
    for code in data.TQ_BLOCK_MEMBERS:
        role = BlockRole.HEAD if code == data.TQ_BLOCK_HEAD else BlockRole.MEMBER
        services.block_member_add(actor=admin, block=tq_block, organization=every[code], role=role)

    # The 2025 reorganisation: Sở Kế hoạch và Đầu tư merged into Sở Tài chính (history kept).
    services.organization_close(
        actor=admin,
        organization=every["QT-SKHDT"],
        closed_on=datetime.date(2025, 2, 28),
        successor=every["QT-STC"],
        note="Hợp nhất vào Sở Tài chính theo Nghị quyết của HĐND tỉnh (sắp xếp bộ máy 2025)",
    )

    history = load_demo_history(actor=admin)
    date_the_jobs_back(actor=admin)

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
    # The approver signs in with a second factor whose secret the README gives (tdkt/accounts/demo.py).
    from tdkt.accounts.demo import load_second_factor_demo

    load_second_factor_demo()
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
