"""Stage 5: resolve a name, label or title to a speaker.

A wrong attribution is worse than a missing one, so resolution is deliberately strict: an exact
alias, a surname that belongs to exactly one known person, or a close fuzzy match (rapidfuzz) of
a full name. A person the text names in full who is not curated becomes a new speaker; a bare
surname or a title that matches nobody resolves to nothing.

Resolution is document-scoped (:class:`DocumentSpeakers`): once an article has named
"John Smith", a later "Smith said" means him, not a curated Smith.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import pymorphy3
from nameparser import HumanName
from rapidfuzz import fuzz, process

from .curated import CuratedSpeaker
from .normalize import fold
from .types import SpeakerRef

# Words that make a capitalised phrase an organisation or a place rather than a person.
_NOT_PERSON = frozenset(
    """ministry department house agency news times post council union federation republic kingdom
    states nations office committee institute university centre center press service services forces
    army navy party group bank fund organization organisation treaty alliance street avenue square
    america europe africa asia russia ukraine china washington moscow kyiv kiev beijing brussels
    london paris berlin city region oblast parliament duma senate congress government administration
    embassy mission summit conference company corporation agreement initiative foundation times
    reuters interfax tass izvestia bloomberg twitter telegram substack blog world global international
    god lord monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december question answer q a moderator
    force one air plane jet aircraft ship airport airbase base palace hall hotel centre headquarters
    building bridge island station plaza tower capitol pentagon briefing briefings conference online daily regular
    remarks statement statements speech interview meeting talks session visit forum address transcript report
    readout availability gaggle press media release photo photos video audio gallery watch listen podcast live
    updates breaking opinion analysis explainer newsletter edition society association coalition movement league
    network authority commission court front party's he she it they we i you his him them он она они мы""".split()
)
_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*", re.UNICODE)
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_GLUED_INITIAL = re.compile(r"(?<![\w])([A-ZА-ЯЁ])\.\s*(?=[A-ZА-ЯЁ])")
_FULL_CUTOFF = 88
_SURNAME_CUTOFF = 85


def name_key(name: str) -> str:
    """A folded, punctuation-free form of a name for lookups."""
    return " ".join(t.strip(".'’") for t in fold(name).replace("’", "'").split() if t.strip(".'’-"))


