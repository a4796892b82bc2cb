"""The Elasticsearch document for practices, research, events and member cities.

Text is indexed once, in the field of its language (``body_sv`` for a Swedish
practice), analysed with that language's stemmer, accents folded after it. Titles
also have a ``.plain`` sub-field with the folding analyzer (no stemming), for
exact title words and autocomplete; long texts have no such copy (searching it
was a third of a common word's time at 100,000 resources). Languages without a
stemmer here use ``_std``. ``spell`` gathers titles and summaries for typo
tolerance and "did you mean".

Attachment text lives in the nested ``files``, each with its own audiences
(the page's and the document collection's, the stricter wins), so a public page
can carry a members-only report whose words only members find.

The analyzers (``ctpn_*``) come from the portal's analysis plugin
(search/elasticsearch_plugin), installed on every node.
"""

from __future__ import annotations

from elasticsearch_dsl import Date, Document, InnerDoc, Integer, Keyword, Nested, Text

# Languages with a stemming analyzer; anything else is indexed under "std".
ANALYZERS = {
    "en": "ctpn_english",
    "sv": "ctpn_swedish",
    "fr": "ctpn_french",
    "es": "ctpn_spanish",
    "nl": "ctpn_dutch",
    "de": "ctpn_german",
    "ca": "ctpn_catalan",
    "std": "ctpn_folding",
}
TEXT_FIELDS = ("title", "summary", "body")
FILE_TEXT_FIELD = "text"
HIGHLIGHTED_FIELDS = ("summary", "body", FILE_TEXT_FIELD)


def language_suffix(language: str) -> str:
    return language if language in ANALYZERS else "std"


def text_field_name(field: str, language: str) -> str:
    """Where ``field`` of a document in ``language`` is indexed: ``body_sv``, ``title_std``."""
    return f"{field}_{language_suffix(language)}"


def _language_text(field: str, analyzer: str) -> Text:
    copy_to = ["spell"] if field in ("title", "summary") else []
    # Highlighted fields keep their offsets in the index: the highlighter reads them there
    # instead of analysing the text of each hit again (a long body or attachment) per search.
    offsets = {"index_options": "offsets"} if field in HIGHLIGHTED_FIELDS else {}
    plain = {"fields": {"plain": Text(analyzer="ctpn_folding")}} if field == "title" else {}
    return Text(analyzer=analyzer, copy_to=copy_to, **plain, **offsets)


def _language_fields(fields) -> dict[str, Text]:
    return {
        f"{field}_{suffix}": _language_text(field, analyzer)
        for suffix, analyzer in ANALYZERS.items()
        for field in fields
    }


class FileText(InnerDoc):
    document_id = Integer()
    title = Text(analyzer="ctpn_folding")
    audiences = Keyword()
    locals().update(_language_fields([FILE_TEXT_FIELD]))


class ResourceDocument(Document):
    page_id = Integer()
    title_sort = Keyword()  # the title case-folded: ties in date order go alphabetically
    type = Keyword()
    url = Keyword(index=False)
    cities = Keyword()  # slugs, for the facet and filter
    city_names = Keyword(index=False)  # for display
    countries = Keyword()
    themes = Keyword()  # slugs
    theme_names = Text(analyzer="ctpn_folding")
    phase = Keyword()
    evidence = Keyword()  # resources.choices.EvidenceType
    language = Keyword()
    date = Date()
    year = Integer()
    published = Date()  # first published: what saved searches call new
    authors = Text(analyzer="ctpn_folding")
    audiences = Keyword()
    spell = Text(analyzer="ctpn_folding")
    files = Nested(FileText)
    # Changes whenever anything indexed changes; compared by `search_index status`.
    fingerprint = Keyword(index=False)
    locals().update(_language_fields(TEXT_FIELDS))

    class Index:
        name = "ctpn-resources"  # replaced by the configured alias at run time
        settings = {"number_of_shards": 1, "number_of_replicas": 0}
