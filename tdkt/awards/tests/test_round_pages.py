"""The commendation round pages: the list (scoped, by year), a round's page (deadline, movement,
forms, the user's dossiers, the button to prepare one) and opening a round (standing office only)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.awards.models import CommendationRound
from tdkt.awards.services.dossiers import dossier_create


def _url(name, *args):
    return reverse(f"awards:{name}", args=args)


def _as(client, user):
    client.force_login(user)
    return client


def test_round_list_is_scoped_and_filtered_by_year(client, awards, world):
    q_round = CommendationRound.objects.create(authority=world.orgs["Q"], kind="regular", title="Đợt của tỉnh Q",
                                               year=2025)
    old = CommendationRound.objects.create(authority=world.orgs["P"], kind="sudden", title="Khen đột xuất 2024",
                                           year=2024)
    for role in ("unit_officer", "standing_office", "approver"):
        html = _as(client, world.users[role]).get(_url("rounds")).content.decode()
        assert _url("round", awards.round.pk) in html, role
        assert _url("round", q_round.pk) not in html, role
    html = client.get(_url("rounds"), {"year": "2024"}).content.decode()
    assert _url("round", old.pk) in html
    assert _url("round", awards.round.pk) not in html
    _as(client, world.users["viewer"])
    assert _url("round", awards.round.pk) not in client.get(_url("rounds")).content.decode()
    assert client.get(_url("round", awards.round.pk)).status_code == 404
    assert _as(client, world.users["admin"]).get(_url("round", q_round.pk)).status_code == 200


def test_round_page_shows_deadline_forms_dossiers_and_the_prepare_button(client, awards, world):
    a = awards
    a.round.deadline = timezone.localdate() + datetime.timedelta(days=5)
    a.round.save()
    a.round.forms.set([a.forms["GK_STC"], a.forms["CSTDCS"]])
    dossier = dossier_create(actor=world.users["unit_officer"], round=a.round, organization=world.orgs["FIN"],
                             title="Tờ trình đề nghị khen thưởng của Sở Tài chính")
    html = _as(client, world.users["unit_officer"]).get(_url("round", a.round.pk)).content.decode()
    assert a.round.deadline.strftime("%d/%m/%Y") in html
    assert 'id="round-days-left"' in html
    assert "Chiến sĩ thi đua cơ sở" in html
    assert "Bằng khen của Thủ tướng Chính phủ" not in html
    assert _url("dossier", dossier.pk) in html
    assert 'id="round-new-dossier"' in html
    # The office sees neither the unit's draft nor a button to prepare one.
    html = _as(client, world.users["standing_office"]).get(_url("round", a.round.pk)).content.decode()
    assert _url("dossier", dossier.pk) not in html
    assert 'id="round-new-dossier"' not in html


def _movement(world):
    from tdkt.movements.models import MovementStatus
    from tdkt.movements.services import plans

    actor = world.users["admin"]
    movement = plans.movement_create(actor=actor, organization=world.orgs["P"],
                                     title="Phong trào thi đua kỷ niệm 80 năm ngành Tổ chức nhà nước",
                                     start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 12, 31))
    plans.participants_set(actor=actor, movement=movement, organizations=[world.orgs["FIN"], world.orgs["HOME"]])
    return plans.movement_set_status(actor=actor, movement=movement, status=MovementStatus.ISSUED)


def test_movement_round_links_to_its_movement(client, awards, world):
    movement = _movement(world)
    _as(client, world.users["standing_office"])
    response = client.post(_url("round_new"), {
        "authority": world.orgs["P"].pk, "kind": "movement", "title": "Khen thưởng 80 năm ngành Nội vụ",
        "year": "2025", "deadline": "04/08/2025", "movement": movement.pk,
    })
    assert response.status_code == 302
    created = CommendationRound.objects.get(title="Khen thưởng 80 năm ngành Nội vụ")
    assert created.movement == movement
    html = _as(client, world.users["unit_officer"]).get(_url("round", created.pk)).content.decode()
    assert reverse("movements:detail", args=[movement.pk]) in html
    assert "04/08/2025" in html


def test_dossier_new_needs_a_unit_role_in_the_round(client, awards, world):
    url = _url("dossier_new") + f"?round={awards.round.pk}"
    assert _as(client, world.users["standing_office"]).get(url).status_code == 403
    assert _as(client, world.users["viewer"]).get(url).status_code == 404  # the round is not theirs
    _as(client, world.users["unit_officer"])
    response = client.post(url, {"organization": world.orgs["HOME"].pk, "title": "Hồ sơ của đơn vị khác"})
    assert response.status_code == 200  # HOME is not a unit the officer prepares for
    assert not awards.round.dossiers.exists()


def test_standing_office_opens_a_round(client, awards, world):
    a = awards
    _as(client, world.users["standing_office"])
    page = client.get(_url("round_new"))
    assert page.status_code == 200
    assert 'name="deadline"' in page.content.decode()
    response = client.post(_url("round_new"), {
        "authority": world.orgs["P"].pk, "kind": "sudden", "title": "Khen thưởng đột xuất phòng chống bão lũ",
        "year": "2025", "deadline": "04/08/2025", "forms": [a.forms["BK_CT"].pk, a.forms["GK_STC"].pk],
    })
    created = CommendationRound.objects.get(title="Khen thưởng đột xuất phòng chống bão lũ")
    assert response.status_code == 302
    assert response["Location"] == _url("round", created.pk)
    assert created.deadline == datetime.date(2025, 8, 4)
    assert created.created_by == world.users["standing_office"]
    assert set(created.forms.values_list("code", flat=True)) == {"BK_CT", "GK_STC"}
    assert AuditEvent.objects.filter(event_type=AuditEventType.COMMENDATION_ROUND_CHANGED).count() == 1
    # A movement round needs its movement; an organisation outside the office's scope is not a choice.
    response = client.post(_url("round_new"), {"authority": world.orgs["P"].pk, "kind": "movement",
                                               "title": "Đợt theo phong trào", "year": "2025"})
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    response = client.post(_url("round_new"), {"authority": world.orgs["Q"].pk, "kind": "regular",
                                               "title": "Đợt của tỉnh khác", "year": "2025"})
    assert response.status_code == 200
    assert not CommendationRound.objects.filter(title__in=["Đợt theo phong trào", "Đợt của tỉnh khác"]).exists()


def test_unit_officer_cannot_open_a_round(client, awards, world):
    for role in ("unit_officer", "approver", "viewer"):
        _as(client, world.users[role])
        assert client.get(_url("round_new")).status_code == 403, role
        response = client.post(_url("round_new"), {"authority": world.orgs["FIN"].pk, "kind": "regular",
                                                   "title": "Đợt của Sở", "year": "2025"})
        assert response.status_code == 403, role
    assert not CommendationRound.objects.filter(title="Đợt của Sở").exists()
    other = make_user("thuongtruc_q", "standing_office", world.orgs["Q"])
    html = _as(client, other).get(_url("round_new")).content.decode()
    assert world.orgs["Q"].name in html
    assert world.orgs["P"].name not in html


def test_standing_office_extends_the_deadline_and_closes_the_round(client, awards, world):
    a = awards
    a.round.forms.set([a.forms["GK_STC"]])
    _as(client, world.users["standing_office"])
    assert 'id="round-edit"' in client.get(_url("round", a.round.pk)).content.decode()
    page = client.get(_url("round_edit", a.round.pk)).content.decode()
    assert a.round.title in page
    response = client.post(_url("round_edit", a.round.pk), {
        "title": a.round.title, "deadline": "15/01/2026", "is_open": "on",
        "forms": [a.forms["GK_STC"].pk, a.forms["CSTDCS"].pk],
    })
    assert response.status_code == 302
    a.round.refresh_from_db()
    assert a.round.deadline == datetime.date(2026, 1, 15)
    assert a.round.is_open
    assert set(a.round.forms.values_list("code", flat=True)) == {"GK_STC", "CSTDCS"}
    event = AuditEvent.objects.filter(event_type=AuditEventType.COMMENDATION_ROUND_CHANGED).latest("pk")
    assert event.after["deadline"] == "2026-01-15"
    assert event.before["forms"] == ["GK_STC"]
    # Closed: no unit can prepare a dossier in it any more.
    client.post(_url("round_edit", a.round.pk), {"title": a.round.title, "deadline": "15/01/2026"})
    a.round.refresh_from_db()
    assert not a.round.is_open
    html = _as(client, world.users["unit_officer"]).get(_url("round", a.round.pk)).content.decode()
    assert 'id="round-new-dossier"' not in html
    assert 'id="round-edit"' not in html


def test_round_edit_refuses_bad_input_and_other_roles(client, awards, world):
    a = awards
    _as(client, world.users["standing_office"])
    response = client.post(_url("round_edit", a.round.pk), {"title": " ", "deadline": "31/02/2026", "is_open": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trường này là bắt buộc." in page  # the title
    assert "Nhập một ngày hợp lệ." in page  # 31/02 is no date
    title = a.round.title
    a.round.refresh_from_db()
    assert a.round.title == title
    for role in ("unit_officer", "approver", "viewer"):
        status = _as(client, world.users[role]).post(_url("round_edit", a.round.pk), {"title": "X"}).status_code
        assert status in (403, 404), role
    a.round.refresh_from_db()
    assert a.round.title == title
