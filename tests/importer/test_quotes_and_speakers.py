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
