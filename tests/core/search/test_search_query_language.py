"""Every behaviour of the query language, on the seed article (and two small texts)."""

from __future__ import annotations

import pytest
from search_setup import SearchSetup

from spacereader.core.search import Hit, SearchResult


def marked_words(setup: SearchSetup, hit: Hit) -> list[str]:
    text = setup.text(hit.doc_id)
    return [text[start:end] for start, end in hit.matches]


def snippet_words(hit: Hit) -> list[str]:
    return [hit.snippet[start:end] for start, end in hit.snippet_marks]


def passages(result: SearchResult) -> set[tuple[str, int]]:
    return {(hit.doc_id, hit.start) for hit in result.hits}


def test_a_hit_is_a_passage_of_its_document(setup: SearchSetup) -> None:
    result = setup.search("space station")
    assert result.hits
    for hit in result.hits:
        text = setup.text(hit.doc_id)
        assert hit.text == text[hit.start : hit.end]
        assert hit.title
        assert all(hit.start <= start < end <= hit.end for start, end in hit.matches)
        assert {w.lower() for w in marked_words(setup, hit)} <= {"space", "station"}
        assert {w.lower() for w in snippet_words(hit)} <= {"space", "station"}
    assert result.total >= len(result.hits)
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)


def test_words_are_anded(setup: SearchSetup) -> None:
    both = passages(setup.search("Mars station"))
    assert both
    assert both <= passages(setup.search("Mars")) & passages(setup.search("station"))
    assert both != passages(setup.search("station"))


def test_or_not_and_grouping(setup: SearchSetup) -> None:
    mars = passages(setup.search("Mars"))
    corridor = passages(setup.search("corridor"))
    assert passages(setup.search("Mars OR corridor")) == mars | corridor
    space = passages(setup.search("space"))
    assert passages(setup.search("space NOT Mars")) == space - mars
    assert passages(setup.search("space AND NOT Mars")) == space - mars
    assert passages(setup.search("(Mars OR corridor) AND space")) == (mars | corridor) & space


def test_phrases_need_the_words_together(setup: SearchSetup) -> None:
    phrase = setup.search('"space industry"')
    assert phrase.hits
    for hit in phrase.hits:
        assert "space industry" in hit.text.lower()
        assert "space industry" in [w.lower() for w in marked_words(setup, hit)]
    assert not setup.search('"industry space"').hits


def test_stop_words_in_a_phrase(setup: SearchSetup) -> None:
    [hit] = setup.search('"Belt and Road Initiative"').hits
    assert "Belt and Road Initiative" in marked_words(setup, hit)


def test_field_queries(setup: SearchSetup) -> None:
    result = setup.search("title:china")
    assert {hit.doc_id for hit in result.hits} == {setup.seed_id}
    assert any("China" in hit.text for hit in result.hits)
    assert not setup.search("title:corridor").hits
    assert setup.search("corridor").hits


def test_program_field_finds_every_name(setup: SearchSetup) -> None:
    by_acronym = passages(setup.search("program:ILRS"))
    by_name = passages(setup.search('program:"International Lunar Research Station"'))
    assert by_acronym
    assert by_acronym == by_name
    for doc_id, _start in by_acronym:
        assert doc_id in {setup.seed_id, setup.long_name_id}


def test_trailing_wildcard(setup: SearchSetup) -> None:
    result = setup.search("accomplish*")
    assert result.hits
    assert all(
        word.lower().startswith("accomplish")
        for hit in result.hits
        for word in marked_words(setup, hit)
    )
    assert setup.search("internat*").hits  # the stem is "intern": the word list finds it


@pytest.mark.parametrize("query", ["*", "**", "a*", "sp*", "*ace", "?", "title:*", "*:*"])
def test_short_or_bare_wildcards_match_nothing(setup: SearchSetup, query: str) -> None:
    result = setup.search(query)
    assert result.total == 0
    assert not result.hits


def test_wildcard_expansion_is_capped(setup: SearchSetup) -> None:
    from spacereader.core.search.query import MAX_WILDCARD_TERMS

    result = setup.search("spa*")
    assert result.hits
    distinct = {w.lower() for hit in result.hits for w in marked_words(setup, hit)}
    assert len(distinct) <= MAX_WILDCARD_TERMS


def test_stemming(setup: SearchSetup) -> None:
    [hit] = setup.search("cooperate").hits
    assert "cooperation" in marked_words(setup, hit)
    assert passages(setup.search("accomplishment")) == passages(setup.search("accomplishments"))


def test_case_and_accent_folding(setup: SearchSetup) -> None:
    [hit] = setup.search("precedente").hits
    assert hit.doc_id == setup.french_id
    assert marked_words(setup, hit) == ["précédente"]
    assert passages(setup.search("PRÉCÉDENTE")) == passages(setup.search("precedente"))
    # The seed's own "précédente" sits in page furniture, which the reader still highlights.
    text = setup.text(setup.seed_id)
    spans = setup.index.match_spans("precedente", setup.seed_id, text)
    assert [text[s:e] for s, e in spans] == ["précédente"]