class SpeakerDirectory:
    """The curated speakers, indexed by every alias and by unambiguous surname."""

    def __init__(self, speakers: tuple[CuratedSpeaker, ...], title_words: frozenset[str], outlets: tuple[str, ...] = ()):
        self.speakers = {s.name: s for s in speakers}
        self.outlets = frozenset(name_key(o) for o in outlets)  # "Reuters:", "RIA Novosti:" label a reporter
        self.title_words = frozenset(name_key(w) for w in title_words)
        self.full: dict[str, str] = {}
        surnames: dict[str, set[str]] = defaultdict(set)
        for s in speakers:
            for alias in (s.name, *s.aliases):
                key = name_key(alias)
                if key:
                    self.full.setdefault(key, s.name)
            derived = s.surnames or tuple(name_key(a).split()[-1] for a in (s.name, *s.aliases) if name_key(a))
            for surname in derived:
                surnames[name_key(surname)].add(s.name)
        self.surnames = {k: next(iter(v)) for k, v in surnames.items() if len(v) == 1}
        # The first names a speaker goes by, in every script: "S. Lavrov" and "С.В.Лавров" both fit.
        self.first_names: dict[str, set[str]] = defaultdict(set)
        for s in speakers:
            for alias in (s.name, *s.aliases):
                words = name_key(alias).split()
                if len(words) >= 2:
                    self.first_names[s.name].add(words[0])
        self._full_keys = list(self.full)
        self._surname_keys = list(self.surnames)

    def is_outlet(self, label: str) -> bool:
        """A label naming a news organisation, as briefings label the reporter asking: "Shenzhen TV:", "PTI:"."""
        key = name_key(re.sub(r"^the\s+", "", label, flags=re.IGNORECASE))
        if key in self.outlets:
            return True
        return bool(_MEDIA_WORDS.search(key)) and not any(is_role(w) for w in label.split())

    def is_title(self, word: str) -> bool:
        """A word that stands before a name as a title: a curated title word, or a Russian role in any case
        ("посла Украины", "спикеру", "депутатом")."""
        key = name_key(word)
        return key in self.title_words or bool(_RU_TITLE.match(key))

    def ref(self, name: str) -> SpeakerRef:
        return SpeakerRef(name=name, known=True, role=self.speakers[name].role)

    def strip_titles(self, mention: str) -> list[str]:
        """The name tokens of a mention, without leading titles and parentheses: 'Deputy FM Sergey Ryabkov' → [Sergey, Ryabkov]."""
        mention = _GLUED_INITIAL.sub(r"\1. ", _PARENTHESES.sub(" ", mention))  # "С.В.Лавров" → "С. В. Лавров"
        tokens = _TOKEN.findall(mention)
        if any(t in ("of", "of the") for t in tokens[1:-2]):  # "Federal Chancellor of Germany Angela Merkel"
            tokens = self._after_long_title(tokens)
        while tokens and self.is_title(tokens[0]):
            tokens.pop(0)
        # A capitalised last word is a surname even when it is also a title word: "Paul White".
        while tokens and self.is_title(tokens[-1]) and (tokens[-1].islower() or len(tokens) == 1):
            tokens.pop()
        return tokens

    def _after_long_title(self, tokens: list[str]) -> list[str]:
        """The name after a title with a place in it: a curated name at the end, else nameparser's reading."""
        for size in (3, 2):
            if len(tokens) > size and self.lookup_full(name_key(" ".join(tokens[-size:]))):
                return tokens[-size:]
        parsed = HumanName(" ".join(tokens))
        if parsed.title and parsed.first and parsed.last and " of " in f" {parsed.title} ":
            return [*parsed.first.split(), *parsed.middle.split(), *parsed.last.split()]
        return tokens

    def lookup_full(self, key: str) -> str | None:
        if key in self.full:
            return self.full[key]
        hit = process.extractOne(key, self._full_keys, scorer=fuzz.ratio, score_cutoff=_FULL_CUTOFF)
        return self.full[hit[0]] if hit else None

    def lookup_surname(self, key: str) -> str | None:
        if key in self.surnames:
            return self.surnames[key]
        if len(key) < 5:
            return None
        hits = process.extract(key, self._surname_keys, scorer=fuzz.ratio, score_cutoff=_SURNAME_CUTOFF, limit=2)
        if len(hits) == 1 or (len(hits) == 2 and hits[0][1] - hits[1][1] >= 8):
            return self.surnames[hits[0][0]]
        return None


