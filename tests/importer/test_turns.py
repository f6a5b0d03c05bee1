"""Stage 3: turns, labels and question–answer pairing, on fragments of real transcript shapes."""

from archive.importer.normalize import paragraphs
from archive.importer.turns import ANSWER, QUESTION, SPEAKER, is_procedural, read_label, split_dashed, split_labelled


def test_labels_of_every_family_are_read(speakers):
    cases = {
        "Question: Do you see progress?": (QUESTION, None),
        "Q: Is that so?": (QUESTION, None),
        "Queston: A typo in the label?": (QUESTION, None),
        "Question (TASS): And China?": (QUESTION, None),
        "Answer: In progress.": (ANSWER, None),
        "A: I cannot name any personalities.": (ANSWER, None),
        "Ryabkov: I would refrain from such conclusions.": (SPEAKER, "Sergey Ryabkov"),
        "Ryabkvo: A typo in the surname.": (SPEAKER, "Sergey Ryabkov"),
        "MR PRICE: Good afternoon.": (SPEAKER, "Ned Price"),
        "MS SMITH: Thank you.": (SPEAKER, "Julianne Smith"),
        "SECRETARY BLINKEN: We stand with Ukraine.": (SPEAKER, "Antony Blinken"),
        "MR. KIRBY: Look, we understand the concerns.": (SPEAKER, "John Kirby"),
        "FOREIGN MINISTER KULEBA: (Via interpreter) Thank you.": (SPEAKER, "Dmytro Kuleba"),
        "Вопрос: Как вы оцениваете?": (QUESTION, None),
        "Сергей Рябков: Отношения заморожены.": (SPEAKER, "Sergey Ryabkov"),
    }
    for text, (role, name) in cases.items():
        label = read_label(paragraphs(text)[0], speakers)
        assert label is not None, text
        assert (label.role, label.speaker.name if label.speaker else None) == (role, name), text


def test_phrases_with_a_colon_inside_an_answer_are_not_labels(speakers):
    for text in ["there is a question: how long can this go on?", "The bottom line: we will respond.",
                 "Secondly: the treaty is suspended.", "The answer is simple: no."]:
        assert read_label(paragraphs(text)[0], speakers) is None, text


def test_labelled_answers_keep_their_continuation_paragraphs(speakers):
    text = """Intro by the blogger.
Question: How do you see the future?
Ryabkov: I do not think that relations will be restored.
This was not true before.
Question: So?
Answer: No."""
    transcript = split_labelled(paragraphs(text), speakers)
    assert [p.text for p in transcript.intro] == ["Intro by the blogger."]
    answer = transcript.turns[1]
    assert answer.role == SPEAKER and answer.text.endswith("This was not true before.")
    assert transcript.turns[3].role == ANSWER and transcript.turns[3].text == "No."


def test_q_alone_on_its_line_takes_the_next_paragraph_as_its_words(speakers):
    transcript = split_labelled(paragraphs("Q\nWhat do you expect?\nA\nNothing good.\nQ\nWhy?\nA\nBecause."), speakers)
    assert [(t.role, t.text) for t in transcript.turns[:2]] == [(QUESTION, "What do you expect?"), (ANSWER, "Nothing good.")]


def test_dashed_turns_alternate_and_split_a_question_and_answer_on_one_line():
    text = """Lede paragraph naming the interviewee.
- First question?
- First answer.
It continues here.
- Changes in U.S. policy?-Absolutely.
- Adaptation is underway - do you mean the units?
-Yes.
- Last question?
- Last answer."""
    transcript = split_dashed(paragraphs(text))
    roles = [(t.role, t.text) for t in transcript.turns]
    assert roles[1] == (ANSWER, "First answer.\n\nIt continues here.")
    assert roles[2:4] == [(QUESTION, "Changes in U.S. policy?"), (ANSWER, "Absolutely.")]
    assert roles[4:6] == [(QUESTION, "Adaptation is underway - do you mean the units?"), (ANSWER, "Yes.")]


def test_procedural_turns_are_told_from_short_answers():
    assert is_procedural("Thank you.") and is_procedural("Go ahead, Said.") and is_procedural("Matt?")
    assert not is_procedural("Yes.") and not is_procedural("Absolutely.")