def test_numbers_and_one_character_words(setup: SearchSetup) -> None:
    [hit] = setup.search("5 stations").hits
    assert hit.doc_id == setup.french_id
    assert sorted(marked_words(setup, hit)) == ["5", "stations"]
    assert passages(setup.search("46")) == passages(setup.search("cooperation agreements"))
    assert passages(setup.search("1,000")) == passages(setup.search("1000"))
    assert setup.search("1000").hits


def test_acronym_finds_its_expansion(setup: SearchSetup) -> None:
    result = setup.search("ILRS")
    assert setup.long_name_id in {hit.doc_id for hit in result.hits}
    [long_name] = [hit for hit in result.hits if hit.doc_id == setup.long_name_id]
    assert marked_words(setup, long_name) == ["International Lunar Research Station"]
    [defining] = [hit for hit in result.hits if "(ILRS)" in hit.text]
    assert marked_words(setup, defining) == ["International Lunar Research Station", "ILRS"]
    assert snippet_words(defining) == ["International Lunar Research Station", "ILRS"]


def test_expansion_finds_its_acronym(setup: SearchSetup) -> None:
    only_acronym = [
        hit
        for hit in setup.search('"International Lunar Research Station"').hits
        if "ILRS" in hit.text and "International Lunar" not in hit.text
    ]
    assert only_acronym
    assert marked_words(setup, only_acronym[0]) == ["ILRS"]
    # Unquoted, the words written out also find the acronym.
    unquoted = passages(setup.search("International Lunar Research Station"))
    assert (only_acronym[0].doc_id, only_acronym[0].start) in unquoted


def test_match_spans_marks_both_forms(setup: SearchSetup) -> None:
    text = setup.text(setup.seed_id)
    spans = setup.index.match_spans("ILRS", setup.seed_id, text)
    assert [text[s:e] for s, e in spans] == [
        "International Lunar Research Station",
        "ILRS",
        "ILRS",
    ]
    assert spans == sorted(spans)


def test_fuzzy_retry_and_suggestion(setup: SearchSetup) -> None:
    result = setup.search("Marz")
    assert result.suggestion == "Mars"
    assert [marked_words(setup, hit) for hit in result.hits] == [["Mars"]]
    assert setup.search("mission to marz").suggestion == "mission to mars"
    assert setup.search("Mars").suggestion is None
    assert setup.search("qqqqzzzz").suggestion is None


def test_doc_scope_and_limit(setup: SearchSetup) -> None:
    everywhere = setup.search("station")
    assert {hit.doc_id for hit in everywhere.hits} > {setup.seed_id}
    here = setup.search("station", doc_id=setup.seed_id)
    assert here.hits
    assert {hit.doc_id for hit in here.hits} == {setup.seed_id}
    assert len(setup.search("space", limit=1).hits) == 1
    assert setup.search("space", limit=1).total == setup.search("space").total


def test_results_group_by_document(setup: SearchSetup) -> None:
    result = setup.search("station")
    groups = result.grouped()
    assert [doc for doc, _ in groups] == list(dict.fromkeys(hit.doc_id for hit in result.hits))
    assert sum(len(hits) for _, hits in groups) == len(result.hits)


def test_title_passage_is_searchable(setup: SearchSetup) -> None:
    [hit] = setup.search('"steady as she goes"').hits
    assert hit.text == "China Releases Space Plan: ‘Steady As She Goes’"


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        'space "',
        "AND",
        "NOT",
        "OR OR OR",
        "space AND",
        "a AND",
        "((((",
        "))))",
        "(((space)))",
        "title:",
        "title:  ",
        "nofield:space",
        ":",
        "^",
        "space^3",
        "x" * 5000,
        "space " * 1000,
        "(" * 5000 + "space",
        "🚀🌕",
        "الفضاء الصين",
        "中国航天 空间站",
        "\x00\x01space\u200b",
        "",
        "   ",
    ],
)
def test_malformed_input_is_answered(setup: SearchSetup, query: str) -> None:
    result = setup.search(query)
    assert result.query == query
    assert result.total >= len(result.hits)


def test_malformed_input_falls_back_to_words(setup: SearchSetup) -> None:
    assert passages(setup.search('"space industry')) == passages(setup.search("space industry"))
    assert passages(setup.search("(" * 5000 + "corridor")) == passages(setup.search("corridor"))
    assert setup.search("space AND").hits


@pytest.mark.parametrize(
    "query", ["NOT corridor", "NOT corridor NOT Mars", "NOT (corridor OR Mars)"]
)
def test_only_negations_find_nothing_and_say_why(setup: SearchSetup, query: str) -> None:
    """Leaving words out of nothing is not a search for them."""
    assert setup.search("corridor").hits
    result = setup.search(query)
    assert result.hits == ()
    assert result.total == 0
    assert result.notice is not None
    assert "NOT" in result.notice
    assert setup.search("space NOT corridor").notice is None
