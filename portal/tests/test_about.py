"""The About page, in Khmer (the programme's own words) and in English."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

# The first sentence of the programme's page, word for word.
FIRST_SENTENCE = (
    "គណនេយ្យភាពសង្គមក្នុងកិច្ចដំណើរការកំណែទម្រង់ការអភិវឌ្ឍតាមបែបប្រជាធិបតេយ្យនៅថ្នាក់"
    "ក្រោមជាតិ មានគោលបំណងផ្តល់នូវសិទ្ធិអំណាចដល់ប្រជាពលរដ្ឋ សហគមន៍មូលដ្ឋាន ជាពិសេស "
    "ក្រុមដែលតំណាងឲ្យផលប្រយោជន៍របស់ស្ត្រី យុវវ័យ និងក្រុមជនងាយរងគ្រោះនានា "
    "ក្នុងការចូលរួមពង្រឹងការចាត់ចែង ការប្រើប្រាស់ថវិកា និងការផ្តល់សេវាសាធារណៈនៅមូលដ្ឋាន "
    "តាមរយៈការលើកកម្ពស់នូវភាពងាយទទួលបានព័ត៌មាន "
    "និងការចូលរួមពិនិត្យតាមដានលើការងារថវិកា "
    "និងការបំពេញការងាររបស់រដ្ឋបាលថ្នាក់ក្រោមជាតិ។"
)
# The opening and closing words of the second and third paragraphs.
SECOND_PARAGRAPH_START = (
    "គណនេយ្យភាពសង្គម គឺជាដំណើរការនៃការផ្សារភ្ជាប់ទំនាក់ទំនងដ៏ល្អប្រសើររវាងប្រជាពលរដ្ឋ"
)
SECOND_PARAGRAPH_END = "ធនធាន និងការផ្តល់សេវាកម្មនៅមូលដ្ឋាន។"
THIRD_PARAGRAPH = (
    "គណនេយ្យភាពសង្គមតម្រូវឲ្យមានការរៀបចំនូវយន្តការនានានៃការប្រាស្រ័យទាក់ទងដ៏ច្បាស់លាស់ "
    "និងមានប្រសិទ្ធភាពរវាងតួអង្គចំនួនពីរក្រុម ពោលគឺក្រុមប្រជាពលរដ្ឋ "
    "និងរដ្ឋបាលថ្នាក់ក្រោមជាតិ ដែលត្រូវឆ្លើយតប និងមានគណនេយ្យភាពចំពោះប្រជាពលរដ្ឋ។"
)
# The glossary's names of the four components.
COMPONENTS_KM = [
    "ការទទួលបានព័ត៌មាននានា និងព័ត៌មានថវិកា",
    "ការត្រួតពិនិត្យតាមដានដោយប្រជាពលរដ្ឋ",
    "ការសម្របសម្រួល និងការពង្រឹងសមត្ថភាព",
    "ការប្រមូលមេរៀនបទពិសោធន៍ និងការត្រួតពិនិត្យតាមដាន",
]
COMPONENTS_EN = [
    "Access to information and open budgets",
    "Citizen monitoring",
    "Facilitation and capacity building",
    "Learning and monitoring",
]


def about_page(client, path):
    """GET the about page, which must render, and its HTML."""
    response = client.get(path)
    assert response.status_code == 200
    return response, response.content.decode()


def test_the_about_address_is_stable_in_both_languages():
    with translation.override("km"):
        assert reverse("pages:about") == "/km/about/"
    with translation.override("en"):
        assert reverse("pages:about") == "/en/about/"


def test_the_khmer_page_gives_the_programmes_text_word_for_word(client):
    response, html = about_page(client, "/km/about/")
    assert '<html lang="km"' in html
    assert [t.name for t in response.templates][0] == "portal/about_km.html"
    assert f"<p>{FIRST_SENTENCE}</p>" in html
    assert SECOND_PARAGRAPH_START in html and SECOND_PARAGRAPH_END in html
    assert f"<p>{THIRD_PARAGRAPH}</p>" in html


def test_the_khmer_page_names_the_four_components_in_the_glossarys_words(client):
    html = client.get("/km/about/").content.decode()

    assert "សមាសភាគទាំងបួនរបស់ I-SAF" in html
    for name in COMPONENTS_KM:
        assert f"<h3>{name}</h3>" in html
    assert "ផែនការរួមស្តីពីគណនេយ្យភាពសង្គម (JAAP)" in html
    assert "អ្នកសម្របសម្រួលគណនេយ្យភាពសហគមន៍ (CAF)" in html


def test_the_english_page_is_a_translation_not_the_khmer_text(client):
    response, html = about_page(client, "/en/about/")
    assert '<html lang="en"' in html
    assert [t.name for t in response.templates][0] == "portal/about_en.html"
    assert "What is social accountability?" in html
    assert "aims to empower citizens and local communities" in html
    assert FIRST_SENTENCE not in html
    for name in COMPONENTS_EN:
        assert f"<h3>{name}</h3>" in html


@pytest.mark.parametrize("lang", ["km", "en"])
def test_the_about_page_links_to_the_document_library(client, lang):
    html = client.get(f"/{lang}/about/").content.decode()

    assert f'href="/{lang}/documents/"' in html


@pytest.mark.parametrize("lang", ["km", "en"])
def test_the_about_page_has_landmarks_and_one_main_heading(client, lang):
    html = client.get(f"/{lang}/about/").content.decode()

    assert html.count("<h1>") == 1
    assert '<main id="main"' in html
    assert 'class="breadcrumbs" aria-label=' in html


def test_the_about_page_refuses_to_be_posted_to(client):
    assert client.post("/km/about/").status_code == 405
