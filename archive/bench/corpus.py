"""A reproducible synthetic archive: speakers, topics, outlets, documents and their statements.

Everything follows from ``CorpusSpec`` (size and seed): the plan (speakers, topics, documents with
their dates, outlets and statement counts) comes from one random stream, and each document's text
from a stream of its own, so workers can generate disjoint ranges of documents in parallel and still
produce exactly the same archive as one process would.

Shape, after an archive of a foreign ministry's statements over two decades: ~500 speakers with a
Zipf distribution (the minister and the spokeswoman dominate), 40 topics, ~2,000 documents (one per
500 statements) dated over 25 years (3% undated), interviews, briefings and press reports. Statement
text mixes English function words with a Zipf-distributed content vocabulary whose head is the
diplomatic register (see ``vocabulary``), and drops in set phrases such as "red lines".
"""

from __future__ import annotations

import bisect
import datetime
import hashlib
import itertools
import random
from dataclasses import dataclass, field

from django.utils.text import slugify

from archive.bench import vocabulary

FIRST_YEAR = 2000
YEARS = 25
STATEMENTS_PER_DOCUMENT = 500
STOPWORD_SHARE = 0.42
PHRASE_CHANCE = 0.06  # per sentence
UNDATED_SHARE = 0.03
CREATED_AT = "2025-01-01 00:00:00+00"
TABLE_BITS = 16


@dataclass(frozen=True)
class CorpusSpec:
    size: int = 1_000_000
    seed: int = 1
    speakers: int = 500

    @property
    def documents(self) -> int:
        return max(4, round(self.size / STATEMENTS_PER_DOCUMENT))

    def label(self) -> str:
        return f"size={self.size} seed={self.seed} speakers={self.speakers} documents={self.documents}"


@dataclass
class SpeakerRow:
    id: int
    name: str
    slug: str
    role: str
    organisation: str


@dataclass
class DocumentPlan:
    index: int
    id: int
    first_statement_id: int  # statements are numbered across the corpus, in document order
    statements: int
    form: str  # interview | briefing | report
    date: datetime.date | None
    outlet: str
    speakers: list[int]  # speaker ids; the first one does most of the talking
    themes: list[int]  # topic ids most of its statements are about


@dataclass
class StatementRow:
    id: int
    key: str
    document_id: int
    speaker_id: int
    speaker_name: str
    position: int
    kind: str
    text: str
    context: str
    start_offset: int
    end_offset: int
    topic_ids: list[int] = field(default_factory=list)


@dataclass
class DocumentRow:
    id: int
    title: str
    outlet: str
    date: datetime.date | None
    file_name: str
    checksum: str
    raw_text: str
    statements: list[StatementRow]


def _zipf_cumulative(n: int, exponent: float = 1.0, shift: float = 0.0) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + shift) ** exponent for rank in range(1, n + 1)))


def statement_key(statement_id: int) -> str:
    """A 10-character permalink key, unique by construction (a bijection on 50 bits), like the importer's."""
    scrambled = (statement_id * 0x9E3779B97F4A7C15 + 0x5BD1E995) % (1 << 50)
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    return "".join(alphabet[(scrambled >> (5 * i)) & 31] for i in range(9, -1, -1))


