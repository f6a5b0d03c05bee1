"""The verdicts of quote verification, on the alignment alone (no database)."""

from archive.verify import align, search_groups

SAID = ("Of course, we keep this time reference in mind. Of course, we are aware that from February 2026 there "
        "will be a vacuum in this area. In fact, the process of deregulation of the strategic offensive arms "
        "sphere has already begun.")


def changes(alignment):
    return [(d["op"], d["archive"], d["query"]) for d in alignment.diff if d["op"] != "equal"]


def test_the_same_words_with_other_quotes_case_and_spacing_are_verbatim():
    result = align(SAID, "“of course,  we are aware that from February 2026 there will be a vacuum in this area”")
    assert result.verdict == "verbatim" and result.similarity == 1.0 and changes(result) == []


def test_one_changed_word_is_altered_and_shown_in_the_diff():
    result = align(SAID, "Of course, we are aware that from February 2026 there will be a chaos in this area.")
    assert result.verdict == "altered"
    assert changes(result) == [("replace", "vacuum", "chaos")]


def test_an_added_word_is_altered():
    result = align(SAID, "we are aware that from February 2026 there will definitely be a vacuum in this area")
    assert result.verdict == "altered" and changes(result) == [("insert", "", "definitely")]


def test_ellipses_bracketed_edits_and_function_words_are_close():
    omitted = align(SAID, "we are aware that from February 2026 there will be a vacuum … the process of "
                          "deregulation of the strategic offensive arms sphere has already begun")
    assert omitted.verdict == "close" and changes(omitted)[0][0] == "delete"
    edited = align(SAID, "(W)e are aware that from February 2026 there will be a vacuum in [the] area")
    assert edited.verdict == "close"
    function_word = align(SAID, "we are aware that from February 2026 there will be a vacuum in the area")
    assert function_word.verdict == "close" and changes(function_word) == [("replace", "this", "the")]


def test_unrelated_text_does_not_align():
    assert align(SAID, "The weather in Madrid was lovely and the paella superb, said the tourist.") is None


def test_a_long_passage_is_searched_as_groups_spread_over_it():
    passage = " ".join(f"word{n} filler{n} thing{n}" for n in range(40))
    groups = search_groups(passage)
    assert len(groups) == 8 and groups[0] == "word0 filler0 thing0" and "word39" not in groups[0]
