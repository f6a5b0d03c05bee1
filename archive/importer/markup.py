"""Masking markup so that offsets stay the raw file's: what the format stage hands the later stages.

A file's markup (a Markdown link's brackets and address, an HTML tag, an entity's spelling) is not stripped
but **masked**: each of its characters becomes an invisible one, which paragraph cleaning drops, and a
block-level tag becomes a line break. The masked text has the raw text's length, so an offset into it is an
offset into the raw file, and every statement stays traceable to the characters it came from.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from dataclasses import dataclass, field

MASK = "\u200b"  # dropped by normalize.clean_inline, one character wide
# Inline markup (a link's brackets and address, emphasis, escapes) is masked with another invisible character,
# so that paragraph splitting can tell a line opening with a link ("[said](…) that …") from a heading or a bullet.
INLINE_MASK = "\u2060"

@dataclass(frozen=True)
class Link:
    href: str
    start: int  # where the link's text begins in the raw file


@dataclass(frozen=True)
class FormattedText:
    """The raw text with its markup masked (same length), what kind of file it was, and what it says of itself."""

    text: str
    kind: str  # plain | markdown | html
    title: str | None = None
    date: dt.date | None = None
    source_url: str | None = None
    links: tuple[Link, ...] = field(default=())
    main: tuple[tuple[int, int], ...] | None = None  # an HTML page's main-text spans, when found
    site_name: str | None = None  # the publication the file says it comes from (front matter, page metadata)
    blockquotes: tuple[tuple[int, int], ...] = ()  # spans set off as quoted blocks (Markdown "> ", <blockquote>)
    bold_lines: tuple[tuple[int, int], ...] = ()  # lines wholly in bold: "**UN Secretariat | Guy Ryder | USG Policy**"


_HIDDEN = re.compile(r"<(script|style|noscript|template|svg|head|iframe|select|button)\b.*?</\1\s*>|<!--.*?-->",
                     re.IGNORECASE | re.DOTALL)
BLOCKQUOTE = re.compile(r"<blockquote\b[^>]*>.*?</blockquote\s*>", re.IGNORECASE | re.DOTALL)
# A feed item's HTML sits in CDATA sections: their brackets are markup, their content is the page.
CDATA = re.compile(r"<!\[CDATA\[|\]\]>")
_TAG = re.compile(r"</?(?P<name>[a-zA-Z][\w:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|<!(?!\[CDATA\[)[^>]*>|<\?[^>]*>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_BLOCK = frozenset("""address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5
    h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul
    item title link description pubdate guid category dc:creator content:encoded""".split())  # and a feed item's fields


def mask_html(raw: str, keep_lines: bool = False) -> tuple[str, list[Link]]:
    """The page's text at the page's offsets: markup masked, blocks on lines of their own; and its links.

    Inside a page a line break is a space; in a tagged text file (``keep_lines``) lines stay as they are."""
    out = list(raw) if keep_lines else [" " if c in "\r\n" else c for c in raw]
    for m in _HIDDEN.finditer(raw):
        _mask(out, m.start(), m.end(), raw)
    for m in CDATA.finditer(raw):
        _mask(out, m.start(), m.end(), raw)
    links: list[Link] = []
    for m in _TAG.finditer(raw):
        if out[m.start()] == MASK:
            continue  # inside something already hidden
        _mask(out, m.start(), m.end(), raw)
        name = (m.group("name") or "").lower()
        if name in _BLOCK:
            out[m.start()] = out[m.start() + 1] = "\n"
        if name == "a" and not m.group().startswith("</") and (href := _HREF.search(m.group("attrs") or "")):
            links.append(Link(html_lib.unescape(next(g for g in href.groups() if g is not None)), m.end()))
    for m in _ENTITY.finditer(raw):
        if out[m.start()] == MASK:
            continue
        char = html_lib.unescape(m.group())
        _mask(out, m.start(), m.end(), raw)
        if len(char) == 1:
            out[m.start()] = char
    return "".join(out), links


def _mask(out: list[str], start: int, end: int, raw: str) -> None:
    out[start:end] = MASK * (end - start)


def joined_blocks(spans: list[tuple[int, int]], text: str) -> tuple[tuple[int, int], ...]:
    """Quoted blocks with only blank lines between them are one quoted passage."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and not text[joined[-1][1]: start].replace(MASK, "").replace(INLINE_MASK, "").strip():
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return tuple(joined)


