"""The document library: its seed, its page, and what the admin lets in."""

import importlib
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import translation
from django.utils.html import escape

from isaf.khmer import to_ascii_digits, to_khmer_digits
from isaf.models import DOCUMENT_MAX_BYTES
from portal.models import Document

pytestmark = pytest.mark.django_db

# The titles after the three paragraphs of the programme's page
# (../shared/seeds/000_82c109ece002c35a.txt), copied here so that the test states
# what the library must hold even where the seed file is not checked out.
SEED_TITLES = [
    "ឯកសារបណ្ដុះបណ្ដាលគ្រូបង្គោលថ្នាក់ខេត្តស្ដីពី «ការប្រើប្រាស់ប្រព័ន្ធត្រួតពិនិត្យ "
    "និងតាមដានការអនុវត្តសកម្មភាពគណនេយ្យភាពសង្គម» ថ្ងៃទី២១ ខែកុម្ភៈ ឆ្នាំ២០១៧ "
    "នៅសណ្ឋាគារសុខា ភ្នំពេញ",
    "ផែនការអនុវត្តគណនេយ្យភាពសង្គម សម្រាប់ការអភិវឌ្ឍតាមបែបប្រជាធិបតេយ្យ នៅថ្នាក់ក្រោមជាតិ ឆ្នាំ២០១៦-២០១៨",
    "អនុស្សារណៈយោគយល់គ្នារវាងលេខាធិការដ្ឋាន គ.ជ.អ.ប "
    "ជាមួយអង្គការដៃគូអនុវត្តផែនការអនុវត្តគណនេយ្យភាពសង្គម",
    "សុន្ទរកថា ឯកឧត្តម ងី ច័ន្រ្ទផល រដ្ឋលេខាធិការក្រសួងមហាផ្ទៃ "
    "ថ្លែងក្នុងពិធីបើកវគ្គបណ្តុះបណ្តាលគ្រូបង្គោលស្តីពីការអនុវត្តផែនការយុទ្ធសាស្រ្ត"
    "គណនេយ្យភាពសង្គម ថ្ងៃទី៦-៨ ខែមេសា ឆ្នាំ២០១៦ ខេត្តបាត់ដំបង",
    "សេចក្តីសម្រេចស្តីពីការរៀបចំ និងការប្រព្រឹត្តទៅរបស់គណៈកម្មាធិការគ្រប់គ្រង"
    "ការអនុវត្តផែនការយុទ្ធសាស្រ្តគណនេយ្យភាពសង្គមនៅថ្នាក់ក្រោមជាតិ",
    "ផ្ទាំងព័ត៌មានគណនេយ្យភាពសង្គមសម្រាប់ប្រជាពលរដ្ឋ",
    "I-SAF Implementation Plan 2015-2018",
    "ISAF Demand-Side Operational Guidelines",
    "I-SAF Information for Citizen booklet",
    "លិខិតលេខាធិការដ្ឋាន គ.ជ.អ.ប គាំទ្រអង្គការ "
    "ទស្សនៈពិភពលោកលើដំណើរការអនុវត្តការងារគណនេយ្យភាពសង្គមឆ្នាំ២០១៥",
    "លិខិតលេខាធិការដ្ឋាន គ.ជ.អ.ប គាំទ្រអង្គការ PACT កម្ពុជា "
    "លើដំណើរការអនុវត្តការងារគណនេយ្យភាពសង្គមឆ្នាំ២០១៥",
    "ផែនទីស្រុកគោលដៅនៃការអនុវត្តការងារគណនេយ្យភាពសង្គមសម្រាប់ឆ្នាំ២០១៥",
    "ប្រព័ន្ធទិន្នន័យ និងការណែនាំកញ្ចប់ព័ត៌មានសម្រាប់ប្រជាពលរដ្ឋ (I4C database and manual)",
    "ករណីសិក្សានៃការអនុវត្តផែនការសកម្មភាពគណនេយ្យភាពសង្គម របស់អង្គការផេកកម្ពុជា",
    "របាយការណ៍បូកសរុបសិក្ខាសាលាឆ្លុះបញ្ចាំង I-SAF",
    "ឯកសារសិក្ខាសាលាឆ្លុះបញ្ចាំង I-SAF ( 25-26 Feb 2015)",
    "ករណីសិក្សា៖ ប្រធានក្រុមប្រឹក្សាឃុំក្រង់តេះ ស្រុកពេជ្រាដា ខេត្តមណ្ឌលគិរី",
    "សៀវភៅព័ត៌មានសម្រាប់ប្រជាពលរដ្ឋ",
    "ឯកសារសិក្ខាសាលាស្តីពី ការផ្សព្វផ្សាយឯកសារយុទ្ធសាស្រ្តគណនេយ្យភាពសង្គម",
    "យុទ្ធសាស្ត្រស្តីពីការផ្សព្វផ្សាយព័ត៌មានក្រុមប្រឹក្សាស្រុកសង្កែ ខេត្តបាត់ដំបង",
    "យុទ្ធសាស្ត្រស្តីពីការផ្សព្វផ្សាយព័ត៌មានក្រុមប្រឹក្សាក្រុងបាត់ដំបង",
    "ផែនការយុទ្ធសាស្ត្រស្តីពីការងារគណនេយ្យភាពសង្គមសម្រាប់ការអភិវឌ្ឍតាមបែបប្រជាធិបតេយ្យនៅថ្នាក់ក្រោមជាតិ",
    "សេចក្តីសម្រេចស្តីពីការបង្កើតក្រុមការងារផ្តល់យោបល់សម្រាប់អនុវត្តគម្រោង"
    "លើកកម្ពស់ការចូលរួមរបស់ប្រជាពលរដ្ឋក្នុងដំណើរការអភិវឌ្ឍតាមបែបប្រជាធិបតេយ្យ"
    "នៅថ្នាក់ក្រោមជាតិ",
]
SEED_FILE = (
    Path(settings.BASE_DIR).parent / "shared" / "seeds" / "000_82c109ece002c35a.txt"
)
KHMER = re.compile("[\u1780-\u17ff]")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _original_title(document: Document) -> str:
    return document.title_en if document.language == "en" else document.title_km


