"""The eligibility engine: cases in, results out (contracts/eligibility.md).

Public entry points:

* ``evaluate(case)``: one ``Case`` (or a contract JSON object) → ``Result``.
* ``evaluate_many(cases)``: a list of results in input order.
* ``evaluate_subjects(subjects, award, year=..., on_date=...)``: the mass path of the "who can be
  proposed" pages — one award for many already-built ``SubjectFacts``; the rule version and the
  rule are looked up once.
* ``check(data)`` / ``check_json(text)``: the contract itself (what ``tdkt rules check`` prints).

Every result starts with the gates G1 (GATE_PENDING_REVIEW) and G2 (GATE_DISCIPLINE_ACTIVE),
then the award's conditions, then JUDGMENT when the award has one. The verdict is ``ineligible``
when a condition failed, ``eligible`` otherwise, and ``unsupported`` (no conditions) when the
version has no rule for the award, kind and basis — with a ``reason`` naming the article that leaves
it to judgment where the rule book has one (the cống hiến, niên hạn, đối ngoại, kháng chiến bases).
Gates: Nghị định 98/2023 (152/2025) Điều 4.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from .conditions import RuleSpec
from .parsing import MalformedInput, load_cases, parse_case, parse_cases
from .regimes import NATIONAL, RuleBook, RuleVersion
from .types import Basis, Case, Condition, MissingFact, Result, SubjectFacts, Verdict

_ELIGIBLE, _INELIGIBLE, _UNSUPPORTED = Verdict.ELIGIBLE, Verdict.INELIGIBLE, Verdict.UNSUPPORTED


def regime_for(on_date: date, *, rulebook: RuleBook | None = None, jurisdiction: str | None = None) -> str:
    """The legal regime ("2013", "2024", "2025") in force on ``on_date``."""
    return (rulebook or NATIONAL).select(on_date, jurisdiction).regime


def _run(
    version: RuleVersion, spec: RuleSpec | None, case_id: str, award: str, year: int, on_date: date,
    subject: SubjectFacts, basis: Basis = Basis.REGULAR,
) -> Result:
    if spec is None:
        return Result(case_id, award, version.regime, _UNSUPPORTED, (), version.reason_for(award, subject.kind, basis))
    gates = version.gates
    conditions: list[Condition] = [gates.pending(subject), gates.discipline(subject, on_date)]
    conditions += spec.check(subject, year, spec, on_date) if spec.dated else spec.check(subject, year, spec)
    for extra in spec.extra:
        conditions += extra(subject, year, spec)
    if spec.judgment_condition is not None:
        conditions.append(spec.judgment_condition)
    verdict = _ELIGIBLE
    for c in conditions:
        if c.passed is False:
            verdict = _INELIGIBLE
            break
    return Result(case_id, award, version.regime, verdict, tuple(conditions))


def evaluate(
    case: Case | Mapping[str, Any], *, rulebook: RuleBook | None = None, jurisdiction: str | None = None,
) -> Result:
    """Evaluate one case. A mapping is read as the contract's JSON object. ``MalformedInput`` when
    it is not one, or when the rule needs a fact the subject lacks (e.g. ``members`` for TTLDTT)."""
    if not isinstance(case, Case):
        case = parse_case(case)
    version = (rulebook or NATIONAL).select(case.on_date, jurisdiction)
    spec = version.spec_for(case.award, case.subject.kind, case.basis)
    try:
        return _run(version, spec, case.id, case.award, case.year, case.on_date, case.subject, case.basis)
    except MissingFact as exc:
        raise MalformedInput(exc.detail, case_id=case.id, index=0, field=exc.field) from None


def evaluate_many(
    cases: Iterable[Case | Mapping[str, Any]], *, rulebook: RuleBook | None = None,
    jurisdiction: str | None = None,
) -> list[Result]:
    """Evaluate cases in order; raises ``MalformedInput`` naming the case when one is malformed."""
    book = rulebook or NATIONAL
    results = []
    for index, case in enumerate(cases):
        if not isinstance(case, Case):
            case = parse_case(case, index)
        version = book.select(case.on_date, jurisdiction)
        spec = version.spec_for(case.award, case.subject.kind, case.basis)
        try:
            results.append(
                _run(version, spec, case.id, case.award, case.year, case.on_date, case.subject, case.basis)
            )
        except MissingFact as exc:
            raise MalformedInput(exc.detail, case_id=case.id, index=index, field=exc.field) from None
    return results


def evaluate_subjects(
    subjects: Iterable[SubjectFacts] | Iterable[tuple[str, SubjectFacts]],
    award: str,
    *,
    year: int,
    on_date: date,
    basis: Basis = Basis.REGULAR,
    rulebook: RuleBook | None = None,
    jurisdiction: str | None = None,
) -> Iterator[Result]:
    """One award for many subjects (e.g. every person of a province): yields one result per
    subject, in order. Items are ``SubjectFacts`` (result id "") or ``(id, SubjectFacts)``."""
    version = (rulebook or NATIONAL).select(on_date, jurisdiction)
    specs: dict[Any, RuleSpec | None] = {}
    for item in subjects:
        if isinstance(item, SubjectFacts):
            case_id, subject = "", item
        else:
            case_id, subject = item
        kind = subject.kind
        if kind in specs:
            spec = specs[kind]
        else:
            spec = specs[kind] = version.spec_for(award, kind, basis)
        yield _run(version, spec, case_id, award, year, on_date, subject, basis)


def check(data: Any, *, rulebook: RuleBook | None = None, jurisdiction: str | None = None) -> list[dict]:
    """The contract: decoded JSON input (an array of cases) → the JSON output (a list of results)."""
    cases = parse_cases(data)
    return [r.to_dict() for r in evaluate_many(cases, rulebook=rulebook, jurisdiction=jurisdiction)]


def check_json(text: str | bytes, *, rulebook: RuleBook | None = None, jurisdiction: str | None = None) -> list[dict]:
    """The contract from JSON text: raises ``MalformedInput`` for malformed input."""
    cases = load_cases(text)
    return [r.to_dict() for r in evaluate_many(cases, rulebook=rulebook, jurisdiction=jurisdiction)]
