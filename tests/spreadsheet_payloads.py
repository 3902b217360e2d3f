"""Cells a spreadsheet program would run as formulas: every export must neutralise
them (a leading apostrophe), whichever writer and whichever column they reach."""

FORMULAS = [
    "=1+1",
    "+SUM(1)",
    "@x",
    "-2+3",
    '=HYPERLINK("http://x","y")',
    "\t=1+1",
    "\r=1+1",
]


# Hostile uploads: built here so that every importer is tested against the same ones.

import functools  # noqa: E402
import io  # noqa: E402
import zipfile  # noqa: E402

MB = 1024 * 1024


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


@functools.cache
def zip_bomb(unzipped_mb: int = 900) -> bytes:
    """An .xlsx-looking zip under 1 MB whose sheet unzips to `unzipped_mb` MB
    (the real upload that once exhausted the server: 1.75 MB to 900 MB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b"<worksheet><sheetData>")
            chunk = b" " * MB
            for _ in range(unzipped_mb):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def too_many_members(count: int = 500) -> bytes:
    return _zip({f"xl/media/image{i}.bin": b"x" for i in range(count)})


def truncated(xlsx: bytes, member: str = "xl/worksheets/sheet1.xml") -> bytes:
    """A valid workbook whose sheet's XML is cut in the middle (a broken upload)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    members = {info.filename: source.read(info) for info in source.infolist()}
    members[member] = members[member][: len(members[member]) // 2]
    return _zip(members)


def with_dimension(xlsx: bytes, ref: str, member="xl/worksheets/sheet1.xml") -> bytes:
    """A workbook whose sheet claims another size (`A1:ZZ90000`)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    members = {info.filename: source.read(info) for info in source.infolist()}
    xml = members[member]
    if b"<dimension" in xml:
        start = xml.index(b"<dimension")
        end = xml.index(b"/>", start) + 2
        xml = xml[:start] + f'<dimension ref="{ref}"/>'.encode() + xml[end:]
    else:
        xml = xml.replace(b"<sheetData", f'<dimension ref="{ref}"/><sheetData'.encode())
    members[member] = xml
    return _zip(members)