def test_the_library_holds_every_title_of_the_programme_page():
    originals = [_original_title(d) for d in Document.objects.all()]

    assert sorted(originals) == sorted(SEED_TITLES)


def test_the_seed_file_has_no_title_the_library_lacks():
    if not SEED_FILE.exists():
        pytest.skip(f"{SEED_FILE} is not checked out next to the project")
    paragraphs = [line.strip() for line in SEED_FILE.read_text("utf-8").splitlines()]
    titles = [line for line in paragraphs if line][3:]

    assert titles == SEED_TITLES


def test_every_document_has_a_khmer_and_an_english_title():
    for document in Document.objects.all():
        assert KHMER.search(document.title_km), document.slug
        assert document.title_en and not KHMER.search(document.title_en), document.slug


def test_titles_given_in_english_keep_the_original_and_gain_a_khmer_title():
    plan = Document.objects.get(slug="isaf-implementation-plan-2015-2018")

    assert plan.language == "en"
    assert plan.title_en == "I-SAF Implementation Plan 2015-2018"
    assert plan.title_km == "ផែនការអនុវត្ត I-SAF ឆ្នាំ២០១៥-២០១៨"


def test_each_year_is_the_first_year_its_title_gives_in_either_digits():
    for document in Document.objects.all():
        found = YEAR.findall(to_ascii_digits(_original_title(document)))
        expected = int(found[0]) if found else None
        assert document.year == expected, document.slug


def test_years_written_in_khmer_digits_are_read():
    training = Document.objects.get(slug="tot-monitoring-system-2017")
    plan = Document.objects.get(slug="sa-implementation-plan-2016-2018")

    assert "២០១៧" in training.title_km and training.year == 2017
    assert "២០១៦-២០១៨" in plan.title_km and plan.year == 2016


@pytest.mark.parametrize(
    ("slug", "category"),
    [
        ("sa-strategic-plan", "plans"),
        ("isaf-demand-side-operational-guidelines", "guidelines"),
        ("decision-sa-management-committee", "decisions"),
        ("letter-ncdds-pact-2015", "decisions"),
        ("mou-ncdds-implementing-partners", "agreements"),
        ("tot-monitoring-system-2017", "training"),
        ("case-study-krang-teh-council-chair", "case_studies"),
        ("reflection-workshop-summary-report", "workshops"),
        ("map-target-districts-2015", "maps"),
        ("speech-ngy-chanphal-tot-2016", "speeches"),
    ],
)
def test_documents_are_filed_in_the_right_category(slug, category):
    assert Document.objects.get(slug=slug).category == category


def test_every_category_the_programme_named_has_documents():
    used = set(Document.objects.values_list("category", flat=True))

    assert used >= set(Document.Category.values) - {"other"}


def _seed_module():
    return importlib.import_module("isaf.migrations.0002_seed_documents")


def _seed_apps():
    """The models as the seed migration knew them (`isaf.Document`, same table)."""
    loader = MigrationLoader(connection)
    return loader.project_state(("isaf", "0002_seed_documents")).apps


