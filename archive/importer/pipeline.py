"""The chain of stages: one source file in, one parsed document out (no database involved)."""

from __future__ import annotations

import re

from . import body as body_stage
from .curated import Curated
from .formats import read_format
from .metadata import OutletFinder, page_lines, read_date, read_publisher, read_title, stated_date
from .normalize import decode, fold, paragraphs
from .principal import (
    article_principal,
    drop_closing_commentary,
    looks_like_commentary,
    mask_quotes,
    title_principal,
    transcript_principal,
)
from .quotes import Attributor, Quotation, find_quotations, word_count
from .speakers import DocumentSpeakers, SpeakerDirectory
from .topics import Tagger
from .turns import (
    ANSWER,
    META,
    MODERATOR,
    QUESTION,
    SPEAKER,
    Transcript,
    Turn,
    is_procedural,
    split_dashed,
    split_labelled,
)
from .types import Paragraph, ParsedDocument, ParsedStatement, SpeakerRef


class Pipeline:
    """Holds the curated data the stages need, prepared once for many files."""

    def __init__(self, curated: Curated):
        self.directory = SpeakerDirectory(curated.speakers, curated.title_words,
                                          tuple(n for o in curated.outlets for n in (o.name, *o.aliases)))
        self.tagger = Tagger(curated.topics)
        self.outlets = OutletFinder(curated.outlets)

    def parse(self, data: bytes | str, file_name: str) -> ParsedDocument:
        raw = decode(data) if isinstance(data, bytes) else data
        formatted = read_format(raw, file_name)
        paras = all_paras = paragraphs(formatted.text)
        if formatted.main:
            paras = _within(all_paras, formatted.main)
        body = body_stage.find_body(paras)
        speakers = DocumentSpeakers(self.directory)
        if formatted.bold_lines:
            body = _bold_labels(body, formatted.bold_lines, speakers)
        speakers.introduce_title(formatted.title or read_title(all_paras))
        # Who the page introduces: its title and header lines ("Jalina Porter, Principal Deputy Spokesperson") too.
        header = [p.text for p in all_paras if body and p.start < body[0].start][-12:]
        speakers.introduce([formatted.title or "", *header, *(p.text for p in body)])
        statements: list[ParsedStatement] = []
        unattributed = 0
        transcript = split_labelled(body, speakers) or split_dashed(body)
        if transcript is not None:
            form = transcript.form
            intro = transcript.intro
            statements, unattributed = self._from_transcript(transcript, speakers)
        if transcript is not None and any(s.kind != "remark" for s in statements):
            pass  # a transcript; where its labels gave nobody's words ("Photo: …" captions), the text is read again
        elif (speech := self._speech(body, speakers, formatted.title)) is not None:
            form, intro = "speech", body[: speech[1]]
            statements = speech[0]
        else:
            form = "article" if body else "empty"
            intro = body[:6]
            statements, unattributed = self._from_article(body, speakers, formatted.blockquotes, formatted.title)
        for s in statements:
            s.start, s.end = _locate(raw, s)
            s.topics = self.tagger.tag_statement(s.text, s.context, is_answer=s.kind == ANSWER)
        header = body[:8]
        formatted = page_lines(formatted, all_paras)  # "Publication date: …", "Direct link: …" in a page's footer
        date, precision = stated_date(formatted), "day"
        if date is None:
            date, precision = read_date(intro or body[:6], header)
        return ParsedDocument(
            file_name=file_name,
            title=formatted.title or read_title(all_paras),
            outlet=self.outlets.find(formatted, intro or body[:6], header, _first_start(statements),
                                     interview=form in ("labelled", "dashed", "speech")),
            publisher=read_publisher(paras),
            date=date,
            date_precision=precision,
            raw_text=raw,
            statements=statements,
            form=form,
            unattributed=unattributed,
        )

    # -- transcripts -------------------------------------------------------------------------

    def _from_transcript(self, transcript: Transcript, speakers: DocumentSpeakers) -> tuple[list[ParsedStatement], int]:
        turns = transcript.turns
        principal = transcript_principal(transcript, speakers)
        drop_closing_commentary(turns, principal, transcript.intro)
        statements: list[ParsedStatement] = []
        unattributed = 0
        opening = _opening_statement(transcript.intro)
        if not opening and principal is not None and principal == title_principal(speakers):
            opening = _opening_remarks(transcript.intro, principal)
        if opening and principal is not None:  # "Ladies and gentlemen, …" before the first label
            statements.append(_statement(Turn(SPEAKER, opening, opening[0].text, principal), principal, "speech", None,
                                         text="\n\n".join(p.text for p in opening)))
        question: str | None = None
        asked: list[str] = []  # the question turns since the last answer: a question, its follow-up, "Oh, okay."
        answered = False
        for turn in turns:
            if turn.role == QUESTION:
                if answered and ("?" in turn.text or len(turn.text.split()) >= 6):  # not a reporter's "Oh, okay."
                    asked, answered = [], False
                asked.append(turn.text)
                question = " … ".join(asked[-3:])
                continue
            if turn.role in (MODERATOR, META) or not turn.text:
                continue
            speaker = turn.speaker if turn.role == SPEAKER else principal if turn.role == ANSWER else None
            if speaker is None:
                unattributed += 1
                continue
            kind = "remark" if is_procedural(turn.text) else ("answer" if question else "speech")
            statements.append(_statement(turn, speaker, kind, question if kind == "answer" else None))
            answered = answered or kind == "answer" and len(turn.text.split()) >= 8
        return statements, unattributed

    # -- a single speech ---------------------------------------------------------------------

    def _speech(self, body: list[Paragraph], speakers: DocumentSpeakers, title: str | None) -> tuple[list[ParsedStatement], int] | None:
        """A speech named by the page's title or its first lines: "Remarks by Deputy Secretary … Wendy Sherman at …"."""
        headings = [(-1, title)] if title else []
        lines = [(i, p.text) for i, p in enumerate(body[:12]) if i < 3 or p.text.startswith("[")]  # "[Statement by …]"
        for i, text in [*headings, *lines]:
            m = _SPEECH_TITLE.match(text)
            if not m:
                continue
            speaker = speakers.resolve(_name_part(m.group("who")), allow_new=True)
            if speaker is None:
                return None
            start = next((j + 1 for j in range(i + 1, min(i + 4, len(body) - 1)) if _LEAD_IN.search(body[j].text)), None) \
                or next((j for j in range(i + 1, len(body)) if _speech_begins(body[j].text)), None)
            if start is None:
                return None
            paras = body[start:]
            while paras and looks_like_commentary(paras[-1].text, speaker, ""):
                paras = paras[:-1]
            sections = _sections(paras)
            if not sections:
                return None
            statements = [_statement(Turn(SPEAKER, section, section[0].text, speaker), speaker, "speech", None,
                                     text="\n\n".join(q.text for q in section)) for section in sections]
            return statements, start
        return None

    # -- articles ----------------------------------------------------------------------------

    def _from_article(self, body: list[Paragraph], speakers: DocumentSpeakers,
                      blockquotes: tuple[tuple[int, int], ...] = (), title: str | None = None) -> tuple[list[ParsedStatement], int]:
        content = [p for p in body if not _is_headline(p, body, title)]
        # A quoted block is one quotation unless it marks its own quotations ("> “From that, …,” Witkoff says").
        blocks = [b for b in _blocks(content, blockquotes) if not find_quotations(b)]
        in_block = {p.index for block in blocks for p in block}
        quotations = [q for q in find_quotations([p for p in content if p.index not in in_block]) if _is_statement_quote(q)]
        quotations = sorted(quotations + [_block_quotation(block) for block in blocks if word_count(
            " ".join(p.text for p in block)) >= 8], key=lambda q: (q.paragraphs[0].index, q.start_in_first))
        first_pass = self._attribute(content, quotations, speakers, principal=None)
        cued = {a[1].name for a in first_pass if a[1] is not None}
        principal = article_principal(content, quotations, speakers, cued)
        kept: list[tuple[Quotation, SpeakerRef]] = []
        unattributed = 0
        for q, speaker, reason in self._attribute(content, quotations, speakers, principal):
            if speaker is None:
                unattributed += 1
            elif word_count(q.text) >= 3 or reason == "cue":  # two words count only where a cue names who said them
                kept.append((q, speaker))
        return [_quote_statement(group) for group in _by_paragraph_and_speaker(kept)], unattributed

    def _attribute(self, content: list[Paragraph], quotations: list[Quotation], speakers: DocumentSpeakers,
                   principal: SpeakerRef | None) -> list[tuple[Quotation, SpeakerRef | None, str]]:
        attributor = Attributor(speakers, principal)
        by_paragraph: dict[int, list[Quotation]] = {}
        for q in quotations:
            by_paragraph.setdefault(q.paragraphs[0].index, []).append(q)
        result = []
        inside_block_until = -1
        for p in content:
            if p.index <= inside_block_until:
                continue  # the rest of a quoted block: its words are the quoted speaker's, not the narrative
            quotes_here = by_paragraph.get(p.index, [])
            for n, q in enumerate(quotes_here):
                if q.block:
                    attributed = attributor.attribute_block(q)
                    inside_block_until = q.paragraphs[-1].index
                else:
                    attributor.note_before(mask_quotes(q.before))
                    attributed = attributor.attribute(q, first_in_paragraph=n == 0)
                result.append((q, attributed.speaker, attributed.reason))
            attributor.end_paragraph(mask_quotes(p.text) if not any(q.block for q in quotes_here) else "",
                                     had_quotes=bool(quotes_here))
        return result


