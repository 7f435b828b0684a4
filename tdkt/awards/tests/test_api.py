"""The commendation API end to end, as a client sees it: a unit proposes, the standing office
returns, receives, appraises; the council votes; the approver decides and revokes. Plus the
scoping (another unit sees nothing), the status codes and the file downloads."""

import datetime
import sys
import types

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import VIETNAMESE, make_user
from conftest import Api as BaseApi
from tdkt.awards.models import Awardee, CommendationRound, Decision, Dossier, Transition
from tdkt.records.models import HonourRecord

from .conftest import PDF


@pytest.fixture(autouse=True)
def fake_documents(monkeypatch):
    import tdkt.awards.documents as documents

    monkeypatch.setattr(documents, "decision_files", lambda decision: (b"PK-docx", b"%PDF-1.4 fake"))
    fake = types.ModuleType("tdkt.awards.certificates")
    fake.certificates_pdf = lambda decision: b"%PDF-1.4 certificates " + decision.reference.encode()
    monkeypatch.setitem(sys.modules, "tdkt.awards.certificates", fake)


class Api(BaseApi):
    def upload(self, url, data):
        return self.client.post("/api/v1" + url, data, headers=self.headers)

    def act(self, dossier_id, action, comment=""):
        return self.post(f"/awards/dossiers/{dossier_id}/actions/{action}", {"comment": comment})


def ok(response, status=200):
    assert response.status_code == status, response.content.decode()
    return response.json() if status != 204 else None


def refused(response, status):
    assert response.status_code == status, response.content.decode()
    body = response.json()
    assert VIETNAMESE.search(body["detail"]), body
    return body


def pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _new_dossier(api, a, org="FIN"):
    body = ok(api.post("/awards/dossiers", {"round_id": a.round.pk, "organization_id": a.world.orgs[org].pk,
                                            "title": "Tờ trình đề nghị khen thưởng năm 2025"}), 201)
    assert body["state"] == "draft"
    return body


def _prepared(api, a):
    """A draft of FIN with a Giấy khen nominee and every component: ready to submit."""
    dossier = _new_dossier(api, a)
    ok(api.post(f"/awards/dossiers/{dossier['id']}/nominees",
                {"person_id": a.world.people["fin"].pk, "award_code": "GK_STC", "achievement": "Hoàn thành xuất sắc"}),
       201)
    for component in ("to_trinh", "bien_ban", "bao_cao"):
        ok(api.upload(f"/awards/dossiers/{dossier['id']}/attachments",
                      {"component": component, "file": pdf(f"{component}.pdf")}), 201)
    return dossier["id"]


