"""Encoding detection: the BOM, strict UTF-8, then a guess checked against Western text."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from spacereader.core.loaders.encoding import decode_text, looks_western
from spacereader.core.loaders.errors import BinaryFileError

FRENCH = "Brèves — l’Agence spatiale européenne a publié « son » rapport annuel."
ENGLISH = "He said “it’s fine” – and left… The budget is €1.2 billion."
CZECH = (
    "Vláda České republiky schválila novou kosmickou strategii, která počítá s větším "
    "zapojením českých firem do programů Evropské kosmické agentury. Příliš žluté kolo."
)
POLISH = (
    "Rząd Polski przyjął nową strategię kosmiczną. Polska Agencja Kosmiczna "
    "poinformowała, że budżet na działalność kosmiczną wzrośnie w przyszłym roku."
)
RUSSIAN = "Правительство России утвердило новую космическую программу на следующий год."
GREEK = "Η Ελληνική Διαστημική Υπηρεσία ανακοίνωσε νέο πρόγραμμα δορυφόρων για το 2030."


@pytest.mark.parametrize("text", [FRENCH, ENGLISH, FRENCH + "\n" + ENGLISH, "Brèves"])
def test_windows_1252_western_text_decodes_right(text: str) -> None:
    decoded = decode_text(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.encoding == "cp1252"


def test_latin_1_decodes_right() -> None:
    text = "Die Raumfahrtstrategie für Europa: größere Förderung, déjà « très attendue »."
    assert decode_text(text.encode("latin-1")).text == text


@pytest.mark.parametrize(
    ("text", "codec"),
    [(CZECH, "cp1250"), (POLISH, "cp1250"), (RUSSIAN, "cp1251"), (GREEK, "cp1253")],
)
def test_other_code_pages_are_not_forced_into_windows_1252(text: str, codec: str) -> None:
    # The Western check must not blindly win: these read better in their own code page.
    assert decode_text(text.encode(codec)).text == text


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (
            "宇宙航空研究開発機構（JAXA）は、H3ロケットの打ち上げに成功したと発表しました。",
            "shift_jis",
        ),
        (
            "中国国家航天局宣布，嫦娥六号任务取得圆满成功，这是人类首次从月球背面采集样本。",
            "gb18030",
        ),
        (
            "한국항공우주연구원은 누리호 발사에 성공했다고 밝혔다. 위성은 정상 궤도에 진입했다.",
            "euc_kr",
        ),
    ],
)
def test_east_asian_encodings_decode_right(text: str, codec: str) -> None:
    assert decode_text(text.encode(codec)).text == text


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
    ],
)
def test_the_bom_decides(bom: bytes, codec: str) -> None:
    text = FRENCH + " 🚀 中文"
    decoded = decode_text(bom + text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == codec


def test_a_broken_utf16_file_is_refused() -> None:
    with pytest.raises(BinaryFileError, match="UTF-16"):
        decode_text(b"\xff\xfe" + "abc".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate


@pytest.mark.parametrize(
    "raw",
    [b"\0" * 64, b"text\0with a NUL", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", bytes(range(1, 32)) * 20],
)
def test_binary_is_refused(raw: bytes) -> None:
    with pytest.raises(BinaryFileError, match="binary data"):
        decode_text(raw)


def test_a_few_control_characters_in_text_are_kept() -> None:
    text = "Page one\fPage two, with a tab\tand an escape \x1b once. " + "More text. " * 40
    assert decode_text(text.encode("utf-8")).text == text


def test_the_western_shape() -> None:
    assert looks_western(FRENCH)
    assert looks_western("plain ASCII")
    assert not looks_western(RUSSIAN.encode("cp1251").decode("cp1252"))
    assert not looks_western(POLISH.encode("cp1250").decode("cp1252"))


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=300)


@given(_TEXT)
def test_any_utf8_text_decodes_exactly(text: str) -> None:
    assert decode_text(text.encode("utf-8")).text == text


_WORD = st.from_regex(r"[A-Za-z]{2,9}[éèàçêôùâîëïüœ]?[a-z]{0,5}", fullmatch=True)
_GLUE = st.sampled_from([" ", " ", " ", ", ", ". ", " — ", " “", "” ", "’", " « ", " » ", "\n"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_WORD, _GLUE), min_size=8, max_size=60))
@example([("AA", " ")] * 7 + [("aAœ", " ")])  # once read as KOI8-R: "aA°"
def test_western_prose_in_windows_1252_decodes_exactly(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + glue for word, glue in pieces)
    raw = text.encode("cp1252")
    assert decode_text(raw).text == (text if not raw.isascii() else raw.decode("ascii"))


@pytest.mark.parametrize("stray", [b"\xff", b"\xe9", b"\x80\x80", b"\xc3"])
def test_one_stray_byte_in_utf8_is_replaced_not_a_reason_to_guess(stray: bytes) -> None:
    text = "Genève accueille la réunion. Les délégués arrivent à l’aube.\n" * 20
    raw = text.encode("utf-8")
    middle = len(raw) // 2
    decoded = decode_text(raw[:middle] + stray + raw[middle:])
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") >= 1
    assert decoded.text.replace("\ufffd", "").count("Genève") == 20


def test_windows_1252_is_still_read_as_windows_1252() -> None:
    text = "Brèves : la délégation française arrive à Genève.\n" * 5
    assert decode_text(text.encode("cp1252")).text == text


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))))
def test_stray_bytes_never_lose_the_utf8_around_them(text: str) -> None:
    text = text.lstrip("\ufeff")  # a leading BOM is read as one
    raw = text.encode("utf-8") + b"\xff" + ("é" * 3).encode("utf-8")
    decoded = decode_text(raw)
    if decoded.encoding == "utf-8":
        assert decoded.text == text + "\ufffdééé"
