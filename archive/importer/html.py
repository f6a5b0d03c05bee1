"""Saved HTML pages: the page's main text, with its markup masked so offsets stay those of the file.

Tags, comments, scripts and styles are masked (see :mod:`.formats`); a block-level tag becomes a
line break so paragraphs stay apart, and an entity shows its character at its first position.
Which paragraphs are the article rather than the page's chrome (menus, cookie and share boxes,
"Related", comment forms, footers) is trafilatura's judgement; its metadata gives the title, the
date (htmldate) and the page's address.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

from .markup import BLOCKQUOTE, CDATA, MASK, FormattedText, joined_blocks, mask_html


def read_html(raw: str) -> FormattedText:
    import trafilatura  # noqa: PLC0415 -- lxml and trafilatura load only when a page comes

    text, links = mask_html(raw)
    main = _main_spans(raw, text)
    meta = trafilatura.extract_metadata(raw)
    title = (getattr(meta, "title", None) if meta else None) or _element_text(raw, "title")
    url = (getattr(meta, "url", None) if meta else None) or _feed_link(raw)
    date = _iso_date(getattr(meta, "date", None) if meta else None)
    site = getattr(meta, "sitename", None) if meta else None
    quoted = joined_blocks([(m.start(), m.end()) for m in BLOCKQUOTE.finditer(raw)], text)
    return FormattedText(text, "html", title=title, date=date, source_url=url, links=tuple(links), main=main,
                         site_name=site or None, blockquotes=quoted)


def _main_spans(raw: str, text: str) -> tuple[tuple[int, int], ...] | None:
    """The spans of the masked text whose lines trafilatura counts as the article (None: it found none)."""
    import trafilatura  # noqa: PLC0415

    extracted = trafilatura.extract(raw, include_comments=False, include_tables=False, favor_recall=True,
                                    deduplicate=False)
    if not extracted:
        return None
    wanted = {_key(line) for line in extracted.splitlines() if _key(line)}
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        key = _key(m.group())
        if key and (key in wanted or any(key in w for w in wanted if len(key) >= 40)):
            spans.append((m.start(), m.end()))
    return tuple(spans) or None


def _key(line: str) -> str:
    line = line.replace(MASK, "")
    return re.sub(r"\s+", " ", line).strip().lower()[:400]


def _iso_date(value: str | None) -> dt.date | None:
    if value and (m := re.match(r"(\d{4})-(\d{2})-(\d{2})", value)):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def _element_text(raw: str, name: str) -> str | None:
    """The text of the first element of that name: a feed item's <title>, when no page metadata names one."""
    m = re.search(rf"<{name}\b[^>]*>(?P<text>.*?)</{name}\s*>", raw[:200_000], re.IGNORECASE | re.DOTALL)
    if not m:
        return None
    text = CDATA.sub("", m.group("text"))
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", text).strip() or None


def _feed_link(raw: str) -> str | None:
    """A feed item's own address: its <link>https://…</link>."""
    link = _element_text(raw, "link")
    return link if link and re.match(r"https?://\S+$", link) else None


def read_tagged(raw: str) -> FormattedText:
    """A text file in SGML-like tags (a wire service's archive: <DOC>, <TEXT>, <DATE1>): tags masked, lines kept."""
    text, links = mask_html(raw, keep_lines=True)
    date_text = _element_text(raw, "DATE1") or _element_text(raw, "DATE")
    # The monitoring service whose collection the document belongs to: "FBIS3-9316", "FBIS-EEU-94-056".
    collection = re.match(r"\s*([A-Z]{2,8})\d*-", _element_text(raw, "DOCNO") or "")
    return FormattedText(text, "tagged", title=_element_text(raw, "TI") or _element_text(raw, "HEADLINE"),
                         date=_loose_date(date_text), links=tuple(links), site_name=collection.group(1) if collection else None)


def _loose_date(text: str | None) -> dt.date | None:
    """"19 Mar 1994", "1994-03-19" in a tag."""
    if not text:
        return None
    if (iso := _iso_date(text)) is not None:
        return iso
    m = re.match(r"\s*(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})", text)
    months = "jan feb mar apr may jun jul aug sep oct nov dec".split()
    if m and m.group(2).lower() in months:
        try:
            return dt.date(int(m.group(3)), months.index(m.group(2).lower()) + 1, int(m.group(1)))
        except ValueError:
            return None
    return None
