"""A small PDF writer for the demo attachments: wrapped text in Helvetica, nothing else.

It writes just enough of PDF 1.4 (ISO 32000-1, section 7) for viewers and text
extractors: the standard Type1 fonts Helvetica and Helvetica-Bold with
WinAnsiEncoding (so Swedish, Catalan or French accents survive), one
uncompressed content stream per A4 page, and a cross-reference table with exact
byte offsets.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 60
LEADING = 15
LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN) // LEADING
BODY = ("F1", 10.5)
HEADING = ("F2", 12)
TITLE = ("F2", 16)
# Helvetica averages about half an em per character; 88 keeps lines inside the margins.
WRAP_WIDTH = 88


@dataclass(frozen=True)
class Line:
    text: str
    style: tuple[str, float] = BODY


def _literal(text: str) -> bytes:
    """A PDF literal string in WinAnsiEncoding: bytes above ASCII written as octal escapes."""
    out = bytearray(b"(")
    for byte in text.encode("cp1252", errors="replace"):
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif 32 <= byte < 127:
            out.append(byte)
        else:
            out += f"\\{byte:03o}".encode("ascii")
    return bytes(out + b")")


def layout(title: str, sections: list[tuple[str, list[str]]]) -> list[Line]:
    """Title, then each section's heading and wrapped paragraphs, with blank lines between."""
    lines = [Line(title, TITLE), Line("")]
    for heading, paragraphs in sections:
        if heading:
            lines += [Line(heading, HEADING)]
        for paragraph in paragraphs:
            lines += [Line(part) for part in textwrap.wrap(paragraph, WRAP_WIDTH)]
            lines.append(Line(""))
    return lines


def _content_stream(lines: list[Line]) -> bytes:
    ops = [b"BT", f"{LEADING} TL {MARGIN} {PAGE_HEIGHT - MARGIN} Td".encode()]
    current = None
    for line in lines:
        if line.text and line.style != current:
            font, size = line.style
            ops.append(f"/{font} {size:g} Tf".encode())
            current = line.style
        ops.append(_literal(line.text) + b" Tj T*" if line.text else b"T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def _pages(lines: list[Line]) -> list[list[Line]]:
    return [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[]]


def serialise(objects: list[bytes], info: int | None = None) -> bytes:
    """A PDF file of ``objects`` (numbered from 1; object 1 the catalogue, ``info`` the
    document information), with its cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    info_entry = f" /Info {info} 0 R" if info else ""
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info_entry} >>\n".encode()
    out += f"startxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes) -> bytes:
    return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def render_pdf(title: str, sections: list[tuple[str, list[str]]]) -> bytes:
    """A PDF of ``title`` and ``sections`` (heading, paragraphs), as bytes.

    Objects: 1 catalog, 2 page tree, 3-4 fonts, 5 document info, then a page
    object and its content stream for each page.
    """
    pages = _pages(layout(title, sections))
    first_page = 6
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title " + _literal(title) + b" /Producer (CTPN Knowledge Exchange demo) >>",
    ]
    for index, page_lines in enumerate(pages):
        contents = first_page + 2 * index + 1
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {contents} 0 R >>".encode()
        )
        objects.append(_stream(_content_stream(page_lines)))
    return serialise(objects, info=5)
