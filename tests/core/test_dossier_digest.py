"""Digests: what one text says of each program, quoted from the text itself."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.dossier.digest import ELLIPSIS, MAX_QUOTE_CHARS, digest, quote
from spacereader.core.extraction import extract

PIECES = [
    "The ILRS counted 13 member countries",
    "while the Artemis Accords had 40 signatories",
    "NASA said",
    "according to ESA",
    "the International Space Station (ISS) hosted 270 people from 21 countries",
    "officials met in Geneva",
    "about 1,000 engineers",
    "since 2016",
]
SEPARATORS = [". ", ", ", "; ", " — ", "\n\n", " "]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=14))
def test_quotes_are_the_texts_own_words(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + separator for piece, separator in parts)
    extraction = extract(text)
    digests = digest(text, extraction)
    assert {d.name for d in digests} == {p.name for p in extraction.programs}
    figures_given = [q.figure for d in digests for q in d.figures]
    # A figure is about one program at most.
    assert len(figures_given) == len({(f.start, f.end) for f in figures_given})
    for found in digests:
        assert found.passages
        for passage in found.passages:
            assert 0 <= passage.start <= passage.end <= len(text)
            assert " ".join(text[passage.start : passage.end].split()) == passage.text.strip(
                ELLIPSIS
            )


def test_a_very_long_sentence_is_quoted_around_its_mention() -> None:
    text = "word " * 2000 + "the ILRS grew " + "word " * 2000 + "."
    focus = text.index("ILRS")
    found = quote(text, 0, len(text), focus)
    assert found.start < focus < found.end
    assert len(found.text) <= MAX_QUOTE_CHARS + 60
    assert found.text.startswith(ELLIPSIS)
    assert found.text.endswith(ELLIPSIS)


def test_each_figure_goes_to_its_own_program() -> None:
    text = (
        "By then the ILRS counted 13 member countries, while the Artemis Accords had 38"
        " signatories. NASA said the ILRS would have 20 members. 40 countries signed the"
        " Artemis Accords."
    )
    owners = {q.figure.text: d.name for d in digest(text, extract(text)) for q in d.figures}
    assert owners["13"] == "International Lunar Research Station"
    assert owners["38"] == "Artemis Accords"
    assert owners["20"] == "International Lunar Research Station"  # NASA only speaks
    assert owners["40"] == "Artemis Accords"