class DocumentSpeakers:
    """Resolves mentions within one document, remembering the people it has named in full."""

    def __init__(self, directory: SpeakerDirectory):
        self.directory = directory
        self._local: dict[str, SpeakerRef] = {}  # folded surname → person named in full here
        self._memo: dict[tuple[str, bool, bool], SpeakerRef | None] = {}  # a long text repeats its names
        self._introduced: dict[str, set[SpeakerRef]] = defaultdict(set)  # surname → people the text names in full
        self._confirmed: set[SpeakerRef] = set()  # people the text named in full where the words mark a person
        self._interviewers: set[str] = set()
        self.title_people: list[SpeakerRef] = []  # the people the document's title names
        self._labelled: dict[str, SpeakerRef] = {}  # surname → the person an earlier label named in full
        self._family_first: dict[str, set[SpeakerRef]] = defaultdict(set)
        self._titles: dict[SpeakerRef, frozenset[str]] = defaultdict(frozenset)  # title words the text puts before a name  # first word of a two-word name → people  # surnames of the journalists the text names as asking

    def introduce_title(self, title: str | None) -> None:
        """The people a document's title names: "Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference"."""
        before = {ref for refs in self._introduced.values() for ref in refs}
        title = title or ""
        self.introduce([re.sub(r"[’']s\b", ",", title)])  # a possessive ends the name
        if m := _HEADLINE_SPEAKER.search(title):  # "Василий Боля: обстановка …", "… - Dick Cheney says …"
            tokens = m.group("name").split()
            ref = self.resolve(" ".join(tokens), allow_new=_looks_like_person(tokens))
            if ref is not None:
                ref = self._add_introduced(name_key(tokens[-1]), ref)
                self._titles[ref] |= {"(headline)"}
        self.title_people = [ref for refs in self._introduced.values() for ref in refs
                             if ref not in before and self.is_person(ref)]  # "Spokesperson Geng Shuang"

    def is_person(self, ref: SpeakerRef) -> bool:
        """A curated speaker, or someone the text presents as a person: with a title, or quoted in a headline."""
        return ref.known or bool(self._titles.get(ref))

    def introduce(self, texts: list[str]) -> None:
        """Read the people a text names in full, anywhere in it, before resolving its labels and cues.

        "I am pleased to introduce Gayle Smith" makes a later "MS SMITH:" Gayle Smith, not a curated
        Smith the text never names: what the document says outranks the directory for a bare surname.
        """
        for text in texts:
            for m in name_runs(text):  # "… Gayle Smith. As you know": each sentence's run apart
                words = m.group().split()
                words[-1] = words[-1].rstrip(".")
                for n, (titles, tokens) in enumerate(self._name_segments(words)):
                    if not 2 <= len(tokens) <= 4 or not _looks_like_person(tokens):
                        continue
                    if len(tokens) > 2 and self.directory.lookup_full(name_key(" ".join(tokens))) is None:
                        tokens = trim_name(tokens, text[max(0, m.start() - 20): m.end()])
                    key = name_key(" ".join(tokens))
                    at = text.find(tokens[0], m.start())  # where the name itself begins: "by Peter Toth"
                    if _ASKS.search(text[max(0, at - 80): at]):
                        self._interviewers.add(name_key(tokens[-1]))  # "Kommersant correspondents … Pavel Dronov"
                        continue
                    name = self.directory.lookup_full(key) or self._same_person_by_initial(tokens)
                    ref = self.directory.ref(name) if name else SpeakerRef(name=_display_name(tokens), known=False)
                    ref = self._add_introduced(name_key(tokens[-1]), ref)
                    if n == 0:  # "спикеру Народного собрания Петру Пашалы", "Оазу Нантой, депутат …"
                        titles = titles | self._titles_before(text, m.start()) | self._titles_after(text, m.end())
                    if russian_given_name(tokens[0]):
                        titles = titles | {"(given name)"}  # "Петр Михайлович Пашалы": a first name makes a person
                    self._titles[ref] |= titles
                    if len(tokens) == 2 and not name:  # "Foreign Minister Park Jin": the family name may come first
                        self._family_first[name_key(tokens[0])].add(ref)
        self._memo.clear()

    def _titles_before(self, text: str, start: int) -> frozenset[str]:
        """Title words in the clause just before a name: "посла Украины в Молдове Марко Шевченко"."""
        clause = re.split(r"[.,;:!?()«»“”\"]", text[max(0, start - 80): start])[-1]
        found = set()
        for w in reversed(clause.split()[-6:]):  # back from the name, through its title and the title's complement
            if is_role(w):
                found.add(name_key(w))
            elif re.match(r"[A-Za-z]", w) and not (w[0].isupper() or w in ("of", "the", "and", "for")):
                break  # "Kuleba spoke to Diplomatic Dispatch": a verb stands between, the title is another's
            elif re.match(r"[а-яё]", w) and _parse_ru(w) and _parse_ru(w)[0].tag.POS in ("VERB", "INFN", "PRTF", "PRTS", "GRND"):
                break
        return frozenset(found)

    def _titles_after(self, text: str, end: int) -> frozenset[str]:
        """Title words of an apposition right after a name: "Оазу Нантой, депутат правящей партии"."""
        m = re.match(r",\s+(?:(?:a|an|the|the\s+\w+'s|former|бывший)\s+)?(?P<words>[^,.;:!?()]{2,60})", text[end: end + 80])
        words = m.group("words").split()[:3] if m else []
        return frozenset(name_key(w) for w in words if is_role(w))

    def _name_segments(self, words: list[str]) -> list[tuple[frozenset[str], list[str]]]:
        """The names in a run of capitalised words, each with the title words before it.

        "Korea Foreign Minister Park Jin At" → ({foreign, minister}, [Park, Jin]); a title word that
        ends the run after a name word is a surname ("Paul White")."""
        segments: list[tuple[frozenset[str], list[str]]] = []
        titles: set[str] = set()
        current: list[str] = []
        for i, w in enumerate(words):
            key = name_key(w)
            is_title = self.directory.is_title(w) and not (i == len(words) - 1 and current and w[0].isupper())
            if is_title or fold(w) in _OPENERS or not w[0].isupper():
                if current:
                    segments.append((frozenset(titles), current))
                    titles, current = set(), []
                if is_title and is_role(w):
                    titles.add(key)
            else:
                current.append(w)
        if current:
            segments.append((frozenset(titles), current))
        return segments

    def _add_introduced(self, surname: str, ref: SpeakerRef) -> SpeakerRef:
        """One entry per person: "Antony J. Blinken" and the curated Antony Blinken are the same man."""
        people = self._introduced[surname]
        for other in list(people):
            if _same_person(ref, other):
                if ref.known and not other.known or len(ref.name) > len(other.name) and ref.known == other.known:
                    people.discard(other)
                    people.add(ref)
                    self._titles[ref] |= self._titles.pop(other, frozenset())
                    return ref
                return other
        people.add(ref)
        return ref

    def mark_interviewer(self, name: str) -> None:
        """A label names its bearer's trade ("DANA BASH, CNN HOST"): her turns ask, under any later label."""
        tokens = self.directory.strip_titles(name)
        if tokens:
            self._interviewers.add(name_key(tokens[-1]))
            self._memo.clear()

    def is_interviewer(self, label: str) -> bool:
        """A label naming someone the text introduces as the one asking: a correspondent, a host."""
        tokens = self.directory.strip_titles(label)
        return bool(tokens) and name_key(tokens[-1]) in self._interviewers \
            and not any(ref.known for ref in self._introduced.get(name_key(tokens[-1]), ()))

    def resolve_label(self, label: str) -> SpeakerRef | None:
        """A transcript's speaker label: an earlier label's full name, then the people the text introduces,
        then the directory."""
        ref = self._resolve_label(label)
        tokens = self.directory.strip_titles(label)
        if ref is not None and len(tokens) >= 2:
            self._labelled[name_key(tokens[-1])] = ref  # "DONALD TRUMP, …:" then "TRUMP:" is he, whatever other Trumps
        return ref

    def _resolve_label(self, label: str) -> SpeakerRef | None:
        tokens = self.directory.strip_titles(label)
        if len(tokens) == 1 and (earlier := self._labelled.get(name_key(tokens[0]))):
            return earlier
        if len(tokens) == 1:
            introduced = self._introduced.get(name_key(tokens[0]))
            if introduced and len(introduced) > 1 and len(titled := introduced & set(self.title_people)) == 1:
                introduced = titled  # two Cheneys in the text, one in the title: "CHENEY:" is the title's
            if not introduced:  # "[Qian]" for "Qian Qichen"; with two Parks, "FOREIGN MINISTER PARK:" needs the title
                family = self._family_first.get(name_key(tokens[0]), set())
                label_titles = {name_key(w) for w in label.split() if is_role(w)}
                introduced = family if len(family) == 1 else {ref for ref in family if label_titles & self._titles[ref]}
            if len(introduced) == 1:
                return next(iter(introduced))
            if len(introduced) > 1:
                return None  # two people of that surname in the text: a bare surname cannot tell them apart
        elif 2 <= len(tokens) <= 4 and self.directory.lookup_full(name_key(" ".join(tokens))) is None:
            if (introduced := self._introduced_like(tokens)) is not None:
                return introduced  # "Angela Markel:" in a text that introduces Angela Merkel
        return self.resolve(label, exact=True)

    def resolve(self, mention: str, allow_new: bool = True, exact: bool = False) -> SpeakerRef | None:
        """The person a mention means; ``exact`` for a label, whose words are all the name (nothing is trimmed)."""
        key = (mention, allow_new, exact)
        if key not in self._memo:
            known_locally = len(self._local)
            ref = self._resolve(mention, allow_new, exact)
            if len(self._local) != known_locally:
                self._memo.clear()  # a newly named person changes what bare surnames mean
            self._memo[key] = ref
        return self._memo[key]

    def _resolve(self, mention: str, allow_new: bool, exact: bool = False) -> SpeakerRef | None:
        tokens = self.directory.strip_titles(mention)
        if not tokens or len(tokens) > 5:
            return None
        if len(tokens) == 1 and (ref := self._resolve_surname(name_key(tokens[0]), allow_new)) is not None \
                and ref.known and _rank_conflict(mention, ref.role):
            return None  # "President Clinton" is not the curated Secretary of State Hillary Clinton
        if not exact and len(tokens) > 2 and self.directory.lookup_full(name_key(" ".join(tokens))) is None:
            titled = [i for i, t in enumerate(tokens[:-1]) if self.directory.is_title(t)]
            if titled and len(tokens) - titled[-1] - 1 >= 2:
                tokens = tokens[titled[-1] + 1:]  # "German Foreign Minister Johann Wadephul" → "Johann Wadephul"
            tokens = trim_name(tokens, mention)  # "to Havana Viktor Koronelli" → "Viktor Koronelli"
        key = name_key(" ".join(tokens))
        while len(tokens) > 1 and fold(tokens[0]) in _OPENERS | _GERUND_OPENER(tokens[0]):
            tokens = tokens[1:]  # "Although Trump …", "Sending Witkoff …"
        key = name_key(" ".join(tokens))
        if len(tokens) == 1:
            return self._resolve_surname(key, allow_new)
        local = self._local.get(name_key(tokens[-1]))
        if local is not None and local in self._confirmed and name_key(local.name) == key:
            return local  # "Karoline Leavitt" again, after the text named her as a person
        titled = [ref for ref in self._introduced.get(name_key(tokens[-1]), ()) if self._titles[ref] and _same_person(ref, SpeakerRef(" ".join(tokens), False))]
        if len(titled) == 1 and not titled[0].known:
            self._local[name_key(tokens[-1])] = titled[0]
            return titled[0]  # a person the text introduces with a title: "Foreign Minister Johann Wadephul"
        name = self.directory.lookup_full(key)
        if name is None:
            name = self._same_person_by_initial(tokens)
        if name is not None:
            ref = self.directory.ref(name)
        elif _looks_like_person(tokens) and allow_new:
            ref = SpeakerRef(name=_display_name(tokens), known=False)
            self._local[name_key(tokens[-1])] = ref  # a later bare surname means this person
            self._confirmed.add(ref)
            return ref
        else:
            return None
        self._local[name_key(tokens[-1])] = ref
        return ref

    def _resolve_surname(self, key: str, cued: bool = False) -> SpeakerRef | None:
        if key in self._local:
            return self._local[key]
        introduced = self._introduced.get(key, ())
        titled = [ref for ref in introduced if ref.known or self._titles[ref]]
        if len(titled) == 1:
            return titled[0]  # "German Foreign Minister Johann Wadephul …" then "Wadephul said"
        if cued and len(introduced) == 1:
            return next(iter(introduced))  # "Witkoff says" in a text that names Steve Witkoff
        name = self.directory.lookup_surname(key)
        return self.directory.ref(name) if name else None

    def _introduced_like(self, tokens: list[str]) -> SpeakerRef | None:
        """A person the text names in full, spelled slightly differently here ("Angela Markel")."""
        key = name_key(" ".join(tokens))
        people = {ref for refs in self._introduced.values() for ref in refs}
        close = [ref for ref in people if fuzz.ratio(key, name_key(ref.name)) >= _FULL_CUTOFF]
        return close[0] if len(close) == 1 else None

    def _same_person_by_initial(self, tokens: list[str]) -> str | None:
        """'S. Ryabkov' or 'Sergiy Ryabkov': a known surname with a compatible first initial."""
        name = self.directory.lookup_surname(name_key(tokens[-1]))
        if name is None:
            return None
        first = name_key(tokens[0])
        for known_first in self.directory.first_names.get(name, ()):
            if first and first[0] == known_first[0] and (len(first) == 1 or fuzz.ratio(first, known_first) >= 70):
                return name
        return None


