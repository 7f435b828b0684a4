"""Formula injection (issue 12, 1b): the audit log's export writes what users typed as text."""

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.core.tests.hostile_xlsx import FORMULA_LIKE, assert_text_not_formulas

pytestmark = pytest.mark.django_db


def test_audit_export_keeps_formula_like_labels_as_text(client, world):
    for text in FORMULA_LIKE:
        audit_record(event_type=AuditEventType.PERSON_CHANGED, actor=world.users["admin"],
                     target=world.people["fin"], organization=world.orgs["FIN"], target_label=text)
    client.force_login(world.users["standing_office"])
    response = client.get(reverse("audit:list"), {"format": "xlsx"})
    assert response.status_code == 200
    cells = assert_text_not_formulas(b"".join(response.streaming_content), *FORMULA_LIKE)
    times = [c for c in cells if c.column == 1 and c.row > 1]
    assert times
    assert all(c.is_date for c in times)  # the time stays a date-time
