from django.db import models
from wagtail.documents import get_document_model_string

from search.choices import ExtractionStatus


class ExtractedText(models.Model):
    """The text of one version of a document (its file hash), kept so that
    reindexing never extracts the same file twice, nor retries a hostile one."""

    document = models.ForeignKey(get_document_model_string(), on_delete=models.CASCADE, related_name="+")
    file_hash = models.CharField(max_length=40, help_text="SHA-1 of the file the text came from.")
    status = models.CharField(max_length=20, choices=ExtractionStatus.choices)
    reason = models.CharField(max_length=255, blank=True, help_text="Why there is no (or only some) text.")
    text = models.TextField(blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "extracted text"
        verbose_name_plural = "extracted texts"
        constraints = [models.UniqueConstraint(fields=["document", "file_hash"], name="search_extracted_text_unique")]

    def __str__(self):
        return f"{self.document_id}@{self.file_hash[:8]}: {self.get_status_display()}"


class IndexEntry(models.Model):
    """One page as the database search finds it (search.dbindex writes it, search.backends.database
    reads it). The full-text index sits beside it: an FTS5 table on SQLite, a tsvector column on
    PostgreSQL (both made by migration 0002, outside Django's model)."""

    page_id = models.IntegerField(primary_key=True)
    type = models.CharField(max_length=20)
    title = models.TextField()
    title_sort = models.TextField()
    url_path = models.TextField()
    path = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    attachments = models.TextField(blank=True, help_text="Text of the files everyone who may read the page may open.")
    language = models.CharField(max_length=10)
    date = models.DateField(null=True)
    year = models.IntegerField(null=True)
    published_at = models.DateTimeField(null=True, help_text="When the page was first published.")
    fingerprint = models.CharField(max_length=32)
    audiences = models.TextField(
        help_text="Who may read the page: its audience set, sorted and space-separated (search.dbindex.audience_key)."
    )

    class Meta:
        verbose_name = "search index entry"
        verbose_name_plural = "search index entries"
        # The few distinct audience sets are read through it (search.backends.database).
        indexes = [models.Index(fields=["audiences"], name="search_entry_audiences")]

    def __str__(self):
        return f"{self.page_id}: {self.title}"


class IndexValue(models.Model):
    """One of the values of a many-valued facet of an indexed page:
    ("city", "stockholm"), ("theme", "victim-support")."""

    entry = models.ForeignKey(IndexEntry, on_delete=models.CASCADE, related_name="values", db_column="page_id")
    facet = models.CharField(max_length=10)
    value = models.CharField(max_length=100)

    class Meta:
        verbose_name = "search index value"
        verbose_name_plural = "search index values"
        indexes = [
            models.Index(fields=["entry", "facet", "value"], name="search_value_page"),
            # With the page: a facet's counts and the facet filters read the index alone.
            models.Index(fields=["facet", "value", "entry"], name="search_value_facet"),
        ]

    def __str__(self):
        return f"{self.entry_id} {self.facet}={self.value}"
