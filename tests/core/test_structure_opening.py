"""The structure of a text's opening agrees with the whole text's as far as it says."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.structure import BlockKind, detect_structure
from spacereader.core.structure_opening import opening_structure

# Lines of every sort detection tells apart: furniture, labels, kickers, bylines,
# dates, credits, author tags, titles and prose, wrapped or not.
LINES = [
    "Back to top",
    "Printable version / Version imprimable",
    "1234 views · 56 likes",
    "Space / Espace",
    "News / Brèves",
    "Science",
    "By Jeff Foust",
    "Source: ESA",
    "March 3, 2023",
    "Reporting by Joey Roulette; Editing by Sandra Maler",
    "The lunar gateway and its partners",
    "China Releases Space Plan for the Next Five Years",
    "WASHINGTON (Reuters) — The agency said the module would launch in 2027.",
    "The station is planned with 13 partner agencies and a review of the framework.",
    "It was agreed. [mgf]",
    "( [mgf]",
    "x" * 130,
    "   ",
]


def blocks_of_lines() -> st.SearchStrategy[str]:
    block = st.lists(st.sampled_from(LINES), min_size=1, max_size=4).map("\n".join)
    separator = st.sampled_from(["\n\n", "\n \n", "\n\n\n", "\n\t\n"])
    return st.lists(st.tuples(block, separator), min_size=1, max_size=30).map(
        lambda pairs: "".join(block + gap for block, gap in pairs)
    )


@settings(max_examples=400, deadline=None)
@given(text=blocks_of_lines(), size=st.integers(min_value=0, max_value=400))
def test_the_opening_agrees_with_the_whole_text(text: str, size: int) -> None:
    opening = opening_structure(text, size)
    if opening is None:
        return
    whole = detect_structure(text)
    for field in ("title", "category", "section", "source", "date"):
        assert getattr(opening.structure, field) == getattr(whole, field), field
    assert opening.blocks == tuple(block for block in whole.blocks if block.start < opening.reached)
    assert all(block.end <= opening.reached for block in opening.blocks)


def report(paragraphs: int) -> str:
    lines = ["Space / Espace", "", "A long report on lunar cooperation", "", "By Jeff Foust", ""]
    sentence = "The station is planned with {n} partner agencies and a review of the framework."
    lines += [sentence.format(n=n) + "\n" for n in range(paragraphs)]
    return "\n".join(lines)


def test_a_long_report_opens_with_its_header_and_first_paragraphs() -> None:
    text = report(2000)
    opening = opening_structure(text, 1000)
    assert opening is not None
    assert opening.structure.title == "A long report on lunar cooperation"
    assert opening.structure.category == "Space / Espace"
    assert opening.structure.source == "Jeff Foust"
    paragraphs = [b for b in opening.blocks if b.kind is BlockKind.PARAGRAPH]
    assert 5 < len(paragraphs) < 30
    assert opening.reached < 2000


def test_no_opening_without_a_blank_line_near_its_size() -> None:
    text = "A title line\n\n" + "one long paragraph " * 10_000
    assert opening_structure(text, 1000) is None


def test_no_opening_while_the_header_goes_on() -> None:
    text = "A long report on lunar cooperation\n\n" + "Back to top\n\n" * 200 + report(100)
    assert opening_structure(text, 300) is None
