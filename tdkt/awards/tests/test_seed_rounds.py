"""Seed 004 worked as written (issue 13, point 7a): the campaign's round is received by the Hội đồng
Thi đua - Khen thưởng of Sở Nội vụ through the Văn phòng Sở, and only the campaign's participants
file dossiers into it — in the service, the page and the API, and in the rounds a unit is offered."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import Api, make_user
from tdkt.accounts.models import User
from tdkt.audit.models import AuditEvent
from tdkt.awards.access import acting_roles
from tdkt.awards.models import CommendationRound, Council, Dossier
from tdkt.awards.services.dossiers import dossier_create
from tdkt.awards.services.workflow import council_of
from tdkt.core.demo.cached import load_demo
from tdkt.notifications.services import users_of
from tdkt.organizations.models import Organization
from tdkt.organizations.services import organization_create

TITLE = "Tờ trình đề nghị khen thưởng tổng kết đợt thi đua đặc biệt"


@pytest.fixture
def demo(db):
    assert load_demo() is True
    return CommendationRound.objects.select_related("authority", "movement").get(kind="movement", year=2025)


@pytest.fixture
def participant_officer(demo):
    """An officer of the Văn phòng Sở Nội vụ, one of the campaign's participants."""
    return make_user("canbo_vp", role="unit_officer", organization=Organization.objects.get(code="QT-SNV-VP"))


@pytest.fixture
def outsider_officer(demo):
    """An officer of a centre of the Sở set up after the campaign's participants were set: under the
    round's authority, but not in the movement."""
    centre = organization_create(
        actor=User.objects.get(username="admin"), code="QT-SNV-TTLT", name="Trung tâm Lưu trữ lịch sử tỉnh",
        short_name="TT Lưu trữ", kind="division", level="unit", parent=Organization.objects.get(code="QT-SNV"),
        active_from=datetime.date(2025, 3, 1),
    )
    return make_user("canbo_ttlt", role="unit_officer", organization=centre)


def _outsider_refusal(text: str, campaign: CommendationRound, unit: str) -> None:
    assert f"{unit} không tham gia phong trào thi đua" in text
    assert campaign.movement.title in text
    assert campaign.title in text


def test_the_campaign_is_received_by_the_council_of_so_noi_vu_through_its_van_phong(demo):
    assert demo.authority.code == "QT-SNV"
    council = Council.objects.get(authority__code="QT-SNV")
    assert council.name == "Hội đồng Thi đua - Khen thưởng Sở Nội vụ"
    chair = council.members.get(position__startswith="Chủ tịch Hội đồng")
    assert chair.full_name == "Ngô Quang Chiền"  # the Director, as seed 004 signs
    assert council.members.count() == 7
    # The other seats are the demo's own, and say so.
    assert all("dữ liệu demo" in m.position for m in council.members.exclude(pk=chair.pk))
    dossier = Dossier(round=demo, organization=Organization.objects.get(code="QT-SNV-VP"))
    assert council_of(dossier) == council  # the Sở's council votes, not the province's
    # The standing office of the round is the Văn phòng Sở: told when a dossier arrives, and acts on it.
    office = User.objects.get(username="vanphong_snv")
    assert office.organization.code == "QT-SNV-VP"
    assert list(users_of(demo.authority, roles=("standing_office",))) == [office]
    assert "standing_office" in acting_roles(office, dossier)


def test_a_participant_files_into_the_campaign(demo, participant_officer):
    dossier = dossier_create(actor=participant_officer, round=demo, organization=participant_officer.organization,
                             title=TITLE)
    assert dossier.round == demo
    assert dossier.organization.code == "QT-SNV-VP"


@pytest.mark.parametrize("who", ["canbo", "canbo_ttlt"])
def test_a_unit_outside_the_campaign_is_refused_and_nothing_is_written(demo, outsider_officer, who):
    """Sở Tài chính (which could file before) and the Sở's centre outside the movement."""
    officer = User.objects.get(username=who)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        dossier_create(actor=officer, round=demo, organization=officer.organization, title=TITLE)
    _outsider_refusal(" ".join(refused.value.message_dict["organization"]), demo, officer.organization.name)
    assert not Dossier.objects.filter(round=demo).exists()
    assert AuditEvent.objects.count() == events


def test_the_page_tells_an_outsider_why_and_lets_a_participant_file(client, demo, participant_officer,
                                                                     outsider_officer):
    url = reverse("awards:dossier_new") + f"?round={demo.pk}"
    client.force_login(outsider_officer)
    for response in (client.get(url), client.post(url, {"organization": outsider_officer.organization.pk,
                                                         "title": TITLE})):
        assert response.status_code == 403
        _outsider_refusal(response.text, demo, "Trung tâm Lưu trữ lịch sử tỉnh")
    page = client.get(reverse("awards:round", args=[demo.pk]))
    assert page.status_code == 200  # the round of the unit's own Sở may be read …
    assert not page.context["can_prepare"]  # … but offers no dossier to a unit outside the campaign
    # Sở Tài chính, outside the Sở too, does not even see the round.
    assert client.login(username="canbo", password="demo")
    assert client.get(url).status_code == 404
    assert not Dossier.objects.filter(round=demo).exists()

    client.force_login(participant_officer)
    response = client.get(url)
    assert response.status_code == 200
    assert [u.code for u in response.context["form"].fields["organization"].queryset] == ["QT-SNV-VP"]
    response = client.post(url, {"organization": participant_officer.organization.pk, "title": TITLE})
    dossier = Dossier.objects.get(round=demo)
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:dossier", args=[dossier.pk])


def test_the_api_tells_an_outsider_why_and_lets_a_participant_file(client, demo, participant_officer,
                                                                    outsider_officer):
    payload = {"round_id": demo.pk, "organization_id": outsider_officer.organization.pk, "title": TITLE}
    response = Api(client, outsider_officer).post("/awards/dossiers", payload)
    assert response.status_code == 400, response.content.decode()
    _outsider_refusal(json.dumps(response.json(), ensure_ascii=False), demo, "Trung tâm Lưu trữ lịch sử tỉnh")
    canbo = User.objects.get(username="canbo")
    response = Api(client, canbo).post("/awards/dossiers", {**payload, "organization_id": canbo.organization.pk})
    assert response.status_code == 404  # Sở Tài chính does not see the Sở's round
    assert not Dossier.objects.filter(round=demo).exists()

    payload["organization_id"] = participant_officer.organization.pk
    response = Api(client, participant_officer).post("/awards/dossiers", payload)
    assert response.status_code == 201, response.content.decode()
    assert Dossier.objects.get(round=demo).organization.code == "QT-SNV-VP"


def test_the_rounds_offered_leave_out_a_campaign_the_unit_is_not_part_of(client, demo, participant_officer,
                                                                         outsider_officer):
    def offered(user):
        response = Api(client, user).get("/awards/rounds", page_size=100)
        assert response.status_code == 200, response.content.decode()
        api = {row["id"] for row in response.json()["items"]}
        client.force_login(user)
        page = {r.pk for r in client.get(reverse("awards:rounds")).context["page_obj"]}
        assert api == page
        return api

    outsider_rounds = offered(outsider_officer)
    assert demo.pk not in outsider_rounds
    assert CommendationRound.objects.get(kind="sudden", year=2025).pk in outsider_rounds  # the province's others
    assert demo.pk not in offered(User.objects.get(username="canbo"))
    assert demo.pk in offered(participant_officer)
    assert demo.pk in offered(User.objects.get(username="vanphong_snv"))  # the office that receives it
    assert demo.pk in offered(User.objects.get(username="thuongtruc"))  # the province's office above it
