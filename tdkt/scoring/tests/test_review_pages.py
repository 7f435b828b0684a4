"""The review pages: the head scores FIN's submitted sheet with the self-score and evidence beside
its boxes, completes the review; never sees another reviewer's scores; is refused (403, audited) on
its own unit's sheet; a reviewer may decline for a conflict of interest with a reason."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.scoring.models import Review, ReviewEntry, ReviewStatus
from tdkt.scoring.services.reviews import review_save
from tdkt.scoring.services.rounds import result_publish
from tdkt.scoring.services.sheets import evidence_add, sheet_save, sheet_start, sheet_submit

from .conftest import entries
from .test_sheet_pages import PDF


def submitted(s, org="FIN", user="unit_officer", comment="", **values):
    sheet = sheet_start(actor=s.users[user], scoring_round=s.round, organization=s.orgs[org])
    data = entries(**values)
    if comment:
        data["I.2"] = (data["I.2"][0], comment)
    sheet_save(actor=s.users[user], sheet=sheet, entries=data)
    return sheet


def review_url(sheet, reviewer):
    return reverse("scoring:review", args=[sheet.pk, reviewer.pk])


def test_head_reviews_with_the_self_score_beside_and_completes(client, scoring):
    s = scoring
    sheet = submitted(s, comment="Đã ban hành 5 văn bản", I_1=5, I_2="12.5", II_1=28, II_2=0)
    evidence = evidence_add(
        actor=s.users["unit_officer"],
        sheet=sheet,
        item_code="I.2",
        upload=SimpleUploadedFile("van-ban.pdf", PDF, content_type="application/pdf"),
    )
    sheet_submit(actor=s.users["unit_officer"], sheet=sheet)
    # The deputy has completed its own review already: the head must not see it.
    review_save(
        actor=s.users["deputy"],
        sheet=sheet,
        reviewer=s.orgs["DEP"],
        entries={"I.2": (Decimal("7.25"), "Nhận xét riêng của phó khối")},
        complete=True,
    )
    client.force_login(s.users["block_head"])
    sheet_page = client.get(reverse("scoring:sheet", args=[sheet.pk]))
    assert review_url(sheet, s.orgs["HOME"]) in sheet_page.text

    page = client.get(review_url(sheet, s.orgs["HOME"]))
    assert page.status_code == 200
    text = page.text
    assert 'name="v_I.2"' in text
    assert 'name="c_I.2"' in text
    assert 'inputmode="numeric"' in text  # a count's box: text, typed the Vietnamese way
    row = next(r for r in page.context["rows"] if r.code == "I.2")
    assert (row.own_value, row.own_score) == (Decimal("12.5"), Decimal("12.5"))
    assert row.own_comment == "Đã ban hành 5 văn bản"
    assert "12,5" in text
    assert "Đã ban hành 5 văn bản" in text
    assert reverse("scoring:evidence", args=[evidence.pk]) in text
    assert "7,25" not in text
    assert "Nhận xét riêng của phó khối" not in text
    assert reverse("scoring:review_recuse", args=[sheet.pk, s.orgs["HOME"].pk]) in text

    # Errors name the item and save nothing.
    response = client.post(review_url(sheet, s.orgs["HOME"]), {"v_I.2": "16", "v_I.1": "x", "action": "save"})
    assert response.status_code == 200
    assert not Review.objects.filter(reviewer=s.orgs["HOME"]).exists()
    assert any("I.2" in e and "0–15" in e for e in response.context["top_errors"])
    assert any("I.1" in e and "x" in e for e in response.context["top_errors"])

    # Save a draft, then complete.
    data = {"v_I.1": "4", "v_I.2": "12", "c_I.2": "Trừ 0,5 điểm", "v_II.1": "25", "v_II.2": "0"}
    assert client.post(review_url(sheet, s.orgs["HOME"]), {**data, "action": "save"}).status_code == 302
    review = Review.objects.get(sheet=sheet, reviewer=s.orgs["HOME"])
    assert review.status == ReviewStatus.DRAFT
    data["v_I.2"] = "11,5"
    response = client.post(review_url(sheet, s.orgs["HOME"]), {**data, "action": "complete"}, follow=True)
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPLETED
    assert review.completed_at is not None
    assert ReviewEntry.objects.get(review=review, item_code="I.2").value == Decimal("11.5")
    assert ReviewEntry.objects.get(review=review, item_code="I.2").comment == "Trừ 0,5 điểm"
    assert response.context["total"] == Decimal("82.5")  # 36 + 11,5 + 25 + 10
    assert AuditEvent.objects.filter(event_type=AuditEventType.REVIEW_COMPLETED).count() == 2

    # The sheet page now shows both completed reviews and their mean to the head, not to the member.
    sheet_page = client.get(reverse("scoring:sheet", args=[sheet.pk]))
    assert [r.reviewer for r in sheet_page.context["reviews"]] == [s.orgs["DEP"], s.orgs["HOME"]]
    assert sheet_page.context["final_total"] == Decimal("44.88")  # mean of 7,25 (DEP: I.2 only) and 82,5
    client.force_login(s.users["unit_officer"])
    assert client.get(reverse("scoring:sheet", args=[sheet.pk])).context["reviews"] == []


def test_head_on_its_own_units_sheet_is_refused_and_audited(client, scoring):
    s = scoring
    home = submitted(s, org="HOME", user="admin", I_2=10)
    sheet_submit(actor=s.users["admin"], sheet=home)
    client.force_login(s.users["block_head"])
    response = client.get(review_url(home, s.orgs["HOME"]))
    assert response.status_code == 403
    assert 'name="v_I.2"' not in response.text
    assert not AuditEvent.objects.filter(event_type=AuditEventType.REVIEW_CONFLICT_REFUSED).exists()
    response = client.post(review_url(home, s.orgs["HOME"]), {"v_I.2": "15", "action": "complete"})
    assert response.status_code == 403
    assert "không được chấm thẩm định phiếu của chính đơn vị mình" in response.text
    assert AuditEvent.objects.filter(event_type=AuditEventType.REVIEW_CONFLICT_REFUSED).count() == 1
    assert not Review.objects.exists()
    # Declining through the recusal form is refused and recorded the same way.
    response = client.post(
        reverse("scoring:review_recuse", args=[home.pk, s.orgs["HOME"].pk]), {"reason": "Đơn vị mình"}
    )
    assert response.status_code == 403
    assert AuditEvent.objects.filter(event_type=AuditEventType.REVIEW_CONFLICT_REFUSED).count() == 2
    # The sheet page offers no review link for HOME on its own sheet.
    page = client.get(reverse("scoring:sheet", args=[home.pk]))
    assert review_url(home, s.orgs["HOME"]) not in page.text


def test_who_may_open_a_review(client, scoring):
    s = scoring
    sheet = submitted(s, I_2=10)
    sheet_submit(actor=s.users["unit_officer"], sheet=sheet)
    client.force_login(s.users["deputy"])
    assert client.get(review_url(sheet, s.orgs["DEP"])).status_code == 200
    assert client.get(review_url(sheet, s.orgs["HOME"])).status_code == 403  # a reviewer it may not act for
    assert client.get(review_url(sheet, s.orgs["MEM"])).status_code == 404  # not a reviewer of the round
    client.force_login(s.users["viewer"])
    assert client.get(review_url(sheet, s.orgs["HOME"])).status_code == 404  # the sheet is out of its sight
    client.force_login(s.users["member_officer"])
    assert client.get(review_url(sheet, s.orgs["DEP"])).status_code == 404


def test_draft_sheet_is_not_reviewable_yet(client, scoring):
    s = scoring
    sheet = submitted(s, I_2=10)
    client.force_login(s.users["block_head"])
    page = client.get(review_url(sheet, s.orgs["HOME"]))
    assert page.status_code == 200
    assert 'name="v_I.2"' not in page.text
    response = client.post(review_url(sheet, s.orgs["HOME"]), {"v_I.2": "10", "action": "save"}, follow=True)
    assert "chưa nộp" in response.text
    assert not Review.objects.exists()


def test_recusal_needs_a_reason_and_locks_the_review(client, scoring):
    s = scoring
    sheet = submitted(s, I_2=10)
    sheet_submit(actor=s.users["unit_officer"], sheet=sheet)
    client.force_login(s.users["deputy"])
    recuse = reverse("scoring:review_recuse", args=[sheet.pk, s.orgs["DEP"].pk])
    response = client.post(recuse, {"reason": " "})
    assert response.status_code == 200
    assert response.context["recuse_form"].errors
    assert not Review.objects.exists()
    response = client.post(recuse, {"reason": "Giám đốc hai đơn vị là vợ chồng"}, follow=True)
    review = Review.objects.get(sheet=sheet, reviewer=s.orgs["DEP"])
    assert review.status == ReviewStatus.RECUSED
    assert review.recusal_reason == "Giám đốc hai đơn vị là vợ chồng"
    assert "Giám đốc hai đơn vị là vợ chồng" in response.text
    assert 'name="v_I.2"' not in response.text
    assert AuditEvent.objects.filter(event_type=AuditEventType.REVIEW_RECUSED).count() == 1
    # A save after recusing is refused with the service's message, nothing written.
    response = client.post(review_url(sheet, s.orgs["DEP"]), {"v_I.2": "10", "action": "save"}, follow=True)
    assert "từ chối chấm" in response.text
    assert not ReviewEntry.objects.filter(review=review).exists()


def test_published_round_shows_the_reviews_to_the_member_and_locks_everything(client, scoring):
    s = scoring
    sheet = submitted(s, I_1=5, I_2=14, II_1=28, II_2=0)
    sheet_submit(actor=s.users["unit_officer"], sheet=sheet)
    review_save(
        actor=s.users["block_head"],
        sheet=sheet,
        reviewer=s.orgs["HOME"],
        entries=entries(I_1=4, I_2=12, II_1=25, II_2=0),
        complete=True,
    )
    result_publish(actor=s.users["block_head"], scoring_round=s.round, reason="Công bố khi chưa đủ")
    client.force_login(s.users["unit_officer"])
    page = client.get(reverse("scoring:sheet", args=[sheet.pk]))
    assert [r.reviewer for r in page.context["reviews"]] == [s.orgs["HOME"]]
    assert page.context["final_total"] == Decimal(83)
    assert page.context["published"]
    assert 'name="v_I.2"' not in page.text
    response = client.post(reverse("scoring:sheet", args=[sheet.pk]), {"v_I.2": "15"})
    assert "Kết quả đã công bố" in response.text
    client.force_login(s.users["block_head"])
    response = client.post(review_url(sheet, s.orgs["HOME"]), {"v_I.2": "1", "action": "save"})
    assert "Kết quả đã công bố" in response.text
    assert ReviewEntry.objects.get(review__reviewer=s.orgs["HOME"], item_code="I.2").value == Decimal(12)
