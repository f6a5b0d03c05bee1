"""Stages 4 and 5: who said a quotation, and which person a name means."""

import pytest


def quotes(parse, text):
    return [(s.speaker.name, s.text) for s in parse(text).statements]


def test_explicit_cues_before_and_after_the_quote(parse):
    """A quotation is kept as quoted, the comma before its closing mark included (a citation copies it exactly)."""
    text = """Kremlin slams conference

Kremlin spokesman Dmitry Peskov spoke to reporters on Tuesday.

“Without Russia, any discussion of peace is simply a waste of time,” Peskov said.

Foreign Ministry spokeswoman Maria Zakharova said the event was “theatre staged for a Western audience.”

“There can be no talks on the basis of ultimatums,” she added."""
    assert quotes(parse, text) == [
        ("Dmitry Peskov", "Without Russia, any discussion of peace is simply a waste of time,"),
        ("Maria Zakharova", "theatre staged for a Western audience."),
        ("Maria Zakharova", "There can be no talks on the basis of ultimatums,"),
    ]


def test_a_quote_over_several_paragraphs_is_one_statement(parse):
    text = """Headline here

Zakharova went further at her weekly briefing.

“What is being prepared is not a conference but a performance.

“We know which countries were pressed to attend.”

Then she left."""
    [(speaker, said)] = quotes(parse, text)
    assert speaker == "Maria Zakharova"
    assert said.startswith("What is being prepared") and said.endswith("pressed to attend.")


def test_scare_quotes_cited_formulas_and_anonymous_sources_are_not_statements(parse):
    text = """Lavrov mocks NATO

Russian Foreign Minister Sergey Lavrov spoke in Beijing on Tuesday about the “open door” policy.

He recalled NATO’s pledge that “the door remains open to any European democracy,” which he called hypocritical.

“No one has the right to decide for others,” a senior official said.

“The door is open only in one direction — towards our borders,” Lavrov said."""
    assert quotes(parse, text) == [("Sergey Lavrov", "The door is open only in one direction — towards our borders,")]


def test_unattributed_quotes_go_to_the_one_person_an_interview_piece_is_about(parse):
    text = """Russia on relations

Interviewed by Izvestia, Deputy Foreign Minister Sergey Ryabkov spoke candidly. Ryabkov sees little hope.

They reflect Washington’s refusal to recognize Russia as “a major independent player in international relations.”"""
    assert quotes(parse, text) == [("Sergey Ryabkov", "a major independent player in international relations.")]


def test_a_namesake_named_in_full_is_not_the_curated_official(parse):
    text = """Prisoners freed

Oleg Antonov, a Moscow lawyer, said his client was relieved. “He never understood why he was arrested,” Antonov said.

“Every exchange sets a price,” said Hendricks, who declined to give his first name."""
    assert quotes(parse, text) == [("Oleg Antonov", "He never understood why he was arrested,")]


def test_russian_guillemets_with_dash_attribution(parse):
    text = """Захарова о конференции

«Любые действия с нашими активами будут квалифицироваться как кража», — заявила официальный представитель МИД России Мария Захарова."""
    assert quotes(parse, text) == [("Maria Zakharova", "Любые действия с нашими активами будут квалифицироваться как кража")]


@pytest.mark.parametrize(
    ("mention", "expected"),
    [("Deputy FM Sergey Ryabkov", "Sergey Ryabkov"), ("Serhiy Oleksiyovych", "Sergey Ryabkov"),
     ("Sergei Ryabkov", "Sergey Ryabkov"), ("S. Lavrov", "Sergey Lavrov"), ("AMBASSADOR SMITH", "Julianne Smith"),
     ("Марии Захаровой", "Maria Zakharova"), ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov"),
     ("Hendricks", None), ("The President", None), ("Question", None)],
)
def test_names_titles_and_transliterations_resolve_strictly(speakers, mention, expected):
    ref = speakers.resolve(mention, allow_new=False)
    assert (ref.name if ref else None) == expected


def test_a_person_named_in_full_becomes_a_new_speaker_only_when_allowed(speakers):
    assert speakers.resolve("Anna Petrova", allow_new=False) is None
    ref = speakers.resolve("Anna Petrova", allow_new=True)
    assert ref.name == "Anna Petrova" and not ref.known


# -- shapes met in real news and blog texts (tests/realtexts/): fragments written here in their shape ---------------


def test_the_person_a_text_introduces_outranks_a_curated_namesake(parse):
    text = """I am pleased to introduce Gayle Smith, who coordinates our global vaccine work.

MS SMITH: Thank you. We will deliver five hundred million doses to ninety-two countries this year and next.

QUESTION: When will the first shipments arrive?

MS SMITH: In August, and every month after that until the pledge is met."""
    assert {s.speaker.name for s in parse(text).statements} == {"Gayle Smith"}


def test_a_surname_that_is_also_a_word_is_still_a_name(parse):
    text = "Question: What did the envoys agree on?\nPaul White: They agreed to meet again in Vienna next month.\n"
    assert [s.speaker.name for s in parse(text).statements] == ["Paul White"]


def test_cue_verbs_with_adverbs_appositions_and_participles(parse):
    text = """Talks end early

After the talks ended, Zelensky reportedly told members of the press: “Progress has been made, but positions differ.”

Rustem Umerov, head of the delegation, delivered a brief statement, describing the talks as “intensive and substantive.”

“We respect each other,” Zelensky said, adding that he was not a person who folds easily.

“If we reach fifty thousand, we will see what happens,” Ukraine’s defense minister, Mykhailo Fedorov, told journalists."""
    said = [(s.speaker.name, s.text) for s in parse(text).statements]
    assert said == [
        ("Volodymyr Zelensky", "Progress has been made, but positions differ."),
        ("Rustem Umerov", "intensive and substantive."),
        ("Volodymyr Zelensky", "We respect each other,"),
        ("Mykhailo Fedorov", "If we reach fifty thousand, we will see what happens,"),
    ]