_HEAD_OF_STATE = re.compile(r"\b(?:president|prime\s+minister|premier|chancellor|king|queen|emir|президент\w*|премьер\w*|канцлер\w*)\b",
                            re.IGNORECASE)
_MINISTERIAL = re.compile(r"\b(?:secretary|minister|spokes(?:man|woman|person)|ambassador|envoy|министр\w*|посол\w*)\b",
                          re.IGNORECASE)


def _rank_conflict(mention: str, role: str) -> bool:
    """The title a mention gives its bearer cannot be the curated person's: a head of state or government
    against a minister, a spokesperson or an envoy, or the other way round. ("President of the European
    Commission" and "Secretary-General" hold both words and conflict with neither.)"""
    said_head, said_minister = bool(_HEAD_OF_STATE.search(mention)), bool(_MINISTERIAL.search(mention))
    is_head, is_minister = bool(_HEAD_OF_STATE.search(role)), bool(_MINISTERIAL.search(role))
    if not role or said_head == said_minister:
        return False
    return said_head and is_minister and not is_head or said_minister and is_head and not is_minister


def _same_person(a: SpeakerRef, b: SpeakerRef) -> bool:
    """Two forms of one name: the same surname, and first names that agree on their initial (or one has none)."""
    ka, kb = name_key(a.name).split(), name_key(b.name).split()
    if not ka or not kb or ka[-1] != kb[-1]:
        return False
    return len(ka) == 1 or len(kb) == 1 or ka[0][0] == kb[0][0]


