"""Extract the text of one attachment, in a process of its own.

    python search/extract.py --kind pdf --max-pages 300 --max-chars 1000000 --memory-mb 512 < file

Reads the file from stdin and writes ``{"status", "reason", "text"}`` as JSON to
stdout. A hostile file can only hurt this process: the portal runs it with a
timeout, and it caps its own address space (RLIMIT_AS) before it parses
anything, so a decompression bomb ends in MemoryError here rather than in the
worker. No Django: it starts fast and imports nothing it does not need.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import sys
import zipfile

OK, FAILED, TOO_LARGE, UNSUPPORTED = "ok", "failed", "too_large", "unsupported"
KINDS = ("pdf", "docx", "txt")
# A DOCX whose parts would unzip to more than this many times the file's own
# size (or more than the whole memory cap) is treated as a zip bomb.
MAX_UNZIP_RATIO = 100


class TooLarge(Exception):
    pass


class Limits:
    def __init__(self, max_pages: int, max_chars: int, memory_bytes: int):
        self.max_pages, self.max_chars, self.memory_bytes = max_pages, max_chars, memory_bytes
        self.notes: list[str] = []


def pdf_text(data: bytes, limits: Limits) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted PDF")
    pages = reader.pages
    if len(pages) > limits.max_pages:
        limits.notes.append(f"first {limits.max_pages} of {len(pages)} pages")
    parts, size = [], 0
    for number in range(min(len(pages), limits.max_pages)):
        part = pages[number].extract_text() or ""
        parts.append(part)
        size += len(part)
        if size >= limits.max_chars:
            break
    return "\n".join(parts)


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a DOCX whose parts declare that they unzip to far more than it weighs.
    A zip that understates its sizes passes this check, but zipfile inflates what it
    reads before trimming it to the declared size, so such a bomb ends at the memory
    cap (RLIMIT_AS) as "too_large", in this process only."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unzipped = sum(info.file_size for info in archive.infolist())
    if unzipped > min(len(data) * MAX_UNZIP_RATIO, limits.memory_bytes):
        raise TooLarge(f"unzips to {unzipped // 1_000_000} MB")


def docx_text(data: bytes, limits: Limits) -> str:
    import docx

    check_zip(data, limits)
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def txt_text(data: bytes, limits: Limits) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


EXTRACTORS = {"pdf": pdf_text, "docx": docx_text, "txt": txt_text}


def extract(kind: str, data: bytes, limits: Limits) -> dict:
    """Never raises: every failure becomes a status and a short reason."""
    if kind not in EXTRACTORS:
        return {"status": UNSUPPORTED, "reason": f"no text extraction for .{kind} files", "text": ""}
    try:
        text = EXTRACTORS[kind](data, limits)
    except TooLarge as error:
        return {"status": TOO_LARGE, "reason": str(error), "text": ""}
    except MemoryError:
        return {"status": TOO_LARGE, "reason": "needs more memory than allowed", "text": ""}
    except Exception as error:  # any parser failure on a malformed file
        return {"status": FAILED, "reason": f"{type(error).__name__}: {error}"[:200], "text": ""}
    if len(text) > limits.max_chars:
        limits.notes.append(f"first {limits.max_chars} characters")
        text = text[: limits.max_chars]
    return {"status": OK, "reason": "; ".join(limits.notes), "text": text}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", required=True)
    parser.add_argument("--max-pages", type=int, required=True)
    parser.add_argument("--max-chars", type=int, required=True)
    parser.add_argument("--memory-mb", type=int, required=True)
    args = parser.parse_args(argv)
    memory = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    data = sys.stdin.buffer.read()
    result = extract(args.kind, data, Limits(args.max_pages, args.max_chars, memory))
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
