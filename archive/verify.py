"""Did he really say that? Find the archived statements a pasted passage comes from, and how it differs.

Candidates come from the full-text index (a few overlapping word groups of the passage, so one
changed word does not hide the statement, and a passage spanning two statements finds both);
the word-level alignment is difflib's, on words folded for case, quotes and dashes. Verdicts:

- ``verbatim``: the same words, once quotes, dashes, spacing and case are folded;
- ``close``: only ellipses, bracketed edits ("(T)here", "[the US]"), punctuation or a few
  function words differ;
- ``altered``: words were changed, added or dropped (the diff shows which);
- ``not found``: nothing in the archive is near enough.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .importer.normalize import fold
from .models import Statement
from .search import BACKEND

MAX_QUERY_CHARS = 2000
MAX_MATCHES = 5
# At least this many words in a row must agree before a statement counts as a source of the passage.
MIN_RUN = 4
FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for with from and or but nor so as that this these those it its is are was were be
    been being has have had do does did not no will would shall should can could may might must we our us they their
    them he his him she her i my me you your which who whom whose what there here than then also very just""".split()
)
# Up to this many function words may differ for a quote to stay "close".
CLOSE_FUNCTION_WORDS = 3

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_ELLIPSIS = re.compile(r"\.\.\.|…|\[\s*\.\.\.\s*\]|\(\s*\.\.\.\s*\)")


@dataclass(frozen=True)
class Word:
    text: str  # as written
    key: str  # folded, for comparison
    bracketed: bool = False  # inside [ ] or ( ): an editor's word, not the speaker's
    after_ellipsis: bool = False  # the quoter marked an omission just before this word
    edited: bool = False  # "(T)here": the speaker's word with an editor's letter


@dataclass
class Alignment:
    verdict: str
    similarity: float  # 0–1, over the aligned stretch
    diff: list[dict] = field(default_factory=list)
    covered: tuple[int, int] = (0, 0)  # the query's words this statement accounts for: [start, end)
    matched_words: int = 0


def words(text: str, mark_edits: bool = False) -> list[Word]:
    """The words of a text; with ``mark_edits``, note bracketed insertions and omissions marked by ellipses."""
    result: list[Word] = []
    depth = 0
    pending_ellipsis = False
    word_end = close_end = -1
    for m in re.finditer(r"\.\.\.|…|[\[\]()]|" + _WORD.pattern, text):
        token = m.group()
        if token in "[(" and mark_edits:
            depth += 1
        elif token in "])" and mark_edits:
            depth = max(0, depth - 1)
            close_end = m.end()
        elif _ELLIPSIS.fullmatch(token):
            pending_ellipsis = True
        elif _WORD.fullmatch(token):
            # "(T)here": a bracketed letter glued to the rest of the word is one word, edited
            glued = mark_edits and result and m.start() == close_end and word_end == close_end - 1
            if glued:
                last = result.pop()
                result.append(Word(last.text + token, fold(last.text + token), False, last.after_ellipsis, edited=True))
            else:
                result.append(Word(token, fold(token), mark_edits and depth > 0, pending_ellipsis))
            pending_ellipsis = False
            word_end = m.end()
    return result


