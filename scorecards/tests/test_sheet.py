"""The printable blank scoring sheet: paper size, fonts, Khmer that renders and
wraps, what is on it, and who may print it.

PDFs are checked with poppler's tools and WeasyPrint's layout boxes, never by
text extracted from a PDF (that scrambles Khmer); what the sheet says is checked
in the HTML that WeasyPrint receives.
"""

import datetime
import re
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from weasyprint.formatting_structure import boxes

from communes.models import Role
from communes.tests import factories as cf
from isaf.formatting import format_date
from isaf.pdf import html_to_document, html_to_pdf, render_html
from isaf.qr import qr_svg
from isaf.tests.test_pdf import (
    assert_the_bundled_font_is_embedded_with_no_dotted_circle,
    widest_text_edge,
)
from printing.models import PrintJob
from printing.registry import document_get
from printing.services import print_job_request
from printing.tests.helpers import pdf_info, press_print
from scorecards import services
from scorecards.models import LibraryIndicator, Scorecard
from scorecards.posters import SHEET
from scorecards.services import IndicatorChoice

from .steps import choose_indicators, self_assessment

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
SCALE_KM = ("មិនពេញចិត្តខ្លាំង", "មិនពេញចិត្ត", "ទទួលយកបាន", "ពេញចិត្ត", "ពេញចិត្តខ្លាំង")
PROPOSED_ONLY = "ផ្លូវទៅមណ្ឌលសុខភាពខូច"
ON_THE_DAY = "គ្រូពេទ្យនិយាយគួរសមជាមួយអ្នកជំងឺ"


def scorecard_with(world, *, choices=None, facilitator_name="សុខ ចន្ថា") -> Scorecard:
    """A women's scorecard of the covered health centre, through the services:
    three library indicators and one written on the day selected, one proposed
    but not selected (unless ``choices`` says otherwise)."""
    caf = cf.CAFFactory(name=facilitator_name, organisation=world.organisation)
    scorecard = services.scorecard_create(
        user=world.facilitator,
        provider=world.health_centre,
        cycle=world.cycle,
        kind=Scorecard.Kind.COMMUNITY,
        group=Scorecard.Group.WOMEN,
        held_on=TODAY,
        village=world.village,
        facilitators=[caf],
    )
    if choices is None:
        library = LibraryIndicator.objects.filter(provider_kind="health_centre")[:3]
        choices = [IndicatorChoice(library_indicator_id=i.pk) for i in library]
        choices += [
            IndicatorChoice(custom_name=ON_THE_DAY),
            IndicatorChoice(custom_name=PROPOSED_ONLY, is_selected=False),
        ]
    choose_indicators(world, scorecard, choices)
    return scorecard


def sheet_html(scorecard, lang: str, **kwargs) -> str:
    source = document_get(SHEET).source(str(scorecard.pk), lang)
    return render_html(
        template=source.template, context=source.context, lang=lang, **kwargs
    )


def write_pdf(tmp_path: Path, scorecard, lang: str) -> tuple[Path, bytes]:
    pdf = html_to_pdf(sheet_html(scorecard, lang))
    path = tmp_path / f"sheet-{scorecard.pk}-{lang}.pdf"
    path.write_bytes(pdf)
    return path, pdf


def score_rows(html: str) -> list[str]:
    body = html.split('<table class="scores">', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr[ >].*?</tr>", body.split("<tbody>", 1)[1], re.S)


# The PDF ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["km", "en"])
def test_the_sheet_is_printed_on_a4_landscape(tmp_path, world, lang):
    path, _pdf = write_pdf(tmp_path, scorecard_with(world), lang)
    info = pdf_info(path)
    assert info["width_mm"] == pytest.approx(297, abs=0.5)
    assert info["height_mm"] == pytest.approx(210, abs=0.5)
    # Four indicators and three blank rows, the participants and the remarks
    # do not fit one landscape page with room to write; two pages do.
    assert 1 <= info["pages"] <= 3


# The page number between spaces, in the page's digits: "១/២", "1/2".
PAGE_NUMBER = {"km": r"(?<!\S)១\s*/\s*[១-៩](?!\S)", "en": r"(?<!\S)1\s*/\s*[1-9](?!\S)"}


@pytest.mark.parametrize("lang", ["km", "en"])
def test_the_sheet_numbers_its_pages_in_its_digits(tmp_path, world, lang):
    path, _pdf = write_pdf(tmp_path, scorecard_with(world), lang)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True
    ).stdout
    assert re.search(PAGE_NUMBER[lang], text)


def test_the_bundled_font_is_embedded_and_no_glyph_is_a_dotted_circle(tmp_path, world):
    path, pdf = write_pdf(tmp_path, scorecard_with(world), "km")
    assert_the_bundled_font_is_embedded_with_no_dotted_circle(path, pdf)


