"""One library document turned into what the index stores: passage fields and a record.

Pure work on a document's text, done in whichever process indexes it (the
build runs several). Each passage is analysed once, here: its terms go to the
content field, the grams of its frequent terms to the grams field, and its
folded words to the vocabulary. Documents are read straight from their
DocumentInfo: Library.load looks each one up in the catalogue again, which
costs more than the indexing itself on a large library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacereader.core.document import Document, DocumentInfo
from spacereader.core.errors import DocumentNotFoundError
from spacereader.core.language import detect_language
from spacereader.core.search.acronym_table import Pair, document_acronyms
from spacereader.core.search.analysis import ENGLISH, LANGUAGES, analyse, terms
from spacereader.core.search.grams import FrequentTerms
from spacereader.core.search.passages import document_passages
from spacereader.core.search.programs import program_names
from spacereader.core.search.schema import KIND_RECORD, KIND_TITLE
from spacereader.core.search.vocabulary import suggestible
from spacereader.core.shown import shown_text
from spacereader.core.structure import detect_structure


@dataclass(frozen=True)
class PreparedDocument:
    """A document's Whoosh documents (passages, then its record), acronyms and words."""

    info: DocumentInfo
    entries: tuple[dict[str, Any], ...]
    acronyms: tuple[Pair, ...]
    words: frozenset[str]
    language: str = ENGLISH

    def write(self, writer: Any) -> set[str]:
        """Add the document to a Whoosh writer; returns its words for the vocabulary."""
        for entry in self.entries:
            writer.add_document(**entry)
        return set(self.words)


def version_of(info: DocumentInfo) -> str:
    """What the index keeps to tell whether a document changed: its text's hash and its
    stored language (a language set or corrected later changes how it is analysed)."""
    return f"{info.content_hash}:{info.language}"


def read_document(info: DocumentInfo) -> Document:
    """The document's text and structure, as Library.load gives them."""
    try:
        text = info.path.read_text(encoding="utf-8")
    except OSError as error:
        raise DocumentNotFoundError(f"{info.title}: its text is missing ({error})") from error
    return Document(info=info, text=text, structure=detect_structure(text))


def document_language(document: Document) -> str:
    """How the document is analysed: its stored language, else the one its text shows,
    else English."""
    language = document.info.language or detect_language(document.text)
    return language if language in LANGUAGES else ENGLISH


def passage_terms(document: Document) -> list[list[str]]:
    """The terms of each passage of a document (what the frequent terms are learned from)."""
    language = document_language(document)
    shown = shown_text(document)
    return [terms(shown[p.start : p.end], language) for p in document_passages(document)]


def prepare_document(document: Document, frequent: FrequentTerms) -> PreparedDocument:
    """Everything the index writes for one document."""
    text = document.text
    # What the reader hides (a link's address in Markdown) is blanked, same length:
    # never matched, never a program, never an acronym.
    shown = shown_text(document)
    info = document.info
    language = document_language(document)
    passages = document_passages(document)
    programs = program_names(shown, [(p.start, p.end) for p in passages])
    # The title is indexed once per document: on its title passage, else on the first.
    title_index = next((i for i, p in enumerate(passages) if p.kind == KIND_TITLE), 0)
    entries: list[dict[str, Any]] = []
    words: set[str] = set()
    for index, (passage, names) in enumerate(zip(passages, programs, strict=True)):
        passage_text = passage.text(text)
        content, passage_words = analyse(shown[passage.start : passage.end], language)
        words.update(passage_words)
        # Only records carry a kind and a hash: postings and stored bytes a passage
        # would pay for on every build.
        entry: dict[str, Any] = {
            "doc_id": info.id,
            "content": content,
            "title_text": info.title,
            "text": passage_text,
            "start": passage.start,
            "end": passage.end,
        }
        grams = frequent.grams(content)
        if grams:
            entry["grams"] = grams
        if names:
            entry["program"] = terms(names, language)
        if index == title_index and info.title:
            entry["title"] = terms(info.title, language)
        if language != ENGLISH:  # English is what a passage without a language is
            entry["lang"] = language
        entries.append({key: value for key, value in entry.items() if value != []})
    pairs = tuple(document_acronyms(shown))
    record: dict[str, Any] = {
        "doc_id": info.id,
        "doc_hash": version_of(info),
        "kind": KIND_RECORD,
        "title_text": info.title,
        "acronyms": list(pairs),
    }
    if language != ENGLISH:
        record["lang"] = language
    entries.append(record)
    return PreparedDocument(info, tuple(entries), pairs, frozenset(suggestible(words)), language)
