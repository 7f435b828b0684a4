"""Seed 001 worked as written (issue 13, point 7b): plan 3741/KH-UBND states no covenant (giao ước thi
đua), so none is signed, reminded or generated for it; seed 000's block plan keeps its covenant."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tdkt.accounts.models import User
from tdkt.audit.models import AuditEvent
from tdkt.core.demo.cached import load_demo
from tdkt.movements.models import CovenantSignature, Movement
from tdkt.movements.services.covenant import covenant_sign_service
from tdkt.movements.services.participation import (
    has_covenant,
    missing_participants,
    reminders_send,
)
from tdkt.notifications.models import Notification

NO_COVENANT = "không có giao ước thi đua"


@pytest.fixture
def plans(db):
    assert load_demo() is True
    return (
        Movement.objects.get(document_number="3741/KH-UBND"),
        Movement.objects.get(block__name="Khối các cơ quan tham mưu, tổng hợp", block__year=2022),
    )


def test_plan_3741_has_no_covenant_and_seed_000_has_one(plans):
    plan_3741, block_plan = plans
    assert not has_covenant(plan_3741)
    assert not missing_participants(plan_3741, "covenant").exists()  # nobody owes a signature
    assert has_covenant(block_plan)
    assert missing_participants(block_plan, "covenant").exists()  # three members have not signed


def test_nobody_signs_a_covenant_plan_3741_does_not_have(plans):
    plan_3741, _ = plans
    canbo = User.objects.get(username="canbo")  # Sở Tài chính takes part in the plan
    assert plan_3741.participants.filter(organization=canbo.organization).exists()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        covenant_sign_service(actor=canbo, movement=plan_3741, organization=canbo.organization,
                              signer_name="Võ Đức Thắng", signer_title="Giám đốc Sở Tài chính")
    assert NO_COVENANT in " ".join(refused.value.messages)
    assert not CovenantSignature.objects.filter(movement=plan_3741).exists()
    assert AuditEvent.objects.count() == events


def test_nobody_is_reminded_to_sign_it(plans):
    plan_3741, _ = plans
    office = User.objects.get(username="thuongtruc")  # manages the province's plan
    notices = Notification.objects.count()
    with pytest.raises(ValidationError) as refused:
        reminders_send(actor=office, movement=plan_3741, kind="covenant")
    assert NO_COVENANT in " ".join(refused.value.messages)
    assert Notification.objects.count() == notices


def test_no_covenant_document_is_generated_for_it(client, plans):
    plan_3741, block_plan = plans
    assert client.login(username="thuongtruc", password="demo")
    page = client.get(reverse("movements:detail", args=[plan_3741.pk]))
    assert [kind for kind, _label in page.context["document_kinds"]] == ["ke-hoach", "chuong-trinh-cong-tac"]
    events = AuditEvent.objects.count()
    response = client.get(reverse("documents:movement", args=[plan_3741.pk, "giao-uoc", "docx"]))
    assert response.status_code == 404
    assert NO_COVENANT in response.text
    assert AuditEvent.objects.count() == events  # nothing generated, nothing recorded
    # The block's plan still offers its covenant.
    page = client.get(reverse("movements:detail", args=[block_plan.pk]))
    assert "giao-uoc" in [kind for kind, _label in page.context["document_kinds"]]
    # A participant's page offers nothing to sign.
    assert client.login(username="canbo", password="demo")
    covenant = client.get(reverse("movements:covenant", args=[plan_3741.pk]))
    assert covenant.status_code == 200
    assert not covenant.context["can_sign"]
