"""The demo's five plans are the plan files in tdkt/core/demo/data/plans, imported through the plan
import service: each file reads cleanly, and each demo movement exports back to its file exactly
(the participation history added afterwards changes no plan)."""

import json

from tdkt.audit.models import AuditEvent
from tdkt.core.demo.cached import load_demo
from tdkt.movements.demo import PLAN_FILES, PLANS_DIR
from tdkt.movements.domain.plan_file import dumps, loads
from tdkt.movements.models import Movement
from tdkt.movements.plan_export import plan_export


def test_each_plan_file_reads_cleanly_and_is_written_as_the_export_writes():
    assert sorted(PLAN_FILES) == ["000", "001", "002", "003", "004"]
    for name in PLAN_FILES.values():
        text = (PLANS_DIR / name).read_text(encoding="utf-8")
        plan = loads(text)
        assert plan.status == "issued"
        assert dumps(json.loads(text)) == text  # reviewed by eye as the export writes it


def test_the_demo_movements_are_their_files(db):
    assert load_demo() is True
    assert Movement.objects.count() == len(PLAN_FILES)
    for name in PLAN_FILES.values():
        document = json.loads((PLANS_DIR / name).read_text(encoding="utf-8"))
        movement = Movement.objects.get(organization__code=document["organization"], title=document["title"])
        assert plan_export(movement) == document, name
        assert AuditEvent.objects.filter(target_id=str(movement.pk), extra__imported_from_file=name).count() == 1
