"""The release a process runs: one number for the code, templates, catalogues and
static files that shape what a page looks like.

Stored public pages (`isaf.pages`) are rendered once and served as bytes; they
name the static files by their hashed names (`site.<hash>.css`). After a deploy
that changed any of those files, a page stored before it would keep the old
wording and point at a stylesheet that no longer exists. `isaf.pages` compares
this number with the one its pages were stored under and forgets them when it
moved (at `migrate`, which every deploy runs, and in `render_public_pages`).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings

# What a page is made of; tests and data fixtures are not.
SHAPING = {".py", ".html", ".txt", ".po", ".css", ".js", ".svg", ".woff2", ".json"}
SKIPPED_DIRS = {"tests", "__pycache__", "node_modules", ".venv"}


def _files(root: Path):
    for path in sorted(root.rglob("*")):
        if path.suffix in SHAPING and path.is_file():
            if not SKIPPED_DIRS.intersection(path.relative_to(root).parts):
                yield path


def fingerprint(roots: list[Path]) -> int:
    """A number that changes whenever a shaping file under these folders changes,
    appears or goes (63 bits, for a database integer)."""
    digest = hashlib.sha256()
    for root in roots:
        for path in _files(root):
            digest.update(str(path.relative_to(root.parent)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return int.from_bytes(digest.digest()[:8], "big") >> 1


def _roots() -> list[Path]:
    base = Path(settings.BASE_DIR).resolve()
    roots = {Path(config.path).resolve() for config in apps.get_app_configs()}
    roots = {root for root in roots if root.is_relative_to(base)}
    roots |= {Path(d).resolve() for d in settings.STATICFILES_DIRS}
    roots |= {Path(d).resolve() for d in settings.LOCALE_PATHS}
    for engine in settings.TEMPLATES:
        roots |= {Path(d).resolve() for d in engine.get("DIRS", [])}
    return sorted(root for root in roots if root.is_dir())


@functools.cache
def release_number() -> int:
    """This process's release (computed once: the files do not change under it)."""
    return fingerprint(_roots())
