"""Stage 7: read the title, the outlet and the date, only where the text states them.

A wrong date or outlet in a citation is worse than none, so nothing is guessed: a date counts
only when the text ties it to the publication ("published by Interfax on 22 December 2023", a
dateline, "Posted on"), and an outlet only when named as the publisher of the interview or in a
dateline. Dates of events mentioned in passing ("approaching on February 5, 2022") are ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from urllib.parse import urlsplit

from .curated import CuratedOutlet
from .markup import FormattedText
from .normalize import fold, split_sentences
from .types import Paragraph

_MONTHS_EN = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MONTHS_RU = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS_EN},?\s+\d{{4}}"
    rf"|{_MONTHS_EN}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|(?:19|20)\d\d-\d{{2}}-\d{{2}}"
    rf"|(?<!\d)\d{{2}}-\d{{2}}-(?:19|20)\d\d(?![\d-])"
    rf"|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTHS_RU}\s+\d{{4}}(?:\s+(?:года|г\.))?)",
    re.IGNORECASE,
)
# Words that tie a date to this publication, in the same sentence before the date.
_PUBLICATION_CUE = re.compile(
    r"\b(?:published|posted|dated|released|updated|aired|broadcast|interview(?:ed)?|told|speaking\s+to|"
    r"spoke\s+to|in\s+an\s+interview|опубликован\w*|интервью|размещен\w*|дата)\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ .\-']{2,40},\s")
_OUTLET_CUE = re.compile(
    r"\b(?:interview(?:ed)?|talk(?:ed)?\s+with|told|speaking\s+(?:to|with)|spoke\s+(?:to|with)|"
    r"conversation\s+with|published\s+(?:by|in)|wrote\s+for|op-ed|article\s+for|questions\s+(?:from|of|by)|"
    r"интервью|рассказал\w*|беседе)\b",
    re.IGNORECASE,
)


def read_title(paragraphs: list[Paragraph]) -> str:
    """The headline: the first short line that is not a lead-in ("Here's the interview:")."""
    for p in paragraphs[:4]:
        text = p.text.strip()
        if len(text) <= 200 and not text.endswith(":") and not text.startswith(("-", "–", "—")):
            return text
    first = paragraphs[0].text if paragraphs else ""
    return first if len(first) <= 200 else first[:197].rsplit(" ", 1)[0] + "…"


_SEGMENTS = re.compile(r"\s+[|·•]\s+")


def header_segments(header: list[Paragraph]) -> list[str]:
    """Header lines, and the parts of bylines like "Sputnik | 03.10.2023 | Politics"."""
    return [part.strip() for p in header for part in _SEGMENTS.split(p.text[:3000]) if part.strip()]


def read_date(paragraphs: list[Paragraph], header: list[Paragraph]) -> tuple[dt.date | None, str | None]:
    """The publication date: tied to the publication by a cue, or standing in a short header line."""
    for text in header_segments(header):
        for m in _DATE.finditer(text):
            # "Department Press Briefing – February 14, 2022", "…, Moscow, January 18, 2024", "July 10, 2023",
            # "by Tyler Durden December 16, 2016"; not "released from January 20, 2021 to January 20, 2025."
            standalone = (m.start() == 0 or len(text.split()) <= 8 or re.match(r"by\s", text, re.IGNORECASE)
                          or len(text) - m.end() <= 2 and (len(text.split()) <= 12
                                                          or re.search(r",\s*[A-ZА-ЯЁ][\w .\-]{1,30},\s*$", text[: m.start()])))
            if re.search(r"\b(?:from|to|until|till|between|since|по|с|до)\s+$", text[: m.start()], re.IGNORECASE):
                continue  # one end of a range
            if standalone and (parsed := _parse(m.group())):
                return parsed, "day"
    for p in paragraphs:
        for m in _DATE.finditer(p.text, 0, 3000):
            sentence_start = max(p.text.rfind(". ", 0, m.start()), p.text.rfind("? ", 0, m.start())) + 1
            lead = p.text[sentence_start : m.start()]
            if re.search(r"\b(?:from|to|until|till|between|since|по|с|до)\s+$", lead, re.IGNORECASE):
                continue  # one end of a range: "released online from January 20, 2021 to …"
            dateline = m.start() <= 60 and (_DATELINE.match(p.text) or sentence_start == 0 and len(lead) < 4)
            if dateline or _PUBLICATION_CUE.search(lead) or len(p.text) <= len(m.group()) + 12:
                parsed = _parse(m.group())
                if parsed:
                    return parsed, "day"
    return None, None


def _parse(text: str) -> dt.date | None:
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text).replace(" of ", " ")
    text = re.sub(r"\s+(?:года|г\.)$", "", text)
    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
    if re.fullmatch(r"\d{1,2}[.-]\d{1,2}[.-]\d{4}", text):
        settings["DATE_ORDER"] = "DMY"  # 03.10.2023 is the 3rd of October wherever dots are used
    import dateparser  # on first use: importing it takes 30 ms, and a dry run of texts without dates never needs it

    value = dateparser.parse(text, languages=["en", "ru"], settings=settings)
    return value.date() if value else None


# A date in a page's address: /2024/03/25/, -2025-02-10, /20250210/.
_URL_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[/-]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")


_MONTH_ABBREVIATIONS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_URL_DATE_MONTH_NAME = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/"
                                  r"(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)", re.IGNORECASE)


def stated_date(formatted: FormattedText) -> dt.date | None:
    """The date the file states about itself: its address's date, else its front matter's or page's.

    A date in the source address is the publisher's own; a crawler's front-matter date can be
    wrong (taken from a photo caption), so it comes second."""
    path = urlsplit(formatted.source_url).path if formatted.source_url else ""
    if m := _URL_DATE.search(path):
        try:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            pass
    if m := _URL_DATE_MONTH_NAME.search(path):  # "/world/2026/feb/04/…"
        try:
            return dt.date(int(m["y"]), _MONTH_ABBREVIATIONS.index(m["m"].lower()[:3]) + 1, int(m["d"]))
        except ValueError:
            pass
    return formatted.date


# A page's own lines about itself, wherever they stand (often in its footer).
_PUBLICATION_LINE = re.compile(r"^(?:publication\s+date|date\s+of\s+publication|published(?:\s+on)?|posted(?:\s+on)?|"
                               r"дата\s+публикации|опубликовано)\s*:\s*(?P<date>.{6,60})$", re.IGNORECASE)
_LINK_LINE = re.compile(r"^(?:direct\s+link|link\s+to\s+(?:the\s+)?material|permalink|ссылка\s+на\s+материал)\s*:\s*"
                        r"(?P<url>\S+)$", re.IGNORECASE)


def page_lines(formatted: FormattedText, paragraphs: list[Paragraph]) -> FormattedText:
    """The date and address a page states in lines of its own ("Publication date: March 22, 2016, 18:40",
    "Ссылка на материал: kremlin.ru/d/69390"), where its metadata gave none."""
    date, url = formatted.date, formatted.source_url
    for p in paragraphs:
        text = p.text.strip()
        if date is None and (m := _PUBLICATION_LINE.match(text)) and (d := _DATE.search(m.group("date"))):
            date = _parse(d.group())
        if url is None and (m := _LINK_LINE.match(text)):
            url = m.group("url") if "//" in m.group("url") else "https://" + m.group("url")
    return replace(formatted, date=date, source_url=url) if (date, url) != (formatted.date, formatted.source_url) else formatted


def domain_of(url: str) -> str:
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


class OutletFinder:
    def __init__(self, outlets: tuple[CuratedOutlet, ...]):
        self._domains = {d: o.name for o in outlets for d in o.domains}
        self._publisher_lines = [(line, o.name) for o in outlets for line in o.publisher_lines]
        self._names: list[tuple[re.Pattern[str], str]] = []
        self._in_text: list[tuple[re.Pattern[str], str]] = []
        for outlet in outlets:
            for variant in (outlet.name, *outlet.aliases):
                cased = len(variant) <= 4 or variant.isupper()
                body = re.escape(variant if cased else fold(variant))
                entry = (re.compile(rf"(?<!\w){body}(?!\w)"), outlet.name if cased else "~" + outlet.name)
                self._names.append(entry)
                if not outlet.header_only:
                    self._in_text.append(entry)

    def for_url(self, url: str | None) -> str | None:
        """The outlet whose site the address is on: www.state.gov and state.gov alike, a sub-domain too."""
        host = domain_of(url or "")
        while host:
            if host in self._domains:
                return self._domains[host]
            host = host.partition(".")[2] if host.count(".") > 1 else ""
        return None

    def from_links(self, formatted: FormattedText, intro_end: int | None = None) -> str | None:
        """The publisher the file names by address: its source URL's site, or the site a repost links
        to before the statements begin ("at a [press conference](https://www.mid.ru/…)")."""
        if name := self.for_url(formatted.source_url):
            return name
        if formatted.title and (m := re.search(r"\s[|–—-]\s(?P<site>[^|–—]{2,40})$", formatted.title)):
            if name := self._exact(m.group("site")):
                return name
        for link in formatted.links:
            if intro_end is not None and link.start > intro_end:
                break
            if name := self.for_url(link.href):
                return name
        return None

    def _mentions(self, text: str) -> list[tuple[int, str]]:
        folded = fold(text)
        cased = fold(text, keep_case=True)
        hits = []
        for pattern, name in self._in_text:
            target = folded if name.startswith("~") else cased
            for m in pattern.finditer(target):
                hits.append((m.start(), name.lstrip("~")))
        return sorted(hits)

    def _exact(self, text: str) -> str | None:
        key = re.sub(r"^the\s+", "", fold(text).strip(" .:"))
        for pattern, name in self._names:
            if pattern.fullmatch(key) or pattern.fullmatch(fold(text, keep_case=True).strip(" .:")):
                return name.lstrip("~")
        return None

    def find(self, formatted: FormattedText, paragraphs: list[Paragraph], header: list[Paragraph],
             first_statement: int | None, interview: bool) -> str | None:
        """Whose text this is. A known publisher's address or title, a byline, a publisher's header line, a
        wire dateline and a repost's source line come first. Then an interview's publisher as the text names
        it ("in an interview with Sputnik"), before the site the file comes from; in an article, which cites
        its sources that way ("told TASS"), such a mention counts only after the site and its address."""
        named = (self.from_links(formatted, first_statement if interview else -1) or self._header_names(header)
                 or self._publisher_line(header) or self._dateline(paragraphs) or self._repost_source(header + paragraphs))
        if named:
            return named
        site = (self._exact(formatted.site_name) or formatted.site_name) if formatted.site_name else None
        domain = domain_of(formatted.source_url) or None if formatted.source_url else None
        if interview:
            return self._cued(paragraphs, interview) or site or self._masthead(header) or domain
        return site or domain or self._cued(paragraphs, interview) or self._masthead(header)

    def read(self, paragraphs: list[Paragraph], header: list[Paragraph], interview: bool = True) -> str | None:
        """The outlet the text itself names: a byline's, a header line's, a publisher's line, a cue's, a dateline's."""
        return (self._header_names(header) or self._cued(paragraphs, interview) or self._publisher_line(header)
                or self._dateline(paragraphs))

    def _masthead(self, header: list[Paragraph]) -> str | None:
        """A masthead: "DIPLOMATIC DISPATCH", "DEPARTMENT OF FOREIGN AFFAIRS AND TRADE"; not a person's title
        ("FOREIGN MINISTER ALEXANDER DOWNER") nor what the document is ("TRANSCRIPT OF DOORSTOP INTERVIEW")."""
        for text in header_segments(header):
            words = text.split()
            institution = any(fold(w) in _INSTITUTION_WORDS for w in words)
            if 2 <= len(words) <= (7 if institution else 4) and text.isupper() and not re.search(r"[\d:,]", text) \
                    and not any(fold(w) in _PERSON_ROLES | _DOCUMENT_WORDS for w in words):
                return text.title()
        return None

    def _repost_source(self, paragraphs: list[Paragraph]) -> str | None:
        """A repost's line naming where the text comes from: "from ZeroHedge Website", "Originally published by …"."""
        for p in paragraphs[:12]:
            if m := _REPOST.search(p.text[:400]):
                site = (m.group("site") or m.group("site2")).strip(" .")
                return self._exact(site) or site
        return None

    def _header_names(self, header: list[Paragraph]) -> str | None:
        """A byline's outlet ("By Jane Doe, Reuters", "By The Associated Press") or a header line that is one."""
        for text in header_segments(header):
            byline = re.match(r"^By\s+[^,]{3,60},\s*(?P<outlet>[A-Z][\w&.'’ \-]{1,60})$", text)
            if byline:
                return self._exact(byline.group("outlet")) or byline.group("outlet").strip()
            if (agency := re.match(r"^By\s+(?P<agency>[A-Z][\w&.'’ \-]{1,40}?)\s*$", text)) and (name := self._exact(agency["agency"])):
                return name
            if len(text.split()) <= 12 and (name := self._exact(text)):
                return name
        return None

    def _cued(self, paragraphs: list[Paragraph], interview: bool) -> str | None:
        """The outlet a cue governs: "in an interview with Sputnik", "Kommersant published an interview",
        "Интервью … газете «Известия»"; not "speaking to servicemen …, according to TASS". In an article only
        its lead counts: "Speaking to RIA Novosti, …"."""
        for p in paragraphs if interview else paragraphs[:3]:
            for sentence in split_sentences(p.text[:3000]):
                mentions = self._mentions(sentence)
                cues = list(_OUTLET_CUE.finditer(sentence))
                for at, name in mentions if cues else ():
                    if any(0 <= at - cue.end() <= 24 for cue in cues) or _PUBLISHED_AFTER.match(sentence, at + len(name)) \
                            or _MEDIUM_BEFORE.search(sentence[max(0, at - 16): at]):
                        return name
        return None

    def _publisher_line(self, header: list[Paragraph]) -> str | None:
        """A publisher's own header line: "Ned Price, Department Spokesperson"."""
        for p in header:
            for line, name in self._publisher_lines:
                if line in p.text[:300]:
                    return name
        return None

    def _dateline(self, paragraphs: list[Paragraph]) -> str | None:
        """A wire dateline's agency: "MOSCOW, March 3 (Reuters) -", "HAVANA, December 26. /TASS/."."""
        for p in paragraphs[:4]:
            m = re.match(r"^[^()]{3,60}\((?P<agency>[^)]{2,30})\)\s*[-–—]", p.text) \
                or re.search(r"[A-ZА-ЯЁ]{3,}(?:-[A-ZА-ЯЁ]+)?,\s+[^/]{3,40}\s/(?P<agency>[^/]{2,20})/", p.text[:600]) \
                or re.search(r"/(?P<agency>[^/]{2,20})/", p.text[:120])
            if m and (mentions := self._mentions(m.group("agency"))):
                return mentions[0][1]
        return None