def align(archive_text: str, query_text: str) -> Alignment | None:
    """How the pasted words relate to one archived statement, or None when they barely overlap."""
    archive = words(archive_text)
    query = words(query_text, mark_edits=True)
    if not archive or not query:
        return None
    matcher = SequenceMatcher(None, [w.key for w in archive], [w.key for w in query], autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    long_blocks = [b for b in blocks if b.size >= min(MIN_RUN, len(query))]
    if not long_blocks:
        return None
    a0, a1, q0, q1 = _stretch(blocks, long_blocks, len(archive), len(query))
    window = SequenceMatcher(None, [w.key for w in archive[a0:a1]], [w.key for w in query[q0:q1]], autojunk=False)
    diff, function_edits, substantive = [], 0, False
    for op, i1, i2, j1, j2 in window.get_opcodes():
        said, quoted = archive[a0 + i1 : a0 + i2], query[q0 + j1 : q0 + j2]
        diff.append({"op": op, "archive": " ".join(w.text for w in said), "query": " ".join(w.text for w in quoted)})
        if op == "equal":
            continue
        if quoted and all(w.bracketed for w in quoted):
            continue  # "[the US]" for "it": an editor's marked substitution
        if op == "delete" and (j1 < len(query[q0:q1]) and query[q0 + j1].after_ellipsis):
            continue  # words left out where the quoter put "…"
        changed = [w.key for w in (*said, *quoted)]
        if all(k in FUNCTION_WORDS for k in changed):
            function_edits += len(changed)
            continue
        substantive = True
    matched = sum(b.size for b in blocks if a0 <= b.a < a1)
    span = max(a1 - a0, q1 - q0)
    similarity = round(window.ratio(), 3)
    if not substantive and function_edits == 0 and all(d["op"] == "equal" for d in diff) and not _edits_marked(query[q0:q1]):
        verdict = "verbatim"
    elif not substantive and function_edits <= CLOSE_FUNCTION_WORDS:
        verdict = "close"
    else:
        verdict = "altered"
    return Alignment(verdict, similarity if span else 0.0, diff, (q0, q1), matched)


# Words that may lie between two agreeing runs, or at the passage's ends, and still belong to the stretch.
_GAP = 3


def _stretch(blocks, long_blocks, archive_len: int, query_len: int) -> tuple[int, int, int, int]:
    """The stretch of statement and passage that correspond: the long agreements, the short ones chained
    to them across small gaps, and a few changed words at either end of the passage."""
    first = last = None
    for i, b in enumerate(blocks):
        if b in long_blocks:
            first = i if first is None else first
            last = i
    while first > 0 and _near(blocks[first - 1], blocks[first]):
        first -= 1
    while last + 1 < len(blocks) and _near(blocks[last], blocks[last + 1]):
        last += 1
    a0, q0 = blocks[first].a, blocks[first].b
    a1, q1 = blocks[last].a + blocks[last].size, blocks[last].b + blocks[last].size
    if q0 <= _GAP:  # a changed first word or two
        a0, q0 = max(0, a0 - q0), 0
    if query_len - q1 <= _GAP:
        a1, q1 = min(archive_len, a1 + (query_len - q1)), query_len
    return a0, a1, q0, q1


def _near(before, after) -> bool:
    return 0 <= after.a - (before.a + before.size) <= _GAP and 0 <= after.b - (before.b + before.size) <= _GAP


def _edits_marked(query: list[Word]) -> bool:
    return any(w.bracketed or w.edited or w.after_ellipsis for w in query[1:]) or any(w.bracketed or w.edited for w in query[:1])


@dataclass
class Match:
    statement: object  # archive.models.Statement
    alignment: Alignment


@dataclass
class Verification:
    query: str
    matches: list[Match]

    @property
    def verdict(self) -> str:
        return self.matches[0].alignment.verdict if self.matches else "not found"


# The passage is searched as a few groups of this many content words, spread over it: a changed word
# spoils one group, not the search, and a passage spanning two statements reaches both.
GROUP_WORDS = 3
MAX_GROUPS = 8
CANDIDATES = 30


def search_groups(query: str) -> list[str]:
    content = [w.text for w in words(query) if w.key not in FUNCTION_WORDS and len(w.key) > 1]
    groups = [" ".join(content[i : i + GROUP_WORDS]) for i in range(0, len(content), GROUP_WORDS)]
    if len(groups) > MAX_GROUPS:
        step = len(groups) / MAX_GROUPS
        groups = [groups[int(i * step)] for i in range(MAX_GROUPS)]
    return [g for g in groups if g]


# Each probe of the search brings at most this many statements. A group of common words ("foreign
# government") matches tens of thousands in a big archive, and ranking them all took seconds; the source
# of the passage matches several groups, and the adjacent pairs of groups, which are rare together.
PER_PROBE = 200


def verify(query: str) -> Verification:
    """The archived statements a passage most likely comes from, best first."""
    query = query[:MAX_QUERY_CHARS]
    groups = search_groups(query)
    if not groups:
        return Verification(query, [])
    ids = _candidates(groups)
    scored = []
    for statement in Statement.objects.filter(pk__in=ids).select_related("speaker", "document").defer("document__raw_text"):
        alignment = align(statement.text, query)
        if alignment is not None and alignment.similarity >= 0.5:
            scored.append(Match(statement, alignment))
    scored.sort(key=lambda m: (-m.alignment.matched_words, -m.alignment.similarity, m.statement.pk))
    kept: list[Match] = []
    for match in scored:
        if not any(_explained_by(match.alignment, better.alignment) for better in kept):
            kept.append(match)
    return Verification(query, kept[:MAX_MATCHES])


def _candidates(groups: list[str]) -> list[int]:
    """The statements that match the most groups of the passage's words, and pairs of groups.

    One query (the search's probes): each probe is limited on its own, so a common group costs no more
    than a rare one. A pair counts twice a group, and a probe that found fewer statements than its limit
    (all there are) up to twice one that hit it: rare words say more about the source."""
    probes = [((group,), 1) for group in groups] + [((a, b), 2) for a, b in zip(groups, groups[1:], strict=False)]
    found = BACKEND.probe([words for words, _ in probes], PER_PROBE)
    hits = Counter(n for _, n in found)
    scores: Counter[int] = Counter()
    for pk, n in found:
        scores[pk] += probes[n][1] * (2 - hits[n] / PER_PROBE)
    return [pk for pk, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:CANDIDATES]]


def _explained_by(weaker: Alignment, better: Alignment) -> bool:
    """A few words a better source already accounts for are a coincidence, not a second source."""
    inside = better.covered[0] <= weaker.covered[0] and weaker.covered[1] <= better.covered[1]
    return inside and weaker.matched_words < 0.6 * better.matched_words