def test_the_whole_path_through_the_api(client, awards):
    a = awards
    users = a.world.users
    officer, office = Api(client, users["unit_officer"]), Api(client, users["standing_office"])
    member, approver = Api(client, users["council_member"]), Api(client, users["approver"])

    forms = ok(officer.get("/awards/forms"))
    assert {f["code"] for f in forms} == {"GK_STC", "CSTDCS", "BK_CT", "BK_TTG"}
    cstdcs = next(f for f in forms if f["code"] == "CSTDCS")
    assert cstdcs["needs_ballot"]
    assert cstdcs["ballot_threshold"] == 80.0
    assert [c["code"] for c in cstdcs["components"]] == ["to_trinh", "bien_ban", "bao_cao"]
    rounds = ok(officer.get("/awards/rounds"))
    assert [r["id"] for r in rounds["items"]] == [a.round.pk]
    assert ok(officer.get(f"/awards/rounds/{a.round.pk}"))["authority"]["id"] == a.world.orgs["P"].pk

    dossier = _new_dossier(officer, a)
    pk = dossier["id"]
    assert [x["action"] for x in dossier["actions"]] == []  # nothing to submit yet
    nominee = ok(officer.post(f"/awards/dossiers/{pk}/nominees", {
        "person_id": a.world.people["fin"].pk, "award_code": "GK_STC", "achievement": "Hoàn thành xuất sắc"}), 201)
    assert nominee["eligible"] is True
    assert nominee["eligibility"]["verdict"] == "eligible"
    # Not eligible for CSTĐCS: refused without a written justification, kept with one.
    body = refused(officer.post(f"/awards/dossiers/{pk}/nominees", {
        "person_id": a.world.people["fin-ns"].pk, "award_code": "CSTDCS"}), 400)
    assert "justification" in body["errors"]
    ballot_nominee = ok(officer.post(f"/awards/dossiers/{pk}/nominees", {
        "person_id": a.world.people["fin-ns"].pk, "award_code": "CSTDCS",
        "justification": "Sáng kiến được Hội đồng sáng kiến công nhận"}), 201)
    assert ballot_nominee["eligible"] is False
    assert any(c["passed"] is False for c in ballot_nominee["eligibility"]["conditions"])
    assert ballot_nominee["justification"] == "Sáng kiến được Hội đồng sáng kiến công nhận"

    attachment = ok(officer.upload(f"/awards/dossiers/{pk}/attachments",
                                   {"component": "to_trinh", "file": pdf("to-trinh.pdf")}), 201)
    assert attachment["content_type"] == "application/pdf"
    detail = ok(officer.get(f"/awards/dossiers/{pk}"))
    assert {c["code"] for c in detail["missing_components"]} == {"bien_ban", "bao_cao"}
    refused(officer.act(pk, "submit"), 400)  # components missing
    for component in ("bien_ban", "bao_cao"):
        ok(officer.upload(f"/awards/dossiers/{pk}/attachments", {"component": component, "file": pdf("x.pdf")}), 201)
    detail = ok(officer.get(f"/awards/dossiers/{pk}"))
    assert detail["missing_components"] == []
    assert detail["can_edit"] is True
    assert [x["action"] for x in detail["actions"]] == ["submit"]
    assert detail["actions"][0]["path"] == f"/api/v1/awards/dossiers/{pk}/actions/submit"

    # The office does not see a draft; the unit sends it, the office returns it with a reason.
    refused(office.get(f"/awards/dossiers/{pk}"), 404)
    assert ok(officer.act(pk, "submit"))["state"] == "submitted"
    refused(officer.upload(f"/awards/dossiers/{pk}/attachments", {"component": "bao_cao", "file": pdf("y.pdf")}), 400)
    refused(office.act(pk, "return"), 400)  # a reason is required
    returned = ok(office.act(pk, "return", "Biên bản họp xét chưa có chữ ký"))
    assert returned["state"] == "returned"
    assert returned["transitions"][-1]["reason"] == "Biên bản họp xét chưa có chữ ký"
    ok(officer.act(pk, "submit", "Đã bổ sung chữ ký"))
    refused(officer.act(pk, "receive"), 403)
    detail = ok(office.act(pk, "receive"))
    assert detail["state"] == "received"
    assert [x["action"] for x in detail["actions"]] == ["return"]  # appraise waits for every nominee

    for n in (nominee, ballot_nominee):
        refused(officer.post(f"/awards/nominees/{n['id']}/appraisal", {"result": "accepted"}), 403)
        assert ok(office.post(f"/awards/nominees/{n['id']}/appraisal", {"result": "accepted"}))["appraisal"] == \
            "accepted"
    ok(office.act(pk, "appraise"))
    refused(office.act(pk, "send_for_decision"), 400)  # the CSTĐCS needs the council's ballot first
    detail = ok(office.act(pk, "open_vote"))
    assert detail["state"] == "voting"

    # The member votes for themself; the office enters the others from the biên bản, one in writing.
    url = f"/awards/nominees/{ballot_nominee['id']}/votes"
    first, *others = a.members
    refused(member.post(url, {"member_id": others[0].pk, "vote": "yes"}), 403)
    vote = ok(member.post(url, {"member_id": first.pk, "vote": "yes"}), 201)
    assert vote["member"] == first.full_name
    assert vote["in_writing"] is False
    refused(member.post(url, {"member_id": first.pk, "vote": "no"}), 400)  # once recorded, not changed
    for other in others[:3]:
        ok(office.post(url, {"member_id": other.pk, "vote": "yes"}), 201)
    refused(office.act(pk, "close_vote"), 400)  # one member has not voted
    ok(office.post(url, {"member_id": others[3].pk, "vote": "no", "in_writing": True}), 201)
    votes = ok(office.get(f"/awards/dossiers/{pk}/votes"))
    [ballot] = votes["ballots"]
    assert (ballot["members"], ballot["present"], ballot["yes"], ballot["needed"]) == (5, 4, 4, 4)
    assert ballot["quorum_met"]
    assert ballot["passed"]
    assert [v["in_writing"] for v in ballot["votes"]] == [False, False, False, False, True]
    ok(office.act(pk, "close_vote"))
    detail = ok(office.act(pk, "send_for_decision"))
    assert detail["state"] == "awaiting_decision"
    assert [x["action"] for x in ok(approver.get(f"/awards/dossiers/{pk}"))["actions"]] == ["decide"]

    refused(approver.act(pk, "decide"), 400)  # decisions have their own address
    decision_body = {
        "issuer_id": a.world.orgs["FIN"].pk, "date": "2025-08-20", "symbol": "QĐ-STC",
        "subject": "Về việc tặng Giấy khen và danh hiệu Chiến sĩ thi đua cơ sở", "signer_name": "Hoàng Nam Tiến",
        "signer_title": "GIÁM ĐỐC", "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;",
    }
    refused(office.post(f"/awards/dossiers/{pk}/decisions", decision_body), 403)
    refused(approver.post(f"/awards/dossiers/{pk}/decisions", {**decision_body, "issuer_id": a.world.orgs["Q"].pk}),
            404)
    refused(approver.post(f"/awards/dossiers/{pk}/decisions", {**decision_body, "date": "2010-01-01"}), 400)
    decision = ok(approver.post(f"/awards/dossiers/{pk}/decisions", decision_body), 201)
    assert decision["reference"] == "1/QĐ-STC"
    assert [(x["name"], x["golden_book_number"], x["amount"]) for x in decision["awardees"]] == [
        ("Nguyễn Văn Đức", 1, 710_000), ("Trần Thị Hoa", 2, 2_340_000)]
    assert ok(officer.get(f"/awards/dossiers/{pk}"))["state"] == "decided"
    listed = ok(officer.get("/awards/decisions"))
    assert [d["id"] for d in listed["items"]] == [decision["id"]]

    for kind, start in (("docx", b"PK-docx"), ("pdf", b"%PDF"), ("certificates", b"%PDF-1.4 certificates")):
        response = officer.get(f"/awards/decisions/{decision['id']}/files/{kind}")
        assert response.status_code == 200, kind
        assert b"".join(response.streaming_content if response.streaming else [response.content]).startswith(start)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment")
    assert officer.get(f"/awards/decisions/{decision['id']}/files/zip").status_code == 422

    refused(officer.post(f"/awards/decisions/{decision['id']}/revoke", {"reason": "Sai thành tích"}), 403)
    refused(approver.post(f"/awards/decisions/{decision['id']}/revoke", {"reason": " "}), 422)
    revoked = ok(approver.post(f"/awards/decisions/{decision['id']}/revoke", {"reason": "Kê khai không đúng"}))
    assert revoked["revoked_on"] is not None
    assert revoked["revocation_reason"] == "Kê khai không đúng"
    assert not HonourRecord.objects.filter(person=a.world.people["fin"], revoked_on__isnull=True).exists()
    refused(approver.post(f"/awards/decisions/{decision['id']}/revoke", {"reason": "Lần nữa"}), 400)
    refused(officer.get(f"/awards/decisions/{decision['id']}/files/certificates"), 400)
    assert [t.action for t in Transition.objects.filter(dossier_id=pk)] == [
        "submit", "return", "submit", "receive", "appraise", "open_vote", "close_vote", "send_for_decision",
        "decide"]


