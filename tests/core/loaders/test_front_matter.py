"""Front matter: the metadata block on top of a Markdown file, and only that."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from spacereader.core.loaders.front_matter import read_front_matter
from spacereader.core.loaders.markdown import markdown_title

YAML = """---
title: "The ILRS at \\"five\\""
date: 2021-06-16  # the day it went up
summary: >
  A folded
  summary.
tags: [ilrs, moon]
---

# Heading
"""


def test_yaml_fields_and_where_their_values_stand() -> None:
    front = read_front_matter(YAML)
    assert front.end == YAML.index("\n# Heading")
    assert front.get("title") == 'The ILRS at "five"'
    assert front.get("date") == "2021-06-16"
    assert front.get("summary") == "A folded summary."
    assert "tags" not in front.fields  # a list is not a scalar
    date = front.fields["date"]
    assert YAML[date.start : date.end].startswith("2021-06-16")
    assert [YAML[a:b] for a, b in front.lines(YAML)][:2] == [
        'title: "The ILRS at \\"five\\""',
        "date: 2021-06-16  # the day it went up",
    ]


def test_a_thematic_break_over_prose_is_no_front_matter() -> None:
    text = "---\nSome prose that opens the text.\n---\n"
    assert read_front_matter(text).end == 0
    assert read_front_matter("---\ntitle: never closed\n").end == 0
    assert read_front_matter("Title\n---\n").end == 0


def test_the_title_is_the_first_heading_after_the_front_matter() -> None:
    assert markdown_title(YAML) == "Heading"
    assert markdown_title("---\ndate: 2021-06-16\n---\nBody.\n") == ""


@given(st.text(alphabet=st.sampled_from("-+.:#'\"ab \n\t>|[]=1"), max_size=120))
def test_any_text_reads_without_error_and_values_lie_inside(text: str) -> None:
    front = read_front_matter("---\n" + text)
    assert 0 <= front.end <= len(text) + 4
    for found in front.fields.values():
        assert 0 <= found.start <= found.end <= front.end


def test_the_reader_shows_front_matter_as_metadata_not_as_a_heading() -> None:
    from spacereader.core.loaders.markdown import markdown_blocks

    shown = [(b.kind, b.level, b.display_text(YAML)) for b in markdown_blocks(YAML)]
    assert shown[0] == ("heading", 1, 'The ILRS at \\"five\\"')
    assert shown[1][0] == "code"
    assert shown[1][2].startswith("date: 2021-06-16  # the day it went up\nsummary: >")
    assert shown[2] == ("heading", 1, "Heading")
    assert all(kind != "rule" for kind, _level, _text in shown)