_MEDIA_WORDS = re.compile(
    r"\b(?:tv|television|radio|news|newspaper|agency|times|daily|herald|tribune|gazette|journal|channel|"
    r"network|broadcasting|ilbo|shimbun|pti|afp|ap|efe|ani|npr|phoenix|paper|magazine|media|телеканал|радио|агентство|"
    r"газета|издание)\b")


# Russian roles in any grammatical case: the curated title words list only their nominative.
_RU_TITLE = re.compile(
    r"^(?:посол|посл[аеуы]|послом|послов|депутат\w*|министр\w*|спикер\w*|председател\w*|президент\w*|"
    r"замминистр\w*|заместител\w*|представител\w*|пресс-секретар\w*|секретар\w*|постпред\w*|дипломат\w*|"
    r"директор\w*|помощник\w*|советник\w*|лидер\w*|руководител\w*|губернатор\w*|мэр\w*|сенатор\w*|"
    r"премьер\w*|канцлер\w*|экс-\w+|бывш\w+|официальн\w+|генеральн\w+|глав[аеуы]|главой|башкан\w*)$"
)


# A headline that opens with its speaker's name: "Василий Боля: обстановка …", "Sergey Lavrov – We will respond".
_HEADLINE_SPEAKER = re.compile(
    r"(?:^|[-–—:|]\s)\s*(?P<name>(?:[A-ZА-ЯЁ][\w'’.\-]*\s+){1,3}[A-ZА-ЯЁ][\w'’\-]*)"
    r"(?:\s*(?::|\s[–—-]\s)|\s+(?:says|said|tells|told|warns|insists|заявил\w*|сказал\w*|считает)\b)")

