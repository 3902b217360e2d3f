"""Reads for the portal's own pages: the programme's document library."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import get_language

from isaf.khmer import to_khmer_digits

from .models import Document


@dataclass
class DocumentRow:
    """A document as the library page shows it, in the page's language."""

    document: Document
    title: str
    other_title: str
    other_lang: str
    year: str
    link: str
    file_kind: str
    in_other_language: bool


@dataclass
class DocumentGroup:
    category: str
    label: str
    rows: list[DocumentRow] = field(default_factory=list)


def page_language() -> str:
    return "en" if (get_language() or "km").startswith("en") else "km"


def _year_text(year: int | None, lang: str) -> str:
    # A year is a name, not a quantity: never grouped (2017, not 2,017).
    if year is None:
        return ""
    return to_khmer_digits(str(year)) if lang == "km" else str(year)


def _file_kind(document: Document) -> str:
    if not document.file:
        return ""
    name = document.file.name
    return name.rsplit(".", 1)[-1].upper() if "." in name else ""


def document_library(*, category: str = "") -> list[DocumentGroup]:
    """The library grouped by category, in the categories' reading order.

    An unknown category shows the whole library rather than an empty page. One
    query, whatever the number of documents.
    """
    lang = page_language()
    other = "en" if lang == "km" else "km"
    documents = Document.objects.order_by("position", "slug")
    if category in Document.Category.values:
        documents = documents.filter(category=category)
    groups = {
        value: DocumentGroup(category=value, label=label)
        for value, label in Document.Category.choices
    }
    for document in documents:
        groups[document.category].rows.append(
            DocumentRow(
                document=document,
                title=getattr(document, f"title_{lang}") or document.title,
                other_title=getattr(document, f"title_{other}") or "",
                other_lang=other,
                year=_year_text(document.year, lang),
                link=document.link,
                file_kind=_file_kind(document),
                in_other_language=document.language != lang,
            )
        )
    return [group for group in groups.values() if group.rows]


def document_counts_by_category() -> dict[str, int]:
    """How many documents each category holds, for the filter links."""
    rows = Document.objects.values("category").annotate(n=Count("id")).order_by()
    return {row["category"]: row["n"] for row in rows}
