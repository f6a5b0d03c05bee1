"""Stage 0: read the file's format (front matter, Markdown, HTML) before anything reads its words.

Files arrive as plain text, as Markdown under YAML or TOML front matter (blog engines, crawlers), or
as saved HTML pages. The later stages read plain paragraphs, and every statement must stay traceable
to the characters of the raw file, so markup is not stripped but **masked**: each markup character
(a blockquote's ``>``, a link's URL, an escape's backslash, an HTML tag) is replaced by a zero-width
space, which paragraph cleaning drops, and a block-level tag by a line break. The masked text has the
raw text's length, so an offset into it is an offset into the raw file.

The front matter's title, date and source URL, and the links of the text, are kept as metadata:
the metadata stage prefers what the file states about itself to what it guesses from the words.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, replace

import frontmatter
from markdown_it import MarkdownIt

from .html import read_html, read_tagged
from .markup import INLINE_MASK, MASK, FormattedText, Link, joined_blocks, mask_html

_BLOCK_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,3}[.)][ \t]+)?")


def read_format(raw: str, file_name: str = "") -> FormattedText:
    """The format of a file, from its name and its first characters."""
    lower = file_name.lower()
    if lower.endswith((".html", ".htm")) or looks_like_html(raw):
        return read_html(raw)
    if len(_SGML_LINE.findall(raw[:5000])) >= 3:
        return read_tagged(raw)
    front = _front_matter(raw)
    if front is not None or lower.endswith((".md", ".markdown")) or looks_like_markdown(raw):
        formatted = _read_markdown(raw, front)
    else:
        formatted = FormattedText(raw, "plain")
    if formatted.source_url is None and (m := _METADATA_URL.search(raw[:3000])):
        formatted = replace(formatted, source_url=m.group("url"))  # a crawler's "- **URL**: https://…" line
    return formatted


# A crawler's or a repost's line naming the page's address: "- **URL**: https://…", "URL: https://…".
_METADATA_URL = re.compile(r"^[-*>\s]*\**(?:url|link|canonical|original(?:\s+url)?)\**\s*:\**\s*<?(?P<url>https?://[^\s>)]+)",
                           re.IGNORECASE | re.MULTILINE)


# A line opening with an upper-case tag: <DOC>, </DOCNO>, <TEXT>, <F P=104>.
_SGML_LINE = re.compile(r"^\s*</?[A-Z][A-Z0-9]*(?:\s[^>]*)?>", re.MULTILINE)
_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>])|<(?:head|body)[\s>][\s\S]*</(?:p|div|script)>", re.IGNORECASE)


def looks_like_html(raw: str) -> bool:
    return bool(_HTML_START.search(raw[:2000]))


# Markdown a plain text would not have: a link, an escape, a heading, a blockquote, bold text.
_MARKDOWN_SIGNS = re.compile(r"\]\((?:https?://|/)|\\[_*\[\]#>-]|^#{1,6} \S|^> |\*\*\S", re.MULTILINE)


def looks_like_markdown(raw: str) -> bool:
    return len(_MARKDOWN_SIGNS.findall(raw[:20000])) >= 3


# -- front matter ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Front:
    end: int  # where the Markdown after the front matter begins
    title: str | None
    date: dt.date | None
    source_url: str | None
    site_name: str | None = None


_FENCE = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
# The original publisher's address first: a repost keeps it as `original_link` beside its own `permalink`.
_URL_KEYS = ("original_link", "original_url", "source_url", "url", "link", "canonical", "canonical_url", "source",
             "permalink")
_DATE_KEYS = ("date", "published", "published_time", "pubdate", "publishdate", "created", "published_at", "post_date",
              "date_published", "datepublished")


def _front_matter(raw: str) -> _Front | None:
    m = _FENCE.match(raw)
    if not m:
        return None
    try:
        meta, _content = frontmatter.parse(m.group())
    except Exception:  # a malformed header is still a header: mask it, read nothing from it
        meta = {}
    if not isinstance(meta, dict):
        meta = {}
    title = meta.get("title") or meta.get("post_title")
    if isinstance(title, str):
        title = html.unescape(title)  # "… &#8211; Washington Post"
    url = next((str(meta[k]).strip() for k in _URL_KEYS if isinstance(meta.get(k), str) and meta[k].strip().startswith("http")), None)
    site = next((_site(meta[k]) for k in _SITE_KEYS if isinstance(meta.get(k), str) and _site(meta[k])), None)
    date = next((d for k in _DATE_KEYS if (d := _date_of(meta.get(k))) is not None), None)  # not "published: true"
    return _Front(m.end(), str(title).strip() if title else None, date, url, site)


# Front-matter keys that name the publication: `publication: '[[Gagauznews]]'`, `site: "nokta.md"`,
# `source: "MINISTER FOR FOREIGN AFFAIRS"` (a source that is not an address).
_SITE_KEYS = ("publication", "publisher", "site_name", "sitename", "site", "website", "source", "outlet", "newspaper")


def _site(value: str) -> str | None:
    value = re.sub(r"^\[\[|\]\]$", "", value.strip()).strip(" '\"")
    if not value or value.startswith(("http://", "https://", "/")) or len(value) > 80:
        return None
    return value


def _date_of(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and (m := re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


# -- Markdown -------------------------------------------------------------------------------------

_MD = MarkdownIt("commonmark", {"html": True}).enable("table")
_KEPT_BULLETS = "-"  # "- " opens a dashed interview's turns: a bullet the later stages must see


def _read_markdown(raw: str, front: _Front | None) -> FormattedText:
    start = front.end if front else 0
    body = raw[start:]
    masked = list(_mask_all(raw[:start])) + list(body)
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", body)]
    links: list[Link] = []
    keep_marker: set[int] = set()
    quoted: list[tuple[int, int]] = []
    bold: list[tuple[int, int]] = []
    depth = 0
    tokens = _MD.parse(body)
    for i, token in enumerate(tokens):
        if token.type == "list_item_open" and token.markup in _KEPT_BULLETS and token.map:
            keep_marker.add(token.map[0])
        if token.type == "blockquote_open":
            if depth == 0 and token.map:
                quoted.append(_quoted_lines(body, start, line_starts, token.map))
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
        if token.type != "inline" or token.map is None:
            if token.map and (token.type == "html_block" or token.type == "code_block" and _HTML_TEXT.search(token.content)):
                _mask_html_lines(masked, start, line_starts, token.map, body)  # a repost's raw HTML: its words stay
            elif token.type in ("fence", "code_block", "hr") and token.map:
                _mask_lines(masked, start, line_starts, token.map, body)
            continue
        first, last = token.map
        span_start = line_starts[first]
        span_end = line_starts[last] if last < len(line_starts) else len(body)
        plain, hrefs = _plain(token)
        if _wholly_bold(token) and not any(t.type == "list_item_open" and t.level < token.level for t in tokens[max(0, i - 3):i]):
            bold.append((start + span_start, start + span_end))  # a bold line of its own, not a bold list item
        positions = _align(plain, body, span_start, span_end)
        matched = set(positions)
        bullet = _bullet_at(body, span_start) if first in keep_marker or _parent_is_kept(tokens, i, keep_marker) else None
        prefixes = {j for m in re.finditer(r"(?m)^", body[span_start:span_end])
                    for j in range(span_start + m.start(), _BLOCK_PREFIX.match(body, span_start + m.start()).end())}
        for j in range(span_start, span_end):
            if j not in matched and body[j] not in "\r\n" and not (bullet and bullet[0] <= j < bullet[1]):
                masked[start + j] = MASK if j in prefixes else INLINE_MASK
        for href, at in hrefs:
            pos = next((p for p in positions[at:] if p >= 0), span_start)
            links.append(Link(href, start + pos))
    for span_start, span_end in quoted:  # a quote's empty lines ("> ") are markup too
        for m in re.finditer(r"(?m)^[ \t]*>[ \t>]*$", raw[span_start:span_end]):
            for j in range(span_start + m.start(), span_start + m.end()):
                masked[j] = MASK
    kept = "".join(masked)
    return FormattedText(kept, "markdown", title=front.title if front else None,
                         date=front.date if front else None, source_url=front.source_url if front else None,
                         links=tuple(sorted(links, key=lambda link: link.start)),
                         site_name=front.site_name if front else None, blockquotes=joined_blocks(quoted, raw),
                         bold_lines=tuple(bold))


def _wholly_bold(token) -> bool:
    """An inline token that is one bold run and nothing else: a speaker line, a heading in bold."""
    kinds = [c.type for c in token.children or () if not (c.type == "text" and not c.content.strip())]
    return len(kinds) >= 3 and kinds[0] == "strong_open" and kinds[-1] == "strong_close" and kinds.count("strong_open") == 1


def _quoted_lines(body: str, offset: int, line_starts: list[int], line_map) -> tuple[int, int]:
    """A blockquote's span: its lines that start with ">" and the blank lines between them. A crawl's next
    paragraph, glued to the quote without a blank line, is a lazy continuation to Markdown, not quoted."""
    first, last = line_map
    end = first
    for n in range(first, last):
        line = body[line_starts[n]: line_starts[n + 1] if n + 1 < len(line_starts) else len(body)]
        if re.match(r"[ \t]*>", line):  # indented too: a quote inside a list item
            end = n + 1
        elif line.strip():
            break
    stop = line_starts[end] if end < len(line_starts) else len(body)
    return offset + line_starts[first], offset + stop


def _parent_is_kept(tokens, i: int, keep_marker: set[int]) -> bool:
    """An inline token inside a paragraph inside a kept list item (the item's first line)."""
    for back in range(i - 1, max(i - 3, -1), -1):
        t = tokens[back]
        if t.type == "list_item_open":
            return bool(t.map) and t.map[0] in keep_marker
    return False


def _bullet_at(body: str, line_start: int) -> tuple[int, int] | None:
    m = re.compile(r"[ \t>]*(-\s)").match(body, line_start)
    return (m.start(1), m.end(1)) if m else None


def _mask_all(text: str) -> str:
    return re.sub(r"[^\r\n]", MASK, text)


# Indented raw HTML is a code block to Markdown; a repost's article body in <p> tags is text to a reader.
_HTML_TEXT = re.compile(r"<(?:p|div|span|strong|em|a)\b[^>]*>.*?</(?:p|div|span|strong|em|a)>", re.IGNORECASE | re.DOTALL)


def _mask_html_lines(masked: list[str], offset: int, line_starts: list[int], line_map, body: str) -> None:
    """Raw HTML inside Markdown ("<p><strong>KILIS, Turkey</strong> -- …</p>"): its tags masked, its text kept."""
    first, last = line_map
    begin, end = line_starts[first], line_starts[last] if last < len(line_starts) else len(body)
    text, _links = mask_html(body[begin:end], keep_lines=True)
    masked[offset + begin: offset + end] = list(text)


def _mask_lines(masked: list[str], offset: int, line_starts: list[int], line_map, body: str) -> None:
    first, last = line_map
    end = line_starts[last] if last < len(line_starts) else len(body)
    for j in range(line_starts[first], end):
        if body[j] not in "\r\n":
            masked[offset + j] = MASK


def _plain(token) -> tuple[str, list[tuple[str, int]]]:
    """The text a reader sees in an inline token, and each link's URL with where its text begins in it."""
    out: list[str] = []
    hrefs: list[tuple[str, int]] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "image":
            out.append("".join(c.content for c in child.children or () if c.type == "text"))
        elif child.type == "link_open" and (href := child.attrs.get("href")):
            hrefs.append((str(href), sum(map(len, out))))
    return "".join(out), hrefs


def _align(plain: str, body: str, start: int, end: int) -> list[int]:
    """For each character of ``plain``, the position of ``body[start:end]`` that carries it (-1: none).

    What a reader sees is the raw text with markup left out, so each visible character is found at
    the next raw position holding it; a character the raw text lacks (an entity's expansion) is skipped.
    """
    positions: list[int] = []
    j = start
    for c in plain:
        if c == "\n":
            k = body.find("\n", j, end)
            if k >= 0:
                j = k + 1
            positions.append(-1)
            continue
        k = body.find(c, j, min(end, j + 2000))
        positions.append(k)
        if k >= 0:
            j = k + 1
    return positions