def test_another_unit_cannot_list_or_get_the_dossiers(client, awards):
    a = awards
    officer = Api(client, a.world.users["unit_officer"])
    pk = _prepared(officer, a)
    ok(officer.act(pk, "submit"))
    home_officer = make_user("canbo-noivu", "unit_officer", a.world.orgs["HOME"])
    other = Api(client, home_officer)
    assert ok(other.get("/awards/dossiers"))["count"] == 0
    for user in (home_officer, a.world.users["viewer"], a.world.users["block_head"], a.world.users["nobody"]):
        api = Api(client, user)
        assert ok(api.get("/awards/dossiers"))["count"] == 0
        refused(api.get(f"/awards/dossiers/{pk}"), 404)
        refused(api.get(f"/awards/dossiers/{pk}/votes"), 404)
        refused(api.act(pk, "recall"), 404)
        nominee = Dossier.objects.get(pk=pk).nominees.get()
        refused(api.delete(f"/awards/nominees/{nominee.pk}"), 404)
    # The other unit cannot put a person of FIN, or its own dossier, in FIN's round under FIN's name.
    refused(other.post("/awards/dossiers", {"round_id": a.round.pk, "organization_id": a.world.orgs["FIN"].pk,
                                            "title": "Hồ sơ"}), 404)
    mine = _new_dossier(other, a, org="HOME")
    refused(other.post(f"/awards/dossiers/{mine['id']}/nominees",
                       {"person_id": a.world.people["fin"].pk, "award_code": "GK_STC"}), 404)
    # The receiving office and the council see the submitted dossier, listed and filtered.
    for role in ("standing_office", "council_member", "approver", "admin"):
        listed = ok(Api(client, a.world.users[role]).get("/awards/dossiers", state="submitted"))
        assert [d["id"] for d in listed["items"]] == [pk], role


