"""``compute``: the contract's input dict to its output dict (contracts/scoring.md)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal

from .numbers import as_json_number
from .ranking import Standing, finalize, rank
from .sheets import score_sheet
from .template import TemplateError, parse_template


class InputError(TemplateError):
    """Input the command cannot read at all (not JSON, or not the contract's shape): exit 2."""


def _number(value: Decimal | None) -> float | None:
    return None if value is None else as_json_number(value)


def standing_to_dict(standing: Standing) -> dict:
    return {
        "unit": standing.unit,
        "self_total": _number(standing.self_total),
        "final_total": _number(standing.final_total),
        "sections": None
        if standing.sections is None
        else {code: as_json_number(value) for code, value in standing.sections.items()},
        "band": standing.band,
        "rank": standing.rank,
        "errors": list(standing.errors),
    }


def compute_standings(data: Mapping) -> tuple[dict, list[Standing]]:
    """The template part of the output and the units' standings in output order."""
    if not isinstance(data, Mapping):
        raise InputError("dữ liệu vào không phải đối tượng JSON {template, sheets}")
    if "template" not in data:
        raise InputError("dữ liệu vào thiếu mẫu tiêu chí (template)")
    template = parse_template(data["template"])
    sheets = data.get("sheets")
    if sheets is None:
        sheets = []
    if not isinstance(sheets, list):
        raise InputError("danh sách phiếu chấm (sheets) không phải mảng JSON")
    standings = [finalize(template, score_sheet(template, sheet, i)) for i, sheet in enumerate(sheets)]
    head = {"code": template.code, "max_total": as_json_number(template.max_total)}
    return head, rank(template, standings)


def compute(data: Mapping) -> dict:
    """The output of ``tdkt scoring compute`` for an input dict (``TemplateError`` when invalid)."""
    head, standings = compute_standings(data)
    return {"template": head, "units": [standing_to_dict(s) for s in standings]}


def _reject_constant(name: str) -> object:
    raise ValueError(f"không phải JSON: {name}")


def compute_json(raw: bytes | str) -> dict:
    """``compute`` on JSON text; not JSON raises ``InputError``."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise InputError(f"dữ liệu vào không phải văn bản UTF-8 ({exc.reason})") from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"dữ liệu vào không phải JSON hợp lệ: {exc.msg} (dòng {exc.lineno}, cột {exc.colno})"
        ) from None
    except ValueError as exc:
        raise InputError(f"dữ liệu vào không phải JSON hợp lệ: {exc}") from None
    return compute(data)
