"""Decoding a text file's bytes: the BOM, then UTF-8, then a checked guess.

UTF-8 is taken strictly, or with a few stray bytes replaced when the rest of
the file is plainly UTF-8 (a file mended by hand, a truncated copy).

Detection alone is not enough. charset_normalizer reads a Windows-1252
French/English article as cp1250 ("Brèves" becomes "Brčves"): both code pages
decode such bytes without error, both readings score as clean, and the tie goes
to cp1250. So, after the BOM and strict UTF-8, a Windows-1252 reading that
looks like Western text (accented letters inside mostly-ASCII words, no stray
symbols inside words) wins, unless the detector finds a reading that is
measurably cleaner, as it does for Czech in cp1250 or Russian in cp1251.

Latin-1 needs no branch of its own: every Latin-1 text file (which has no C1
control characters) decodes to the same text as Windows-1252.

A file that no reading fits, or whose reading is full of control characters
or NUL bytes, is binary.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from spacereader.core.loaders.errors import BinaryFileError

WESTERN = "cp1252"
# The encodings a detector may propose: those text files are still written in today
# (Windows and ISO code pages, KOI8, the CJK encodings). DOS, EBCDIC and old Mac code
# pages are left out: on short texts they win on noise ("ôitĺs" for "“it’s").
CANDIDATES = (
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_8", "iso8859_9", "iso8859_13",
    "iso8859_15", "koi8_r", "koi8_u", "cp874", "gb18030", "big5", "shift_jis", "cp932",
    "euc_jp", "iso2022_jp", "euc_kr", "cp949",
)  # fmt: skip
# Detector answers that mean "a Western single-byte code page": Windows-1252 reads them all.
_WESTERN_GUESSES = frozenset({"ascii", "cp1252", "latin_1", "iso8859_15", "iso8859_1"})
# How much cleaner (charset_normalizer's "chaos", 0..1) another reading must be to
# beat a Western-looking Windows-1252 one. Czech in cp1250 scores ~0.03 better.
CHAOS_MARGIN = 0.01
# Accented letters are a few percent of the letters of French, German or Spanish;
# Cyrillic or Greek read through Windows-1252 become almost nothing else.
MAX_ACCENTED_SHARE = 0.3
# A symbol such as "¹" or "³" inside a word is how Polish (ą, ł) looks through
# Windows-1252; real Western text has almost none ("m²s"), so a few are allowed.
MAX_INWORD_SYMBOL_SHARE = 0.02
# More control characters than this share of the text, and it is not text.
MAX_CONTROL_SHARE = 0.01
SAMPLE_CHARS = 1_000_000
REPLACEMENT = "\ufffd"

_BOMS = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LETTER = r"[^\W\d_]"
_ACCENTED_LETTER = re.compile(r"[^\x00-\x7f\W\d_]")
_NON_LETTERS = re.compile(r"[\W\d_]+")
# A character beyond the Latin blocks (punctuation and symbols aside) touching an ASCII
# letter: "bBkSoaOblูqx" is Windows-1252 text misread as Thai; real Thai, Greek or
# Russian words stay in their own script.
_FOREIGN = "\u0250-\u1fff\u2c00-\U0010ffff"
_FOREIGN_CHAR = re.compile(f"[{_FOREIGN}]")
_MIXED_SCRIPT = re.compile(f"[A-Za-z][{_FOREIGN}]|[{_FOREIGN}][A-Za-z]")
MAX_MIXED_SHARE = 0.2
_INWORD_SYMBOL = re.compile(
    rf"(?<={_LETTER})[\u00a1-\u00ac\u00ae-\u00b6\u00b8-\u00bf†‡ˆ‰‹›•…˜™€“”„‚](?={_LETTER})"
)

# A non-ASCII symbol or punctuation mark touching a letter ("°" in "aA°").
_SYMBOL_AT_LETTER = re.compile(rf"(?<={_LETTER})[^\w\s\x00-\x7f]|[^\w\s\x00-\x7f](?={_LETTER})")


@dataclass(frozen=True)
class DecodedText:
    """A file's text and the encoding it was read with (a Python codec name)."""

    text: str
    encoding: str


