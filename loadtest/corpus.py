"""A synthetic, interview-shaped corpus for the load test: documents of questions and answers.

    python -m loadtest.corpus --statements 100000     # with DJANGO_SETTINGS_MODULE and the load test's env

Deterministic (seeded), and idempotent: documents are named ``synthetic/NNNNNN.txt`` and only the
missing statements are added. Each document is an interview of one curated or invented speaker by one
outlet on one date (some undated): twenty answers, each after its question, with the occasional quote,
speech or remark. Answers mention the terms of one to three topics, so words, topics and facets all
have realistic spreads. Rows go in with COPY; the search vector is computed by PostgreSQL itself.
"""

from __future__ import annotations

import argparse
import datetime
import random
import time

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

STATEMENTS_PER_DOCUMENT = 20
PREFIX = "synthetic/"
KEY_PREFIX = "y"  # importer keys are lowercase hex-like; "y" never starts one

FIRST = [
    "Sergey",
    "Maria",
    "Dmitry",
    "Anna",
    "Igor",
    "Elena",
    "Pavel",
    "Olga",
    "Mikhail",
    "Irina",
    "Alexei",
    "Natalia",
    "Viktor",
    "Tatiana",
    "Andrei",
    "Yulia",
    "Nikolai",
    "Svetlana",
    "Oleg",
    "Ksenia",
]
LAST = [
    "Petrov",
    "Ivanova",
    "Sokolov",
    "Volkova",
    "Morozov",
    "Lebedeva",
    "Kozlov",
    "Novikova",
    "Orlov",
    "Pavlova",
    "Fedorov",
    "Egorova",
    "Vasiliev",
    "Zaitseva",
    "Belov",
    "Komarova",
]
OUTLETS = [
    "Interfax",
    "TASS",
    "RIA Novosti",
    "Izvestia",
    "Kommersant",
    "Rossiyskaya Gazeta",
    "RT",
    "Reuters",
    "Sputnik",
    "Vedomosti",
    None,
]
SUBJECTS = [
    "We",
    "Our partners",
    "The American side",
    "Washington",
    "The European Union",
    "Our country",
    "The alliance",
    "The Western capitals",
    "Moscow",
    "Beijing",
    "The international community",
    "The United Nations",
    "Our negotiators",
    "The Kiev regime",
    "The Global South",
]
VERBS = [
    "remain committed to",
    "reject",
    "are ready to discuss",
    "will never accept",
    "have proposed",
    "continue to insist on",
    "see no alternative to",
    "are concerned about",
    "warned against",
    "cannot ignore",
    "will respond to",
    "have repeatedly raised",
    "stand ready for",
    "call for",
]
OBJECTS = [
    "dialogue on equal terms",
    "the security guarantees",
    "a mutually respectful approach",
    "the indivisibility of security",
    "the sanctions pressure",
    "frozen sovereign assets",
    "the grain deal",
    "the humanitarian situation",
    "the principles of the UN Charter",
    "a political settlement",
    "the red lines",
    "the architecture of European security",
    "the legitimate interests of all sides",
    "the expansion of military infrastructure",
    "the prisoner exchange",
    "the energy corridor",
    "the trade in national currencies",
]
QUALIFIERS = [
    "without preconditions",
    "in the near future",
    "as before",
    "at the highest level",
    "on a bilateral basis",
    "within the framework of international law",
    "whatever happens",
    "step by step",
    "if our concerns are heard",
    "once again",
    "despite the pressure",
    "",
]
QUESTIONS = [
    "How do you assess {}?",
    "What is Moscow's position on {}?",
    "Is there any progress on {}?",
    "What do you expect from the talks about {}?",
    "Could you comment on the reports about {}?",
    "Will Russia change its approach to {}?",
]
KINDS = ["answer"] * 17 + ["quote", "speech", "remark"]


def sentence(rng: random.Random, term: str | None) -> str:
    obj = term or rng.choice(OBJECTS)
    qualifier = rng.choice(QUALIFIERS)
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {obj}{' ' + qualifier if qualifier else ''}."


def plain_terms(topic) -> list[str]:
    terms = [t.rstrip("*") for t in topic.terms if t.isascii() and '"' not in t]
    return terms or [topic.name]


