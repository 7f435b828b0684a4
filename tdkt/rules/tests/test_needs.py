"""Loading only the facts an award needs never changes a result (domain/needs.py)."""

import dataclasses

from hypothesis import HealthCheck, given, settings

from tdkt.rules.domain import MalformedInput, evaluate
from tdkt.rules.domain.needs import needs_for, trim

from .test_properties import cases


def _result(case):
    try:
        return evaluate(case).to_dict()
    except MalformedInput as exc:
        return str(exc)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(c=cases())
def test_trimmed_facts_give_the_same_result(c):
    needs = needs_for(c.award, c.subject.kind, c.basis)
    trimmed = dataclasses.replace(c, subject=trim(c.subject, needs, c.year))
    assert _result(trimmed) == _result(c), needs
