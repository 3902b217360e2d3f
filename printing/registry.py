"""Which documents can be printed, and how: the apps register, printing renders.

`printing` must not import the apps whose documents it prints (i4c, scorecards):
they stand on it. So each app describes its documents here, from its own
``<app>/posters.py`` module, which `printing.apps` imports at start-up the way
the admin finds ``admin.py`` modules::

    document_register(
        PrintDocument(
            key="i4c.commune_a3",
            label=_("Commune poster, A3"),
            target_kind="i4c.package",
            source=commune_poster_a3,          # (target, lang) -> PrintSource
            can_request=can_request_package,   # (user, target) -> bool
            targets=commune_packages_in,       # (scope, code) -> [target, ...]
            applies=is_commune_package,        # (target) -> bool, for buttons
        )
    )
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class PublicKey:
    """Where a published document sits at its public address: the commune's or
    provider's code, the fiscal year and the published version it shows."""

    code: str
    year: int
    version: int


@dataclass(frozen=True)
class PrintSource:
    """What to render for one target: a print template, its context, and the name
    a person downloading the PDF will see. A document that citizens download from
    a board also says which public address it answers (`public`)."""

    template: str
    context: dict
    filename: str
    title: str = ""
    public: PublicKey | None = None
    # Pages the document must hold on (a poster: 1); 0 for no limit. See
    # printing.fitting.
    fit_pages: int = 0


@dataclass(frozen=True)
class PrintDocument:
    key: str
    label: Promise | str
    target_kind: str
    source: Callable[[str, str], PrintSource]
    can_request: Callable[[object, str], bool]
    targets: Callable[[str, str], list[str]] | None = None
    applies: Callable[[str], bool] = field(default=lambda target: True)


class UnknownDocument(KeyError):
    pass


class TargetGone(LookupError):
    """The target of a job no longer exists or is no longer published."""


_documents: dict[str, PrintDocument] = {}


def document_register(document: PrintDocument) -> None:
    """Register (or replace, so that re-importing a module is harmless) a document."""
    _documents[document.key] = document


def document_get(key: str) -> PrintDocument:
    try:
        return _documents[key]
    except KeyError:
        raise UnknownDocument(key) from None


def documents_all() -> list[PrintDocument]:
    return list(_documents.values())


def documents_for(target_kind: str) -> list[PrintDocument]:
    return [d for d in _documents.values() if d.target_kind == target_kind]


def documents_for_batches() -> list[PrintDocument]:
    return [d for d in _documents.values() if d.targets is not None]
