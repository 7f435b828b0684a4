"""Organisation files: each row hangs under an organisation the user manages or an earlier row; a
system administrator may also add a province at the root (a "UBND tỉnh" row without a parent), as
the organisation form lets them."""

from collections import namedtuple

from tdkt.accounts.scope import user_can

from ..models import Organization, OrganizationKind
from ..selectors import OrganizationFilters, organization_list
from ..services.organizations import _check_parent, _set_path
from .cells import cell_text
from .columns import ORGANIZATION_COLUMNS
from .reading import Table
from .rows import CodeLookup, RowErrors, parse_rows, rows_text

COL = {c.key: c for c in ORGANIZATION_COLUMNS}
OrgRef = namedtuple("OrgRef", "pk code name path active_to")


def validate_organizations(table: Table, *, actor, on_progress=None):
    """Check the whole file. Returns (records ready to write, in file order; errors)."""
    errors = RowErrors()
    managed_qs = organization_list(actor, filters=OrganizationFilters(include_closed=True),
                                   permission="organization.manage")
    managed = CodeLookup((r.code, r) for r in map(OrgRef._make, managed_qs.values_list(*OrgRef._fields)))
    taken = {code.casefold() for code in Organization.objects.values_list("code", flat=True)}
    may_add_roots = user_can(actor, "account.manage")  # organization_create's rule for a root
    # Where each code of the file first appears, to tell "parent on a later row" from "unknown".
    first_row = {}
    if "code" in {c.key for _, c in table.columns}:
        for row, raw in table.records():
            first_row.setdefault(cell_text(raw["code"]).casefold(), row)
    records, seen, rows_by_code = [], {}, {}
    for parsed in parse_rows(table, errors, on_progress=on_progress):
        row, values, before = parsed.row, parsed.values, len(errors)
        code = values.get("code", "")
        key = code.casefold()
        if code:
            rows_by_code.setdefault(key, (code, []))[1].append(row)
            if key in taken:
                errors.add(row, COL["code"], f"Mã đơn vị “{code}” đã có trong hệ thống.")
        if values.get("parent"):
            parent = _resolve_parent(values["parent"], key, row, seen, first_row, managed, errors)
        elif {"parent", "kind"} & parsed.failed:
            parent = {}  # the cell's own error says why
        else:
            parent = _root(values.get("kind"), may_add_roots, row, errors)
        if code:
            seen.setdefault(key, row)
        if parsed.ok and len(errors) == before:
            records.append({**values, "row": row, **parent})
    for code, rows in rows_by_code.values():
        if len(rows) > 1:
            for row in rows:
                errors.add(row, COL["code"], f"Mã đơn vị “{code}” bị trùng trong tệp (các dòng {rows_text(rows)}).")
    return records, errors.sorted(ORGANIZATION_COLUMNS)


def _root(kind: str | None, may_add_roots: bool, row: int, errors: RowErrors) -> dict:
    """{"parent_id": None} for a province at the root; {} after adding the reason it cannot be."""
    if kind == OrganizationKind.PROVINCE and may_add_roots:
        return {"parent_id": None}
    if kind == OrganizationKind.PROVINCE:
        errors.add(row, COL["parent"], "Chỉ quản trị hệ thống được thêm một tỉnh mới (dòng không có đơn vị cấp "
                                       "trên); hãy ghi Mã đơn vị cấp trên.")
    else:
        errors.add(row, COL["parent"], "Thiếu Mã đơn vị cấp trên: chỉ dòng UBND tỉnh (đơn vị gốc) mới không có "
                                       "cấp trên.")
    return {}


def _resolve_parent(parent_code, own_key, row, seen, first_row, managed, errors) -> dict:
    """{"parent_row": n} for a parent defined earlier in the file, {"parent_id": pk} for an
    existing one; {} after adding an error (or when the cell was empty or unreadable)."""
    if not parent_code:
        return {}
    key = parent_code.casefold()
    if own_key and key == own_key:
        errors.add(row, COL["parent"], "Đơn vị không thể là cấp trên của chính nó.")
        return {}
    if key in seen:
        return {"parent_row": seen[key]}
    if key in first_row and first_row[key] > row:
        errors.add(row, COL["parent"], f"Đơn vị cấp trên “{parent_code}” được khai báo ở dòng {first_row[key]}, "
                                       "sau dòng này: hãy đưa dòng đó lên trước.")
        return {}
    ref = managed.get(parent_code)
    if ref is None:
        errors.add(row, COL["parent"],
                   f"Mã đơn vị cấp trên “{parent_code}” không tìm thấy hoặc ngoài phạm vi quản lý của bạn.")
        return {}
    if ref.active_to is not None:
        errors.add(row, COL["parent"], f"Đơn vị cấp trên “{ref.name}” ({ref.code}) đã giải thể hoặc sáp nhập.")
        return {}
    return {"parent_id": ref.pk}


def write_organizations(records: list[dict]) -> list[Organization]:
    """Create the checked rows in file order, parents first; the caller holds the transaction."""
    existing = Organization.objects.in_bulk({r["parent_id"] for r in records if r.get("parent_id")})
    created_by_row: dict[int, Organization] = {}
    for record in records:
        parent = (created_by_row[record["parent_row"]] if "parent_row" in record
                  else existing[record["parent_id"]] if record["parent_id"] else None)
        org = Organization(code=record["code"], name=record["name"], short_name=record.get("short_name", ""),
                           kind=record["kind"], level=record["level"], parent=parent,
                           active_from=record.get("active_from"), tdkt_unit_kind=record.get("tdkt_unit_kind", ""))
        _check_parent(org, parent)
        org.refresh_search_text()
        org.save()
        _set_path(org)
        org.save(update_fields=["path", "depth"])
        created_by_row[record["row"]] = org
    return list(created_by_row.values())