def test_status_codes_of_the_dossier_endpoints(client, awards):
    a = awards
    officer, office = Api(client, a.world.users["unit_officer"]), Api(client, a.world.users["standing_office"])
    pk = _prepared(officer, a)
    nominee = Dossier.objects.get(pk=pk).nominees.get()
    refused(officer.post(f"/awards/dossiers/{pk}/nominees", {"person_id": a.world.people["fin"].pk,
                                                             "award_code": "NO_SUCH"}), 400)
    body = refused(officer.post(f"/awards/dossiers/{pk}/nominees", {"award_code": "GK_STC"}), 400)
    assert "person_id" in body["errors"]
    refused(officer.post(f"/awards/dossiers/{pk}/nominees", {"person_id": a.world.people["q"].pk,
                                                             "award_code": "GK_STC"}), 404)
    refused(officer.post(f"/awards/dossiers/{pk}/nominees", {"person_id": 2**63, "award_code": "GK_STC"}), 422)
    refused(officer.post(f"/awards/dossiers/{pk}/nominees", {"person_id": a.world.people["fin"].pk,
                                                             "award_code": "GK_STC", "extra": 1}), 422)
    refused(officer.act(pk, "fly"), 422)
    refused(officer.act(pk, "forward"), 400)
    refused(officer.post("/awards/dossiers", {"round_id": 999_999, "organization_id": a.world.orgs["FIN"].pk,
                                              "title": "Hồ sơ"}), 404)
    refused(officer.post("/awards/dossiers", {"round_id": a.round.pk, "organization_id": a.world.orgs["FIN"].pk,
                                              "title": "  "}), 422)
    refused(office.post("/awards/dossiers", {"round_id": a.round.pk, "organization_id": a.world.orgs["FIN"].pk,
                                             "title": "Hồ sơ"}), 403)
    refused(officer.upload(f"/awards/dossiers/{pk}/attachments", {"component": "khong_co", "file": pdf("a.pdf")}), 400)
    refused(officer.upload(f"/awards/dossiers/{pk}/attachments", {
        "component": "to_trinh", "file": SimpleUploadedFile("a.pdf", b"<html><script>x</script>")}), 400)
    refused(officer.upload(f"/awards/dossiers/{pk}/attachments", {
        "component": "to_trinh", "nominee_id": 999_999, "file": pdf("a.pdf")}), 404)
    attachment = ok(officer.upload(f"/awards/dossiers/{pk}/attachments", {
        "component": "to_trinh", "nominee_id": nominee.pk, "file": pdf("rieng.pdf")}), 201)
    assert attachment["nominee_id"] == nominee.pk
    ok(officer.delete(f"/awards/attachments/{attachment['id']}"), 204)
    refused(officer.delete(f"/awards/attachments/{attachment['id']}"), 404)

    ok(officer.act(pk, "submit"))
    refused(officer.delete(f"/awards/nominees/{nominee.pk}"), 400)  # sent: no longer the unit's to edit
    refused(office.delete(f"/awards/nominees/{nominee.pk}"), 403)
    ok(officer.act(pk, "recall"))
    ok(officer.delete(f"/awards/nominees/{nominee.pk}"), 204)
    assert ok(officer.get(f"/awards/dossiers/{pk}"))["nominees"] == []