class Plan:
    """The corpus's skeleton: who, which topics, which documents, and how many statements each holds."""

    def __init__(self, spec: CorpusSpec):
        self.spec = spec
        rng = random.Random(f"{spec.seed}:plan")
        self.topics = [(i + 1, slug, name) for i, (slug, name) in enumerate(vocabulary.TOPICS)]
        self.speakers = self._speakers(rng)
        self.outlets = vocabulary.OUTLETS
        self.documents = self._documents(rng)

    def _speakers(self, rng: random.Random) -> list[SpeakerRow]:
        names: list[str] = []
        # The curated officials first (as named in fixtures/speakers.toml), so they lead the Zipf ranks.
        curated = [
            "Sergey Lavrov",
            "Maria Zakharova",
            "Sergey Ryabkov",
            "Dmitry Peskov",
            "Vladimir Putin",
            "Alexander Grushko",
            "Vasily Nebenzya",
            "Antony Blinken",
            "Matthew Miller",
            "Ned Price",
            "John Kirby",
            "Karine Jean-Pierre",
            "Jens Stoltenberg",
            "Wang Yi",
            "Dmytro Kuleba",
        ]
        names.extend(curated)
        seen = set(names)
        while len(names) < self.spec.speakers:
            name = f"{rng.choice(vocabulary.FIRST_NAMES)} {rng.choice(vocabulary.LAST_NAMES)}"
            if name not in seen:
                seen.add(name)
                names.append(name)
        roles = [
            "Foreign Minister",
            "Deputy Foreign Minister",
            "Spokeswoman",
            "Spokesman",
            "Ambassador",
            "Permanent Representative",
            "Press Secretary",
            "Director of Department",
            "Envoy",
        ]
        organisations = [
            "Russia",
            "United States",
            "China",
            "Ukraine",
            "NATO",
            "European Union",
            "India",
            "Turkey",
            "Brazil",
            "United Nations",
        ]
        rows, slugs = [], set()
        for i, name in enumerate(names):
            slug, n = slugify(name), 2
            while slug in slugs:
                slug, n = f"{slugify(name)}-{n}", n + 1
            slugs.add(slug)
            rows.append(SpeakerRow(i + 1, name, slug, rng.choice(roles), rng.choice(organisations)))
        return rows

    def _documents(self, rng: random.Random) -> list[DocumentPlan]:
        spec = self.spec
        count = spec.documents
        forms = rng.choices(["interview", "briefing", "report"], weights=[5, 3, 2], k=count)
        # Reports are short, briefings long: statement counts by form, scaled to the exact size.
        weights = [rng.lognormvariate(0, 0.6) * {"interview": 1.0, "briefing": 1.6, "report": 0.25}[f] for f in forms]
        total = sum(weights)
        sizes = [max(1, int(spec.size * w / total)) for w in weights]
        while sum(sizes) < spec.size:
            sizes[rng.randrange(count)] += 1
        while sum(sizes) > spec.size:
            i = rng.randrange(count)
            if sizes[i] > 1:
                sizes[i] -= 1
        speaker_cw = _zipf_cumulative(len(self.speakers), 1.0)
        topic_cw = _zipf_cumulative(len(self.topics), 0.8)
        outlet_cw = _zipf_cumulative(len(self.outlets), 1.0)
        first_day = datetime.date(FIRST_YEAR, 1, 1).toordinal()
        days = datetime.date(FIRST_YEAR + YEARS - 1, 12, 31).toordinal() - first_day + 1
        documents, next_statement = [], 1
        for i in range(count):
            undated = rng.random() < UNDATED_SHARE
            date = None if undated else datetime.date.fromordinal(first_day + rng.randrange(days))
            people = rng.choices(range(1, len(self.speakers) + 1), cum_weights=speaker_cw, k=rng.randint(1, 4))
            themes = rng.choices(range(1, len(self.topics) + 1), cum_weights=topic_cw, k=rng.randint(1, 4))
            outlet = "" if rng.random() < 0.05 else rng.choices(self.outlets, cum_weights=outlet_cw)[0]
            documents.append(
                DocumentPlan(
                    i,
                    i + 1,
                    next_statement,
                    sizes[i],
                    forms[i],
                    date,
                    outlet,
                    list(dict.fromkeys(people)),
                    list(dict.fromkeys(themes)),
                )
            )
            next_statement += sizes[i]
        return documents


class TextGenerator:
    """Sentences in the register: function words and Zipf-ranked content words, with set phrases."""

    def __init__(self):
        content = vocabulary.content_words()
        stop_cw = _zipf_cumulative(len(vocabulary.STOPWORDS), 0.9)
        content_cw = _zipf_cumulative(len(content), 1.0, shift=2.0)
        # One population: stopwords take STOPWORD_SHARE of the probability mass.
        stop_scale = STOPWORD_SHARE / stop_cw[-1]
        content_scale = (1 - STOPWORD_SHARE) / content_cw[-1]
        self.population = [*vocabulary.STOPWORDS, *content]
        self.cum_weights = [w * stop_scale for w in stop_cw] + [STOPWORD_SHARE + w * content_scale for w in content_cw]
        self.total = self.cum_weights[-1]
        self.phrases = vocabulary.PHRASES
        # A lookup table over [0, total): a bucket that lies within one word's share gives that word at
        # once; the others (the tail's) fall back to bisection. Same draws as bisecting every time.
        buckets = 1 << TABLE_BITS
        self.scale = buckets / self.total
        self.table: list[str | None] = []
        for b in range(buckets):
            low = bisect.bisect(self.cum_weights, b / self.scale)
            high = bisect.bisect(self.cum_weights, (b + 1) / self.scale * (1 - 1e-12))
            self.table.append(self.population[low] if low == high else None)

    def words(self, rng: random.Random, k: int) -> list[str]:
        population, cum_weights, total, hi = self.population, self.cum_weights, self.total, len(self.population) - 1
        table, scale, random_, bisect_ = self.table, self.scale, rng.random, bisect.bisect
        out = []
        for _ in range(k):
            u = random_() * total
            word = table[int(u * scale)]
            out.append(word if word is not None else population[bisect_(cum_weights, u, 0, hi)])
        return out

    def sentence(self, rng: random.Random, end: str = ".") -> str:
        words = self.words(rng, rng.randint(5, 22))
        if rng.random() < PHRASE_CHANCE:
            words.insert(rng.randrange(len(words) + 1), rng.choice(self.phrases))
        if len(words) > 8 and rng.random() < 0.4:
            at = rng.randrange(3, len(words) - 2)
            words[at] += ","
        first = words[0]
        words[0] = first[0].upper() + first[1:]
        return " ".join(words) + end

    def text(self, rng: random.Random, sentences: int, end: str = ".") -> str:
        return " ".join(self.sentence(rng, end) for _ in range(sentences))


