"""Small builders of contract JSON cases for the rules tests (no database)."""

from __future__ import annotations

from tdkt.rules.domain import Result, evaluate


def subject(kind: str = "individual", **fields) -> dict:
    s = {
        "kind": kind,
        "ratings": {},
        "titles": [],
        "awards": [],
        "initiatives": [],
        "discipline": [],
        "pending_review": False,
    }
    s.update(fields)
    return s


def case(award: str, year: int = 2025, on_date: str = "2025-12-10", *, basis: str | None = None,
         kind: str = "individual", case_id: str = "t", **fields) -> dict:
    c = {"id": case_id, "award": award, "year": year, "on_date": on_date, "subject": subject(kind, **fields)}
    if basis is not None:
        c["basis"] = basis
    return c


def ratings(first: int, last: int, rating: str = "HTXSNV", **overrides: str) -> dict[str, str]:
    """Ratings ``rating`` for first..last; ``overrides`` as y2021="HTNV"."""
    out = {str(y): rating for y in range(first, last + 1)}
    for key, value in overrides.items():
        out[key.removeprefix("y")] = value
    return out


def titles(code: str, *years: int) -> list[dict]:
    return [{"code": code, "year": y} for y in years]


def initiative(year: int, scope: str = "co_so", kind: str = "sang_kien") -> dict:
    return {"year": year, "scope": scope, "kind": kind}


def discipline(start: str, end: str | None, form: str = "khien_trach") -> dict:
    return {"form": form, "from": start, "to": end}


def members(total=20, completed=20, ldtt=15, cstdcs=1, disciplined=0) -> dict:
    return {"total": total, "completed": completed, "ldtt": ldtt, "cstdcs": cstdcs,
            "disciplined_canh_cao_or_above": disciplined}


def run(c: dict) -> Result:
    return evaluate(c)


def failed(result: Result) -> list[str]:
    return sorted(result.failed)


def codes(result: Result) -> list[str]:
    return [c.code for c in result.conditions]


def condition(result: Result, code: str):
    found = [c for c in result.conditions if c.code == code]
    assert len(found) == 1, (code, codes(result))
    return found[0]
