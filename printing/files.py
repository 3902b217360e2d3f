"""Print files: named by what they show, written whole or not at all.

A PDF's name is the hash of its document, HTML and print styles, so an unchanged
package reuses its file, and a worker that dies mid-write leaves nothing that a
job would offer anyone.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage

# Bumped when the way a PDF is produced changes in a way the HTML does not show
# (WeasyPrint options, say), so that old files are not reused for new output.
RENDERER_VERSION = "1"


def _print_css_digest() -> str:
    path = finders.find("print/print.css")
    return hashlib.sha256(Path(path).read_bytes()).hexdigest() if path else ""


def content_hash(*, document: str, html: str) -> str:
    """What a PDF shows, as a hash: the document, its HTML and the print styles.

    The HTML carries every figure, name, label, the version and the QR code, so
    an unchanged package gives the same hash and reuses its existing file.
    """
    digest = hashlib.sha256()
    for part in (RENDERER_VERSION, document, _print_css_digest(), html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def file_name_for(*, document: str, digest: str) -> str:
    return f"printing/{document}/{digest}.pdf"


def file_save_whole(*, name: str, data: bytes) -> str:
    """Save ``data`` under ``name`` in the default storage, whole or not at all.

    Django's FileSystemStorage writes into the final name chunk by chunk, so a
    worker killed mid-write would leave a partial PDF that a later job would
    reuse. On local disk we therefore write a temporary file in a hidden folder
    of the same file system, flush it to disk and rename it into place, which is
    atomic. Object stores (S3 and the like) publish an object only once its
    upload is complete, so there the storage API is enough. The name is a
    content hash: if it exists, it already holds these bytes.
    """
    storage = default_storage
    if storage.exists(name):
        return name
    if isinstance(getattr(storage, "_wrapped", storage), FileSystemStorage):
        target = Path(storage.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(storage.path("printing/.partial"))
        scratch.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=scratch, suffix=".pdf")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return name
    return storage.save(name, ContentFile(data))


def partial_files_remove(*, older_than) -> None:
    """Delete the temporary files of writes that a dead worker never finished.

    They live in a hidden folder that no job points to, so they were never
    offered to anyone; this only gives the disk space back.
    """
    storage = default_storage
    if not isinstance(getattr(storage, "_wrapped", storage), FileSystemStorage):
        return
    scratch = Path(storage.path("printing/.partial"))
    if not scratch.is_dir():
        return
    limit = older_than.timestamp()
    for path in scratch.iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:
            pass
