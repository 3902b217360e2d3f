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
import re  # noqa: E402
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


def _members(xlsx: bytes) -> dict[str, bytes]:
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    return {info.filename: source.read(info) for info in source.infolist()}


def _sheet_member(members: dict[str, bytes]) -> str:
    return min(n for n in members if n.startswith("xl/worksheets/sheet"))


def _replace_sheet_data(xlsx: bytes, rows_xml, member: str | None = None) -> bytes:
    """The workbook with its first sheet's rows replaced by `rows_xml` (bytes,
    or an iterable of chunks streamed into the zip), and no dimension."""
    members = _members(xlsx)
    member = member or _sheet_member(members)
    xml = members[member]
    xml = re.sub(rb"<dimension [^>]*/>", b"", xml)
    head = xml[: xml.index(b"<sheetData")] + b"<sheetData>"
    tail_at = xml.find(b"</sheetData>")
    tail = xml[tail_at:] if tail_at >= 0 else b"</sheetData></worksheet>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name, data in members.items():
            if name != member:
                z.writestr(name, data)
        with z.open(member, "w", force_zip64=True) as sheet:
            sheet.write(head)
            for chunk in [rows_xml] if isinstance(rows_xml, bytes) else rows_xml:
                sheet.write(chunk)
            sheet.write(tail)
    return buffer.getvalue()


def many_rows(xlsx: bytes, count: int = 1_000_000) -> bytes:
    """A sheet of `count` rows that declares no dimension: only counting finds them."""

    def chunks():
        for start in range(1, count + 1, 10_000):
            stop = min(start + 10_000, count + 1)
            yield b"".join(
                b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i)
                for i in range(start, stop)
            )

    return _replace_sheet_data(xlsx, chunks())


def wide_rows(xlsx: bytes, count: int = 5_000) -> bytes:
    """`count` rows each holding one empty cell in the last column (XFD), so that
    a reader pads every row to 16,384 cells; no dimension declared."""
    return _replace_sheet_data(
        xlsx,
        b"".join(b'<row r="%d"><c r="XFD%d"/></row>' % (i, i) for i in range(1, count)),
    )


def many_columns(xlsx: bytes, columns: int = 16_384) -> bytes:
    """One row with a value in each of `columns` columns; no dimension declared."""
    from openpyxl.utils import get_column_letter

    return _replace_sheet_data(
        xlsx,
        b'<row r="1">'
        + b"".join(
            b'<c r="%s1"><v>1</v></c>' % get_column_letter(i).encode()
            for i in range(1, columns + 1)
        )
        + b"</row>",
    )


def shared_strings_bomb(xlsx: bytes, count: int = 3_000_000) -> bytes:
    """A shared-strings table of `count` distinct short strings, which a reader
    keeps whole in memory: it compresses too poorly to look like a bomb."""
    members = _members(xlsx)
    types = members["[Content_Types].xml"]
    if b"/xl/sharedStrings.xml" not in types:
        members["[Content_Types].xml"] = types.replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            b"</Types>",
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name, data in members.items():
            if name != "xl/sharedStrings.xml":
                z.writestr(name, data)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as table:
            table.write(
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                b'2006/main" count="%d" uniqueCount="%d">' % (count, count)
            )
            for start in range(0, count, 50_000):
                table.write(
                    b"".join(
                        b"<si><t>%x</t></si>" % (i * 2654435761 % 2**40)
                        for i in range(start, min(start + 50_000, count))
                    )
                )
            table.write(b"</sst>")
    return buffer.getvalue()


def declared_huge(xlsx: bytes, size: int = 5 * 1024**3) -> bytes:
    """The workbook whose zip directory claims its sheet unzips to `size` bytes."""
    members = _members(xlsx)
    member = _sheet_member(members)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if name == member:
                with z.open(info, "w", force_zip64=True) as handle:
                    handle.write(data)
            else:
                z.writestr(info, data)
        for info in z.infolist():
            if info.filename == member:
                info.file_size = size
    return buffer.getvalue()


def lying_size(xlsx: bytes, unzipped_mb: int = 200) -> bytes:
    """The workbook whose sheet claims 1 KB in the zip's directory but inflates
    to `unzipped_mb` MB: a reader must stop at the claim."""
    members = _members(xlsx)
    member = _sheet_member(members)
    data = members[member].replace(
        b"</worksheet>", b"<!--" + b" " * (unzipped_mb * MB) + b"--></worksheet>"
    )
    members[member] = data
    raw = _zip(members)
    archive = zipfile.ZipFile(io.BytesIO(raw))
    real = archive.getinfo(member).file_size
    # Patch the size in the local header and the central directory (both as
    # 4 little-endian bytes after CRC and compressed size).
    old = real.to_bytes(4, "little")
    return raw.replace(old, (1024).to_bytes(4, "little"))


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">'
        % (i, (b"&lol%s;" % (str(i - 1).encode() if i > 1 else b"")) * 10)
        for i in range(1, 10)
    )
    + b"]>\n"
)