# Title words that make their bearer a person (roles), as against countries, institutions and particles.
_ROLES = frozenset("""secretary minister president ambassador envoy representative spokesperson spokeswoman spokesman
    official chief head director admiral colonel general assistant adviser advisor coordinator chancellor
    commissioner counselor senator diplomat moderator deputy prime rep sen gov congressman congresswoman lawmaker
    mp mep governor mayor aide premier king queen prince emir sheikh leader chairman chairwoman chair speaker
    negotiator attache attaché consul commander marshal officer analyst expert professor economist""".split())


def is_role(word: str) -> bool:
    key = name_key(word)
    return key in _ROLES or bool(_RU_TITLE.match(key))


# Title words that say nothing about which person is meant.
_GENERIC_TITLES = frozenset("""the a an of for and on to at in mr mrs ms miss dr sir madam madame his her excellency h.e hon
    mister господин госпожа""".split())

def _GERUND_OPENER(word: str) -> frozenset[str]:
    """A capitalised verb form opening a headline before a name: "Sending Witkoff to Moscow"."""
    return frozenset({fold(word)}) if len(word) >= 6 and word.endswith("ing") and word[1:].islower() else frozenset()


# Capitalised words that open a sentence before a name: "So Secretary Blinken", "As President Biden".
_OPENERS = frozenset(fold(w) for w in """so as while many and but the this that these those when if then now well yes no
    thank thanks dear also i we you he she it they our my his her its their here there today yesterday tomorrow
    after before during since until because although though however meanwhile moreover indeed again last next
    first second finally why what how where who whom which with without for from by at in on to of into about
    all both each every some any other another one two three mr mrs ms dr sir madam
    и но а так как когда если то это этот эта что где кто почему также""".split())


def _looks_like_person(tokens: list[str]) -> bool:
    if not 2 <= len(tokens) <= 4:
        return False
    for t in tokens:
        if not (t[0].isupper() or t.isupper()) or name_key(t) in _NOT_PERSON or not_a_russian_name(t):
            return False
        if t.isupper() and 1 < len(t.strip(".")) <= 4 and not all(u.isupper() for u in tokens):
            return False  # "USA", "NATO", "PAS" in a name run: an acronym (in "KEVIN RUDD", a label in capitals, a name)
        if len(t.strip(".")) == 1 and t is tokens[-1]:
            return False
    return True


def oblique_russian(mention: str) -> bool:
    """A Russian name in a case other than the nominative ("Путина", "Байдену"): never the subject of a sentence."""
    words = re.findall(r"[А-ЯЁ][а-яё\-]+", mention)
    if not words:
        return False
    named = [p for p in _parse_ru(words[-1]) if {"Name", "Surn"} & p.tag.grammemes]
    return bool(named) and all(p.tag.case != "nomn" for p in named)


