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


# -- shapes met in real transcripts (tests/realtexts/): fragments written here in their shape -------------------


def test_a_file_of_one_exchange_is_a_transcript(parse):
    doc = parse("Question: Will the talks resume next week?\nSergey Ryabkov: Not next week, but they will resume.\n")
    [answer] = doc.statements
    assert (answer.speaker.name, answer.kind) == ("Sergey Ryabkov", "answer")
    assert answer.context == "Will the talks resume next week?"


def test_one_labelled_speaker_without_questions_gives_a_speech(parse):
    text = "Secretary Blinken on the situation in the region\n\nSECRETARY BLINKEN: Mr. President, this council meets " \
           "today because one member has chosen war over diplomacy.\n\n" + \
           "\n\n".join(f"The {n} principle at stake is that borders cannot be changed by force, and every member "
                       "of this council has pledged to defend it, in good times and in bad, whatever the cost."
                       for n in ("first", "second", "third", "fourth", "fifth", "sixth"))
    [speech] = parse(text).statements
    assert (speech.speaker.name, speech.kind) == ("Antony Blinken", "speech")
    assert speech.text.startswith("Mr. President") and "fourth principle" in speech.text


def test_a_russian_initial_glued_to_a_surname_is_a_name_not_a_question(speakers):
    label = read_label(paragraphs("В.Путин: Дело не в том, что Америка собиралась наносить удар.")[0], speakers)
    assert (label.role, label.speaker.name) == (SPEAKER, "Vladimir Putin")


def test_an_interviewer_who_mostly_asks_is_not_quoted(parse):
    text = """Т.Карлсон (как переведено): Господин Президент, спасибо. Почему вы считаете, что удар был возможен?
В.Путин: Дело не в том, что Америка собиралась наносить неожиданный удар по России, я так не говорил. Вопрос в том, как развивались события после 2014 года и кто их начал, и об этом я готов рассказать подробно.
Т.Карлсон: Это серьёзный разговор?
В.Путин: У нас серьёзный разговор, и я вам отвечу подробно, потому что без истории ничего не понять, а история здесь длинная и важная для понимания всех нынешних событий.
Т.Карлсон: Пожалуйста.
"""
    doc = parse(text)
    assert {s.speaker.name for s in doc.statements} == {"Vladimir Putin"}
    assert doc.statements[0].context.startswith("Господин Президент")


def test_a_journalist_the_text_introduces_asks(parse):
    text = """The minister spoke to correspondents Anna Veretennikova and Pavel Dronov at the guest house.

INTERVIEWER: Is Moscow ready to return to the deal in any form?

Lavrov: We never left the table; we left a deal that had stopped being a deal.

Dronov: But Western capitals say the grain is not under sanctions at all.

Lavrov: Formally, no. In practice no insurer will touch a ship bound for a Russian port."""
    doc = parse(text)
    assert [s.speaker.name for s in doc.statements] == ["Sergey Lavrov", "Sergey Lavrov"]
    assert doc.statements[1].context.startswith("But Western capitals")


def test_the_title_names_who_answers_a_briefing_with_bare_answers(parse):
    text = """<html><head><title>Foreign Ministry Spokesperson Li Wei's Regular Press Conference on May 6, 2021</title></head>
<body><article><h1>Foreign Ministry Spokesperson Li Wei's Regular Press Conference on May 6, 2021</h1>
<p>First, I'd like to share some figures with you about the vaccination campaign this week.</p>
<p>Q: Do you have any comment on the sanctions announced yesterday?</p>
<p>A: China firmly opposes unilateral sanctions that have no basis in international law.</p>
</article></body></html>"""
    doc = parse(text, "briefing.html")
    assert [(s.speaker.name, s.kind) for s in doc.statements] == [("Li Wei", "speech"), ("Li Wei", "answer")]


def test_a_reporter_labelled_by_outlet_asks(parse):
    text = """Reuters: Can you confirm that the two ministers will meet in Hawaii next week?
Zhao Lijian: I have no information to release on that at the moment.
Shenzhen TV: What is China's position on the new travel advisory issued yesterday?
Zhao Lijian: The advisory is based on facts and our concern for the safety of our students abroad."""
    doc = parse(text)
    assert [s.speaker.name for s in doc.statements] == ["Zhao Lijian", "Zhao Lijian"]
    assert doc.statements[1].context.startswith("What is China's position")


def test_a_surname_the_title_and_label_give_with_the_family_name_first(parse):
    text = """Secretary Antony J. Blinken And Republic of Korea Foreign Minister Park Jin At a Joint Press Availability

SECRETARY BLINKEN: Good afternoon, everyone, and welcome to our friends from Seoul.

MR PRICE: We will turn to Park Hyunyoung with JoongAng Ilbo.

QUESTION: Minister, what do you expect from the North after the missile test?

FOREIGN MINISTER PARK: I think that North Korea is at a crossroads now and must choose dialogue."""
    doc = parse(text)
    assert doc.statements[-1].speaker.name == "Park Jin"


def test_bracketed_labels_and_a_bold_label_line_name_their_speakers(parse):
    bold = """# Briefing on the working group

**UN Secretariat | Guy Ryder | Under-Secretary-General**

Mandate reviews across the system are uneven: some bodies review every mandate each year, others never do.

**Nepal | Lok Bahadur Thapa | Permanent Representative**

The Economic and Social Council has begun to align its subsidiary bodies with the reviews the Secretariat proposes.
"""
    doc = parse(bold, "briefing.md")
    assert [s.speaker.name for s in doc.statements] == ["Guy Ryder", "Lok Bahadur Thapa"]


