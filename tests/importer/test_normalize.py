"""Stage 1: decoding and paragraphs, on the kinds of damage real files carry."""

import pytest

from archive.importer.normalize import UnreadableText, decode, fold, paragraphs


def test_utf8_with_bom_and_crlf_keeps_offsets_into_the_raw_text():
    raw = decode("\ufeffQuestion: Why?\r\nLavrov: Because\u00a0we can.\r\n".encode("utf-8"))
    paras = paragraphs(raw)
    assert [p.text for p in paras] == ["Question: Why?", "Lavrov: Because we can."]
    assert raw[paras[1].start : paras[1].end] == "Lavrov: Because\u00a0we can."


@pytest.mark.parametrize(
    "encoded",
    [
        "Вопрос: Как вы оцениваете отношения с Вашингтоном?\nСергей Рябков: Они находятся на низшей точке.".encode("utf-16"),
        "Вопрос: Как вы оцениваете отношения с Вашингтоном? Сергей Рябков: Они находятся на низшей точке, "
        "и перспектив их улучшения мы не видим.".encode("cp1251"),
    ],
    ids=["utf-16", "windows-1251"],
)
def test_russian_text_in_other_encodings_is_detected(encoded):
    assert "Рябков" in decode(encoded)


def test_latin1_text_is_detected():
    assert "Señor Borrell" in decode("Señor Borrell said the talks were difficult, très difficiles.".encode("latin-1"))


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"", "empty"), (b"  \n\t\n", "empty"), (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
     (b"PK\x03\x04" + bytes(100), "ZIP"), (bytes(range(1, 32)) * 20, "binary")],
    ids=["empty", "whitespace", "png", "zip", "control-bytes"],
)
def test_files_that_are_not_text_are_refused_with_a_reason(data, problem):
    with pytest.raises(UnreadableText, match=problem):
        decode(data)


def test_nul_bytes_are_dropped_because_postgresql_cannot_store_them():
    assert decode(b"We are\x00 ready.") == "We are ready."


def test_glued_paragraphs_are_split_where_a_sentence_runs_into_the_next():
    paras = paragraphs("we are steadily fulfilling it.As for the other side of this coin, yes.")
    assert [p.text for p in paras] == ["we are steadily fulfilling it.", "As for the other side of this coin, yes."]


def test_abbreviations_are_not_mistaken_for_glued_paragraphs():
    text = "The U.S. delegation arrived. Talks with the U.S.A. and the E.U. went on."
    assert len(paragraphs(text)) == 1


def test_hard_wrapped_lines_are_rejoined_into_one_paragraph():
    text = "We have repeatedly warned our American colleagues that\nthe deployment of such systems would meet a response.\n\nNext."
    assert [p.text for p in paragraphs(text)][0].endswith("would meet a response.")


def test_fold_ignores_case_quotes_dashes_and_accents():
    assert fold("“Sergeï” — RYABKOV’s") == fold('"sergei" - ryabkov\'s')
    assert fold("Йошкар-Ола  Ёлка\u00a0Café\tñ") == "иошкар-ола елка cafe n"


def test_a_fixed_width_wire_text_is_rejoined_by_its_width_and_indented_paragraph_starts():
    line = "the talks went on late into the night and ended with a statement on"
    text = "\n".join([f"  [Reporter] Minister, what came of the talks in Vienna? Many expected {line}",
                      *[f"{line}" for _ in range(6)],
                      "minorities.",
                      f"  [Minister] A framework that all three governments accept, which is {line}",
                      *[f"{line}" for _ in range(6)],
                      "the border."])
    paras = paragraphs(text)
    assert len(paras) == 2
    assert paras[1].text.startswith("[Minister] A framework") and paras[1].text.endswith("the border.")


def test_a_line_going_on_in_lower_case_continues_however_short_and_a_lone_label_stays_apart():
    assert [p.text for p in paragraphs("Уважаемые\nдрузья!\n")] == ["Уважаемые друзья!"]
    assert [p.text for p in paragraphs("Q\nWhat do you expect?\n\nA\nNothing good.\n")] == \
        ["Q", "What do you expect?", "A", "Nothing good."]