# "Kommersant published …": the outlet as the subject of publishing; "газете «Известия»": a medium named before it.
_PUBLISHED_AFTER = re.compile(r"\S*\s+(?:has\s+)?(?:published|опубликовал\w*|ran|aired)\b", re.IGNORECASE)
_MEDIUM_BEFORE = re.compile(r"(?:газет\w*|агентств\w*|телеканал\w*|радио|издани\w*|журнал\w*|newspaper|magazine|agency|"
                            r"broadcaster|channel)\s*[«\"“]?\s*$", re.IGNORECASE)
_PUBLICATION_OUTLET_CUE = re.compile(
    r"\b(?:published\s+(?:by|in|on)|wrote\s+for|op-ed|article\s+for|first\s+appeared|опубликован\w*)\b", re.IGNORECASE)
_REPOST = re.compile(
    r"\bfrom\s+(?:the\s+)?(?P<site>[A-Z][\w.&'’ -]{1,40}?)\s+[Ww]ebsite\b"
    r"|\b(?:originally|first)\s+(?:published|appeared)\s+(?:by|in|on|at)\s+(?P<site2>[A-Z][\w.&'’ -]{1,40}?)(?:\s+on\b|[.,(]|$)")
_INSTITUTION_WORDS = frozenset("department ministry office council commission agency embassy mission service".split())
_DOCUMENT_WORDS = frozenset("""transcript interview doorstop statement briefing conference remarks speech release
    communique readout excerpts text""".split())
_PERSON_ROLES = frozenset("minister secretary president ambassador spokesperson spokesman spokeswoman senator deputy".split())


_PUBLISHER = re.compile(
    r"(?:like\s+what\s+you[’']ve\s+been\s+reading\s+at|thanks\s+for\s+reading)\s+"
    r"(?P<name>[A-Z][^?!.\n]{1,60}?)\s*[?!.]",
    re.IGNORECASE,
)


def read_publisher(paragraphs: list[Paragraph]) -> str | None:
    """Who published this copy, where the page says so in its subscribe banner ("… reading at Karlof1's Substack?")."""
    for p in paragraphs:
        if m := _PUBLISHER.search(p.text[:500]):
            return m.group("name").strip()
    return None
