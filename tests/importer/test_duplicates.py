"""Measures the near-duplicate threshold on real importer output: reposted copies above, different statements below."""

import itertools
import random
from pathlib import Path

from archive.importer.duplicates import SAME_QUOTE, same_quote, similarity

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted([*ROOT.glob("fixtures/texts/*.txt"), *ROOT.glob("tests/importer/*/*.txt")])


def repost(text: str, rng: random.Random) -> str:
    """What a copy of a quote looks like elsewhere: other quote marks, a fragment, typos, an omission, capitals."""
    words = text.split()
    kind = rng.choice(["quotes", "fragment", "typos", "omission", "capitals"])
    if kind == "fragment" and len(words) > 12:
        start = rng.randrange(0, len(words) - 10)
        return " ".join(words[start : start + rng.randrange(8, min(40, len(words) - start) + 1)])
    if kind == "typos":
        letters = list(text)
        for _ in range(2):
            letters[rng.randrange(len(letters))] = "x"
        return "".join(letters)
    if kind == "omission" and len(words) > 12:
        cut = rng.randrange(2, len(words) - 6)
        return " ".join(words[:cut]) + " … " + " ".join(words[cut + 3 :])
    if kind == "capitals":
        return text.upper()
    return "“" + text.replace('"', "“") + "”"


def test_the_threshold_separates_reposted_copies_from_different_statements(pipeline):
    statements = [s for path in TEXTS for s in pipeline.parse(path.read_bytes(), path.name).statements]
    rng = random.Random(1)
    # Two reposted copies of each statement, of kinds drawn at random: the sample stays above 200 copies.
    copies = [similarity(s.text, repost(s.text, rng)) for s in statements if len(s.text.split()) >= 6 for _ in range(2)]
    by_speaker: dict[str, list[str]] = {}
    for s in statements:
        by_speaker.setdefault(s.speaker.name, []).append(s.text)
    different = [similarity(a, b) for texts in by_speaker.values() for a, b in itertools.combinations(texts, 2) if a != b]
    assert len(copies) > 200 and len(different) > 4000
    assert min(copies) >= SAME_QUOTE, sorted(copies)[:5]
    assert max(different) < SAME_QUOTE, sorted(different)[-5:]


def test_short_answers_are_never_the_same_quote():
    assert not same_quote("Yes.", "Yes.")
    assert same_quote("There should be no further expansion of NATO, Ryabkov stressed.",
                      "“(T)here should be no further expansion of NATO,” he said")


def test_the_cheap_bound_is_never_below_partial_ratio(pipeline):
    """same_quote skips partial_ratio where the bound is under the threshold, so it must be a true bound."""
    from rapidfuzz import fuzz

    from archive.importer.duplicates import _partial_ratio_bound, comparable

    texts = [comparable(s.text) for path in TEXTS for s in pipeline.parse(path.read_bytes(), path.name).statements]
    rng = random.Random(2)
    pairs = []
    for text in texts:
        words = text.split()
        if len(words) < 12:
            continue
        start = rng.randrange(0, len(words) - 6)
        fragment = words[start : start + rng.randrange(6, 30)]
        for _ in range(rng.randrange(0, 6)):  # edits, some at the fragment's ends
            fragment[rng.choice([0, -1, rng.randrange(len(fragment))])] = rng.choice(rng.choice(texts).split())
        pairs.append((" ".join(fragment), text))
        pairs.append((rng.choice(texts)[:200], text))
    pairs.append(("abcdefghij", "xxxxxxxxxxxxxxxxxxxxfghijxxx"))  # best part overhangs the long text's end
    pairs = [tuple(sorted(pair, key=len)) for pair in pairs]  # same_quote passes the shorter text first
    scores = [(fuzz.partial_ratio(short, long_), _partial_ratio_bound(short, long_)) for short, long_ in pairs]
    assert len(scores) > 300 and any(score < SAME_QUOTE for score, _ in scores) and any(score >= SAME_QUOTE for score, _ in scores)
    below = [(score, bound, pair) for (score, bound), pair in zip(scores, pairs, strict=True) if bound < score - 1e-9]
    assert not below, below[:3]