def entity_bomb(xlsx: bytes, member: str | None = None) -> bytes:
    """The workbook with a billion-laughs entity expansion in one XML part (the
    first sheet unless named): a parser that expands it needs gigabytes."""
    members = _members(xlsx)
    member = member or _sheet_member(members)
    xml = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", members[member])
    root_end = xml.index(b">") + 1
    if member.startswith("xl/worksheets/"):
        xml = xml.replace(
            b"<sheetData>",
            b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is>'
            b"</c></row>",
            1,
        ).replace(
            b"<sheetData/>",
            b'<sheetData><row r="1"><c r="A1" t="inlineStr">'
            b"<is><t>&lol9;</t></is></c></row></sheetData>",
            1,
        )
    else:
        xml = xml[:root_end] + b"<!-- &lol9; -->" + xml[root_end:]
    members[member] = BILLION_LAUGHS + xml
    return _zip(members)


def with_macros(xlsx: bytes) -> bytes:
    """The workbook saved as a macro-enabled .xlsm: a VBA project inside."""
    members = _members(xlsx)
    members["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    members["[Content_Types].xml"] = (
        members["[Content_Types].xml"]
        .replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )
        .replace(
            b"</Types>",
            b'<Default Extension="bin" '
            b'ContentType="application/vnd.ms-office.vbaProject"/>'
            b"</Types>",
        )
    )
    return _zip(members)


def with_raw_cell(xlsx: bytes, cell_xml: bytes, member: str | None = None) -> bytes:
    """The workbook with `cell_xml` (e.g. b'<c r="C3"><v>1</v></c>') written
    into its first sheet as the last row's cell, as raw XML: for values no
    spreadsheet library would write (NUL, 5,000 digits)."""
    members = _members(xlsx)
    member = member or _sheet_member(members)
    xml = members[member]
    xml = xml.replace(
        b"</sheetData>", b'<row r="9999">' + cell_xml + b"</row></sheetData>"
    )
    xml = xml.replace(
        b"<sheetData/>", b'<sheetData><row r="9999">' + cell_xml + b"</row></sheetData>"
    )
    members[member] = xml
    return _zip(members)


def cut(xlsx: bytes) -> bytes:
    """The file cut in the middle, as an interrupted upload leaves it."""
    return xlsx[: len(xlsx) // 2]


KHMER = re.compile("[\u1780-\u17ff]")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200


@functools.cache
def hostile_files(base: bytes, sheet: str) -> dict[str, tuple[str, bytes]]:
    """Every hostile file, built on a real template `base` (so that only the
    hostility differs from a good upload) and its data sheet's part `sheet`
    (`xl/worksheets/sheet2.xml`): case name -> (file name, bytes). Each must be
    refused with a translated reason, no 500 and nothing imported."""
    return {
        "zip bomb 900 MB": ("bomb.xlsx", zip_bomb(900)),
        "sheet declared 5 GB": ("huge.xlsx", declared_huge(base)),
        "sheet lying about its size": ("lying.xlsx", lying_size(base, 100)),
        "shared-strings bomb": ("strings.xlsx", shared_strings_bomb(base, 250_000)),
        "30,000 rows, no dimension": ("rows.xlsx", many_rows(base, 30_000)),
        "rows padded to column XFD": ("wide.xlsx", wide_rows(base, 5_000)),
        "16,384 columns": ("columns.xlsx", many_columns(base)),
        "dimension A1:XFD1048576": (
            "dimension.xlsx",
            with_dimension(base, "A1:XFD1048576"),
        ),
        "billion laughs in a sheet": ("laughs.xlsx", entity_bomb(base, sheet)),
        "billion laughs in workbook.xml": (
            "laughs2.xlsx",
            entity_bomb(base, "xl/workbook.xml"),
        ),
        "billion laughs in styles.xml": (
            "laughs3.xlsx",
            entity_bomb(base, "xl/styles.xml"),
        ),
        "truncated sheet1.xml": ("truncated.xlsx", truncated(base, sheet)),
        "zip cut in the middle": ("cut.xlsx", cut(base)),
        "HTML named .xlsx": ("page.xlsx", b"<html><script>alert(1)</script></html>"),
        "CSV named .xlsx": ("data.xlsx", "\ufeffcode,amount\nC110401,១២\n".encode()),
        "JPEG named .xlsx": ("photo.xlsx", JPEG),
        "macro-enabled .xlsm": ("macros.xlsm", with_macros(base)),
        "5,000-digit number cell": (
            "digits.xlsx",
            with_raw_cell(base, b'<c r="B9999"><v>' + b"9" * 5000 + b"</v></c>", sheet),
        ),
        "NUL in a cell": (
            "nul.xlsx",
            with_raw_cell(
                base, b'<c r="B9999" t="inlineStr"><is><t>a&#0;b</t></is></c>', sheet
            ),
        ),
        "empty file": ("empty.xlsx", b""),
    }


def sheet_part(xlsx: bytes, title: str) -> str:
    """The zip part holding the sheet called `title`."""
    members = _members(xlsx)
    names = re.findall(
        rb'<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]*)"', members["xl/workbook.xml"]
    )
    rid = next(r for n, r in names if n.decode() == title)
    rels = members["xl/_rels/workbook.xml.rels"]
    target = re.search(rb'Id="%s"[^>]*Target="([^"]*)"' % rid, rels) or re.search(
        rb'Target="([^"]*)"[^>]*Id="%s"' % rid, rels
    )
    return "xl/" + target.group(1).decode().lstrip("/").removeprefix("xl/")
