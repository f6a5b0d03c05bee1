"""Stage 2: find the body of the page.

Reposted interviews arrive wrapped in a web page: share buttons, subscribe banners, WordPress
"Leave a Reply" forms and reader comments, which often quote the interview again. Comments must
never become statements, so the body ends where the comment section or the closing banner
begins, and boilerplate lines inside it are dropped.
"""

from __future__ import annotations

import re

from .types import Paragraph

# The comment section or the page footer starts here: nothing after it is the author's text.
_END_OF_BODY = re.compile(
    r"""^(?:
        (?:one|no|\d+)\s+(?:thoughts?|comments?|responses?|replies|reply)\s+(?:on|to)\b
      | \d+\s+(?:thoughts?|comments?|responses?|replies)\s*$
      | leave\s+a\s+(?:reply|comment)
      | (?:\d+\s+)?comments?\s*$
      | discussion(?:\s+about\s+this\s+post)?\s*$
      | join\s+the\s+discussion
      | (?:post\s+)?navigation\s*$
      | you\s+are\s+commenting\s+using
      | fill\s+in\s+your\s+details\s+below
      | blog\s+at\b
      | %d\s+bloggers\s+like\s+this
      | комментари[ийя]\s*(?:\(\d+\))?\s*$
      | \(?(?:the\s+)?(?:briefing|press\s+conference|news\s+conference|gaggle|meeting|call)\s+(?:was\s+)?(?:concluded|ended|adjourned)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A box of links: the page's end, or a box inside the article that the article's text goes on after.
_LINK_BOX = re.compile(
    r"""^(?:share\s+this\s*:?\s*$
      | like\s+this\s*:\s*$
      | related(?:\s+(?:posts|articles|stories|news|content))?\s*:?\s*$
      | (?:read|see)\s+also\b.{0,40}$
      | more\s+(?:on\s+this\s+story|stories|from)\b.{0,40}$
      | читайте\s+также
      | см\.\s+также
      | похожие\s+(?:материалы|статьи|новости)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# "END 2:31 P.M. BST", "###": the transcript is over.
_END_MARK = re.compile(r"^(?:ENDS?\s*[.)]?\s*$|END\s+\d|###\s*$|-\s*30\s*-|-\s*ends?\s*-\s*$)")  # not "END SUMMARY"
# A subscribe banner: ends the body unless the interview goes on after it.
_BANNER = re.compile(
    r"""^(?:like\s+what\s+you[’']ve\s+been\s+reading
      | (?:please\s+)?(?:consider\s+)?subscrib(?:e|ing)\b.{0,120}$
      | thanks\s+for\s+reading\b
      | if\s+you\s+(?:enjoyed|liked|value)\s+this
      | support\s+(?:this|my|our)\s+(?:blog|work|substack)
      | подписывайтесь
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_BOILERPLATE = re.compile(
    r"""^(?:[*\-_=~•·#]\s*){1,10}$
      | ^(?:share|share\s+this|like\s+this|tweet|print|email|advertisement|skip\s+to\s+content|add\s+yours
          |up\s*↑|read\s+more|related(?:\s+(?:posts|articles|stories))?|loading\.*|rate\s+this|click\s+to\s+\w+.*
          |twitter\s+picture|facebook\s+photo|google\s+photo|log\s+out\s*/\s*change.*|connecting\s+to\s+%s
          |tags?:.*|filed\s+under.*|categories?:.*|posted\s+in\b.*|source:\s*https?://\S+
          |(?:follow|watch|video|listen|download|subscribe|share|print|photo)\b(?:\s+\S+){0,12}?
          |like\s+loading.*|(?:беседовал[аи]?|интервью\s+взял[аи]?|записал[аи]?|interviewed\s+by|interview\s+by)\s+\S+(?:\s+\S+)?
          |(?:home|menu|search)\b.*\|.*|search\s+this\s+site.*|≡\s*menu)\s*[:.)…]?\s*$
    """,
    re.IGNORECASE | re.VERBOSE,
)
_TURN_START = re.compile(
    r"^\s*(?:[-–—]\s*\S|(?:Q|A|Question|Answer|Вопрос|Ответ)\s*[:.]?\s|[A-ZА-ЯЁ][\w.’'\-]*(?:\s+[A-ZА-ЯЁ][\w.’'\-]*){0,3}:\s)"
)


def is_boilerplate(paragraph: Paragraph) -> bool:
    return bool(_BOILERPLATE.search(paragraph.text))


def end_of_body(paragraphs: list[Paragraph]) -> int:
    """Index of the first paragraph that is no longer the author's text (len() when none)."""
    for i, p in enumerate(paragraphs):
        if _END_OF_BODY.search(p.text) or _END_MARK.match(p.text):
            return i
        if _LINK_BOX.search(p.text) and not _text_goes_on(paragraphs[i + 1 :]):
            return i
        if _BANNER.search(p.text) and not _interview_goes_on(paragraphs[i + 1 :]):
            return i
    return len(paragraphs)


def _text_goes_on(rest: list[Paragraph]) -> bool:
    """The article's prose resumes after a box: two of the next six paragraphs are full sentences."""
    prose = [p for p in rest[:6] if len(p.text.split()) >= 20 and re.search(r"[.!?…:][”\"»’)]*$", p.text)]
    return len(prose) >= 2 or _interview_goes_on(rest)


def _interview_goes_on(rest: list[Paragraph]) -> bool:
    return sum(1 for p in rest[:12] if _TURN_START.match(p.text)) >= 2


def find_body(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The author's paragraphs: boilerplate dropped, the comment section and what follows cut off."""
    body = paragraphs[: end_of_body(paragraphs)]
    running = _running_lines(body)
    return [p for p in body if not is_boilerplate(p) and not _LINK_BOX.search(p.text) and p.text not in running]


def _running_lines(paragraphs: list[Paragraph]) -> set[str]:
    """A page's running header or footer, repeated on every page of a converted PDF: a line with figures
    ("Minister's Office: 02 6277 7500 …") that recurs, or a bare page number."""
    seen: dict[str, int] = {}
    for p in paragraphs:
        seen[p.text] = seen.get(p.text, 0) + 1
    return {text for text, n in seen.items()
            if re.fullmatch(r"\d{1,3}|(?:page|стр\.?)\s*\d{1,3}(?:\s*(?:of|из)\s*\d{1,3})?", text, re.IGNORECASE)
            or n >= 2 and len(re.findall(r"\d", text)) >= 6 and len(text.split()) <= 25}
