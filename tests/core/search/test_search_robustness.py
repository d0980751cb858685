"""Thousands of random queries: none raises, each answers within the time limit."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search_setup import SearchSetup

SYNTAX = [
    "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "(", ")", '"', "*", "?", "title:", "program:",
    "content:", "nofield:", ":", "^", "~", "-", "+", "'", "\\", "[", "]", "{", "}", "TO",
]  # fmt: skip
WORDS = [
    "space", "station", "ILRS", "International", "Lunar", "Mars", "Marz", "cooperate",
    "précédente", "precedente", "46", "1,000", "5", "a", "the", "spa", "accomp", "中国航天",
    "الفضاء", "🚀", "x" * 300, "Belt", "Road", "corridor", "ß", "İ", "\u0301", "\x00",
]  # fmt: skip
SEPARATORS = [" ", "", "  ", "\t", "\n"]

syntax_queries = st.lists(
    st.tuples(st.sampled_from(SYNTAX + WORDS), st.sampled_from(SEPARATORS)), max_size=25
).map(lambda parts: "".join(token + separator for token, separator in parts))
any_text = st.text(max_size=300)


@cache
def document_text(setup: SearchSetup, doc_id: str) -> str:
    return setup.text(doc_id)


def check_answer(setup: SearchSetup, query: str) -> None:
    limit_ms = setup.index.time_limit * 1000 + 250
    result = setup.index.search(query, limit=10)
    assert result.query == query
    assert result.elapsed_ms < limit_ms
    assert result.total >= len(result.hits)
    for hit in result.hits:
        text = document_text(setup, hit.doc_id)
        assert hit.text == text[hit.start : hit.end]
        assert all(hit.start <= start < end <= hit.end for start, end in hit.matches)
        assert all(0 <= start < end <= len(hit.snippet) for start, end in hit.snippet_marks)
    seed = document_text(setup, setup.seed_id)
    spans = setup.index.match_spans(query, setup.seed_id, seed)
    assert all(0 <= start < end <= len(seed) for start, end in spans)


@pytest.mark.slow
@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=syntax_queries)
def test_syntax_soup_never_raises(setup: SearchSetup, query: str) -> None:
    check_answer(setup, query)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=any_text)
def test_any_text_never_raises(setup: SearchSetup, query: str) -> None:
    check_answer(setup, query)
