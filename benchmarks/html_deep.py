"""HTML nested past libxml2's 2,048 levels: the time to read a page against its depth.

Prints, for pages nested 1,000 to 20,000 levels deep (a word at every level),
the page's size, the seconds the flattening pass takes alone, the seconds the
whole import of the page takes, and how many of its words came through. Both
times should grow about linearly with the depth.

    .venv/bin/python -m benchmarks.html_deep
"""

from __future__ import annotations

import time

PARAGRAPH = (
    "<p>The International Lunar Research Station will host many partners"
    " from around the world in the coming decade.</p>"
)
SHAPES = {
    "div": ("<div>{word} ", "</div>"),
    "misnested": ("<span><div>{word} </span>", "</div>"),
}


def page(depth: int, shape: str) -> tuple[str, list[str]]:
    """A page with `depth` levels of one shape, and the word at each level."""
    opening, closing = SHAPES[shape]
    words = [f"level{number}word" for number in range(depth)]
    body = "".join(opening.format(word=word) for word in words) + closing * depth
    head = "<html><head><title>Deep page</title></head><body><article>"
    return head + PARAGRAPH * 3 + body + "</article></body></html>", words


def main() -> None:
    """Print the figures."""
    from spacereader.core.loaders.html import KEPT_DEPTH, MAX_DEPTH, load_html
    from spacereader.core.loaders.html_nesting import flatten_nesting

    load_html(PARAGRAPH.encode() * 3)  # import trafilatura and lxml before timing
    print("shape        depth     size   flatten      load   words kept")
    for shape in SHAPES:
        for depth in (1_000, 2_000, 5_000, 10_000, 20_000):
            text, words = page(depth, shape)
            started = time.perf_counter()
            flatten_nesting(text, MAX_DEPTH, kept_depth=KEPT_DEPTH)
            flattened = time.perf_counter() - started
            started = time.perf_counter()
            loaded = load_html(text.encode()).text
            loading = time.perf_counter() - started
            found = set(loaded.split())
            kept = sum(word in found for word in words)
            print(
                f"{shape:10} {depth:7,} {len(text) / 1000:6.0f} KB {flattened:7.2f} s"
                f" {loading:7.2f} s   {kept:,} of {len(words):,}"
            )


if __name__ == "__main__":
    main()
