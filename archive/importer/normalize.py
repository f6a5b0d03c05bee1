"""Stage 1: bytes → text → paragraphs.

Source files come from scrapers, blogs and copy-paste: byte-order marks, UTF-16, Windows-1251,
CRLF, no-break spaces, and paragraphs glued together (``true.As for``) when a page's markup was
stripped. Everything downstream works on :class:`Paragraph` objects whose offsets still point at
the raw text, so cleaning never breaks the trace from a statement back to its source.
"""

from __future__ import annotations

import re
import unicodedata

from .types import Paragraph

MAX_BYTES = 10 * 1024 * 1024


class UnreadableText(ValueError):
    """The file is not a text we can read; the message says why and what to do."""


_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx file)",
    b"%PDF": "a PDF document",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
}


def decode(data: bytes) -> str:
    """Decode a file's bytes, detecting the encoding when it is not UTF-8.

    Returns the text with a byte-order mark and NUL characters removed (PostgreSQL cannot store
    NUL); all other characters are kept verbatim, since offsets into this text are stored.
    """
    if len(data) > MAX_BYTES:
        raise UnreadableText(
            f"too large ({len(data) / 1_048_576:.1f} MB; the limit is {MAX_BYTES // 1_048_576} MB): "
            "split the file or remove what is not the statement"
        )
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise UnreadableText(f"binary file ({what}), not text: convert it to plain text first")
    text = _decode_bytes(data)
    text = text.lstrip("\ufeff").replace("\x00", "")
    if not text.strip():
        raise UnreadableText("empty: the file holds no text")
    controls = len(_CONTROLS.findall(text))
    if controls > max(8, len(text) // 100):
        raise UnreadableText("binary data, not text: convert it to plain text first")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: accepted when it decodes to Latin or Cyrillic text."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data[:8000].decode(encoding)
        except UnicodeDecodeError:
            continue
        plain = sum(1 for c in text if c < "\u0530" or "\u2000" <= c < "\u2070" or c in "\r\n\t")
        if plain >= 0.95 * len(text):
            return data.decode(encoding, errors="replace")
    return None


# The control characters (Unicode category Cc: U+0000–U+001F and U+007F–U+009F) but line and page breaks and tabs.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")

_LEGACY_ENCODINGS = ["cp1251", "koi8_r", "cp1252", "latin_1", "iso8859_15", "mac_cyrillic", "cp866"]


def _decode_bytes(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    sample = data[:4000]
    # UTF-16 without a byte-order mark: every other byte is 0x00 (Latin) or 0x04 (Cyrillic), which
    # UTF-8 would happily decode as control characters.
    if sum(1 for b in sample if b < 9) > len(sample) // 4 and (utf16 := _utf16_without_bom(data)) is not None:
        return utf16
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # The archive's sources are Russian and Western; unconstrained detection takes short Latin-1
    # texts for Chinese, so the guess is kept to the encodings such files really come in.
    best = from_bytes(data, cp_isolation=_LEGACY_ENCODINGS).best()
    if best is None:
        raise UnreadableText("undecodable: no text encoding fits; save it as UTF-8")
    return str(best)


_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\t\f\v"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# "...fulfilling it.As for the other side": a sentence end glued to the next capitalised word.
_GLUED = re.compile(
    r"(?<=[a-zа-яё0-9][a-zа-яё\)”\"»’'][.!?])(?=[A-ZА-ЯЁ][a-zа-яё])|(?<=[a-zа-яё][.!?][”\"»])(?=[A-ZА-ЯЁ][a-zа-яё])"
    # A speaker label in capitals glued to the turn before it, as in a broadcast transcript flattened onto one
    # line: "… he did.CHALIAN: Well …", "(CROSSTALK)REPORTER: …", "… on who? REPORTER: …".
    r"|(?:(?<=[a-zа-яё0-9][.!?…])|(?<=[)\]—]))\s*(?=(?:[A-ZА-ЯЁ][A-ZА-ЯЁ'’\-]+)(?:[ ,]+[A-ZА-ЯЁ][A-ZА-ЯЁ'’.\-]+){0,7}:\s)")
_SENTENCE_END = re.compile(r"[.!?:;…\"”»)\]]$")


def clean_inline(text: str) -> str:
    """Fold exotic spaces, drop invisible characters, Markdown emphasis and heading marks, and collapse spaces."""
    text = text.translate(_SPACES).translate(_INVISIBLE)
    text = re.sub(r"\*\*|__", "", re.sub(r"^\s*#{1,6}\s+", "", text))
    text = re.sub(r"^[_*](?=\S)(.*\S)[_*]$", r"\1", text.strip())  # a line in _italics_
    return re.sub(r" {2,}", " ", text).strip()


def paragraphs(raw: str) -> list[Paragraph]:
    """Split text into paragraphs: one per line, rejoining hard-wrapped lines and splitting glued ones."""
    lines = []
    for m in _LINE.finditer(raw):
        line = m.group().rstrip("\r\n")
        if line.strip():
            lines.append((m.start(), m.start() + len(line), line))
        elif lines and lines[-1] is not None:
            lines.append(None)  # a blank line: a hard paragraph break
        if m.end() == len(raw):
            break
    blocks: list[tuple[int, int]] = []
    previous_was_break = True
    wrap = _Wrapping.of([item[2] for item in lines if item is not None])
    # A run of lines between blank lines, most of which go on in lower case, is one paragraph broken at random
    # places: there a break before a capital is a soft wrap too ("Луганская Народная / Республика уже …").
    wrapped_runs = _wrapped_runs(lines)
    previous_line = ""
    for n, item in enumerate(lines):
        if item is None:
            previous_was_break = True
            continue
        start, end, line = item
        if blocks and not previous_was_break and (_is_wrapped_continuation(raw[blocks[-1][0]:blocks[-1][1]], line)
                                                  or wrap is not None and wrap.continues(previous_line, line)
                                                  or n in wrapped_runs and _soft_wrapped(previous_line, line)):
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
        previous_was_break = False
        previous_line = line
    result = []
    for start, end in blocks:
        for piece_start, piece_end in _split_glued(raw, start, end):
            text = clean_inline(re.sub(r"\s*[\r\n]+\s*", " ", raw[piece_start:piece_end]))
            if text:
                result.append(Paragraph(text, piece_start, piece_end, len(result)))
    return result


class _Wrapping:
    """How a hard-wrapped text breaks its lines: at a fixed width, with paragraphs starting on an indented line
    or after a short one ("  [Kobanyai] Having visited Sarajevo, …" in a wire service's 70-column file)."""

    def __init__(self, width: int, indented_starts: bool):
        self.width = width
        self.indented_starts = indented_starts

    @classmethod
    def of(cls, lines: list[str]) -> _Wrapping | None:
        visible = [len(_visible(line)) for line in lines]
        if len(visible) < 12:
            return None
        width = sorted(visible)[int(len(visible) * 0.95) - 1]
        if not 40 <= width <= 110 or sum(1 for n in visible if n >= 0.8 * width) < 0.4 * len(visible):
            return None
        indented = sum(1 for line in lines if re.match(r"\s{2,}\S", _visible(line)))
        return cls(width, 0.05 * len(lines) <= indented <= 0.6 * len(lines))

    def continues(self, previous: str, line: str) -> bool:
        """The line goes on with the paragraph the previous line, broken at the width, left unfinished."""
        visible = _visible(line)
        if len(_visible(previous).rstrip()) < 0.75 * self.width or _TURN_OPENING.match(visible):
            return False
        return not (self.indented_starts and re.match(r"\s{2,}\S", visible))


def _wrapped_runs(lines: list) -> set[int]:
    """The positions of lines inside runs (between blank lines) where most lines after the first start in lower case."""
    found: set[int] = set()
    run: list[int] = []
    for n, item in enumerate([*lines, None]):
        if item is not None:
            run.append(n)
            continue
        rest = run[1:]
        lower = sum(1 for i in rest if re.match(r"\s*[a-zа-яё]", _visible(lines[i][2])))
        if len(rest) >= 2 and lower * 2 >= len(rest):
            found.update(rest)
        run = []
    return found


def _soft_wrapped(previous: str, line: str) -> bool:
    if line.lstrip(" ").startswith("\u200b") or previous.lstrip(" ").startswith("\u200b"):
        return False  # a Markdown heading, list item or quoted line: a block of its own
    previous, line = _visible(previous).rstrip(), _visible(line)
    return (bool(previous) and not _SENTENCE_END.search(previous) and re.match(r"\s*[^\W\d_]", line) is not None
            and not _TURN_OPENING.match(line) and not _BARE_LABEL_LINE.match(previous))


# "Q" or "A" alone on its line: a label whose words follow.
_BARE_LABEL_LINE = re.compile(r"^\s*(?:Q|A|В|О|Вопрос|Ответ|Question|Answer)\s*$")


def _visible(line: str) -> str:
    return line.replace("\u200b", "").replace("\u2060", "")


# What opens a new turn even without a blank line: "[Jeszenszky] …", "Q: …", "MR PRICE: …", "- …".
_TURN_OPENING = re.compile(
    r"^\s*(?:[-–—]\s|\[[A-ZА-ЯЁ][\w .’'\-]{1,40}\]\s|(?:Q|A|Question|Answer|Вопрос|Ответ)\s*[:.]\s"
    r"|[A-ZА-ЯЁ][\w.’'\-]*(?:\s+[A-ZА-ЯЁ][\w.’'\-]*){0,3}:(?:\s|$))")


def _is_wrapped_continuation(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous line stops mid-sentence and this one goes on in lower case ("Уважаемые / друзья!")."""
    previous = previous.rstrip()
    stripped = line.lstrip()
    return (
        len(previous) >= 1
        and not _SENTENCE_END.search(previous)
        and bool(stripped)
        and stripped[0].islower()
    )


def _split_glued(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    cursor = start
    for m in _GLUED.finditer(raw, start, end):
        pieces.append((cursor, m.start()))
        cursor = m.start()
    pieces.append((cursor, end))
    return [(s, e) for s, e in pieces if raw[s:e].strip()]


# A sentence ends at . ! ? or … before a capital or a quotation mark, but not after "U.S." or "Mr.".
_SENTENCE_BREAK = re.compile(
    r"(?<=[.!?…])(?<!\b[A-ZА-ЯЁ]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)(?<!\bSt\.)(?<!\bNo\.)"
    r"\s+(?=[A-ZА-ЯЁ“\"«(])"
)


def split_sentences(text: str) -> list[str]:
    return _SENTENCE_BREAK.split(text)


def fold(text: str, keep_case: bool = False) -> str:
    """Lower-case, accent-free, quote- and dash-normalised text for matching (never for display)."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_MARKS))
    if not text.isascii():
        text = text.translate(_COMBINING_MARKS)
    text = _WHITESPACE.sub(" ", text).strip()
    return text if keep_case else text.lower()


_WHITESPACE = re.compile(r"\s+")


class _CombiningMarks(dict):
    """For str.translate: every character with a combining class (accents, breves, …) maps to nothing, every
    other to itself; each character is looked up once, when first seen."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_COMBINING_MARKS = _CombiningMarks()

_FOLD_MARKS = str.maketrans({
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "ʼ": "'",
    "–": "-", "—": "-", "−": "-", "…": "...", "\u00a0": " ", "ё": "е", "Ё": "Е",
})
