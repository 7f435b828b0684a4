"""A province at the root of an organisations file: a "UBND tỉnh" row without a parent, for a system
administrator only, as the organisation form allows (the demo's provinces come this way)."""

import pytest

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.organizations.importers import import_job_create, import_job_run
from tdkt.organizations.importers.columns import ORGANIZATION_COLUMNS
from tdkt.organizations.models import ImportStatus, Organization

from .import_files import ORG_HEADERS, upload

pytestmark = pytest.mark.django_db

PROVINCE = ["NB", "UBND tỉnh Ninh Bình", "Ninh Bình", "UBND tỉnh", "Cấp tỉnh", "", "01/01/2008"]
BELOW = ["NB-SNV", "Sở Nội vụ tỉnh Ninh Bình", "SNV", "Sở", "Cấp sở", "NB", None]


def run(actor, rows):
    job = import_job_create(actor=actor, kind="organizations", upload=upload(ORG_HEADERS, rows, name="to-chuc.xlsx"))
    return import_job_run(job=job)


def errors(job) -> list[tuple]:
    return [(e["row"], e["column"], e["message"]) for e in job.errors]


def test_the_parent_column_is_no_longer_starred_in_the_template():
    parent = next(c for c in ORGANIZATION_COLUMNS if c.key == "parent")
    assert parent.template_header == "Mã đơn vị cấp trên"
    assert "UBND tỉnh" in parent.note


def test_an_administrator_adds_a_province_and_its_tree_in_one_file(world):
    job = run(world.users["admin"], [PROVINCE, BELOW])
    assert job.status == ImportStatus.DONE, job.errors
    province, snv = Organization.objects.get(code="NB"), Organization.objects.get(code="NB-SNV")
    assert province.parent is None
    assert (province.path, province.depth) == (f"/{province.pk}/", 0)
    assert snv.parent == province
    assert snv.path == f"/{province.pk}/{snv.pk}/"
    event = AuditEvent.objects.get(event_type=AuditEventType.ORGANIZATIONS_IMPORTED)
    assert event.organization == province  # the common ancestor of what the file added
    assert event.extra["codes"] == ["NB", "NB-SNV"]


def test_only_an_administrator_adds_a_province_at_the_root(world):
    before = Organization.objects.count()
    job = run(world.users["standing_office"], [PROVINCE, BELOW])
    assert job.status == ImportStatus.FAILED
    assert Organization.objects.count() == before
    assert errors(job)[0] == (2, "Mã đơn vị cấp trên", "Chỉ quản trị hệ thống được thêm một tỉnh mới (dòng không "
                                                     "có đơn vị cấp trên); hãy ghi Mã đơn vị cấp trên.")


def test_any_other_row_still_needs_its_parent(world):
    department = ["NB-STC", "Sở Tài chính", "", "Sở", "Cấp sở", "", None]
    job = run(world.users["admin"], [department])
    assert job.status == ImportStatus.FAILED
    assert errors(job) == [(2, "Mã đơn vị cấp trên", "Thiếu Mã đơn vị cấp trên: chỉ dòng UBND tỉnh (đơn vị gốc) "
                                                     "mới không có cấp trên.")]


def test_a_row_of_an_unreadable_kind_says_only_what_is_wrong_with_the_kind(world):
    job = run(world.users["admin"], [["NB", "UBND tỉnh Ninh Bình", "", "Tỉnh ủy", "Cấp tỉnh", "", None]])
    assert job.status == ImportStatus.FAILED
    assert [(row, column) for row, column, _ in errors(job)] == [(2, "Loại đơn vị")]
