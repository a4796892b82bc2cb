"""Text of attached documents, for the index.

Extraction runs in a child process (``python -m search.extract``) under the
limits in settings: ``SEARCH_ATTACHMENT_MAX_BYTES``, ``_MAX_PAGES``,
``_MAX_CHARS``, ``_SECONDS`` and ``_MEMORY_MB``. Its outcome, text or the reason
there is none, is kept per document and file hash (``ExtractedText``), so a
reindex reads the table and a hostile file is tried only once. Nothing here
raises: a file that cannot be read is logged and indexed without text, and
publishing never waits for it (the index worker calls this, not the editor).
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys

from django.conf import settings

from search.choices import ExtractionStatus
from search.extract import KINDS
from search.models import ExtractedText

logger = logging.getLogger(__name__)


def extracted_text(document) -> str:
    """The document's text ("" if it has none we can read)."""
    try:
        return cached_extraction(document).text
    except Exception:  # a missing file or a database hiccup must not stop indexing the page
        logger.exception("Could not extract the text of document %s", document.pk)
        return ""


def stored_texts(documents) -> dict[int, str]:
    """The stored text of each document's current file, by document id, in one query;
    documents not extracted yet are left out (``extracted_text`` extracts them)."""
    wanted = {(document.pk, document.file_hash) for document in documents if document.file_hash}
    if not wanted:
        return {}
    found = ExtractedText.objects.filter(document__in={pk for pk, _hash in wanted})
    rows = found.values_list("document_id", "file_hash", "text")
    return {pk: text for pk, file_hash, text in rows if (pk, file_hash) in wanted}


def cached_extraction(document) -> ExtractedText:
    """The stored outcome for the document's current file, extracting it if there is none."""
    file_hash = document.get_file_hash()
    found = ExtractedText.objects.filter(document=document, file_hash=file_hash).first()
    if found:
        return found
    outcome = extract(document)
    if outcome["status"] != ExtractionStatus.OK:
        logger.warning("Document %s (%s) is indexed without text: %s", document.pk, document.filename, outcome)
    # Text of the document's earlier files is of no further use.
    ExtractedText.objects.filter(document=document).exclude(file_hash=file_hash).delete()
    entry, _ = ExtractedText.objects.update_or_create(document=document, file_hash=file_hash, defaults=outcome)
    return entry


def _outcome(status: str, reason: str = "", text: str = "") -> dict:
    return {"status": status, "reason": reason[:255], "text": text}


def extract(document) -> dict:
    """Extract the document's text within the limits: {"status", "reason", "text"}."""
    kind = document.file_extension.lower()
    if kind not in KINDS:
        return _outcome(ExtractionStatus.UNSUPPORTED, f"no text extraction for .{kind} files")
    max_bytes = settings.SEARCH_ATTACHMENT_MAX_BYTES
    if document.file.size > max_bytes:
        return _outcome(ExtractionStatus.TOO_LARGE, f"{document.file.size} bytes, over the {max_bytes} limit")
    with document.open_file() as file:
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        return _outcome(ExtractionStatus.TOO_LARGE, f"over the {max_bytes} bytes limit")
    return run_extractor(kind, data)


def run_extractor(kind: str, data: bytes) -> dict:
    """Run search/extract.py on ``data`` in a child process with a timeout."""
    command = [sys.executable, "-m", "search.extract", "--kind", kind]
    command += ["--max-pages", str(settings.SEARCH_ATTACHMENT_MAX_PAGES)]
    command += ["--max-chars", str(settings.SEARCH_ATTACHMENT_MAX_CHARS)]
    command += ["--memory-mb", str(settings.SEARCH_ATTACHMENT_MEMORY_MB)]
    seconds = settings.SEARCH_ATTACHMENT_SECONDS
    try:
        done = subprocess.run(  # noqa: S603 (our own script, no shell, arguments from settings)
            command, input=data, capture_output=True, timeout=seconds, cwd=settings.BASE_DIR, check=False
        )
    except subprocess.TimeoutExpired:
        return _outcome(ExtractionStatus.FAILED, f"took longer than {seconds} s")
    if done.returncode != 0:
        last_line = (done.stderr.decode(errors="replace").strip().splitlines() or [""])[-1]
        return _outcome(ExtractionStatus.FAILED, f"extractor exited with {done.returncode}: {last_line}")
    outcome = json.loads(done.stdout)
    # PostgreSQL text cannot hold NUL, which some PDFs' text layers contain.
    return _outcome(outcome["status"], outcome["reason"], outcome["text"].replace("\x00", ""))
