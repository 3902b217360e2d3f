import pytest


@pytest.mark.django_db
def test_the_root_address_opens_the_khmer_home(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/km/"


@pytest.mark.django_db
def test_the_khmer_home_is_in_khmer(client):
    response = client.get("/km/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="km">' in html
    assert "គណនេយ្យភាពសង្គម" in html
    assert "Social accountability" not in html


@pytest.mark.django_db
def test_the_english_home_is_in_english(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Social accountability" in html


@pytest.mark.django_db
def test_a_browser_asking_for_km_kh_gets_khmer(client):
    response = client.get("/communes/", HTTP_ACCEPT_LANGUAGE="km-KH,km;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/km/communes/"


@pytest.mark.django_db
def test_a_browser_asking_for_english_gets_english(client):
    response = client.get("/communes/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Location"] == "/en/communes/"


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_current_page_and_query(client):
    html = client.get("/km/communes/?q=krang").content.decode()
    assert 'href="/en/communes/?q=krang"' in html
    assert "English" in html and "ខ្មែរ" in html
    html = client.get("/en/communes/?q=krang").content.decode()
    assert 'href="/km/communes/?q=krang"' in html


@pytest.mark.django_db
def test_public_pages_need_no_javascript(client):
    for url in ["/km/", "/en/", "/km/communes/", "/km/about/", "/km/documents/"]:
        html = client.get(url).content.decode()
        assert "<script" not in html, url