_SPEECH_TITLE = re.compile(
    r"^\[?(?:full\s+text\s+of\s+)?(?:(?:opening|closing|introductory|keynote)\s+)?"
    r"(?:statement|remarks|speech|address|keynote|op-ed|article|video\s+address|выступление|заявление|статья)\s+"
    r"(?:by|of|from)?\s*(?P<who>.+)$",
    re.IGNORECASE,
)
_SALUTATION = re.compile(
    r"^(?:mr\.?|madam|madame|mister|dear|ladies|colleagues|excellenc|distinguished|friends|your\s+excellenc|"
    r"thank\s+you,?\s+(?:mr|madam)|уважаем|господин|дамы|коллеги|друзья)",
    re.IGNORECASE,
)
# "… Foreign Affairs Minister Pik Botha said:": the speech follows.
_LEAD_IN = re.compile(r"\b(?:said|says|stated|declared|told\s+\w+|заявил\w*|сказал\w*)\s*:\s*$", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|we|our|us|my|я|мы|наш\w*)\b", re.IGNORECASE)


def _name_part(who: str) -> str:
    """'Ambassador Vasily Nebenzya at the UN Security Council briefing' → 'Ambassador Vasily Nebenzya'."""
    return re.split(r"\s+(?:at|to|on|before|during|in|for|at the|на|в|перед)\s+|[,:;\]]|\s[-–—]\s", who, maxsplit=1)[0]