def test_seeding_again_adds_nothing_and_keeps_the_secretariats_edits():
    Document.objects.filter(slug="sa-strategic-plan").update(
        title_en="Strategic Plan (corrected)", url="https://ncdd.gov.kh/plan"
    )
    before = Document.objects.count()

    _seed_module().seed_documents(_seed_apps(), None)

    assert Document.objects.count() == before
    plan = Document.objects.get(slug="sa-strategic-plan")
    assert plan.title_en == "Strategic Plan (corrected)"
    assert plan.url == "https://ncdd.gov.kh/plan"


def test_seeding_restores_a_deleted_document():
    Document.objects.filter(slug="map-target-districts-2015").delete()

    _seed_module().seed_documents(_seed_apps(), None)

    restored = Document.objects.get(slug="map-target-districts-2015")
    assert restored.category == "maps" and restored.year == 2015


# The page ----------------------------------------------------------------------


def _text(response) -> str:
    return response.content.decode()


def test_the_khmer_page_lists_every_title_in_both_languages(client):
    response = client.get("/km/documents/")

    html = _text(response)
    assert response.status_code == 200
    assert '<html lang="km"' in html
    for document in Document.objects.all():
        assert escape(document.title_km) in html, document.slug
        assert escape(document.title_en) in html, document.slug


def test_the_other_language_title_is_marked_with_its_language(client):
    html = _text(client.get("/km/documents/"))

    plan = Document.objects.get(slug="sa-strategic-plan")
    assert f'lang="en">{escape(plan.title_en)}<' in html


def test_the_english_page_leads_with_english_titles(client):
    html = _text(client.get("/en/documents/"))

    plan = Document.objects.get(slug="sa-strategic-plan")
    assert '<html lang="en"' in html
    assert f'class="document-title" translate="no">{escape(plan.title_en)}<' in html
    assert f'lang="km">{escape(plan.title_km)}<' in html


def test_categories_appear_in_reading_order(client):
    html = _text(client.get("/en/documents/"))

    positions = [
        html.index(f'id="category-{value}"')
        for value in Document.Category.values
        if Document.objects.filter(category=value).exists()
    ]
    assert positions == sorted(positions)
    assert html.index("Plans and strategies</h2>") < html.index("Speeches</h2>")


def test_years_show_in_khmer_digits_on_khmer_pages_and_are_never_grouped(client):
    km = _text(client.get("/km/documents/"))
    en = _text(client.get("/en/documents/"))

    assert '<span class="document-year">ឆ្នាំ ២០១៧</span>' in km
    assert '<span class="document-year">Year 2017</span>' in en
    assert "2,017" not in en and "២.០១៧" not in km and "២,០១៧" not in km


def test_a_category_link_filters_the_list(client):
    maps = Document.objects.get(slug="map-target-districts-2015")
    plan = Document.objects.get(slug="sa-strategic-plan")

    html = _text(client.get("/en/documents/", {"category": "maps"}))

    assert escape(maps.title_en) in html
    assert escape(plan.title_en) not in html
    assert '<span aria-current="page">Maps (1)</span>' in html
    assert 'href="/en/documents/"' in html  # the way back to everything


def test_an_unknown_category_shows_the_whole_library(client):
    html = _text(client.get("/en/documents/", {"category": "nonsense"}))

    assert all(escape(d.title_en) in html for d in Document.objects.all())


def test_the_filter_links_count_documents_in_the_pages_digits(client):
    total = Document.objects.count()

    km = _text(client.get("/km/documents/"))
    en = _text(client.get("/en/documents/"))

    assert f"({to_khmer_digits(str(total))})" in km
    assert f"All documents ({total})" in en
    assert 'href="/km/documents/?category=maps"' in km


def test_a_document_without_a_file_says_so_and_links_nowhere(client):
    Document.objects.exclude(slug="map-target-districts-2015").delete()

    html = _text(client.get("/en/documents/"))

    assert "Not yet available online" in html
    assert "Download" not in html
    assert 'href=""' not in html
    assert "/media/" not in html