def test_appraisal_change_objections_and_forward(client, awards, world):
    a = awards
    officer, office = Api(client, world.users["unit_officer"]), Api(client, world.users["standing_office"])
    fin_round = CommendationRound.objects.create(authority=world.orgs["FIN"], kind="regular",
                                                 title="Khen thưởng Sở Tài chính 2025", year=2025)
    a.round = fin_round
    pk = _prepared(officer, a)
    ok(officer.post(f"/awards/dossiers/{pk}/nominees", {"person_id": world.people["fin-ns"].pk, "award_code": "BK_CT",
                                                        "justification": "Thành tích đột xuất"}), 201)
    ok(officer.act(pk, "submit"))
    ok(office.act(pk, "receive"))
    gk, bk = Dossier.objects.get(pk=pk).nominees.order_by("position")
    refused(office.post(f"/awards/nominees/{gk.pk}/appraisal", {"result": "changed", "note": "Đổi"}), 400)
    refused(office.post(f"/awards/nominees/{gk.pk}/appraisal", {"result": "pending"}), 422)
    changed = ok(office.post(f"/awards/nominees/{gk.pk}/appraisal",
                             {"result": "changed", "note": "Phù hợp hơn", "final_award_code": "BK_CT"}))
    assert changed["final_award"]["code"] == "BK_CT"
    ok(office.post(f"/awards/nominees/{gk.pk}/appraisal", {"result": "accepted"}))
    ok(office.post(f"/awards/nominees/{bk.pk}/appraisal", {"result": "accepted"}))
    detail = ok(office.act(pk, "appraise"))
    assert "forward" in [x["action"] for x in detail["actions"]]
    refused(office.post(f"/awards/dossiers/{pk}/objections", {"text": "Không đúng"}), 400)  # not on notice
    refused(office.post(f"/awards/dossiers/{pk}/forward", {"round_id": fin_round.pk}), 400)
    refused(officer.post(f"/awards/dossiers/{pk}/forward", {"round_id": a.round.pk}), 403)
    refused(office.post(f"/awards/dossiers/{pk}/forward", {"round_id": 999_999}), 404)
    province_round = CommendationRound.objects.get(title="Khen thưởng thường xuyên năm 2025")
    answer = ok(office.post(f"/awards/dossiers/{pk}/forward", {"round_id": province_round.pk}), 201)
    assert answer["upstream"]["state"] == "submitted"
    assert answer["dossier"]["state"] == "appraised"
    assert [d["id"] for d in answer["dossier"]["forwarded_dossiers"]] == [answer["upstream"]["id"]]

    # The upstream dossier goes to public notice at the province, where objections are recorded.
    up = answer["upstream"]["id"]
    ok(office.act(up, "receive"))
    [copy] = Dossier.objects.get(pk=up).nominees.all()
    ok(office.post(f"/awards/nominees/{copy.pk}/appraisal", {"result": "accepted"}))
    ok(office.act(up, "appraise"))
    notice = ok(office.act(up, "publish_notice"))
    assert notice["state"] == "notice"
    assert notice["notice_until"] is not None
    refused(office.post(f"/awards/dossiers/{up}/objections", {"text": "Ý kiến", "nominee_id": gk.pk}), 404)
    objection = ok(office.post(f"/awards/dossiers/{up}/objections",
                               {"text": "Thành tích chưa đúng thực tế", "sender": "Công dân", "nominee_id": copy.pk}),
                   201)
    assert objection["nominee_id"] == copy.pk
    assert [o["text"] for o in ok(office.get(f"/awards/dossiers/{up}"))["objections"]] == [
        "Thành tích chưa đúng thực tế"]
    refused(office.act(up, "close_notice"), 400)  # the period has not ended


def test_catalogue_versions(client, awards):
    a = awards
    api = Api(client, a.world.users["viewer"])
    old = a.forms["GK_STC"]
    old.pk = None
    old.effective_from = datetime.date(2020, 1, 1)
    old.effective_to = datetime.date(2023, 12, 31)
    old.save()
    assert [f["code"] for f in ok(api.get("/awards/forms"))].count("GK_STC") == 1
    assert [f["code"] for f in ok(api.get("/awards/forms", all="true"))].count("GK_STC") == 2
    assert ok(api.get("/awards/rounds"))["count"] == 0  # the viewer's Sở has no round of its own
    refused(api.get(f"/awards/rounds/{a.round.pk}"), 404)


def test_decisions_are_scoped_and_unknown_ones_are_404(client, awards):
    a = awards
    officer = Api(client, a.world.users["unit_officer"])
    assert ok(officer.get("/awards/decisions"))["count"] == 0
    for url in ("/awards/decisions/999999", "/awards/decisions/999999/files/pdf", "/awards/dossiers/999999/votes"):
        refused(officer.get(url), 404)
    refused(officer.post("/awards/decisions/999999/revoke", {"reason": "x"}), 404)
    assert not Decision.objects.exists()
    assert not Awardee.objects.exists()
