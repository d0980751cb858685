"""One library document turned into what the index stores: passage fields and a record.

Pure work on a document's text, done in whichever process indexes it (the
build runs several). Documents are read straight from their DocumentInfo:
Library.load looks each one up in the catalogue again, which costs more than
the indexing itself on a large library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacereader.core.document import Document, DocumentInfo
from spacereader.core.errors import DocumentNotFoundError
from spacereader.core.search.acronym_table import Pair, document_acronyms
from spacereader.core.search.analysis import collect_words
from spacereader.core.search.passages import document_passages
from spacereader.core.search.programs import program_names
from spacereader.core.search.schema import KIND_RECORD, KIND_TITLE
from spacereader.core.search.vocabulary import suggestible
from spacereader.core.shown import shown_text
from spacereader.core.structure import detect_structure


@dataclass(frozen=True)
class PreparedDocument:
    """A document's Whoosh documents (passages, then its record) and acronyms."""

    info: DocumentInfo
    entries: tuple[dict[str, Any], ...]
    acronyms: tuple[Pair, ...]

    def write(self, writer: Any) -> set[str]:
        """Add the document to a Whoosh writer; returns its words for the vocabulary."""
        with collect_words() as words:
            for entry in self.entries:
                writer.add_document(**entry)
        return suggestible(words)


def read_document(info: DocumentInfo) -> Document:
    """The document's text and structure, as Library.load gives them."""
    try:
        text = info.path.read_text(encoding="utf-8")
    except OSError as error:
        raise DocumentNotFoundError(f"{info.title}: its text is missing ({error})") from error
    return Document(info=info, text=text, structure=detect_structure(text))


def prepare_document(document: Document) -> PreparedDocument:
    """Everything the index writes for one document."""
    text = document.text
    # What the reader hides (a link's address in Markdown) is blanked, same length:
    # never matched, never a program, never an acronym.
    shown = shown_text(document)
    info = document.info
    passages = document_passages(document)
    programs = program_names(shown, [(p.start, p.end) for p in passages])
    # The title is indexed once per document: on its title passage, else on the first.
    title_index = next((i for i, p in enumerate(passages) if p.kind == KIND_TITLE), 0)
    entries: list[dict[str, Any]] = []
    for index, (passage, names) in enumerate(zip(passages, programs, strict=True)):
        passage_text = passage.text(text)
        entry: dict[str, Any] = {
            "doc_id": info.id,
            "doc_hash": info.content_hash,
            "kind": passage.kind,
            "content": shown[passage.start : passage.end],
            "title_text": info.title,
            "text": passage_text,
            "start": passage.start,
            "end": passage.end,
        }
        if names:
            entry["program"] = names
        if index == title_index and info.title:
            entry["title"] = info.title
        entries.append(entry)
    pairs = tuple(document_acronyms(shown))
    entries.append(
        {
            "doc_id": info.id,
            "doc_hash": info.content_hash,
            "kind": KIND_RECORD,
            "title_text": info.title,
            "acronyms": list(pairs),
        }
    )
    return PreparedDocument(info, tuple(entries), pairs)
