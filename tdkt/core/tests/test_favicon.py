import pytest


@pytest.mark.django_db
def test_favicon_ico_leads_anyone_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
    page = client.get("/accounts/login/").content.decode()
    assert 'rel="icon"' in page
    assert "img/favicon.svg" in page


@pytest.mark.django_db
def test_favicon_answers_only_reads(client):
    assert client.post("/favicon.ico").status_code == 405