SENTENCES = {"answer": (1, 6), "speech": (3, 8), "quote": (1, 2), "remark": (1, 1)}
KINDS = {
    "interview": (["answer", "remark"], [9, 1]),
    "briefing": (["answer", "speech", "remark"], [7, 2, 1]),
    "report": (["quote", "remark"], [9, 1]),
}


class Generator:
    def __init__(self, spec: CorpusSpec):
        self.spec = spec
        self.plan = Plan(spec)
        self.text = TextGenerator()
        self.speaker_names = {s.id: s.name for s in self.plan.speakers}
        self.topic_cw = _zipf_cumulative(len(self.plan.topics), 0.8)

    def document(self, plan: DocumentPlan) -> DocumentRow:
        rng = random.Random(f"{self.spec.seed}:document:{plan.index}")
        main = plan.speakers[0]
        main_name = self.speaker_names[main]
        date_text = plan.date.strftime("%-d %B %Y") if plan.date else "date unknown"
        title = {
            "interview": f"{main_name}'s interview with {plan.outlet or 'the press'}",
            "briefing": f"Briefing by {main_name}",
            "report": f"{main_name} on {self.text.words(rng, 1)[0]} and {self.text.words(rng, 1)[0]}",
        }[plan.form]
        parts = [title, "\n", f"{plan.outlet or 'Unknown outlet'}, {date_text}", "\n\n"]
        length = sum(len(p) for p in parts)
        kinds, kind_weights = KINDS[plan.form]
        statements: list[StatementRow] = []
        all_topics = range(1, len(self.plan.topics) + 1)
        for position in range(plan.statements):
            kind = rng.choices(kinds, weights=kind_weights)[0]
            speaker = main if len(plan.speakers) == 1 or rng.random() < 0.75 else rng.choice(plan.speakers[1:])
            name = self.speaker_names[speaker]
            low, high = SENTENCES[kind]
            if kind == "remark":
                text = rng.choice(
                    [
                        "Thank you.",
                        "Next question, please.",
                        "Good afternoon.",
                        "I have already answered that.",
                        self.text.sentence(rng),
                    ]
                )
            else:
                text = self.text.text(rng, rng.randint(low, high))
            context = ""
            if kind == "answer":
                context = self.text.sentence(rng, end="?")
                block = f"Question: {context}\n\n{name}: "
            elif kind == "quote":
                context = f"{name} told {plan.outlet or 'reporters'}:"
                block = f"{context} “"
            else:
                block = f"{name}: "
            start = length + len(block)
            end = start + len(text)
            tail = "”\n\n" if kind == "quote" else "\n\n"
            parts.extend((block, text, tail))
            length = end + len(tail)
            roll = rng.random()
            count = 0 if roll < 0.25 else 1 if roll < 0.7 else 2 if roll < 0.92 else 3
            topics: list[int] = []
            for _ in range(count):
                topic = (
                    rng.choice(plan.themes)
                    if rng.random() < 0.8
                    else rng.choices(all_topics, cum_weights=self.topic_cw)[0]
                )
                if topic not in topics:
                    topics.append(topic)
            statement_id = plan.first_statement_id + position
            statements.append(
                StatementRow(
                    statement_id,
                    statement_key(statement_id),
                    plan.id,
                    speaker,
                    name,
                    position,
                    kind,
                    text,
                    context,
                    start,
                    end,
                    sorted(topics),
                )
            )
        raw_text = "".join(parts)
        return DocumentRow(
            id=plan.id,
            title=title,
            outlet=plan.outlet,
            date=plan.date,
            file_name=f"bench-{plan.index:06d}.txt",
            checksum=hashlib.sha256(raw_text.encode()).hexdigest(),
            raw_text=raw_text,
            statements=statements,
        )
