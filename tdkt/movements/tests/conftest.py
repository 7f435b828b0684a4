import pytest

from tdkt.organizations.models import Organization


@pytest.fixture(autouse=True)
def units_send_directly(request):
    """These tests follow registrations and reports from the unit's sending onwards, so the units
    send directly (the leader's sign-off off); test_signoff.py turns it on and covers that step."""
    if "world" in request.fixturenames:
        request.getfixturevalue("world")
        Organization.objects.update(leader_signoff=False)
