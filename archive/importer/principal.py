"""Who a document is about, and where the blogger who reposted it speaks in his own voice.

An ``A:`` label, a dashed answer or an unattributed quote in a piece about one interview belongs to
the document's principal speaker; finding that person, and refusing to guess when a piece quotes
several, is what keeps those attributions right. The same stage recognises the reposting blogger's
closing remarks, which often follow the last answer with no label or dash.
"""

from __future__ import annotations

import re
from collections import Counter

from .normalize import split_sentences
from .quotes import Quotation
from .speakers import DocumentSpeakers, find_mentions
from .turns import QUESTION, SPEAKER, Transcript, Turn, is_procedural
from .types import Paragraph, SpeakerRef


def mask_quotes(text: str) -> str:
    return re.sub(r"“[^”]*”|«[^»]*»|„[^“]*“|\"[^\"]*\"", " … ", text)


def transcript_principal(transcript: Transcript, speakers: DocumentSpeakers) -> SpeakerRef | None:
    """The interviewee: who the ``A:`` turns and the dashed answers belong to."""
    named = Counter(t.speaker.name for t in transcript.turns if t.role == SPEAKER and t.speaker and t.speaker.known)
    if len(named) == 1:
        return next(t.speaker for t in transcript.turns if t.speaker and t.speaker.name in named)
    if len(named) > 1:
        return None  # several officials answer: a bare "A:" could be any of them
    return _intro_principal(transcript.intro, speakers) or title_principal(speakers)


def title_principal(speakers: DocumentSpeakers) -> SpeakerRef | None:
    """The one person the title names, whose briefing or interview the document is."""
    return speakers.title_people[0] if len(speakers.title_people) == 1 else None


def _intro_principal(intro: list[Paragraph], speakers: DocumentSpeakers) -> SpeakerRef | None:
    scores: Counter[str] = Counter()
    refs: dict[str, SpeakerRef] = {}
    for p in intro:
        for sentence in split_sentences(mask_quotes(p.text)):
            boost = 2 if re.search(r"interview|told|talk|spoke|speaking|answer|интервью|рассказал|беседе", sentence, re.I) else 0
            for _s, _e, ref in find_mentions(sentence, speakers):
                if speakers.is_person(ref):
                    refs.setdefault(ref.name, ref)
                    scores[ref.name] += 1 + boost
    for ref in speakers.title_people:  # the title names the interviewee: "Василий Боля: …"
        refs.setdefault(ref.name, ref)
        scores[ref.name] += 2
    if not scores:
        return None
    (best, top), *rest = scores.most_common()
    if rest and rest[0][1] == top:
        first = next(n for n in refs)  # ties go to the person named first
        return refs[first] if scores[first] == top else None
    return refs[best]


def article_principal(content: list[Paragraph], quotations: list[Quotation], speakers: DocumentSpeakers,
                       cued: set[str]) -> SpeakerRef | None:
    """The one person an article is about, if it is about one person; else None."""
    if len(cued) > 1:
        return None
    mentions: Counter[str] = Counter()
    refs: dict[str, SpeakerRef] = {}
    for p in content:
        for _s, _e, ref in find_mentions(mask_quotes(p.text), speakers):
            if ref.known:
                mentions[ref.name] += 1
                refs.setdefault(ref.name, ref)
    if not mentions:
        return None
    (best, top), *rest = mentions.most_common()
    if top < 2 or (rest and rest[0][1] * 2 > top) or (cued and best not in cued):
        return None
    return refs[best]


_COMMENTARY = re.compile(
    r"\b(?:interview(?:ed)?|paraphras\w*|the\s+Qs?|readers?|substack|blog(?:ger)?|this\s+post|the\s+post|article|"
    r"translation|transcript|I[’']m\s+curious|unrelated|the\s+above|my\s+(?:take|view|opinion|thoughts)|"
    r"IMO|emphasis\s+mine|h/t|excerpt|bolded|there\s+you\s+have\s+it|struck\s+me|your\s+thoughts|comments?\s+below|"
    r"attended\s+the\s+(?:news|press)\s+conference)\b",
    re.IGNORECASE,
)


def looks_like_commentary(text: str, principal: SpeakerRef | None, intro: str) -> bool:
    """A paragraph in the reposting blogger's voice rather than the interviewee's."""
    score = 0
    if _COMMENTARY.search(text):
        score += 2
    if principal is not None:
        surname = principal.name.split()[-1]
        if re.search(rf"\b{re.escape(surname)}\b", text):
            score += 2
    if re.search(r"(?<!President )(?<!President Vladimir )\bPutin\b", text):
        score += 1
    if not re.search(r"\b(?:we|our|us)\b", text, re.IGNORECASE) and re.search(r"\b(?:Russia|Russian|Moscow)\b", text):
        score += 1
    return score >= 2


def drop_closing_commentary(turns: list[Turn], principal: SpeakerRef | None, intro: list[Paragraph]) -> None:
    """Cut the blogger's closing remarks, which often follow the last answer with no label or dash."""
    if not turns:
        return
    last = turns[-1]
    if last.role != QUESTION and is_procedural(last.first_text):
        del last.paragraphs[1:]  # "Thank you for the conversation." closes the interview: what follows is not in it
        return
    intro_text = " ".join(p.text for p in intro)
    for i, p in enumerate(last.paragraphs[1:], start=1):
        if looks_like_commentary(p.text, principal, intro_text):
            del last.paragraphs[i:]
            return