# Written without spaces, as Khmer is: only the inserted word breaks let it wrap.
LONG_KHMER = ("ការផ្គត់ផ្គង់ថ្នាំពេទ្យនិងសម្ភារៈពេទ្យគ្រប់គ្រាន់" * 6)[:290]


def name_column_overflow(html: str) -> float:
    """How far (in CSS px) the indicators' text runs past the left edge of the
    first score column, on page 1: zero or less means it stays in its column."""
    page = html_to_document(html).pages[0]._page_box
    text_right = 0.0
    tally_left = None
    for box in page.descendants():
        element = getattr(box, "element", None)
        classes = (element.get("class") or "").split() if element is not None else []
        if isinstance(box, boxes.TextBox) and "name" in classes:
            text_right = max(text_right, box.position_x + box.width)
        elif isinstance(box, boxes.TableCellBox) and "tally" in classes:
            left = box.position_x
            tally_left = left if tally_left is None else min(tally_left, left)
    assert tally_left is not None and text_right > 0
    return text_right - tally_left


def test_a_long_khmer_indicator_wraps_inside_its_column(world):
    scorecard = scorecard_with(world, choices=[IndicatorChoice(custom_name=LONG_KHMER)])
    html = sheet_html(scorecard, "km")
    assert name_column_overflow(html) <= 0
    edge, content_right = widest_text_edge(html_to_document(html))
    assert edge <= content_right + 0.5


def test_without_word_breaks_the_same_indicator_runs_out_of_its_column(world):
    """The control for the test above: Pango alone does not break Khmer."""
    scorecard = scorecard_with(world, choices=[IndicatorChoice(custom_name=LONG_KHMER)])
    html = sheet_html(scorecard, "km", word_breaks=False)
    assert name_column_overflow(html) > 50


# What is on it ---------------------------------------------------------------


def test_it_lists_the_selected_indicators_and_rows_to_write_new_ones(world):
    scorecard = scorecard_with(world)
    with translation.override("en"):
        html = sheet_html(scorecard, "en", word_breaks=False)
        selected = [i for i in scorecard.indicators.all() if i.is_selected]
        names = [i.name for i in selected]
    assert len(selected) == 4
    for name in names:
        assert name in html
    assert PROPOSED_ONLY not in html
    rows = score_rows(html)
    blank = [row for row in rows if 'class="blank"' in row]
    assert len(rows) == 8
    assert len(blank) == 4  # up to eight rows in all, never fewer than three blank
    # Each printed indicator carries the number that the spreadsheet template
    # shows, so the tallies are typed into the right row later.
    for indicator in selected:
        assert f"#{indicator.pk}<" in html


def test_with_none_selected_yet_it_lists_the_proposed_ones(world):
    scorecard = scorecard_with(
        world,
        choices=[
            IndicatorChoice(custom_name=PROPOSED_ONLY, is_selected=False),
            IndicatorChoice(custom_name=ON_THE_DAY, is_selected=False),
        ],
    )
    html = sheet_html(scorecard, "km", word_breaks=False)
    assert PROPOSED_ONLY in html
    assert ON_THE_DAY in html
    # Unselected indicators have no row in the spreadsheet: no number to copy.
    assert 'class="ref"' not in html


def test_every_row_has_the_five_faces_words_and_a_box_for_each_count(world):
    scorecard = scorecard_with(world)
    html = sheet_html(scorecard, "km", word_breaks=False)
    head = html.split('<table class="scores">', 1)[1].split("</thead>", 1)[0]
    assert head.count('<svg class="face"') == 5
    for digit, word in zip("១២៣៤៥", SCALE_KM, strict=True):
        assert (
            f'<span class="level">{digit}</span><span class="word">{word}</span>'
            in head
        )
    for row in score_rows(html):
        # Five scores and the row's total, each with its box.
        assert row.count('class="count"') == 6


def test_the_header_names_the_meeting_and_has_a_box_for_each_kind_of_participant(
    world,
):
    scorecard = scorecard_with(world, facilitator_name="Sok Chantha")
    html = sheet_html(scorecard, "en", word_breaks=False)
    header = html.split('<header class="sheet-header">', 1)[1].split("</header>")[0]
    with translation.override("en"):
        assert world.health_centre.name in header
    assert world.village.name_latin in header
    assert "Sok Chantha" in header
    assert re.search(r"Group</th>\s*<td>Women</td>", header)
    assert format_date(TODAY, lang="en") in header
    for label in (
        "Women",
        "Men",
        "Youth",
        "Persons with disabilities",
        "Ethnic minorities",
        "ID-Poor card holders",
    ):
        assert f'<th scope="col">{label}</th>' in header
    assert header.count('<td class="box"></td>') == 7