def test_a_paragraphs_quotations_by_one_speaker_are_one_statement(parse):
    text = """Negotiators meet

Russia’s chief negotiator, Vladimir Medinsky, described the talks as “difficult, but businesslike,” adding that “the next meeting will take place soon.”"""
    [quote] = parse(text).statements
    assert quote.speaker.name == "Vladimir Medinsky"
    assert quote.text == "difficult, but businesslike, … the next meeting will take place soon."


def test_a_relative_clause_before_the_verb_names_nobody(parse):
    text = """Putin praises the envoy

Praise was reserved for US President Donald Trump, who the Russian leader described as “sincerely wishing for the end of this conflict”."""
    assert [s.speaker.name for s in parse(text).statements] != ["Donald Trump"]


def test_a_pronoun_takes_the_person_named_before_it(parse):
    text = """Байден выступил с речью

Байден произнес свою речь в Овальном кабинете. Он подчеркнул, что ХАМАС и Путин являются угрозами разного рода, однако их объединяет стремление «полностью уничтожить соседнюю демократию»."""
    [quote] = parse(text).statements
    assert quote.speaker.name == "Joe Biden"


def test_the_words_of_someone_in_the_genitive_name_the_speaker(parse):
    text = """Кремль ответил

В Кремле отреагировали на слова Байдена о том, что «ХАМАС и Путин представляют собой разного рода угрозы». Заявление Байдена прокомментировал пресс-секретарь Дмитрий Песков."""
    assert [s.speaker.name for s in parse(text).statements] == ["Joe Biden"]


def test_a_quoted_block_belongs_to_the_speaker_its_lead_in_names(parse):
    text = """---
title: "Humour from Moscow"
---

Foreign Ministry spokeswoman Maria Zakharova took up the question and answered with humour:

> We noticed a number of recent remarks by the EU's High Representative about the end of Western dominance.
>
> We did a little analysis and looked at which analysts had made such forecasts a couple of years ago.

What a forecast, the blogger adds.
"""
    [block] = parse(text, "post.md").statements
    assert block.speaker.name == "Maria Zakharova"
    assert block.text.startswith("We noticed") and "a little analysis" in block.text
    assert "blogger" not in block.text


def test_a_russian_place_or_institution_is_no_person_and_a_name_returns_to_the_nominative(speakers):
    assert speakers.resolve("Собрания Гагаузии", allow_new=True) is None
    assert speakers.resolve("Петру Пашалы", allow_new=True).name == "Пётр Пашалы"
    assert speakers.resolve("Ambassador to Havana Viktor Koronelli", allow_new=True).name == "Viktor Koronelli"
    assert speakers.resolve("Mohammad Javad Zarif", allow_new=True).name == "Mohammad Javad Zarif"


def test_cues_that_real_news_uses(parse):
    text = """Talks in Geneva

During a briefing on Wednesday, press secretary Karoline Leavitt said “meaningful progress” had been made and reiterated that “another round of talks” will follow.

Trump revisited the topic once more, telling reporters aboard Air Force One: “Ukraine better come to the table, fast.”

Meanwhile, Zelensky told Axios on Tuesday that it was “not fair” for Trump to have publicly called for concessions."""
    said = [(s.speaker.name, s.text) for s in parse(text).statements]
    assert said == [("Karoline Leavitt", "meaningful progress … another round of talks"),
                    ("Donald Trump", "Ukraine better come to the table, fast."),
                    ("Volodymyr Zelensky", "not fair")]


def test_russian_descriptions_and_his_words(parse):
    text = """Реакция Киева

Президент Украины Владимир Зеленский назвал перемирие уловкой.

«Сейчас они хотят использовать Рождество как прикрытие, чтобы остановить наших ребят», — продолжил президент Украины.

Заявление прокомментировал пресс-секретарь Дмитрий Песков. По его словам, Кремль «не приемлет такой тон» в отношении российского лидера."""
    said = [(s.speaker.name, s.text[:20]) for s in parse(text).statements]
    assert said == [("Volodymyr Zelensky", "Сейчас они хотят исп"), ("Dmitry Peskov", "не приемлет такой то")]


def test_a_title_that_cannot_be_the_curated_persons_blocks_the_surname(speakers):
    assert speakers.resolve("President Clinton", allow_new=False) is None  # not the curated Secretary of State
    assert speakers.resolve("Secretary Clinton", allow_new=False).name == "Hillary Clinton"


def test_a_russian_cue_after_the_quote_names_its_speaker_at_its_end(parse):
    text = """Брифинг в Москве

«Идет зачистка информационного пространства страны от неугодных мнений», заявил на брифинге в Москве заместитель директора департамента МИД России Андрей Настасьин."""
    assert [s.speaker.name for s in parse(text).statements] == ["Андрей Настасьин"]


def test_a_pronoun_before_any_name_in_a_participles_clause_is_the_person_last_named(parse):
    text = """Kozyrev on partnership

Russian Foreign Minister Andrey Kozyrev spoke in Vladivostok.

In a television interview he said that he and Christopher would discuss the partnership, stressing that "we should agree on this so it does not cause annoyance."
"""
    assert [s.speaker.name for s in parse(text).statements] == ["Andrey Kozyrev"]
