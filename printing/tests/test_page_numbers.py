"""The A5 booklet numbers its pages in the corner, in the page's digits; a
poster has no page number."""

import re
import subprocess

import pytest

from isaf.tests.test_pdf import write_pdf

# The page number between spaces: "១/១", "1/1" (pdftotext drops the spaces).
PAGE_NUMBER = {"km": r"(?<!\S)១\s*/\s*១(?!\S)", "en": r"(?<!\S)1\s*/\s*1(?!\S)"}


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True
    ).stdout


@pytest.mark.parametrize("lang", ["km", "en"])
def test_an_a5_page_is_numbered_in_the_pages_digits(tmp_path, lang):
    path = write_pdf(tmp_path, f"a5-{lang}", sheet="a5", lang=lang)
    assert re.search(PAGE_NUMBER[lang], pdf_text(path))


@pytest.mark.parametrize("lang", ["km", "en"])
def test_an_a3_poster_has_no_page_number(tmp_path, lang):
    path = write_pdf(tmp_path, f"a3-{lang}", sheet="a3", lang=lang)
    assert not re.search(PAGE_NUMBER[lang], pdf_text(path))
