"""The pure parts of search: analysis, passages, marks and snippets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.document import Document, DocumentFormat, DocumentInfo
from spacereader.core.search.analysis import SpaceAnalyzer, fold, terms
from spacereader.core.search.highlight import ELLIPSIS, HighlightSpec, find_marks, make_snippet
from spacereader.core.search.passages import MAX_PASSAGE_CHARS, document_passages
from spacereader.core.search.query import sanitize
from spacereader.core.structure import detect_structure


def document(text: str) -> Document:
    info = DocumentInfo(
        id="x",
        title="t",
        source="",
        date="",
        category="",
        format=DocumentFormat.TEXT,
        path=__file__,  # type: ignore[arg-type]
        chars=len(text),
        content_hash="h",
        bundled=False,
    )
    return Document(info=info, text=text, structure=detect_structure(text))


def test_analysis_folds_stems_and_keeps_what_matters() -> None:
    assert terms("Cooperation cooperate COOPERATIVE") == ["cooper", "cooper", "cooper"]
    assert terms("précédente Précédente") == terms("precedente precedente") == ["precedent"] * 2
    assert terms("the 5 stations of the US") == ["5", "station", "us"]
    assert terms("1,000 and 1000 and 3.5") == ["1000", "1000", "3.5"]
    assert terms("中国航天") == ["中", "国", "航", "天"]
    assert terms("China’s") == ["china"]
    assert fold("Straße") == "strasse"


def test_query_analyzer_cuts_and_folds_but_keeps_every_word() -> None:
    """Stop words and stems are each language's business, decided later (query.py)."""
    tokens = [
        (token.text, token.pos)
        for token in SpaceAnalyzer()("Belt and Précédente 1,000", positions=True, mode="query")
    ]
    assert tokens == [("belt", 0), ("and", 1), ("precedente", 2), ("1000", 3)]


def test_marks_for_terms_phrases_and_prefixes() -> None:
    text = "The International Lunar Research Station (ILRS) and stations."
    spec = HighlightSpec(
        terms=frozenset({"ilr"}),
        phrases=(("intern", "lunar", "research", "station"),),
        prefixes=("stat",),
    )
    marks = find_marks(text, spec, offset=100)
    assert [text[s - 100 : e - 100] for s, e in marks] == [
        "International Lunar Research Station",
        "ILRS",
        "stations",
    ]


def test_short_passage_snippet_is_the_passage() -> None:
    snippet, marks = make_snippet("a\nb c", [(2, 3)])
    assert snippet == "a b c"
    assert marks == ((2, 3),)


def test_long_passage_snippet_shows_the_marks() -> None:
    passage = " ".join(f"word{n}" for n in range(200))
    target = passage.index("word150")
    snippet, marks = make_snippet(passage, [(target, target + 7)], width=80)
    assert snippet.startswith(ELLIPSIS)
    assert snippet.endswith(ELLIPSIS)
    assert len(snippet) <= 82
    assert [snippet[s:e] for s, e in marks] == ["word150"]


@settings(max_examples=300)
@given(
    words=st.lists(st.text(alphabet="abcé\n ", min_size=1, max_size=12), min_size=1, max_size=80),
    picks=st.lists(st.integers(min_value=0, max_value=79), max_size=6),
)
def test_snippet_marks_point_at_the_marked_text(words: list[str], picks: list[int]) -> None:
    passage = " ".join(words)
    starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    marks = sorted({(starts[i], starts[i] + len(words[i])) for i in picks if i < len(words)})
    snippet, inside = make_snippet(passage, marks, width=60)
    flat = passage.replace("\n", " ")
    for start, end in inside:
        assert 0 <= start < end <= len(snippet)
        assert snippet[start:end] in flat


def test_passages_are_paragraphs_and_title() -> None:
    text = "A Title\n\nFirst paragraph here.\n\nSecond one.\n"
    found = document_passages(document(text))
    assert [(p.kind, p.text(text)) for p in found] == [
        ("title", "A Title"),
        ("paragraph", "First paragraph here."),
        ("paragraph", "Second one."),
    ]


def test_a_huge_paragraph_is_cut_at_sentences() -> None:
    sentence = "The station will need many more modules before it is complete. "
    text = "Title\n\n" + sentence * 200 + "\n"
    found = [p for p in document_passages(document(text)) if p.kind == "paragraph"]
    assert len(found) > 1
    assert all(p.end - p.start <= MAX_PASSAGE_CHARS for p in found)
    assert all(p.text(text).endswith("complete.") for p in found)
    assert "".join(p.text(text) for p in found).replace(".", ". ").split() == text.split()[1:]


def test_sanitize_caps_length_and_words() -> None:
    assert len(sanitize("x" * 5000)) == 64
    assert len(sanitize("word " * 1000).split()) == 32
    assert sanitize("a\x00b\u200bc") == "a b c"
