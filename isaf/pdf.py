"""Rendering Django templates to PDF with WeasyPrint.

The one way the portal makes a PDF (posters, booklets)::

    pdf = render_pdf(template="print/poster.html", context={...}, lang="km")

A template is rendered to HTML in the requested language, U+200B is inserted at
Khmer word boundaries in its text (Pango does not break Khmer lines by itself, see
``isaf.khmer_segment``), and WeasyPrint lays it out. WeasyPrint fetches the
stylesheets, fonts and images that the HTML names through ``StaticFileFetcher``,
which reads our static files from disk and refuses everything else: a render never
touches the network, and a template cannot read arbitrary files.

The stages are public for the benchmark ("at most 1.3x a bare WeasyPrint render of
the same HTML") and for tests that inspect the layout::

    html = render_html(template=..., context=..., lang=...)   # template + breaks
    pdf = html_to_pdf(html)                                    # WeasyPrint alone
    document = html_to_document(html)                          # boxes, pages
"""

import io
import logging
import mimetypes
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from fontTools.ttLib import woff2
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from isaf.khmer_segment import insert_word_breaks_html

logger = logging.getLogger(__name__)


class RefusedURL(ValueError):
    """A URL that a PDF may not fetch (network, arbitrary files)."""


@lru_cache(maxsize=512)
def _static_path(name: str) -> Path | None:
    """The file on disk behind a static name, as ``{% static %}`` would serve it.

    The finders cover development and tests (no collectstatic needed); STATIC_ROOT
    covers a production image where only collected files exist. Cached because
    static files do not move while a process runs and a batch renders hundreds of
    posters with the same fonts.
    """
    # Only relative names inside the static directories: no "..", no absolute
    # path, which Path(STATIC_ROOT) / name would otherwise follow anywhere.
    parts = PurePosixPath(name).parts
    if not parts or name.startswith(("/", "\\")) or ".." in parts:
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / name
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=32)
def _font_as_sfnt(path: Path, mtime_ns: int) -> bytes:
    """A WOFF2 font decoded to plain TrueType, once per process and file version.

    WeasyPrint decodes WOFF2 with fontTools in pure Python on every render, which
    took three quarters of an A3 poster's time (about 0.75 s for our four font
    files). The decoded font is the same font, so we decode it once and let every
    later render read the cached bytes; WeasyPrint recognises fonts by their
    bytes, not by the URL's extension.
    """
    out = io.BytesIO()
    woff2.decompress(io.BytesIO(path.read_bytes()), out)
    return out.getvalue()


class StaticFileFetcher(URLFetcher):
    """WeasyPrint URL fetcher that serves static files from disk and nothing else.

    ``data:`` URLs (inline images) are decoded as usual. A URL under STATIC_URL is
    read from disk (WOFF2 fonts come back decoded, see ``_font_as_sfnt``); if
    the file does not exist the render stops, because a poster without its font
    or stylesheet must fail loudly rather than print wrongly.
    Every other URL (http, file, ftp) is refused with a warning in the log.
    """

    def __init__(self, base_url: str):
        super().__init__(allowed_protocols={"data", "http", "https"})
        # STATIC_URL is a path on this site, or a full URL (a CDN); either way
        # this is where {% static %} points, and only that is served from disk.
        self._static_prefix = urljoin(base_url, settings.STATIC_URL)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        name = self._static_name(url)
        if name is None:
            raise RefusedURL(f"PDF rendering fetches only static files, not {url}")
        path = _static_path(name)
        if path is None:
            raise FatalURLFetchingError(f"Static file {name!r} not found for a PDF")
        if path.suffix == ".woff2":
            body = _font_as_sfnt(path, path.stat().st_mtime_ns)
            content_type = "font/ttf"
        else:
            body = path.read_bytes()
            content_type = mimetypes.guess_type(path.name)[0]
        return URLFetcherResponse(
            url,
            body,
            headers={"Content-Type": content_type or "application/octet-stream"},
        )

    def _static_name(self, url: str) -> str | None:
        if not url.startswith(self._static_prefix):
            return None
        return unquote(urlsplit(url[len(self._static_prefix) :]).path) or None


def _base_url(base_url: str | None) -> str:
    """Where relative URLs in the HTML resolve: the public site by default."""
    return base_url or settings.SITE_URL.rstrip("/") + "/"


def render_html(
    *, template: str, context: dict, lang: str, word_breaks: bool = True
) -> str:
    """The HTML that WeasyPrint receives: the template in ``lang``, with U+200B at
    Khmer word boundaries unless ``word_breaks`` is False (tests use that to show
    what happens without them).
    """
    with translation.override(lang):
        html = render_to_string(template, context)
    if word_breaks:
        html = insert_word_breaks_html(html)
    return html


def html_to_document(html: str, *, base_url: str | None = None):
    """WeasyPrint's laid-out ``Document`` for ``html`` (pages and their boxes)."""
    base_url = _base_url(base_url)
    # @font-face fonts live in a FontConfiguration; a fresh one per document keeps
    # a long-lived worker from accumulating fonts across thousands of renders.
    font_config = FontConfiguration()
    return HTML(
        string=html, base_url=base_url, url_fetcher=StaticFileFetcher(base_url)
    ).render(font_config=font_config)


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """WeasyPrint alone: ``html`` as PDF bytes, fetching only static files."""
    return html_to_document(html, base_url=base_url).write_pdf()


def render_pdf(
    *, template: str, context: dict, lang: str, base_url: str | None = None
) -> bytes:
    """A Django template as PDF bytes, in ``lang``, with Khmer lines that wrap."""
    html = render_html(template=template, context=context, lang=lang)
    return html_to_pdf(html, base_url=base_url)