def ensure_speakers(rng: random.Random) -> list:
    from archive.models import Speaker

    invented = []
    for number in range(120):
        name = f"{FIRST[number % len(FIRST)]} {LAST[(number * 7) % len(LAST)]}"
        slug = f"{slugify(name)}-{number}"
        speaker, _ = Speaker.objects.get_or_create(
            slug=slug, defaults={"name": name, "role": rng.choice(["Deputy Foreign Minister", "Ambassador",
                                                                    "Spokeswoman", "Director", "Senator"])}
        )  # fmt: skip
        invented.append(speaker)
    curated = list(Speaker.objects.filter(curated=True))
    # The curated speakers are the famous ones: they give a third of the interviews.
    return curated * max(1, len(invented) // (2 * max(1, len(curated)))) + invented


def build(statements: int, seed: int = 20240601) -> int:
    from archive.models import Document, Speaker, Statement, StatementTopic, Topic

    documents_wanted = -(-statements // STATEMENTS_PER_DOCUMENT)
    existing = set(Document.objects.filter(file_name__startswith=PREFIX).values_list("file_name", flat=True))
    rng = random.Random(seed)
    speakers = ensure_speakers(rng)
    topics = list(Topic.objects.all())
    terms = {topic.pk: plain_terms(topic) for topic in topics}
    speaker_names = dict(Speaker.objects.values_list("pk", "name"))
    started = time.monotonic()
    added = 0
    batch = 250  # documents per transaction
    for first in range(0, documents_wanted, batch):
        numbers = [
            n for n in range(first, min(first + batch, documents_wanted)) if f"{PREFIX}{n:06d}.txt" not in existing
        ]
        if not numbers:
            continue
        rows, documents = [], []
        for number in numbers:
            doc_rng = random.Random(seed * 1_000_003 + number)
            speaker = doc_rng.choice(speakers)
            outlet = doc_rng.choice(OUTLETS)
            undated = doc_rng.random() < 0.05
            date = None if undated else datetime.date(2004, 1, 1) + datetime.timedelta(days=doc_rng.randrange(7600))
            title = f"Interview of {speaker.name}" + (f" to {outlet}" if outlet else "")
            lines = [title, f"{outlet or 'Press release'}, {date.isoformat() if date else 'undated'}", ""]
            items = []
            for position in range(STATEMENTS_PER_DOCUMENT):
                chosen = doc_rng.sample(topics, k=doc_rng.choice([0, 1, 1, 1, 2, 2, 3])) if topics else []
                topic_terms = [doc_rng.choice(terms[topic.pk]) for topic in chosen]
                question = doc_rng.choice(QUESTIONS).format(topic_terms[0] if topic_terms else doc_rng.choice(OBJECTS))
                count = max(doc_rng.randint(2, 7), len(topic_terms))
                text = " ".join(sentence(doc_rng, term) for term in (topic_terms + [None] * count)[:count])
                lines.append(f"Question: {question}")
                start = sum(len(line) + 1 for line in lines) + len("Answer: ")
                lines.append(f"Answer: {text}")
                items.append((position, doc_rng.choice(KINDS), text, question, start, start + len(text), chosen))
            raw_text = "\n".join(lines) + "\n"
            documents.append(
                Document(title=title, outlet=outlet or "", date=date, date_precision="" if undated else "day",
                         file_name=f"{PREFIX}{number:06d}.txt", checksum=f"{number:064x}", raw_text=raw_text)
            )  # fmt: skip
            rows.append((speaker, items))
        with transaction.atomic():
            Document.objects.bulk_create(documents)
            now = timezone.now()
            statement_table, topic_table = Statement._meta.db_table, StatementTopic._meta.db_table
            columns = ("key, document_id, speaker_id, speaker_name, position, kind, text, context, start_offset, "
                       "end_offset, speaker_locked, topics_locked, created_at, updated_at")  # fmt: skip
            tags = []
            with connection.cursor() as cursor:
                with cursor.cursor.copy(f"COPY {statement_table} ({columns}) FROM STDIN") as copy:
                    for document, (speaker, items) in zip(documents, rows, strict=True):
                        number = int(document.file_name[len(PREFIX) : -4])
                        for position, kind, text, question, start, end, chosen in items:
                            key = f"{KEY_PREFIX}{number * STATEMENTS_PER_DOCUMENT + position:09d}"
                            context = question if kind == "answer" else ""
                            copy.write_row((key, document.pk, speaker.pk, speaker_names[speaker.pk], position, kind,
                                            text, context, start, end, False, False, now, now))  # fmt: skip
                            tags.extend((key, topic.pk) for topic in chosen)
                            added += 1
                cursor.execute(
                    f"SELECT key, id FROM {statement_table} WHERE document_id = ANY(%s)", [[d.pk for d in documents]]
                )
                ids = dict(cursor.fetchall())
                with cursor.cursor.copy(
                    f"COPY {topic_table} (statement_id, topic_id, matched_terms) FROM STDIN"
                ) as copy:
                    for key, topic_id in tags:
                        copy.write_row((ids[key], topic_id, []))
        print(f"\r  {added:,} statements added ({time.monotonic() - started:.0f} s)", end="", flush=True)
    if added:
        print()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return added


def main() -> None:
    import django

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--statements", type=int, default=100_000)
    args = parser.parse_args()
    django.setup()
    added = build(args.statements)
    from archive.models import Statement

    print(f"  corpus: {Statement.objects.count():,} statements ({added:,} added now)")


if __name__ == "__main__":
    main()