def test_a_document_with_a_file_or_a_link_can_be_opened(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Document.objects.exclude(slug__in=["sa-strategic-plan", "maps-x"]).delete()
    plan = Document.objects.get(slug="sa-strategic-plan")
    plan.file = SimpleUploadedFile("plan.pdf", b"%PDF-1.7 plan")
    plan.save()
    Document.objects.create(
        slug="maps-x",
        title_km="ផែនទី",
        title_en="A map",
        category="maps",
        url="https://ncdd.gov.kh/map",
    )

    html = _text(client.get("/en/documents/"))

    assert f'href="{plan.file.url}">Download (PDF)</a>' in html
    assert plan.file.url.startswith("/media/documents/")
    assert 'href="https://ncdd.gov.kh/map" rel="noopener">Read online</a>' in html
    assert "Not yet available online" not in html


def test_the_page_needs_a_constant_number_of_queries(
    client, django_assert_max_num_queries
):
    for n in range(30):
        Document.objects.create(
            slug=f"extra-{n}", title_km=f"ឯកសារ {n}", title_en=f"Extra {n}"
        )

    with django_assert_max_num_queries(2):
        client.get("/km/documents/")


# Uploads -----------------------------------------------------------------------


class DocumentForm(forms.ModelForm):
    """The fields the secretariat fills in the admin."""

    url = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = Document
        fields = ["slug", "title_km", "title_en", "category", "language", "file", "url"]


def _form(upload, **extra):
    data = {
        "slug": "upload-test",
        "title_km": "ឯកសារ",
        "title_en": "A document",
        "category": "other",
        "language": "km",
        "url": "",
    }
    data.update(extra)
    return DocumentForm(data=data, files={"file": upload} if upload else {})


def test_a_pdf_is_accepted_and_stored_under_documents(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    form = _form(SimpleUploadedFile("Plan 2016.pdf", b"%PDF-1.4 body"))

    assert form.is_valid(), form.errors
    document = form.save()
    assert document.file.name.startswith("documents/")
    assert (tmp_path / document.file.name).read_bytes() == b"%PDF-1.4 body"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.docx", b"PK\x03\x04 word"),
        ("budget.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 excel"),
        ("scan.JPG", b"\xff\xd8\xff\xe0 jpeg"),
        ("board.png", b"\x89PNG\r\n\x1a\n png"),
    ],
)
def test_office_files_and_images_are_accepted(name, content, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    assert _form(SimpleUploadedFile(name, content)).is_valid()


def test_a_program_is_refused_with_a_khmer_error_on_khmer_pages():
    with translation.override("km"):
        form = _form(SimpleUploadedFile("setup.exe", b"MZ\x90\x00"))
        assert not form.is_valid()
        message = form.errors["file"][0]

    assert message.startswith("មិនអាចភ្ជាប់ឯកសារប្រភេទនេះបានទេ។")
    assert not Document.objects.filter(slug="upload-test").exists()


def test_a_program_renamed_to_pdf_is_refused():
    with translation.override("en"):
        form = _form(SimpleUploadedFile("budget.pdf", b"MZ\x90\x00 not a pdf"))
        assert not form.is_valid()
        message = form.errors["file"][0]

    assert "do not match its name (.pdf)" in message


def test_a_file_over_the_limit_is_refused_with_its_size_in_khmer():
    body = b"%PDF-1.4" + b"0" * DOCUMENT_MAX_BYTES
    with translation.override("km"):
        form = _form(SimpleUploadedFile("big.pdf", body))
        assert not form.is_valid()
        message = form.errors["file"][0]

    assert message == "ឯកសារនេះធំពេក (២០,០ MB)។ ទំហំអតិបរមាគឺ ២០ MB។"


def test_a_file_at_the_limit_is_accepted(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    body = b"%PDF-1.4" + b"0" * (DOCUMENT_MAX_BYTES - 8)

    assert _form(SimpleUploadedFile("exact.pdf", body)).is_valid()


def test_a_file_and_a_link_together_are_refused():
    form = _form(
        SimpleUploadedFile("plan.pdf", b"%PDF-1.4"), url="https://ncdd.gov.kh/x"
    )
    document = Document(
        slug="both",
        title_km="ក",
        title_en="A",
        url="https://ncdd.gov.kh/x",
        file="documents/x.pdf",
    )

    assert not form.is_valid()
    with pytest.raises(ValidationError):
        document.full_clean()


def test_the_secretariat_attaches_a_file_in_the_admin(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    admin = get_user_model().objects.create_superuser(
        username="ncdd-admin", password="not-a-real-password-1"
    )
    client.force_login(admin)
    plan = Document.objects.get(slug="sa-strategic-plan")
    url = f"/admin/portal/document/{plan.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields and name != "file"
    }

    response = client.post(
        url, {**data, "file": SimpleUploadedFile("plan.pdf", b"%PDF-1.7 plan")}
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    plan.refresh_from_db()
    assert plan.file.name.startswith("documents/plan")
    assert plan.title_km.startswith("ផែនការយុទ្ធសាស្ត្រ")