def russian_given_name(word: str) -> bool:
    """A Cyrillic word the Russian dictionary knows as a first name, in any case: "Петру", "Марии"."""
    return bool(re.match(r"[А-ЯЁ][а-яё]", word)) and _given_name_parse(word) is not None


def _given_name_parse(word: str):
    """The dictionary's reading of a word as a first name, when that is its most likely reading."""
    parses = _parse_ru(word)
    return parses[0] if parses and "Name" in parses[0].tag and parses[0].score >= 0.3 else None


def nominative_name(tokens: list[str]) -> list[str]:
    """A Russian name put back into the nominative: "Петру Пашалы" → "Пётр Пашалы", "Марии Захаровой" →
    "Мария Захарова". Words the dictionary does not know as names (foreign surnames) are kept as written."""
    first = _given_name_parse(tokens[0]) if tokens and re.match(r"[А-ЯЁ]", tokens[0]) else None
    if first is None or first.tag.case == "nomn":
        return tokens
    case, gender = first.tag.case, first.tag.gender
    out = []
    for word in tokens:
        form = next((p for p in _parse_ru(word) if {"Name", "Surn", "Patr"} & p.tag.grammemes and p.tag.case == case
                     and (p.tag.gender in (gender, None) or "ms-f" in p.tag)), None)
        inflected = form.inflect({"nomn", gender} if gender else {"nomn"}) if form else None
        out.append(inflected.word.capitalize() if inflected else word)
    return out


@functools.lru_cache(maxsize=100_000)
def _parse_ru(word: str):
    if not _MORPH:
        _MORPH.append(pymorphy3.MorphAnalyzer())
    return tuple(_MORPH[0].parse(word.strip(".,")))


_MORPH: list[pymorphy3.MorphAnalyzer] = []  # made on the first Cyrillic word: most files never need it


@functools.lru_cache(maxsize=100_000)
def not_a_russian_name(word: str) -> bool:
    """A Cyrillic word the Russian dictionary knows as a place, an organisation or a common noun, and never
    as a first name, surname or patronymic: "Собрания Гагаузии" and "России" are not people, "Боля" may be."""
    word = word.strip(".,")
    if not re.match(r"[А-ЯЁ]", word) or len(word) < 3:
        return False
    parses = _parse_ru(word)
    if any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses) or not parses or not parses[0].is_known:
        return False
    if all({"Geox", "Orgn"} & p.tag.grammemes for p in parses):
        return True  # "Британии", "Москвы": a place in whichever case
    # the dictionary's readings of it as an ordinary word, summed over the cases it could be in
    common = sum(p.score for p in parses if p.tag.POS in ("NOUN", "ADJF", "VERB", "ADVB", "PREP", "CONJ", "PRCL"))
    return common >= 0.5


_PARTICLES = frozenset("de da di del della der den van von la le al el bin ibn ben du dos das".split())
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ich|ichna|yevich|ович|евич|овна|евна|ич|ична|инична)$", re.IGNORECASE)


def trim_name(tokens: list[str], context: str = "") -> list[str]:
    """A person's name at the end of a capitalised run, without the words before it that are no part of a
    name: a Russian place or institution ("Украины Владимир Зеленский"), a role ("Aide Yury Ushakov"), or a
    place after a preposition ("to Havana Viktor Koronelli", given the ``context`` the run stands in).
    "Mohammad Javad Zarif" and "Dorothy Camille Shea" keep all their names."""
    tokens = list(tokens)
    while len(tokens) > 2:
        first = tokens[0]
        place = bool(re.search(rf"\b(?:to|in|at|from|for|of|near|в|на|из|во)\s+{re.escape(first)}\s", context))
        if not (not_a_russian_name(first) or is_role(first) or fold(first) in _OPENERS or place):
            break
        tokens.pop(0)
    return tokens


def _display_name(tokens: list[str]) -> str:
    tokens = nominative_name(tokens)
    return " ".join(t.capitalize() if t.isupper() and len(t) > 2 else t for t in tokens)