def _opening_statement(intro: list[Paragraph]) -> list[Paragraph]:
    """An unlabelled opening statement: from a salutation ("Уважаемые дамы и господа,") to the first label."""
    for i, p in enumerate(intro):
        if _SALUTATION.match(p.text) and len(p.text.split()) <= 12:
            return intro[i:]
    return []


def _opening_remarks(intro: list[Paragraph], principal: SpeakerRef) -> list[Paragraph]:
    """A briefing's unlabelled announcements before the first question, in the titled speaker's voice.

    The paragraphs just before the first label that are full sentences and never name the speaker in
    the third person; a date line, a heading or a blogger's introduction stops the run."""
    opening: list[Paragraph] = []
    for p in reversed(intro):
        words = len(p.text.split())
        if words < 8 or not re.search(r"[.!?…:][”\"»’)]*$", p.text) or looks_like_commentary(p.text, principal, ""):
            break
        opening.insert(0, p)
    return opening


def _sections(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """A speech split at its subheadings ("Right of reply"): each part is one statement, headings none."""
    sections: list[list[Paragraph]] = [[]]
    for p in paragraphs:
        if len(p.text.split()) <= 8 and not re.search(r"[.!?…,;:][”\"»’)]*$", p.text.strip()):
            sections.append([])
        else:
            sections[-1].append(p)
    return [section for section in sections if section]


def _speech_begins(text: str) -> bool:
    return bool(_SALUTATION.match(text)) or (bool(_FIRST_PERSON.search(text)) and len(text.split()) > 12)


def _is_headline(p: Paragraph, body: list[Paragraph], title: str | None = None) -> bool:
    """Headlines and standfirsts: the first line (unless the file's metadata already gave the title and this
    line is a sentence of the text), and short lines without a sentence end."""
    text = re.sub(r"\s*\([^()]{1,40}\)$", "", p.text.strip())  # "… with Moscow. (euronews)": a source note
    if p is body[0] and len(text.split()) <= 25 and (not title or fold(title) in fold(text) or fold(text) in fold(title)
                                                      or not re.search(r"[.!?…:][”\"»’)]*$", text)):
        return True
    return len(text.split()) <= 15 and not re.search(r"[.!?…:][”\"»’)]*$", text)


def _bold_labels(body: list[Paragraph], spans: tuple[tuple[int, int], ...], speakers: DocumentSpeakers) -> list[Paragraph]:
    """A line wholly in bold that names a person is a speaker label: "**UN Secretariat | Guy Ryder | USG Policy**"
    reads as "Guy Ryder:", its words in the paragraphs that follow. Offsets stay the line's."""
    out = []
    for p in body:
        if any(s <= p.start < e for s, e in spans) and len(p.text.split()) <= 14 and not p.text.rstrip().endswith(":"):
            parts = [part.strip() for part in re.split(r"\s[|–—]\s|,\s", p.text) if part.strip()]
            name = next((part for part in parts if 2 <= len(part.split()) <= 4 and speakers.resolve(part, allow_new=True, exact=True)), None)
            if name is not None:
                p = Paragraph(f"{name}:", p.start, p.end, p.index)
        out.append(p)
    return out


def _blocks(content: list[Paragraph], spans: tuple[tuple[int, int], ...]) -> list[list[Paragraph]]:
    """The paragraphs of each quoted block ("> " in Markdown, <blockquote> in a page), in order."""
    blocks = []
    for start, end in spans:
        block = [p for p in content if start <= p.start < end]
        if block:
            blocks.append(block)
    return blocks


def _block_quotation(block: list[Paragraph]) -> Quotation:
    """A block set off as a quotation: a repost's "As President Zelenskyy stated:" followed by his words."""
    return Quotation("\n\n".join(p.text for p in block), tuple(block), 0, "", "", block[0].text, block=True)


def _by_paragraph_and_speaker(quotes: list[tuple[Quotation, SpeakerRef]]) -> list[list[tuple[Quotation, SpeakerRef]]]:
    """One statement per paragraph and speaker: "described the talks as “difficult”, adding that “…”" is one."""
    groups: list[list[tuple[Quotation, SpeakerRef]]] = []
    for q, speaker in quotes:
        last = groups[-1][-1] if groups else None
        if last and last[1] == speaker and len(q.paragraphs) == 1 and len(last[0].paragraphs) == 1 \
                and last[0].paragraphs[0].index == q.paragraphs[0].index \
                and (len(q.paragraphs[0].text) <= _LONG_PARAGRAPH or not _sentence_between(last[0], q)):
            groups[-1].append((q, speaker))
        else:
            groups.append([(q, speaker)])
    return groups


# A "paragraph" this long is a whole article flattened onto one line: its quotations are grouped by sentence.
_LONG_PARAGRAPH = 1500


def _sentence_between(first: Quotation, second: Quotation) -> bool:
    """A sentence ends between two quotations of one paragraph ("…,” he said. “…")."""
    text = second.paragraphs[0].text
    gap = text[first.start_in_first + len(first.text): second.start_in_first]
    return bool(re.search(r"[.!?…][”\"»’)]*\s+[^a-zа-яё]", gap))


def _quote_statement(group: list[tuple[Quotation, SpeakerRef]]) -> ParsedStatement:
    speaker = group[0][1]
    paragraphs = [p for q, _ in group for p in q.paragraphs]
    text = " … ".join(q.text for q, _ in group)
    return _statement(Turn(SPEAKER, paragraphs, text, speaker), speaker, "quote", group[0][0].context, text=text)


def _is_statement_quote(q: Quotation) -> bool:
    words = re.findall(r"[^\W\d_][\w'’\-]*", q.text)
    if word_count(q.text) < 2:
        return False  # a scare quote
    capitalised = sum(1 for w in words if w[0].isupper())
    return not (len(words) <= 12 and capitalised / max(len(words), 1) >= 0.7)  # a quoted title


def _statement(turn: Turn, speaker: SpeakerRef, kind: str, context: str | None, text: str | None = None) -> ParsedStatement:
    return ParsedStatement(
        speaker=speaker,
        kind=kind,
        text=text if text is not None else turn.text,
        context=context,
        start=turn.paragraphs[0].start,
        end=turn.paragraphs[-1].end,
    )


def _first_start(statements: list[ParsedStatement]) -> int | None:
    return min((s.start for s in statements), default=None)


def _within(paras: list[Paragraph], spans: tuple[tuple[int, int], ...]) -> list[Paragraph]:
    """The paragraphs inside the page's main text, numbered afresh."""
    kept = [p for p in paras if any(s <= p.start < e for s, e in spans)]
    return [Paragraph(p.text, p.start, p.end, i) for i, p in enumerate(kept)]


def _locate(raw: str, statement: ParsedStatement) -> tuple[int, int]:
    """Exact offsets of the statement's first and last words within its paragraphs of the raw text."""
    start, end = statement.start, statement.end
    window = raw[start:end]
    for size in (30, 12, 5):  # markup inside the first words ("*We left*") leaves a shorter head to find
        i = window.find(statement.text[:size])
        if i >= 0:
            start += i
            break
    for size in (30, 12, 5):
        tail = statement.text[-size:]
        j = raw.rfind(tail, start, end)
        if j >= 0:
            end = j + len(tail)
            break
    return start, end