def test_the_footer_gives_the_scorecards_address_and_its_qr_code(world):
    scorecard = scorecard_with(world)
    html = sheet_html(scorecard, "km", word_breaks=False)
    footer = html.split('<footer class="sheet-footer">', 1)[1].split("</footer>")[0]
    entry = f"http://127.0.0.1:8000/km/workspace/scorecards/{scorecard.pk}/"
    public = f"http://127.0.0.1:8000/km/scorecards/{scorecard.pk}/"
    assert entry in footer
    assert public in footer
    assert str(qr_svg(entry)) in footer


def test_a_self_assessment_sheet_says_so(world):
    scorecard_with(world)
    own = self_assessment(world, held_on=TODAY)
    html = sheet_html(own, "en", word_breaks=False)
    assert "Service provider self-assessment: scoring sheet" in html
    assert "Community scorecard: scoring sheet" not in html
    assert ON_THE_DAY in html  # copied from the community groups' selection


# Who may print it ------------------------------------------------------------


def outside_facilitator(world):
    """A facilitator whose organisation covers another district this cycle."""
    organisation = cf.OrganisationFactory()
    cf.CoverageFactory(
        organisation=organisation,
        district=cf.DistrictFactory(province=world.province, code="1105"),
        cycle=world.cycle,
    )
    return cf.user_with_role(
        "fac-elsewhere", kind=Role.Kind.FACILITATOR, organisation=organisation
    )


def test_a_facilitator_outside_coverage_cannot_request_it(world):
    scorecard = scorecard_with(world)
    with pytest.raises(PermissionDenied):
        print_job_request(
            user=outside_facilitator(world),
            document=SHEET,
            target=str(scorecard.pk),
            lang="km",
        )
    assert not PrintJob.objects.exists()


def test_an_outside_facilitator_editing_the_form_gets_404_and_no_job(client, world):
    scorecard = scorecard_with(world)
    client.force_login(outside_facilitator(world))
    response = press_print(client, SHEET, scorecard.pk, "km")
    assert response.status_code == 404
    assert not PrintJob.objects.exists()


def test_only_those_who_record_the_scorecard_may_print_its_sheet(world):
    scorecard = scorecard_with(world)
    spec = document_get(SHEET)
    assert spec.can_request(world.facilitator, str(scorecard.pk))
    assert not spec.can_request(world.councillor, str(scorecard.pk))
    assert not spec.can_request(world.reviewer, str(scorecard.pk))
    assert not spec.can_request(AnonymousUser(), str(scorecard.pk))
    assert not spec.can_request(world.facilitator, "999999")
    assert not spec.can_request(world.facilitator, "not-a-number")


# Through the print pipeline --------------------------------------------------


def test_the_facilitator_presses_print_on_the_summary_and_downloads_the_pdf(
    client, world, eager
):
    scorecard = scorecard_with(world)
    client.force_login(world.facilitator)
    overview = client.get(reverse("scorecards:overview", args=[scorecard.pk]))
    assert overview.status_code == 200
    page = overview.content.decode()
    assert f'value="{SHEET}"' in page
    assert reverse("printing:request") in page
    # The buttons are headed for what they print here, not "posters".
    assert "បោះពុម្ពសម្រាប់កិច្ចប្រជុំនៅភូមិ</h2>" in page

    with eager():
        response = press_print(client, SHEET, scorecard.pk, "km")
    job = PrintJob.objects.get()
    assert response.status_code == 302
    assert job.status == PrintJob.Status.DONE, job.error
    pdf = client.get(reverse("printing:job-download", args=[job.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert f"isaf-scoring-sheet-{scorecard.pk}-" in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_reviewer_sees_the_summary_without_the_print_button(client, world):
    scorecard = scorecard_with(world)
    client.force_login(world.reviewer)
    response = client.get(reverse("scorecards:overview", args=[scorecard.pk]))
    assert response.status_code == 200
    assert SHEET not in response.content.decode()


@pytest.mark.parametrize("lang", ["km", "en"])
def test_no_text_on_the_sheet_is_smaller_than_9_pt(world, lang):
    """It is read in a village hall, often by older people: every piece of text,
    footer and page number included, is at least 9 pt (12 CSS px)."""
    document = html_to_document(sheet_html(scorecard_with(world), lang))
    sizes = {
        box.style["font_size"]
        for page in document.pages
        for box in page._page_box.descendants()
        if isinstance(box, boxes.TextBox) and box.text.strip()
    }
    assert sizes
    assert min(sizes) >= 12 - 0.01, sorted(sizes)[:5]
