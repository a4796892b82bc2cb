"""What a reader typed, made safe and understood the same way by every backend.

``clean_query`` bounds and tidies the raw text. ``parse_query`` reads it as
words, "quoted phrases" and -excluded words; everything else (operators,
brackets, wildcards, backslashes) is punctuation. The backends build their own
queries from the parsed form, so no user syntax reaches Elasticsearch's or the
database's query language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

MAX_QUERY_LENGTH = 200
# More terms than this add nothing for a reader and multiply the clauses of the
# Elasticsearch query (one per term and field).
MAX_TERMS = 16
# A word may carry inner apostrophes ("it's"): the language analyzers know them.
WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
PIECE_RE = re.compile(r'(-?)"([^"]*)"|(\S+)')


def clean_query(raw: str | None) -> str:
    """Bound and tidy a query typed by a user: no control characters, at most 200 characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH].rstrip()  # the cut may end on a space


def words_of(text: str) -> list[str]:
    """The words of ``text``, lower-cased, without any punctuation or syntax."""
    return [word.lower().replace("’", "'") for word in WORD_RE.findall(text)]


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()  # each phrase as its words
    excluded: tuple[str, ...] = ()

    @property
    def positive_words(self) -> list[str]:
        """Every word the results must contain: the loose words and those of the phrases."""
        return [*self.words, *(word for phrase in self.phrases for word in phrase)]

    def __bool__(self) -> bool:
        # Only exclusions ("-data") would mean "everything but": treated as no query.
        return bool(self.words or self.phrases)

    def to_simple_query_string(self, exclusions: bool = True) -> str:
        """The query in Elasticsearch's simple_query_string syntax (also how a reader would type it)."""
        parts = [*self.words, *(f'"{" ".join(phrase)}"' for phrase in self.phrases)]
        return " ".join(parts + ([f"-{word}" for word in self.excluded] if exclusions else []))

    def corrected(self, corrections: dict[str, str]) -> ParsedQuery:
        """The same query with some loose words spelt differently."""
        return replace(self, words=tuple(corrections.get(word, word) for word in self.words))


def parse_query(text: str) -> ParsedQuery:
    """Read a cleaned query as words, "phrases" and -exclusions, at most MAX_TERMS terms.

    An unbalanced quote is read as plain words; a -"phrase" is dropped, since
    the database backends cannot exclude phrases reliably.
    """
    words, phrases, excluded = [], [], []
    budget = MAX_TERMS
    for match in PIECE_RE.finditer(text):
        negated, phrase, piece = match.group(1), match.group(2), match.group(3)
        terms = words_of(phrase if piece is None else piece)[:budget]
        budget -= len(terms)
        if piece is None and len(terms) > 1:
            if not negated:
                phrases.append(tuple(terms))
        elif negated or (piece or "").startswith("-"):
            excluded.extend(terms)
        else:
            words.extend(terms)
    return ParsedQuery(*(tuple(dict.fromkeys(found)) for found in (words, phrases, excluded)))