# A run of capitalised words, possibly led by lower-case title words: "Deputy FM Sergey Ryabkov",
# "Kremlin spokesman Dmitry Peskov", "Мария Захарова".
_NAME_RUN = re.compile(
    r"(?<![\w'’])(?:[A-ZА-ЯЁ][\w'’.\-]*|[a-zа-яё]+(?=\s+[A-ZА-ЯЁ]))(?:\s+(?:[A-ZА-ЯЁ][\w'’.\-]*|de|van|von|al|bin|da))*"
)


# Words just before a name that make its bearer the one asking the questions, not answering them.
_ASKS = re.compile(
    r"\b(?:correspondents?|journalists?|reporters?|interviewers?|anchors?|hosts?|presenters?|editors?|columnists?|"
    r"moderat(?:or|ed\s+by)|interview(?:ed)?\b[^.!?\]]{0,80}\bby|asked\s+by|questions\s+(?:from|by)|корреспондент\w*|журналист\w*|"
    r"ведущ\w+|обозревател\w+|главн\w+\s+редактор\w*)\b[^.!?]{0,60}$",
    re.IGNORECASE,
)


# What follows a person's name and not a treaty's or a city's: "Anna Petrova, a fellow at …", "Petrova said".
_PERSON_FOLLOWS = re.compile(
    r"(?:,\s+(?:a|an|the|who|whose|one\s+of|head\s+of|director\s+of|который|которая)\s|\s+(?:has\s+|had\s+|also\s+)?(?:said|says|told|added|"
    r"argued|noted|wrote|stressed|warned|explained|believes|thinks|commented|observed|cautioned|insisted|"
    r"заявил\w*|сказал\w*|говорит|считает|отметил\w*|подчеркнул\w*|рассказал\w*|сообщил\w*|пояснил\w*)\b"
    r"|,\s+(?:депутат|посол|министр|глава|председател|президент|спикер|официальн|пресс-секретар|заместител|"
    r"замминистр|директор|руководител|лидер|член|экс-|бывш|советник|помощник|представител)\w*)"
)


# "at the Baltic Ledger, the blogger …": a name after a preposition of place is a place or a publication.
_PLACE_BEFORE = re.compile(r"\b(?:at|in|from|on|to|into|near|inside|outside|в|на|из)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class _Run:
    """A run of words like a regular expression's match: ``group()``, ``start()``, ``end()``."""

    words: str
    begins: int
    ends: int

    def group(self) -> str:
        return self.words

    def start(self) -> int:
        return self.begins

    def end(self) -> int:
        return self.ends


def name_runs(text: str) -> Iterator[_Run]:
    """Runs of capitalised words, each within one sentence: "acronym for ISis. He stressed" gives "… ISis" and
    "He stressed"; "in Europe. Tübingen Mayor Boris Palmer" gives "Europe" and "Tübingen Mayor Boris Palmer"."""
    for m in _NAME_RUN.finditer(text):
        start = m.start()
        for w in re.finditer(r"\S+", m.group()):
            word = w.group()
            if word.endswith(".") and len(word.strip(".")) > 2 and word.strip(".").lower() not in _ABBREVIATIONS \
                    and m.start() + w.end() < m.end():
                yield _Run(text[start: m.start() + w.end()], start, m.start() + w.end())
                start = m.start() + w.end() + 1
        if start < m.end():
            yield _Run(text[start: m.end()], start, m.end())


_ABBREVIATIONS = frozenset("mr mrs ms dr st jr sr gen col lt sgt rep sen gov prof rev hon amb".split())


def find_mentions(text: str, speakers: DocumentSpeakers, new_people: bool = False) -> list[tuple[int, int, SpeakerRef]]:
    """People named in running text, in order: (start, end, speaker).

    Curated speakers are found wherever they are named; with ``new_people``, so is anyone named in
    full where the words around mark a person ("Anna Petrova, a fellow at …", "Oleg Antonov said").
    """
    found = []
    for m in name_runs(text):
        words = m.group().split()
        words[-1] = words[-1].rstrip(".")
        while words and words[0][0].islower() and not speakers.directory.is_title(words[0]):
            words.pop(0)  # "where Jens Stoltenberg" → "Jens Stoltenberg"; "spokesman Dmitry Peskov" stays
        phrase = " ".join(words)
        if not any(c.isupper() for c in phrase):
            continue
        allow_new = new_people and bool(_PERSON_FOLLOWS.match(text, m.end())) and not _PLACE_BEFORE.search(text, 0, m.start())
        ref = speakers.resolve(phrase, allow_new=allow_new)
        if ref is not None:
            found.append((m.start(), m.end(), ref))
    return found
