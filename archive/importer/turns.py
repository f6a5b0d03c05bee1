"""Stage 3: split an interview or briefing into turns and pair each answer with its question.

Two transcript families exist: labelled (``Question:`` / ``Ryabkov:`` / ``MR PRICE:`` / ``Q`` on a
line of its own) and dashed (every turn starts with ``- `` and questions and answers alternate).
In both, a paragraph without a label or dash continues the turn before it, except where the
blogger who reposted the interview starts talking again after the last answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .normalize import fold
from .speakers import DocumentSpeakers
from .types import Paragraph, SpeakerRef

QUESTION, ANSWER, SPEAKER, MODERATOR, UNKNOWN = "question", "answer", "speaker", "moderator", "unknown"
META = "meta"  # "Source: …", "Note: …", or a subheading: ends a turn and is nobody's words

_QUESTION_WORDS = ("question", "q", "вопрос", "journalist", "interviewer", "correspondent", "reporter",
                   "журналист", "корреспондент", "audience", "participant", "press", "follow-up", "follow up",
                   "followup", "уточнение", "реплика из зала")
_ANSWER_WORDS = ("answer", "a", "ответ")
# A label ending in one of these is someone asking: "XINHUA correspondent", "BBC reporter", "журналист ТАСС".
_ASKER_WORDS = frozenset(("correspondent", "reporter", "journalist", "interviewer", "корреспондент", "журналист"))
_MODERATOR_WORDS = ("moderator", "operator", "host", "chair", "chairman", "модератор", "ведущий",
                    "staff", "announcer", "interpreter")
# Lines about the text, not in it: "Note: …", "Source: …". They end a turn and are nobody's words.
_META_LABELS = frozenset(fold(w) for w in (
    "note", "editor's note", "update", "source", "photo", "read more", "related", "watch", "video",
    "subscribe", "translation", "headline", "title", "date", "tags", "see also", "background",
    "excerpt", "transcript", "full text", "summary", "ps", "p.s", "nb", "источник", "фото",
    "text", "passage omitted", "words indistinct", "as received", "as heard", "applause", "laughter"))
# Words a speaker puts before a colon mid-answer: "Secondly: …", "The bottom line: …". Not labels.
_DISCOURSE = frozenset(fold(w) for w in (
    "firstly", "secondly", "thirdly", "first", "second", "third", "finally", "example", "for example",
    "in short", "bottom line", "the bottom line", "context", "во-первых", "во-вторых", "в-третьих", "итак"))

_LABEL = re.compile(r"^(?P<label>[^\W\d_][^:：\n]{0,70}?)\s*[:：](?:\s+|$)(?P<rest>.*)$", re.DOTALL)
# "Question — …" / "Maria Zakharova — …": a label set off by a dash, accepted only for known roles and people.
_DASH_LABEL = re.compile(r"^(?P<label>[^\W\d_][^—–:\n]{0,50}?)\s+[—–]\s+(?P<rest>\S.*)$", re.DOTALL)
# "В.Путин:" is an initial and a surname, not "В." (вопрос): a capital glued to the dot makes a name.
_BARE_QA = re.compile(r"^(?P<label>Q|A|В|О)(?:[.:](?![A-ZА-ЯЁ])\s*|\s*$)(?P<rest>.*)$", re.DOTALL)
# White House transcripts: "Q    Is there any chance ..." (the spaces are folded by then).
_BARE_Q_SPACED = re.compile(r"^Q\s+(?P<rest>[A-Z\"“(].*)$", re.DOTALL)
_DASH = re.compile(r"^\s*[-–—]\s*(?P<rest>\S.*)$", re.DOTALL)
_INLINE_ANSWER = re.compile(r"\?\s*[-–—]\s*(?=\S)")
_PROCEDURAL = re.compile(
    r"^(?:thank\s+you|thanks|go\s+ahead|next\s+question|last\s+question|one\s+more|let[’']?s\s+go|"
    r"let\s+me\s+go\s+to|over\s+to\s+you|good\s+(?:morning|afternoon|evening)|welcome|that[’']?s\s+all|"
    r"we[’']?re\s+done|спасибо|пожалуйста|следующий\s+вопрос)\b",
    re.IGNORECASE,
)


@dataclass
class Turn:
    role: str  # question | answer | speaker | moderator | unknown | meta
    paragraphs: list[Paragraph]
    first_text: str  # the first paragraph's text without its label or dash
    speaker: SpeakerRef | None = None
    label: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join([self.first_text, *(p.text for p in self.paragraphs[1:])]).strip()


@dataclass
class Label:
    role: str
    text: str  # what follows the label on the same line
    speaker: SpeakerRef | None = None
    label: str = ""


@dataclass
class Transcript:
    form: str  # labelled | dashed
    intro: list[Paragraph]
    turns: list[Turn] = field(default_factory=list)


def read_label(paragraph: Paragraph, speakers: DocumentSpeakers) -> Label | None:
    """The speaker label that opens a paragraph, if there is one."""
    m = _BARE_QA.match(paragraph.text)
    if m and (m.group("rest") == "" or paragraph.text[1] in ".:"):
        role = QUESTION if m.group("label") in "QВ" else ANSWER
        return Label(role, m.group("rest").strip(), label=m.group("label"))
    m = _BARE_Q_SPACED.match(paragraph.text)
    if m:
        return Label(QUESTION, m.group("rest").strip(), label="Q")
    m = _LABEL.match(_unbracketed(paragraph.text))
    if not m:
        return _dash_label(paragraph, speakers)
    label, rest = m.group("label").strip(), m.group("rest").strip()
    role = _role_word(label)
    if role:
        return Label(role, rest, label=label)
    if fold(label) in _META_LABELS:
        return Label(META, rest, label=label)
    tokens = re.sub(r"\([^)]*\)", " ", label).split()
    if not tokens or len(tokens) > 7 or fold(label) in _DISCOURSE:
        return None
    if any(re.search(r"[’']s$", t) for t in tokens) or any(len(t) > 3 and t.endswith(".") for t in tokens[:-1]):
        return None  # "Patrick’s Day: …" (a wrapped line), "Geran Drone Adaptation. Source: …" (two sentences)
    if "," not in label and len(tokens) <= 8 and fold(tokens[-1]).strip(".") in _ASKER_WORDS:
        return Label(QUESTION, rest, label=label)  # "[EUROPE TIMES correspondent]", "BBC reporter"
    if not all(t[0].isupper() or speakers.directory.is_title(t) for t in tokens):
        return None  # "there is a question: ..." is a sentence, not a label
    name, _, role = label.partition(",")  # "DANA BASH, CNN HOST", "DONALD TRUMP, PRESIDENT-ELECT OF …"
    if role and (_JOURNALIST.search(role) or speakers.directory.is_outlet(role.split()[0])):  # "…, CNN WASHINGTON BUREAU CHIEF"
        speakers.mark_interviewer(name)  # her later "BASH:" asks too
        return Label(QUESTION, rest, label=label)

    if speakers.is_interviewer(label) or speakers.directory.is_outlet(label):
        return Label(QUESTION, rest, label=label)  # a journalist, or a reporter named by outlet ("Reuters:")
    speaker = (speakers.resolve_label(name) if role else None) or speakers.resolve_label(label)
    if speaker is not None:
        return Label(SPEAKER, rest, speaker, label)
    letters = [c for c in label if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) >= 3:
        return Label(_unknown_role(rest), rest, label=label)  # "MR. SMITH:" for a Smith nobody knows
    return None


_JOURNALIST = re.compile(r"\b(?:host|anchor|correspondent|reporter|journalist|editor|contributor|commentator|moderator|"
                         r"bureau\s+chief|political\s+director|analyst|"
                         r"interviewer|presenter|columnist|ведущ\w+|корреспондент\w*|журналист\w*)\b", re.IGNORECASE)


# Wire-service transcripts put the speaker in brackets: "[Jeszenszky] Since the outbreak …".
_BRACKET_LABEL = re.compile(r"^\[(?P<label>[^\]\n:]{1,80})\]\s+(?=\S)")


def _unbracketed(text: str) -> str:
    """A bracketed label written as a colon label: "[Kobanyai] Having visited …" → "Kobanyai: Having visited …"."""
    m = _BRACKET_LABEL.match(text)
    return f"{m.group('label')}: {text[m.end():]}" if m else text


def _dash_label(paragraph: Paragraph, speakers: DocumentSpeakers) -> Label | None:
    m = _DASH_LABEL.match(paragraph.text)
    if not m or len(m.group("label").split()) > 5:
        return None
    label, rest = m.group("label").strip(), m.group("rest").strip()
    if rest[:1].islower():
        return None  # "Петр Пашалы — в прошлом первый председатель …" defines, it does not speak
    role = _role_word(label)
    if role in (QUESTION, ANSWER, MODERATOR):
        return Label(role, rest, label=label)
    if all(t[0].isupper() for t in label.split()) and (speaker := speakers.resolve(label, allow_new=False)):
        return Label(SPEAKER, rest, speaker, label)
    return None


def _role_word(label: str) -> str | None:
    word = fold(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", label)).strip(" .")
    head = word.split()[0] if word.split() else ""
    if word in _QUESTION_WORDS or head in ("question", "вопрос", "q"):
        return QUESTION
    if word in _ANSWER_WORDS:
        return ANSWER
    if word in _MODERATOR_WORDS or head in _MODERATOR_WORDS:
        return MODERATOR
    if len(word) >= 5 and " " not in word:
        if fuzz.ratio(word, "question") >= 80 or fuzz.ratio(word, "вопрос") >= 80:
            return QUESTION
        if fuzz.ratio(word, "answer") >= 80:
            return ANSWER
    return None


def split_labelled(body: list[Paragraph], speakers: DocumentSpeakers) -> Transcript | None:
    """Turns of a labelled transcript, or None when the text is not one."""
    labels = [read_label(p, speakers) for p in body]
    _recurring_unknown_labels(body, labels)
    _mark_interviewers(body, labels)
    _consistent_unknown_roles(body, labels)
    questions = sum(1 for lab in labels if lab and lab.role == QUESTION)
    answers = sum(1 for lab in labels if lab and lab.role in (ANSWER, SPEAKER, UNKNOWN))
    named = {lab.speaker.name for lab in labels if lab and lab.speaker}
    bare_answers = any(lab and lab.role == ANSWER for lab in labels)  # "Q: … A: …", even once
    if not (questions >= 1 and answers >= 2) and len(named) < 2 and not ((named or bare_answers) and questions >= 1) \
            and not _labelled_speech(body, labels):
        return None
    for i, lab in enumerate(labels):
        if lab and lab.role == QUESTION:
            break
        if lab and lab.role == SPEAKER and lab.text and _is_headline_text(lab.text):
            labels[i] = None  # "Ryabkov: The Arms Control Edifice Lies in Ruins" is a title
    first = next((i for i, lab in enumerate(labels) if lab), None)
    if first is None:
        return None
    transcript = Transcript("labelled", intro=body[:first])
    for paragraph, lab in zip(body[first:], labels[first:], strict=True):
        if lab is None and _STAGE_DIRECTION.match(paragraph.text):
            continue  # "(Applause.)", "(Cross-talk.)": what happened in the room, nobody's words
        opening = lab is None and transcript.turns and not transcript.turns[-1].first_text  # "В.Путин:" alone on its line
        if lab is None and not opening and _is_headline_text(paragraph.text) and len(paragraph.text.split()) <= 10:
            lab = Label(META, "", label="subheading")
        if lab is not None:
            transcript.turns.append(Turn(lab.role, [paragraph], lab.text, lab.speaker, lab.label))
        else:
            turn = transcript.turns[-1]
            if not turn.first_text:  # "Q" alone on its line: its words follow
                turn.first_text = paragraph.text
                turn.paragraphs[0] = paragraph
            else:
                turn.paragraphs.append(paragraph)
    return transcript


def _labelled_speech(body: list[Paragraph], labels: list[Label | None]) -> bool:
    """One named speaker under a label, nobody asking, and most of the text after it: "SECRETARY BLINKEN: Mr. President, …"."""
    first = next((i for i, lab in enumerate(labels) if lab), None)
    if first is None or labels[first].role != SPEAKER or any(lab and lab.role == QUESTION for lab in labels):
        return False
    after = body[first:]
    words = sum(len(p.text.split()) for p in after)
    return words >= 120 and len(after) >= 3 and len(after) * 2 >= len(body)


# A paragraph that only records what happened in the room.
_STAGE_DIRECTION = re.compile(r"^\s*[(\[][^()\[\]]{1,60}[)\]]\s*$")


def split_dashed(body: list[Paragraph]) -> Transcript | None:
    """Turns of an interview whose questions and answers each start with a dash."""
    dashed = [i for i, p in enumerate(body) if _DASH.match(p.text)]
    if len(dashed) < 4 or sum(1 for i in dashed if "?" in body[i].text) < 2:
        return None
    transcript = Transcript("dashed", intro=body[: dashed[0]])
    role = _first_dashed_role([body[i].text for i in dashed])
    for paragraph in body[dashed[0]:]:
        m = _DASH.match(paragraph.text)
        if m is None:
            if _is_headline_text(paragraph.text) and len(paragraph.text.split()) <= 10:
                transcript.turns.append(Turn(META, [paragraph], ""))  # a subheading between turns
            else:
                transcript.turns[-1].paragraphs.append(paragraph)
            continue
        rest = m.group("rest").strip()
        inline = _INLINE_ANSWER.search(rest) if role == QUESTION else None
        if inline:  # "- Changes in U.S. policy?-Absolutely."
            transcript.turns.append(Turn(QUESTION, [paragraph], rest[: inline.start() + 1]))
            answer = rest[inline.end():]
            transcript.turns.append(Turn(ANSWER, [_tail(paragraph, answer)], answer))
            continue
        transcript.turns.append(Turn(role, [paragraph], rest))
        role = ANSWER if role == QUESTION else QUESTION
    return transcript


def _first_dashed_role(turns: list[str]) -> str:
    """Questions and answers alternate; which comes first is the phase under which questions ask ("?")
    and answers mostly do not: an interview may open on an answer ("- Ничего такого не было! - ответил …")."""
    def agreement(first: str) -> int:
        score, role = 0, first
        for text in turns[:20]:
            rest = _DASH.match(text).group("rest") if _DASH.match(text) else text
            if role == QUESTION and _INLINE_ANSWER.search(rest):
                score += 1  # "- Frozen?-It is frozen.": a question and its answer, the next turn asks again
                continue
            asks = "?" in rest[-3:] or "?" in rest[:200]
            score += 1 if asks == (role == QUESTION) else 0
            role = ANSWER if role == QUESTION else QUESTION
        return score
    return ANSWER if agreement(ANSWER) > agreement(QUESTION) else QUESTION


def _recurring_unknown_labels(body: list[Paragraph], labels: list[Label | None]) -> None:
    """'Dronov: …' three times over is a second interviewer we do not know, not a sentence."""
    candidates: dict[str, list[int]] = {}
    for i, (p, lab) in enumerate(zip(body, labels, strict=True)):
        m = _LABEL.match(_unbracketed(p.text))
        if lab is None and m and re.fullmatch(r"[A-ZА-ЯЁ][\w’'\-]{2,30}", m.group("label").strip()):
            candidates.setdefault(m.group("label").strip(), []).append(i)
    for label, places in candidates.items():
        if len(places) >= 2 and fold(label) not in _META_LABELS | _DISCOURSE:
            for i in places:
                rest = _LABEL.match(_unbracketed(body[i].text)).group("rest").strip()
                labels[i] = Label(_unknown_role(rest), rest, label=label)


def _mark_interviewers(body: list[Paragraph], labels: list[Label | None]) -> None:
    """A person nobody curated who mostly asks, and says far less than the one answering, is the interviewer.

    "Т.Карлсон:" asks; "В.Путин:" answers at length: the journalist's turns are questions, not statements.
    """
    words: dict[str, int] = {}
    asks: dict[str, list[bool]] = {}
    current = None
    for p, lab in zip(body, labels, strict=True):
        if lab is not None:
            current = lab.speaker.name if lab.role == SPEAKER and lab.speaker else None
            if current:
                asks.setdefault(current, []).append(False)
        if current:
            words[current] = words.get(current, 0) + len(p.text.split())
            if "?" in p.text:
                asks[current][-1] = True
    people = {lab.speaker.name: lab.speaker for lab in labels if lab and lab.role == SPEAKER and lab.speaker}
    for name, turns in asks.items():
        others = [words[n] for n in words if n != name]
        if people[name].known or len(turns) < 2 or not others:
            continue
        if sum(turns) * 5 >= len(turns) * 2 and words[name] * 3 <= max(others):
            for i, lab in enumerate(labels):
                if lab and lab.speaker and lab.speaker.name == name:
                    labels[i] = Label(QUESTION, lab.text, label=lab.label)


def _consistent_unknown_roles(body: list[Paragraph], labels: list[Label | None]) -> None:
    """A label nobody can name ("BAIER:") asks in most of its turns: then all its turns ask, "BAIER: The /
    Feinstein Report suggests …" included; one that never asks stays nobody's words."""
    turns: dict[str, list[bool]] = {}
    current = None
    for p, lab in zip(body, labels, strict=True):
        if lab is not None:
            current = lab.label if lab.role in (QUESTION, UNKNOWN) and lab.speaker is None and lab.label not in ("Q", "В") else None
            if current:
                turns.setdefault(current, []).append(False)
        if current and ("?" in p.text or re.search(r"[—–-]\s*$", p.text)):
            turns[current][-1] = True
    for label, asked in turns.items():
        if len(asked) >= 2 and sum(asked) * 5 >= len(asked) * 2:
            for i, lab in enumerate(labels):
                if lab and lab.label == label and lab.role == UNKNOWN:
                    labels[i] = Label(QUESTION, lab.text, label=lab.label)


def _unknown_role(text: str) -> str:
    """Someone we cannot name who asks ("…?") or is cut off ("…about—") is a questioner."""
    return QUESTION if "?" in text or re.search(r"[—–-]\s*$", text) else UNKNOWN


def _tail(paragraph: Paragraph, tail: str) -> Paragraph:
    """The part of a paragraph from where ``tail`` starts, with offsets to match."""
    return Paragraph(tail, paragraph.end - len(tail), paragraph.end, paragraph.index)


def _is_headline_text(text: str) -> bool:
    """A title or subheading: short, and ending neither a sentence nor a lead-in ("Colleagues," / "as follows:")."""
    return len(text.split()) <= 20 and not re.search(r"[.!?…,:;][”\"»’)]*$", text.strip())


def is_procedural(text: str) -> bool:
    """A turn that manages the conversation rather than saying anything: "Thank you." / "Go ahead, Said."."""
    words = text.split()
    if len(words) <= 20 and _PROCEDURAL.match(text):
        return True
    return len(words) <= 3 and text.rstrip().endswith("?") and all(w[0].isupper() for w in words)
