"""The audit log shows an event's recorded values as lines ('late: có', '01/07/2024'), never the
Python dict with True, None and ISO dates that it printed."""

from django.urls import reverse

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.audit.templatetags.audit_details import audit_lines


def test_values_read_as_a_clerk_writes_them():
    lines = dict(audit_lines({"late": True, "started": False, "document_date": None, "start_date": "2024-07-01",
                              "count": 1234000, "score": 2.5, "award_codes": ["GK", "BK"], "purposes": "x" * 500}))
    assert lines["late"] == "có"
    assert lines["started"] == "không"
    assert lines["document_date"] == "—"
    assert lines["start_date"] == "01/07/2024"
    assert lines["count"] == "1.234.000"
    assert lines["score"] == "2,5"
    assert lines["award_codes"] == "GK, BK"
    assert len(lines["purposes"]) == 200
    assert audit_lines(None) == []


def test_the_audit_page_shows_no_python_values(client, world):
    audit_record(event_type=AuditEventType.ORGANIZATION_CHANGED, actor=world.users["admin"], target=world.orgs["FIN"],
                 organization=world.orgs["FIN"], after={"started": True, "template_frozen": False, "until": None,
                                                        "start_date": "2024-07-01"})
    client.force_login(world.users["admin"])
    page = client.get(reverse("audit:list")).content.decode()
    assert "<code>started</code>: có" in page
    assert "<code>template_frozen</code>: không" in page
    assert "01/07/2024" in page
    for raw in ("True", "False", "None", "{&#x27;", "2024-07-01"):
        assert raw not in page, raw


def test_recorded_moments_and_changes_read_day_first(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    from tdkt.audit.templatetags.audit_details import audit_value

    assert audit_value("2024-07-01T03:00:00+00:00") == "10:00 01/07/2024"
    assert audit_value("2024-07-01") == "01/07/2024"
    assert audit_value(0) == "0"  # a changed count to 0 is not shown as empty
    assert audit_value(None) == "—"
