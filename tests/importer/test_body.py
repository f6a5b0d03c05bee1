"""Stage 2: the body ends where the page's comments and banners begin."""

from archive.importer.body import find_body
from archive.importer.normalize import paragraphs


def body_texts(text: str) -> list[str]:
    return [p.text for p in find_body(paragraphs(text))]


def test_wordpress_comment_section_and_form_are_cut_off():
    text = """Ryabkov stressed that this "freedom cannot be absolute."

One thought on "Russia on Relations"

I feel the Russians are delusional.

Leave a Reply

You are commenting using your account. Log Out / Change )"""
    assert body_texts(text) == ['Ryabkov stressed that this "freedom cannot be absolute."']


def test_subscribe_banner_ends_the_body_and_the_bare_comments_after_it():
    text = """- We have a rough schedule.
*
*
Like what you've been reading at Karlof1's Substack? Then please consider subscribing.
"Judging by the course of events, the moment is ripening."
It already has come."""
    assert body_texts(text) == ["- We have a rough schedule."]


def test_a_banner_in_the_middle_does_not_end_an_interview_that_goes_on():
    text = """Question: First?
Lavrov: First answer.
Thanks for reading! Subscribe for free to receive new posts.
Question: Second?
Lavrov: Second answer."""
    assert body_texts(text)[-1] == "Lavrov: Second answer."


def test_transcript_end_marks_and_share_lines_are_not_text():
    text = """MR. KIRBY: We're working this every day.
Share this page
END 2:31 P.M. BST
Q And one more?"""
    assert body_texts(text) == ["MR. KIRBY: We're working this every day."]


def test_a_see_also_box_inside_an_article_does_not_end_it():
    article = ("Vladimir Putin: We have just finished our talks and I want to thank our guests for their work today.\n"
               "See also\nMeeting with the President of Finland\nMarch 22, 2016\n"
               "We agreed that the intergovernmental commission will work actively on trade, investment and on the "
               "two border crossings that were closed this winter.\n"
               "We also discussed the situation in the region in some detail and agreed to stay in close contact on "
               "it in the weeks ahead.\n")
    body = [p.text for p in find_body(paragraphs(article))]
    assert body[-1].startswith("We also discussed") and "See also" not in body


def test_end_summary_is_no_end_mark_but_end_with_a_time_is():
    text = "SUMMARY The minister hailed the talks.\nEND SUMMARY The minister gave an upbeat assessment of the talks.\n"
    assert [p.text[:11] for p in find_body(paragraphs(text))] == ["SUMMARY The", "END SUMMARY"]
    text = "MR PRICE: That concludes the briefing.\nEND 2:31 P.M. EST\nSubscribe to updates.\n"
    assert [p.text for p in find_body(paragraphs(text))] == ["MR PRICE: That concludes the briefing."]
