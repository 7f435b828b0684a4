"""Formula injection (issue 12, 1b): the dossier list's export writes titles and names as text."""

import pytest
from django.urls import reverse

from tdkt.awards.models import Dossier
from tdkt.awards.services.dossiers import dossier_create
from tdkt.core.tests.hostile_xlsx import FORMULA_LIKE, assert_text_not_formulas
from tdkt.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_dossier_list_export(client, awards):
    officer = awards.world.users["unit_officer"]
    for text in FORMULA_LIKE:
        dossier = dossier_create(actor=officer, round=awards.round, organization=awards.world.orgs["FIN"],
                                 title=f"Tờ trình {text}")
        Dossier.objects.filter(pk=dossier.pk).update(title=text)  # as stored by an older version, unstripped
    Organization.objects.filter(pk=awards.world.orgs["FIN"].pk).update(name="@Sở Tài chính")
    client.force_login(officer)  # drafts stay with the unit
    response = client.get(reverse("awards:dossiers"), {"format": "xlsx"})
    assert response.status_code == 200
    cells = assert_text_not_formulas(b"".join(response.streaming_content), *FORMULA_LIKE, "@Sở Tài chính")
    years = [c for c in cells if c.column == 4 and c.row > 1]
    assert years
    assert all(c.data_type == "n" for c in years)  # the year stays a number
