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
