"""What a reader sees on a Khmer page, and the Latin left in it.

The crawler tests (tests/test_khmer_pages.py) read every page kind through this
module. A Khmer page may carry Latin digits and Latin words only where they are
not text to read but identifiers, which the page marks as HTML intends:

- an element with `translate="no"` (codes, URLs, e-mail addresses, file names:
  the HTML standard's "do not translate this"), or a `<code>`, `<kbd>`, `<samp>`;
- an element whose `lang` is not Khmer (the language switcher's «English»);
- what is not text: attribute values such as href and src, `<input>` values and
  `<textarea>` contents (what a user typed, shown back as typed), scripts and
  styles;
- a URL or an e-mail address written in the text (`https://…`, `name@host`);
- the acronyms in ACRONYMS, which are written in Latin in Khmer too (I4C, JAAP,
  CSV…), paper sizes (A3) and a file name's extension (.xlsx);
- proper names given in Latin (`names`: the gazetteer's romanised place names,
  organisations' names and acronyms), as whole runs of Latin words.

Visible text includes the title and the attributes that people read or hear:
`alt`, `placeholder`, `title` and `aria-label`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Written in Latin on Khmer pages too, as the programme's documents do.
ACRONYMS = frozenset(
    {
        "I4C",
        "I-SAF",
        "ISAF",
        "JAAP",
        "CAF",
        "CAFs",
        "CSC",
        "NCDD",
        "NCDD-S",
        "CSV",
        "JSON",
        "PDF",
        "XLSX",
        "ZIP",
        "Excel",
        "JavaScript",
        "Telegram",
        "QR",
        "ID",
        "ID-Poor",
        "MPA",
        "HEF",
        "SMS",
        "IP",
        "JPEG",
        "PNG",
        "WebP",
        "MB",
        "A2",
        "A3",
        "A4",
        "A5",
        # The gazetteer credited in every page's footer.
        "pumi",
    }
)
SKIPPED = {"script", "style", "template", "textarea"}
EXEMPT = {"code", "kbd", "samp"}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
READ_ATTRIBUTES = ("alt", "placeholder", "title", "aria-label")
URL_OR_EMAIL = re.compile(
    r"[a-z][a-z0-9+.-]*://\S+"  # https://…
    r"|\S+@\S+\.\S+"  # name@host.kh
    r"|\b(?:[a-z0-9-]+\.)+(?:kh|org|com|net|int)\b\S*"  # data.mef.gov.kh
    r"|(?<!\S)/[\w./-]+"  # /km/printing/
    r"|(?<![\w.])\.(?:csv|json|pdf|xlsx|zip)\b"  # a file name's extension
)
LATIN_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'’-]*[A-Za-z0-9])?")
LATIN_DIGIT = re.compile(r"[0-9]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’ -]*[A-Za-z0-9]")


@dataclass
class _Frame:
    tag: str
    exempt: bool
    skipped: bool


@dataclass
class _Reader(HTMLParser):
    chunks: list[str] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=list)

    def __post_init__(self):
        super().__init__(convert_charrefs=True)

    @property
    def _exempt(self) -> bool:
        return bool(self.stack) and self.stack[-1].exempt

    @property
    def _skipped(self) -> bool:
        return bool(self.stack) and self.stack[-1].skipped

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = (attributes.get("lang") or "km").split("-")[0]
        exempt = (
            self._exempt
            or tag in EXEMPT
            or attributes.get("translate") == "no"
            or lang != "km"
        )
        skipped = self._skipped or tag in SKIPPED
        if not (exempt or skipped):
            if attributes.get("type") in ("submit", "button") and tag == "input":
                self.chunks.append(attributes.get("value") or "")
            for name in READ_ATTRIBUTES:
                if attributes.get(name):
                    self.chunks.append(attributes[name])
        if tag not in VOID:
            self.stack.append(_Frame(tag, exempt, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        # Pop to the matching element; HTML lets some end tags be left out.
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not (self._exempt or self._skipped):
            self.chunks.append(data)


def visible_text(html: str) -> list[str]:
    """The pieces of text a reader sees or hears, outside exempt elements."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return [" ".join(chunk.split()) for chunk in reader.chunks if chunk.strip()]


def _tokens(text: str) -> list[str]:
    return LATIN_TOKEN.findall(URL_OR_EMAIL.sub(" ", text))


def _without_names(text: str, names) -> str:
    return LATIN_RUN.sub(
        lambda run: " " if run.group().strip() in names else run.group(), text
    )


def latin_digits(html: str, *, names=frozenset()) -> list[str]:
    """Each piece of visible text that holds a Latin digit outside an exemption."""
    found = []
    for text in visible_text(html):
        text = _without_names(text, names)
        tokens = [
            t for t in _tokens(text) if t not in ACRONYMS and LATIN_DIGIT.search(t)
        ]
        if tokens:
            found.append(text)
    return found


def english_words(html: str, *, names=frozenset()) -> list[str]:
    """Each Latin word of two letters or more left in visible text.

    A run of Latin words that is exactly one of `names` (the gazetteer's
    romanised place names, organisations' names and acronyms) is a name, not
    English, and is left alone.
    """
    found = []
    for text in visible_text(html):
        text = _without_names(text, names)
        for token in _tokens(text):
            if token in ACRONYMS:
                continue
            if LATIN_WORD.search(token):
                found.append(f"{token} «{text[:80]}»")
    return found


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


# Links that are files or actions rather than pages to read.
NOT_PAGES = re.compile(
    r"\.(pdf|csv|json|xlsx|zip|png|svg)$|/download/|/evidence|/logout/|/zip/|"
    r"/static/|/media/"
)


def page_kind(path: str) -> str:
    """A page's address with its numbers and codes folded: one kind of page."""
    return re.sub(r"[0-9០-៩]+", "N", path)


def proper_names(names) -> set[str]:
    """The runs of Latin words in each of `names`, as the checks compare them."""
    return {run.strip() for name in names if name for run in LATIN_RUN.findall(name)}


def crawl(get, seeds, *, prefix="/km/", per_kind=2, limit=250):
    """Visit the seeds and every page they link to under `prefix`.

    `get(path)` returns (status, content type, html). Each kind of page (see
    page_kind) is visited at most `per_kind` times. Yields (path, html).
    """
    queue = list(seeds)
    seen: set[str] = set()
    kinds: dict[str, int] = {}
    while queue and len(seen) < limit:
        path = queue.pop(0).split("#")[0]
        if path in seen:
            continue
        kind = page_kind(path.split("?")[0])
        if kinds.get(kind, 0) >= per_kind and path not in seeds:
            continue
        seen.add(path)
        kinds[kind] = kinds.get(kind, 0) + 1
        status, content_type, html = get(path)
        if status != 200 or "text/html" not in content_type:
            continue
        yield path, html
        links = _Links()
        links.feed(html)
        for href in links.hrefs:
            if href.startswith(prefix) and not NOT_PAGES.search(href.split("?")[0]):
                queue.append(href)
