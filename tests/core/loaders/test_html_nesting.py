"""Pages nested deeper than libxml2 parses (2,048 levels): every word still comes through."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.loaders.html import load_html
from spacereader.core.loaders.html_nesting import flatten_nesting

PARAGRAPH = (
    "<p>The International Lunar Research Station will host many partners"
    " from around the world in the coming decade.</p>"
)
# How each level of nesting opens and closes; "{word}" is that level's own word.
SHAPES = {
    "div": ("<div>{word} ", "</div>"),
    "inline": ("<span>{word} ", "</span>"),
    "mixed": ("<div><b><i>{word} ", "</i></b></div>"),
    "misnested": ("<span><div>{word} </span>", "</div>"),  # "</span>" cannot close a div
    "list": ("<ul><li>{word} ", "</li></ul>"),
    "table": ("<table><tr><td>{word} ", "</td></tr></table>"),
    "section": ("<section><p>{word}</p>", "</section>"),
    "unclosed": ("<div>{word} ", ""),
}


def deep_page(depth: int, shape: str) -> tuple[bytes, list[str]]:
    opening, closing = SHAPES[shape]
    words = [f"level{number}word" for number in range(depth)]
    body = "".join(opening.format(word=word) for word in words) + "innermost" + closing * depth
    page = (
        "<html><head><title>Deep page</title></head><body><article>"
        + PARAGRAPH * 3
        + body
        + "<p>Afterwards the page goes on.</p></article></body></html>"
    )
    return page.encode(), words


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("depth", [5_000, 20_000])
def test_every_word_of_a_page_nested_past_the_parser_limit_survives(depth: int, shape: str) -> None:
    page, words = deep_page(depth, shape)
    found = set(load_html(page).text.split())
    assert [word for word in words if word not in found] == []
    assert {"innermost", "Afterwards", "decade."} <= found


def max_depth(tree: lxml.html.HtmlElement) -> int:
    depths = {tree: 1}
    for element in tree.iterdescendants():
        depths[element] = depths[element.getparent()] + 1
    return max(depths.values())


def parse(page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page, parser=lxml.html.HTMLParser(huge_tree=True))


def letters(page: str) -> str:
    """The page's text without white space: what flattening must never change."""
    return "".join(parse(page).text_content().split())


_TAGS = ["div", "span", "p", "li", "ul", "b", "td", "tr", "table", "a", "section", "h2"]
_TOKEN = st.one_of(
    st.sampled_from(_TAGS).map(lambda tag: f"<{tag}>"),
    st.sampled_from(_TAGS).map(lambda tag: f"</{tag}>"),
    st.sampled_from(["<br>", "<div/>", "<img src=x>", "&amp;", "&lt;div&gt;", " "]),
    st.from_regex(r"[A-Za-z0-9]{1,8}", fullmatch=True),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TOKEN, max_size=80), st.integers(min_value=1, max_value=6))
def test_flattening_keeps_every_letter_in_order_and_bounds_the_depth(
    tokens: list[str], depth: int
) -> None:
    page = "<html><body>" + "".join(tokens) + "</body></html>"
    flat = flatten_nesting(page, depth)
    assert letters(flat) == letters(page)
    # html and body count two levels of the parsed tree.
    assert max_depth(parse(flat)) <= depth + 2


def test_paragraphs_stay_apart_below_the_wrappers_down_to_their_own_limit() -> None:
    page = "<html><body>" + "<div>" * 10 + "<p>alpha</p><p>beta</p>" + "</div>" * 10
    kept = parse(flatten_nesting(page, 4, kept_names=frozenset({"p"}), kept_depth=6))
    assert [p.text for p in kept.iter("p")] == ["alpha", "beta"]
    assert list(parse(flatten_nesting(page, 4)).iter("p")) == []
    nested = "<html><body>" + "<p><span>word " * 10
    flat = flatten_nesting(nested, 4, kept_names=frozenset({"p"}), kept_depth=6)
    assert 4 < max_depth(parse(flat)) <= 6


def test_a_script_nested_too_deep_never_shows_its_code() -> None:
    page = "<html><body>" + "<div>" * 20 + "<script>var secret = 1;</script>text</body></html>"
    flat = flatten_nesting(page, 5)
    assert "secret" not in parse(flat).xpath("string(//body)").replace(
        parse(flat).xpath("string(//script)"), ""
    )
    assert "text" in letters(flat)
