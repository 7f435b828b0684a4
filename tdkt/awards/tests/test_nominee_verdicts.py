"""A nominee whom the rules find eligible but whose title leaves matters to the council's judgment
(a Giấy khen: the gates and a JUDGMENT condition) is shown "Cần xem xét" in amber on the dossier,
not a green "Đủ điều kiện"."""

from django.urls import reverse

from tdkt.awards.services.dossiers import dossier_create, nominee_add
from tdkt.awards.views.dossier_labels import verdict_label


def test_nominee_with_only_judgment_left_is_amber(client, awards):
    world = awards.world
    officer = world.users["unit_officer"]
    dossier = dossier_create(actor=officer, round=awards.round, organization=world.orgs["FIN"], title="Tờ trình")
    nominee = nominee_add(actor=officer, dossier=dossier, award=awards.forms["GK_STC"], person=world.people["fin"],
                          achievement="Hoàn thành xuất sắc nhiệm vụ")
    record = nominee.eligibility
    assert record["verdict"] == "eligible"
    assert any(c["passed"] is None for c in record["conditions"])
    client.force_login(officer)
    page = client.get(reverse("awards:dossier", args=[dossier.pk])).content.decode()
    row = page.split(f'id="nominee-{nominee.pk}"', 1)[1].split("</tr>", 1)[0]
    label, badge = verdict_label(record["verdict"], record["conditions"])
    assert badge == "text-bg-warning"
    assert f'<span class="badge text-bg-warning">{label}</span>' in row
    assert "text-bg-success" not in row


def test_verdict_label_keeps_green_for_fully_checked_and_red_for_unmet():
    assert verdict_label("eligible", [{"passed": True}])[1] == "text-bg-success"
    assert verdict_label("eligible")[1] == "text-bg-success"
    assert verdict_label("ineligible", [{"passed": False}, {"passed": None}])[1] == "text-bg-danger"
    assert verdict_label("")[1] == "text-bg-secondary"
