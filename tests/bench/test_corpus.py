"""The benchmark's synthetic corpus: reproducible, internally consistent, shaped as documented."""

import re
from collections import Counter

from archive.bench import vocabulary
from archive.bench.corpus import CorpusSpec, Generator, Plan, statement_key
from archive.bench.interviews import OFFICIALS, interview
from archive.bench.load import _copy_rows
from archive.bench.measure import QUERY_MIX, percentile


def test_the_same_spec_gives_the_same_corpus_whichever_process_makes_it():
    spec = CorpusSpec(size=3000, seed=5)
    one, other = Generator(spec), Generator(spec)

    # Documents are generated independently, in any order, as the loader's workers do.
    first = [one.document(plan) for plan in one.plan.documents]
    second = [other.document(plan) for plan in reversed(other.plan.documents)][::-1]

    assert [(d.raw_text, [s.text for s in d.statements]) for d in first] == [
        (d.raw_text, [s.text for s in d.statements]) for d in second
    ]
    assert (
        Generator(CorpusSpec(size=3000, seed=6)).document(Plan(CorpusSpec(size=3000, seed=6)).documents[0]).raw_text
        != first[0].raw_text
    )


def test_documents_hold_their_statements_at_their_offsets():
    spec = CorpusSpec(size=5000)
    generator = Generator(spec)
    documents = [generator.document(plan) for plan in generator.plan.documents]
    statements = [s for d in documents for s in d.statements]

    assert len(statements) == spec.size and len(documents) == spec.documents == 10
    assert [s.id for s in statements] == list(range(1, spec.size + 1))
    speakers = {speaker.id: speaker.name for speaker in generator.plan.speakers}
    for document in documents:
        for s in document.statements:
            assert document.raw_text[s.start_offset : s.end_offset] == s.text
            assert speakers[s.speaker_id] == s.speaker_name
    keys = [s.key for s in statements]
    assert len(set(keys)) == len(keys) and all(re.fullmatch(r"[a-z2-7]{10}", k) for k in keys)


def test_keys_are_distinct_by_construction():
    keys = {statement_key(n) for n in range(1, 200_001)}
    assert len(keys) == 200_000


def test_shape_speakers_topics_dates_and_the_query_mix_frequencies():
    spec = CorpusSpec(size=20_000)
    generator = Generator(spec)
    documents = [generator.document(plan) for plan in generator.plan.documents]
    statements = [s for d in documents for s in d.statements]
    words = [set(re.findall(r"[a-z]+", s.text.lower())) for s in statements]

    def share(word: str) -> float:
        return sum(word in w for w in words) / len(words)

    assert len(generator.plan.speakers) == 500 and len(generator.plan.topics) == 40
    speakers = Counter(s.speaker_id for s in statements)
    assert speakers.most_common(1)[0][1] > 0.05 * len(statements)  # the minister dominates
    years = {d.date.year for d in documents if d.date}
    assert min(years) >= 2000 and max(years) <= 2024
    assert 0.45 < share("security") < 0.6  # "a term in half the corpus"
    assert 0.005 < share("grain") < 0.03  # "a medium term"
    assert share("kaliningrad") < 0.001  # "a rare term"
    assert {case.name for case in QUERY_MIX} >= {"rare term", "phrase", "empty query", "term + date range"}


def test_copy_rows_escape_what_copy_needs_escaped():
    spec = CorpusSpec(size=1000)
    generator = Generator(spec)
    document = generator.document(generator.plan.documents[0])
    doc, statements, topics, entries = _copy_rows(document)

    assert "\n" not in doc and "\\n" in doc  # raw text lines are escaped
    assert len(statements) == len(entries) == len(document.statements)
    assert len(topics) == sum(len(s.topic_ids) for s in document.statements)
    assert all(len(line.split("\t")) == 15 for line in statements)


def test_interviews_look_like_the_ministrys():
    import random

    from archive.bench.corpus import TextGenerator

    text = interview(random.Random(1), TextGenerator())
    first_line = text.splitlines()[0]

    assert "'s interview with " in first_line and re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}$", first_line)
    assert text.count("Question:") >= 9
    names = {name for _, name in OFFICIALS}
    assert any(f"\n{name}: " in text for name in names)
    assert set(vocabulary.STOPWORDS) & set(text.lower().split())


def test_percentile_is_nearest_rank():
    samples = list(range(1, 101))
    assert percentile(samples, 95) == 95 and percentile(samples, 50) == 50 and percentile([3.0], 95) == 3.0