def test_stage_directions_are_nobodys_words(parse):
    text = """Question: Will you run again?

Hillary Clinton: I am not thinking about anything like that right now.

(Laughter.)

But I will keep working on these issues.

(Applause.)"""
    [answer] = parse(text).statements
    assert "(Laughter.)" not in answer.text and "(Applause.)" not in answer.text
    assert answer.text.endswith("I will keep working on these issues.")


def test_a_dashed_interview_may_open_on_an_answer(parse):
    text = """Оазу Нантой, депутат парламента, говорит, что ему звонили из Москвы.

- Ничего такого не было! - ответил нам депутат. - Было общение с людьми из России.
- Они с вами связывались или вы с ними?
- Они со мной связывались, я сам никому не звонил.
- Насколько эти люди приближены к Кремлю?
- Нет-нет! Фамилии я вам не назову, это их дело.
"""
    doc = parse(text)
    assert [s.speaker.name for s in doc.statements] == ["Оазу Нантой"] * 3
    assert doc.statements[1].context == "Они с вами связывались или вы с ними?"


def test_a_labels_words_on_the_next_line_are_its_speech_not_a_heading(parse):
    text = "В.Путин:\nУважаемые\nдрузья!\n\nТема моего выступления – ситуация на Донбассе и ход\nспециальной операции, " \
           "о которой я хочу сказать подробно и откровенно,\nпотому что от этого зависит безопасность наших граждан " \
           "и будущее\nвсей страны на многие годы вперёд.\n\nЛуганская Народная\nРеспублика уже практически " \
           "полностью освобождена, и это важнейший итог\nнаших усилий, которые потребовали мужества и терпения " \
           "от всех,\nкто служит сегодня на передовой и в тылу.\n\n" + \
           "Мы благодарны каждому, кто защищает\nнашу страну, и будем помнить об этом всегда.\n\n" * 6
    [speech] = parse(text).statements
    assert speech.speaker.name == "Vladimir Putin"
    assert speech.text.startswith("Уважаемые друзья!") and "Луганская Народная Республика" in speech.text


def test_an_answers_context_keeps_the_question_across_a_reporters_aside(parse):
    text = """QUESTION: How often will the commission meet, and who will chair it?

MR PRICE: It will meet monthly, and the deputy secretary will chair it.

QUESTION: Oh, okay.

MR PRICE: And the first meeting is scheduled for next week in Geneva, as we announced."""
    last = parse(text).statements[-1]
    assert "How often will the commission meet" in last.context


def test_a_broadcast_transcript_flattened_onto_one_line_is_split_at_its_labels(parse):
    text = ("Aired January 7, 2025\n\nJOHN SMITH, PRESIDENT-ELECT OF THE UNITED STATES: -- and that is why we won. [12:30:03]"
            "And we will keep winning.REPORTER: Will you rule out force?JOHN SMITH: I'm not going to commit to that now, "
            "it would be foolish.DANA BASH, CNN HOST: That was a long news conference.(CROSSTALK)SMITH: Thank you all, "
            "we will do this again next week in Florida.BASH: Well, he did.")
    said = [(s.speaker.name, s.text.split(".")[0]) for s in parse(text).statements]
    assert said == [("John Smith", "-- and that is why we won"), ("John Smith", "I'm not going to commit to that now, it would be foolish"),
                    ("John Smith", "Thank you all, we will do this again next week in Florida")]


def test_an_unnamed_label_that_mostly_asks_asks_in_all_its_turns(parse):
    text = """BAIER: First of all, your impression of the report?
LAVROV: I think it is a terrible piece of work, deeply flawed from start to finish.
BAIER: The report suggests that the President was not briefed.
LAVROV: Not true. He was briefed, and he approved the program himself.
BAIER: Did he know the details?
LAVROV: He knew the techniques that we were using, certainly."""
    doc = parse(text)
    assert [s.speaker.name for s in doc.statements] == ["Sergey Lavrov"] * 3
    assert "The report suggests" in doc.statements[1].context


def test_a_wire_news_conference_with_bracketed_reporters_and_a_family_name_first(parse):
    text = """  [News conference by Qian Qichen, vice premier and foreign minister, on 16 March]
  [XINHUA correspondent] Two days ago the U.S. President expressed disappointment. What are
your views on this?
  [Qian] I am somewhat disappointed because we were hoping to achieve more
results than the visit produced, but not as many as had been anticipated.
  [Hong Kong Television Broadcasts Limited correspondent] The secretary of state said both
sides had narrowed their differences. Do you agree?
  [Qian] The two sides did not discuss whether to meet again, and I have
nothing to add to what was said at the talks themselves.
  Over 500 Chinese and foreign reporters attended the news conference.
"""
    doc = parse(text)
    assert [(s.speaker.name, s.text[:20]) for s in doc.statements] == [
        ("Qian Qichen", "I am somewhat disapp"), ("Qian Qichen", "The two sides did no")]
    assert "Do you agree?" in doc.statements[1].context and "reporters attended" not in doc.statements[1].text
