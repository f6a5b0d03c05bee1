"""Stage 4: find quotations in articles and decide who said them.

Attribution follows the order a careful reader uses: an explicit cue ("X said", "said X",
"according to X", "X stressed that"), then a pronoun ("he added") for the last person named, then
a quote that continues the one before it, then the article's principal speaker when the piece is
about one person. A quote with a cue that names nobody we can resolve (a formula "according to
NATO", "so-called") is dropped rather than given to the principal: unknown beats wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import split_sentences
from .speakers import DocumentSpeakers, find_mentions, not_a_russian_name, oblique_russian
from .types import Paragraph, SpeakerRef

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", '"': '"'}
# Marks whose quotation runs on into unopened paragraphs until it closes (Russian typography); an English
# quotation left open ends with its paragraph, or goes on only where the next paragraph reopens it.
_RUNS_ON = frozenset("«„")
_VERBS_EN = (
    r"said|says|say|stressed|stresses|added|adds|adding|noted|notes|told|tells|explained|explains|warned|warns|"
    r"emphasi[sz]ed|emphasi[sz]es|insisted|insists|argued|argues|declared|declares|stated|states|remarked|"
    r"continued|continues|observed|claimed|claims|asserted|pointed\s+out|points\s+out|replied|answered|responded|"
    r"underlined|underscored|concluded|wrote|writes|commented|acknowledged|admitted|recalled|suggested|"
    r"cautioned|complained|lamented|affirmed|maintained|urged|announced|believes|thinks|went\s+on|"
    r"put\s+it|summed\s+up|elaborated|reiterated|assured|vowed|predicted|mused|quipped|conceded|"
    r"saying|noting|stressing|warning|insisting|arguing|explaining|calling|describing|urging|telling|adding|asking|"
    r"declaring|claiming|vowing|promising|recalling|replying|responding|"
    # Verbs whose quoted object is the subject's own words: "described the talks as “difficult”".
    r"described|describes|called|calls|labell?ed|branded|hailed|chided|accused|accusing|critici[sz]ed|"
    r"condemned|demanded|promised|pledged|welcomed|praised|tweeted|posted|confirmed|repeated|expressed|"
    r"characteri[sz]ed|boasted|joked|reassured|signalled|signaled|told\s+reporters|wondered|asked"
)
_VERBS_RU = (
    r"(?:заявил|сказал|подчеркнул|отметил|добавил|указал|сообщил|пояснил|заметил|констатировал|напомнил|"
    r"предупредил|призвал|резюмировал|высказал|уточнил|признал|написал|рассказал|ответил|выразил|назвал|"
    r"обвинил|пообещал|потребовал|заверил|подытожил|посетовал|возмутил|объяснил|добавила|продолжил|"
    r"прокомментировал|оценил|убедил|охарактеризовал|констатировала|акцентировал)(?:а|и|о)?(?:сь|ся)?|"
    r"считает|полагает|уверен[аы]?|убежден[аы]?|говорит|заявляет|подчеркивает|подчёркивает|отмечает|пишет|"
    r"утверждает|добавляет|поясняет|уточняет|напоминает|признает|признаёт"
)
_VERB = rf"(?:{_VERBS_EN}|{_VERBS_RU})"
_AUX = r"(?:(?:has|had|also|further|later|then|again|once\s+again|previously|repeatedly|earlier|has\s+also|also\s+has|would|was\s+quoted\s+as\s+saying|also\s+said|такж[ее])\s+)*"
_PRONOUN = r"(?:he|she|He|She|он|она|Он|Она)"
# Nouns that introduce someone else's words which the speaker only cites.
_CITED = re.compile(
    r"(?:so-called|so called|dubbed|termed|slogan|formula|pledge|promise|motto|mantra|headline|title|"
    r"titled|entitled|called\s+it|what\s+\w+\s+calls|так\s+называем\w+)[\s,:]{0,3}$",
    re.IGNORECASE,
)
_ANONYMOUS = re.compile(
    r"\b(?:a|an|one|another|two|several|some)\s+(?:[\w.\-]+\s+){0,4}?(?:officials?|diplomats?|sources?|"
    r"spokes(?:man|woman|person)|aides?|envoys?|representatives?|insiders?|people\s+familiar)\b"
    r"|\b(?:источник\w*|собеседник\w*)\b",
    re.IGNORECASE,
)
_BY_HIS_WORDS = re.compile(r"\b(?:по\s+(?:его|её|ее)\s+(?:словам|мнению)|in\s+(?:his|her)\s+words)\b[^.!?«“\"]{0,100}$",
                           re.IGNORECASE)
_QUOTED_AS = re.compile(r"\bquot(?:ed|es|ing)\s+(?P<who>[^,.;:!?\"“«]{2,60}?)\s+as\s+(?:saying|calling|describing|telling|"
                        r"warning|stressing)\b[^\"“«]{0,80}$", re.IGNORECASE)
_ACCORDING = re.compile(r"(?:according\s+to|in\s+the\s+words\s+of|по\s+словам|как\s+(?:заявил|сказал)[аи]?|"
                        r"(?:на\s+)?(?:слова|заявлени[ея]|высказывани[ея])\s+(?=[А-ЯЁ]))"  # "на слова Байдена о том, что"
                        r"\s*(?P<who>[^,:;]{2,80}?)\s*(?:[,:]?\s*(?:о\s+том,?\s*)?(?:что\s*)?)?$", re.IGNORECASE)


_PARENTHESIS = re.compile(r"\s*\([^()]{0,40}\)")
def _names_someone(who: str) -> bool:
    """Words before a cue verb after a quotation that could name its speaker: a pronoun, a description ("the
    minister", "a senior official") or a capitalised name; not "… had been made and reiterated"."""
    who = re.sub(r"(?:\s+[a-z]+ly)+$", "", _PARENTHESIS.sub(" ", who).strip())  # "Zelensky reportedly"
    words = who.split()
    return bool(words) and (bool(re.fullmatch(_PRONOUN, who)) or words[-1][0].isupper()
                            or bool(re.match(r"(?:the|a|an|one|another|его|её)\s", who)) and len(words) <= 6)


# A person's full name (two to four capitalised words), alone or at the end of a phrase.
_FULL_NAME = re.compile(r"(?:[A-ZА-ЯЁ][\w'’.\-]*\s+){1,3}[A-ZА-ЯЁ][\w'’\-]*")
_LAST_FULL_NAME = re.compile(r"(?:[A-ZА-ЯЁ][\w'’.\-]*\s+){1,3}[A-ZА-ЯЁ][\w'’\-]*\s*$")
# Words between a subject and its cue verb: "Zelensky reportedly told", "he has also said".
_TRAILING_AUX = re.compile(
    r"(?:\s+(?:has|have|had|also|further|later|then|again|once\s+again|would|was|is|were|had\s+earlier|"
    r"[a-z]+ly|также|ранее|вновь|уже|еще|ещё))*\s*$"
)
# "Vladimir Medinsky, Russia's chief negotiator," before the verb: the name before the apposition.
_APPOSED = re.compile(r"(?P<name>(?:[A-ZА-ЯЁ][\w'’.\-]*\s+){0,3}[A-ZА-ЯЁ][\w'’.\-]*),\s+[^,]{3,100}$")
_NAME_RUN_PLAIN = re.compile(r"(?<![\w'’])(?:[A-ZА-ЯЁ][\w'’.\-]*)(?:\s+[A-ZА-ЯЁ][\w'’.\-]*)*")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|at|on|from|to|with|about|by|for|of|aboard|against|toward|towards|into|than|like|between|among|"
    r"в|на|с|со|из|к|о|об|по|для|при)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Quotation:
    text: str
    paragraphs: tuple[Paragraph, ...]
    start_in_first: int  # index in the first paragraph's text where the quoted words begin
    before: str  # the first paragraph's text before the opening mark
    after: str  # the last paragraph's text after the closing mark
    context: str
    block: bool = False  # a whole block set off as quoted (Markdown "> ", <blockquote>), without quotation marks


@dataclass(frozen=True)
class AttributedQuote:
    quotation: Quotation
    speaker: SpeakerRef | None
    reason: str  # cue | pronoun | continued | principal | cited | unknown


def find_quotations(paragraphs: list[Paragraph]) -> list[Quotation]:
    """Every quoted passage, a quote running over several paragraphs counted once."""
    found: list[Quotation] = []
    pending: list[tuple[Paragraph, int, int]] = []  # an open quote running over paragraphs
    for p in paragraphs:
        spans = _spans(p.text)
        if pending:
            if spans and spans[0][0] == _first_mark(p.text):  # English: each paragraph reopens the quote
                s, e = spans.pop(0)
                pending.append((p, s, e))
                if e < 0:
                    continue
                found.append(_make(pending))
            elif (close := _closes_open_quote(p.text, pending[0][0].text[pending[0][1]])) is not None:
                pending.append((p, -1, close))  # Russian: the quote runs on unopened until it closes
                if close < 0 and len(pending) < 6:
                    continue
                found.append(_make(pending))
                spans = [sp for sp in spans if sp[0] > close] if close >= 0 else []
            else:
                found.append(_make(pending))
            pending = []
        for s, e in spans:
            if e < 0:
                pending = [(p, s, e)]
            else:
                found.append(_make([(p, s, e)]))
    if pending:
        found.append(_make(pending))
    return found


def _closes_open_quote(text: str, opening: str) -> int | None:
    """Where a paragraph closes a quote left open by the one before (-1: it runs on; None: it doesn't)."""
    closing = _OPEN_CLOSE[opening]
    close = text.find(closing)
    reopen = text.find(opening) if opening != closing else -1
    if close >= 0 and (reopen < 0 or close < reopen):
        return close
    if opening in _RUNS_ON and close < 0 and reopen < 0 and not any(mark in text for mark in _OPEN_CLOSE):
        return -1
    return None


def _first_mark(text: str) -> int:
    stripped = len(text) - len(text.lstrip())
    return stripped if text[stripped:stripped + 1] in _OPEN_CLOSE else -2


def _spans(text: str) -> list[tuple[int, int]]:
    """(index of the opening mark, index of the closing mark or -1 if it stays open) for each quote."""
    spans = []
    i = 0
    while i < len(text):
        c = text[i]
        if c in _OPEN_CLOSE and _opens(text, i):
            close = _OPEN_CLOSE[c]
            j = _find_close(text, i + 1, c, close)
            spans.append((i, j))
            if j < 0:
                break
            i = j + 1
            continue
        i += 1
    return spans


def _opens(text: str, i: int) -> bool:
    if text[i] != '"':
        return True
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isspace() and (before.isspace() or before in "([{—–-:;,")


def _find_close(text: str, i: int, opening: str, closing: str) -> int:
    depth = 0
    while i < len(text):
        c = text[i]
        if c == closing and (closing != '"' or not _opens(text, i) or depth):
            if depth == 0:
                return i
            depth -= 1
        elif c == opening and opening != closing:
            depth += 1
        i += 1
    return -1


def _make(parts: list[tuple[Paragraph, int, int]]) -> Quotation:
    pieces = []
    last, _, e_last = parts[-1]
    after = last.text[e_last + 1 :] if e_last >= 0 else ""
    for n, (p, s, e) in enumerate(parts):
        piece = p.text[s + 1 : e if e >= 0 else len(p.text)]
        if e < 0 and n == len(parts) - 1 and (cue := _CUE_INSIDE.search(piece)):
            piece, after = piece[: cue.start() + 1], piece[cue.start() + 1:]  # a closing mark lost before "…, Kukan said."
        pieces.append(_EDITORIAL_NOTE.sub("", piece).strip())
    text = "\n\n".join(pieces).strip()  # as quoted, a comma before the closing mark included
    first, s0, _ = parts[0]
    context_paragraphs = [pp.text for pp, _, _ in parts]
    context = first.text if len(parts) == 1 else context_paragraphs[0] + " … " + context_paragraphs[-1]
    return Quotation(text, tuple(p for p, _, _ in parts), s0 + 1, first.text[:s0], after, context)


# A quotation left open that goes on into its own attribution: "“It is in our interest to …, Kukan said."
_CUE_INSIDE = re.compile(r",(?=\s+(?:[A-ZА-ЯЁ][\w'’.\-]*\s+){0,2}[A-ZА-ЯЁ][\w'’\-]*\s+(?:said|says|added|stressed|noted|told|"
                         r"заявил\w*|сказал\w*|добавил\w*)\b)")
# An editor's note at a quotation's end: "[no closing quotation marks as received]", "[passage omitted]".
_EDITORIAL_NOTE = re.compile(r"\s*\[[^\]]{3,80}\]\s*$")


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


class Attributor:
    """Walks an article's quotations in order, remembering who was named and quoted last.

    The caller feeds it each paragraph: :meth:`attribute` for the quotations in it, in order, then
    :meth:`end_paragraph` with the paragraph's text outside quotations.
    """

    def __init__(self, speakers: DocumentSpeakers, principal: SpeakerRef | None):
        self.speakers = speakers
        self.principal = principal
        self.last_named: SpeakerRef | None = None
        self.carry: SpeakerRef | None = None  # "Ryabkov said:" ended the previous paragraph
        self.introduced: SpeakerRef | None = None  # the previous paragraph named one person and quoted nobody
        self.previous_quoted: SpeakerRef | None = None  # who the previous paragraph's last quotation was from
        self.quoted_here: SpeakerRef | None = None
        self.previous_text = ""  # the last paragraph outside quotation marks, a quoted block's lead-in
        self._pending = ""  # the sentence that leads into the quotation being attributed

    def note_text(self, text: str) -> list[SpeakerRef]:
        """Remember the last person named in text outside quotations, for later pronouns.

        An anonymous source ("a senior U.S. official") named after that person takes the pronouns:
        "he said" then means the anonymous one, whom we cannot name.
        """
        people = find_mentions(text, self.speakers, new_people=True)
        anonymous = [m.start() for m in _ANONYMOUS.finditer(text)]
        subjects = [m for m in people if not oblique_russian(text[m[0]:m[1]])]  # "стремление Путина" is nobody's "он"
        if subjects:
            self.last_named = subjects[-1][2]
        if anonymous and (not people or anonymous[-1] > people[-1][0]):
            self.last_named = None
        return [ref for _s, _e, ref in people]

    def end_paragraph(self, masked_text: str, had_quotes: bool) -> None:
        tail = masked_text[-400:]  # a lead-in ("Ryabkov said:") closes the paragraph
        self.carry = None
        if re.search(r":\s*$", tail):  # "Crucially, he tells Ushakov:" hands the next paragraph's quote to him
            sentences = split_sentences(re.sub(r":\s*$", "", masked_text))
            self.note_before(" ".join(sentences))  # "he" is someone named before it, not Ushakov after it
            cued = self._cue_before(re.split(r"[”\"»]", sentences[-1])[-1]) if sentences else None
            self.carry = cued[0] if cued else None
            self._pending = ""
        people = self.note_text(masked_text)
        self.previous_text = masked_text
        if self.carry is None and re.search(r"\b(?:adding|added|continued|went\s+on)\s*:\s*$", tail):
            self.carry = self.quoted_here
        distinct = {p.name for p in people}
        self.introduced = people[-1] if not had_quotes and len(distinct) == 1 else None
        self.previous_quoted = self.quoted_here if had_quotes else None
        self.quoted_here = None

    def attribute_block(self, q: Quotation) -> AttributedQuote:
        """A quoted block: the lead-in before it names the speaker ("As President Zelenskyy stated:",
        "Мария Захарова … ответила"), else the one person the paragraph before names, else the principal."""
        speaker, reason = self.carry, "cue"
        if speaker is None and self.previous_text:
            sentence = split_sentences(self.previous_text)[-1]
            cued = self._cue_before(re.split(r"[”\"»]", sentence)[-1])
            speaker = cued[0] if cued else None
        if speaker is None:
            speaker, reason = (self.introduced, "introduced") if self.introduced else (self.principal, "principal")
        if speaker is not None:
            self.quoted_here = self.last_named = speaker
        return AttributedQuote(q, speaker, reason if speaker else "unknown")

    def note_before(self, masked_before: str) -> None:
        """Note the people named before a quotation: those of its own sentence only once it is attributed, so
        that "Он подчеркнул, что ХАМАС и Путин …" takes "он" from the sentences before, not from "Путин"."""
        sentences = split_sentences(masked_before)
        last = sentences[-1] if sentences else ""
        pronoun = re.search(rf"\b{_PRONOUN}\b", last)
        self.note_text(" ".join([*sentences[:-1], last[: pronoun.start()] if pronoun else last]))
        self._pending = last[pronoun.start():] if pronoun else ""

    def attribute(self, q: Quotation, first_in_paragraph: bool) -> AttributedQuote:
        attributed = self._attribute(q, first_in_paragraph)
        if self._pending:  # the rest of the lead-in, after its pronoun, once the pronoun is resolved
            self.note_text(self._pending)
            self._pending = ""
            if attributed.speaker is not None and attributed.reason != "principal":
                self.last_named = attributed.speaker
        return attributed

    def _attribute(self, q: Quotation, first_in_paragraph: bool) -> AttributedQuote:
        speaker, reason = self._from_cues(q)
        opens_paragraph = first_in_paragraph and not q.before.strip()
        if reason == "none":
            if first_in_paragraph and self.carry is not None:
                speaker, reason = self.carry, "cue"
            elif not first_in_paragraph and self.quoted_here is not None:
                speaker, reason = self.quoted_here, "continued"
            elif opens_paragraph and self.previous_quoted is not None:
                speaker, reason = self.previous_quoted, "continued"
            elif opens_paragraph and self.introduced is not None:
                speaker, reason = self.introduced, "introduced"
            elif self.principal is not None:
                speaker, reason = self.principal, "principal"
            else:
                reason = "unknown"
        if speaker is not None:
            self.quoted_here = speaker
            if reason != "principal":  # a guess from the article's subject is no antecedent for "he"
                self.last_named = speaker
        return AttributedQuote(q, speaker, reason)

    def _from_cues(self, q: Quotation) -> tuple[SpeakerRef | None, str]:
        before = q.before.rstrip()
        if _CITED.search(before) or re.search(r"\b(?:pledge|promise|formula|claim|words|slogan|motto)\s+that\s*$", before, re.I):
            return None, "cited"
        # What follows the closing mark, unless a new sentence starts there ("…». Заявление Байдена прокомментировал …").
        after = "" if re.match(r"^\s*[.!?…]\s+[A-ZА-ЯЁ«“\"]", q.after) else q.after
        m = re.match(rf"^[\s,.!?…]*[—–-]?\s*(?P<who>{_PRONOUN}|[^\W\d_][^,.;:!?\"“«]{{0,80}}?)\s+{_AUX}(?P<verb>{_VERB})\b", after)
        if m and _names_someone(m.group("who")):  # "“…,” Mykhailo Fedorov said": a name just before the verb
            return self._resolved(_PARENTHESIS.sub(" ", m.group("who")), allow_new=True)
        # "“…,” Ukraine’s defense minister, Mykhailo Fedorov, told journalists": the name nearest the verb.
        m = re.match(rf"^[\s,.!?…]*[—–-]?\s*(?P<who>[^.;:!?\"“«]{{2,160}}?),\s+{_AUX}(?P<verb>{_VERB})\b", after)
        if m and (name := _LAST_FULL_NAME.search(m.group("who"))):
            return self._resolved(name.group(), allow_new=True)
        m = re.match(rf"^[\s,.!?…]*[—–-]?\s*{_AUX}(?P<verb>{_VERB})\s+(?:the\s+)?(?P<who>[^,.;:!?\"“«]{{2,120}})", after)
        if m and not re.match(r"(?:that|how|what|it|this|to)\b", m.group("who")):  # "adding that …" names no one
            speaker, reason = self._resolved(m.group("who"), allow_new=True, head=True)
            if speaker is None and (name := _LAST_FULL_NAME.search(m.group("who").strip())):
                speaker, reason = self._resolved(name.group(), allow_new=True)  # "…», заявил на брифинге … Андрей Настасьин"
            return speaker, reason
        if _BY_HIS_WORDS.search(before):  # "По его словам, Кремль «…»": the words of the person last named
            return (self.last_named, "pronoun") if self.last_named else (None, "unknown")
        m = _QUOTED_AS.search(before)
        if m:  # "Haq quoted Ban as saying the attacks “…”": Ban's words, reported by Haq
            return self._resolved(m.group("who"), allow_new=True)
        m = _ACCORDING.search(before)
        if m:
            return self._resolved(m.group("who"), allow_new=True)
        sentence = split_sentences(before)[-1]
        since_last_quote = re.split(r"[”\"»]", sentence)[-1]  # a cue before an earlier quote is that quote's
        cued = self._cue_before(since_last_quote)
        if cued is not None:
            return cued
        m = re.search(r"(?P<who>[^.!?\"“«]{2,200}?):\s*$", sentence)
        if m and len(m.group("who").split()) >= 2:
            speaker = self._who(m.group("who"), tail=True)
            if speaker is not None:
                return speaker, "cue"
            if re.search(rf"\b{_PRONOUN}\b", m.group("who")) and self.last_named:
                return self.last_named, "pronoun"
            return None, "unknown"  # a lead-in that names someone we cannot resolve: not the principal
        return None, "none"

    def _cue_before(self, text: str) -> tuple[SpeakerRef | None, str] | None:
        """The speaker a cue verb before the quote names, or None when no cue verb stands there.

        The verb nearest the quote counts first. A finite verb's subject stands just before it,
        past adverbs and an apposition ("Vladimir Medinsky, Russia's negotiator, similarly said");
        a participle ("…, telling reporters:") takes the subject of its clause.
        """
        verbs = [v for v in re.finditer(rf"\b(?:{_VERB})\b", text)
                 if len(text[v.end():].split()) <= 8 or not re.search(r"[\"“«]", text[v.end():])]
        for verb in reversed(verbs):
            head = _PARENTHESIS.sub(" ", _TRAILING_AUX.sub("", text[: verb.start()])).rstrip(" ,")  # "Rep. Ted Lieu (D-CA) says"
            if not verb.group().endswith("ing"):
                segment = re.split(r"[,;:()—–]\s*", head)[-1].strip()
                if _ANONYMOUS.search(segment) or re.match(r"(?:who|whom|which|whose|который|которого|которому)\b", segment):
                    return None, "unknown"  # "Trump, who the Russian leader described as …": the speaker is not named
                if segment:
                    speaker, reason = self._resolved(segment, allow_new=True)
                    if speaker is None and (apposed := _APPOSED.search(head)):
                        speaker, reason = self._resolved(apposed.group("name"))
                    if speaker is not None:
                        return speaker, reason
            if (subject := self._clause_subject(head)) is not None:
                return subject, "cue"
        if verbs and all(v.group().endswith("ing") for v in verbs):
            return None  # "…,” adding that “…”": a participle with no subject goes on with the quotation before
        if verbs and not re.search(r"[A-ZА-ЯЁ]", text[: verbs[-1].start()]) and not re.search(rf"\b{_PRONOUN}\b", text):
            return None  # "…” had been made and reiterated that “…”": the verb's subject is the quotation's before
        return None if not verbs else (None, "unknown")

    def _clause_subject(self, head: str) -> SpeakerRef | None:
        """The first person named as a subject before the verb: not a possessive, not after a preposition; a
        pronoun before any name ("… he said that he and Christopher would …, stressing") is the person last named."""
        pronoun = re.search(rf"\b{_PRONOUN}\b", head)
        for m in _NAME_RUN_PLAIN.finditer(head):
            if pronoun and pronoun.start() < m.start():
                return self.last_named
            if re.search(r"[’']s$", m.group()) or re.match(r"[’']s\b", head[m.end():]) \
                    or re.search(_PREPOSITION_BEFORE, head[: m.start()]):
                continue  # "Zelensky's comments came after …": a possessive is no subject
            words = m.group().split()
            if ref := self.speakers.resolve(" ".join(words), allow_new=False):
                return ref
        return None

    def _subject(self, sentence: str) -> tuple[SpeakerRef | None, str]:
        """The subject that opens a sentence ("He accused … and urged …"), for a cue verb far from it."""
        m = re.match(r"\s*(?P<subject>(?:[A-ZА-ЯЁ][\w'’.\-]*\s+){0,6}?[A-ZА-ЯЁ][\w'’.\-]*|[Hh]e|[Ss]he|[Оо]н|[Оо]на)\b", sentence)
        if not m:
            return None, "unknown"
        return self._resolved(m.group("subject"))

    def _resolved(self, who: str, allow_new: bool = False, head: bool = False) -> tuple[SpeakerRef | None, str]:
        who = who.strip()
        if re.fullmatch(_PRONOUN, who) or re.search(rf"(?:^|[\s,;]){_PRONOUN}$", who) or self._is_description(who):
            return (self.last_named, "pronoun") if self.last_named else (None, "unknown")
        ref = self._who(who, tail=not head, allow_new=allow_new)
        return (ref, "cue") if ref else (None, "unknown")

    def _is_description(self, who: str) -> bool:
        """'the diplomat', 'the minister', 'дипломат': a definite description of someone already named.

        'a senior official' or 'officials' are anonymous sources, never the last person named."""
        words = who.split()
        if not words or not 1 <= len(words) <= 8 or re.match(r"(?:a|an|one|some|two|several|officials)\b", who, re.I):
            return False
        if words[0][0].isupper() and not re.match(r"(?:The|Официальн|Дипломат|Министр|Глава|Представитель)", words[0]):
            return False
        rest = self.speakers.directory.strip_titles(who)
        # "президент Украины", "глава МИД России": a role and the country it is held in, in the genitive
        return not rest or self.speakers.directory.is_title(words[0]) and all(not_a_russian_name(w) for w in rest)

    def _who(self, phrase: str, tail: bool, allow_new: bool = True) -> SpeakerRef | None:
        """The person a cue names: the name run nearest the verb."""
        if head := not tail:
            phrase = re.split(r"[,;(]|\s+(?:who|which|during|after|while|when|speaking|according|in\s+an?|at\s+a|on\s+a)\s+", phrase)[0]
            kept = []
            for w in phrase.split():  # "Secretary of State Antony Blinken speaking to" → up to the name's end
                if w[0].isupper() or self.speakers.directory.is_title(w):
                    kept.append(w)
                else:
                    break
            phrase = " ".join(kept)
        runs = re.findall(r"(?:[A-ZА-ЯЁ][\w'’.\-]*|[a-zа-яё]+)(?:\s+(?:[A-ZА-ЯЁ][\w'’.\-]*|[a-zа-яё]+))*", phrase)
        if not runs:
            return None
        candidate = runs[0] if head else runs[-1]
        words = candidate.split()
        # keep only the trailing capitalised words (and titles) nearest the verb
        if not head:
            kept: list[str] = []
            for w in reversed(words):
                if w[0].isupper() or self.speakers.directory.is_title(w):
                    kept.insert(0, w)
                else:
                    break
            words = kept
        if not words or not any(w[0].isupper() for w in words):
            return None
        return self.speakers.resolve(" ".join(words), allow_new=allow_new)