def decode_text(raw: bytes) -> DecodedText:
    """Decode a text file's bytes, or refuse them as binary with a one-line reason."""
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as error:
                raise BinaryFileError(
                    f"not valid {label} text, though it starts with a {label} byte-order mark"
                ) from error
            return _checked(DecodedText(text, codec))
    if b"\0" in raw:
        raise BinaryFileError("binary data, not text (it contains NUL bytes)")
    try:
        return _checked(DecodedText(raw.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    repaired = _utf8_with_stray_bytes(raw)
    if repaired is not None:
        return _checked(DecodedText(repaired, "utf-8"))
    return _checked(_guess(raw))


def _utf8_with_stray_bytes(raw: bytes) -> str | None:
    """UTF-8 with its few bad bytes replaced (U+FFFD), when the rest is plainly UTF-8.

    One stray byte must not make a whole UTF-8 file read as a code page
    ("Genève" as "GenĂ¨ve"). A Windows-1252 text, by contrast, has no valid
    UTF-8 sequences at all (an "é" is one byte followed by ASCII), so the
    test is: at least as many well-formed multi-byte sequences as bad bytes.
    """
    text = raw.decode("utf-8", "replace")
    bad = text.count(REPLACEMENT) - raw.count(REPLACEMENT.encode("utf-8"))
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count(REPLACEMENT)
    return text if 0 < bad <= good else None


def looks_western(text: str) -> bool:
    """True when a Windows-1252 reading has the shape of a Western European text."""
    # A sample decides: the shape of a language does not change past the first megabyte.
    sample = text[:SAMPLE_CHARS]
    accented = len(_ACCENTED_LETTER.findall(sample))
    if not accented:
        return True
    letters = len(_NON_LETTERS.sub("", sample))
    if accented > MAX_ACCENTED_SHARE * letters:
        return False
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    return len(_INWORD_SYMBOL.findall(sample)) <= MAX_INWORD_SYMBOL_SHARE * non_ascii


def _guess(raw: bytes) -> DecodedText:
    # Imported here: charset_normalizer costs ~30 ms to import and most files are UTF-8.
    from charset_normalizer import from_bytes

    western = _western_reading(raw)
    detected = from_bytes(raw, cp_isolation=list(CANDIDATES)).best()
    if western is not None:
        if detected is None or detected.encoding in _WESTERN_GUESSES or str(detected) == western:
            return DecodedText(western, WESTERN)
        if _mixes_scripts(str(detected)):
            return DecodedText(western, WESTERN)
        if _symbols_at_letters(str(detected)) > _symbols_at_letters(western):
            # "aAœ" read as KOI8-R is "aA°": a symbol where Western text has a letter.
            return DecodedText(western, WESTERN)
        as_western = from_bytes(raw, cp_isolation=[WESTERN]).best()
        if as_western is not None and as_western.chaos <= detected.chaos + CHAOS_MARGIN:
            return DecodedText(western, WESTERN)
    if detected is None:
        raise BinaryFileError("binary data, not text (no text encoding fits it)")
    return DecodedText(str(detected), detected.encoding)


def _mixes_scripts(text: str) -> bool:
    sample = text[:SAMPLE_CHARS]
    foreign = len(_FOREIGN_CHAR.findall(sample))
    return foreign > 0 and len(_MIXED_SCRIPT.findall(sample)) > MAX_MIXED_SHARE * foreign


def _symbols_at_letters(text: str) -> int:
    return len(_SYMBOL_AT_LETTER.findall(text[:SAMPLE_CHARS]))


def _western_reading(raw: bytes) -> str | None:
    try:
        text = raw.decode(WESTERN)
    except UnicodeDecodeError:
        return None
    return text if looks_western(text) else None


def _checked(decoded: DecodedText) -> DecodedText:
    """Refuse a reading that holds NUL or too many other control characters."""
    text = decoded.text
    if "\0" in text:
        raise BinaryFileError("binary data, not text (it contains NUL characters)")
    controls = len(_CONTROL.findall(text))
    if controls and controls > MAX_CONTROL_SHARE * len(text):
        raise BinaryFileError("binary data, not text (it is full of control characters)")
    return decoded
