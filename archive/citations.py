"""Citations a reference manager reads: RIS, BibTeX and CSL-JSON for one statement.

Each cites the speaker as author, the first words of the quote as title, the outlet as container,
the statement's (document's) date as issued, and the permalink as URL, with the day it was
accessed. Formats are written by hand because each is a few lines of a stable, documented syntax;
the tests read them back with real parsers (rispy, bibtexparser, citeproc-py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from django.utils.text import Truncator

TITLE_WORDS = 12

MEDIA_TYPES = {
    "ris": "application/x-research-info-systems; charset=utf-8",
    "bibtex": "application/x-bibtex; charset=utf-8",
    "csl": "application/vnd.citationstyles.csl+json; charset=utf-8",
}
EXTENSIONS = {"ris": "ris", "bibtex": "bib", "csl": "json"}
# CSL item types: an interview answer, a speech; a quote reported in an article is the speaker's words too.
CSL_TYPES = {"answer": "interview", "remark": "interview", "speech": "speech", "quote": "speech"}


@dataclass(frozen=True)
class CitedStatement:
    key: str
    speaker: str
    text: str
    kind: str
    outlet: str
    date: dt.date | None
    date_precision: str
    url: str
    accessed: dt.date
    document_title: str = ""

    @property
    def title(self) -> str:
        return Truncator(" ".join(self.text.split())).words(TITLE_WORDS, truncate="…")

    @property
    def family_given(self) -> tuple[str, str]:
        parts = self.speaker.split()
        return (parts[-1], " ".join(parts[:-1])) if len(parts) > 1 else (self.speaker, "")

    def date_parts(self) -> list[int] | None:
        if self.date is None:
            return None
        parts = [self.date.year, self.date.month, self.date.day]
        return parts[: {"year": 1, "month": 2}.get(self.date_precision, 3)]


def cite(statement, permalink: str, accessed: dt.date | None = None) -> CitedStatement:
    document = statement.document
    return CitedStatement(
        key=statement.key,
        speaker=statement.speaker.name,
        text=statement.text,
        kind=statement.kind,
        outlet=document.outlet,
        date=document.date,
        date_precision=document.date_precision or "day",
        url=permalink,
        accessed=accessed or dt.date.today(),
        document_title=document.title,
    )


def to_ris(c: CitedStatement) -> str:
    family, given = c.family_given
    lines = [("TY", "GEN"), ("ID", c.key), ("AU", f"{family}, {given}" if given else family), ("TI", c.title)]
    if c.outlet:
        lines.append(("T2", c.outlet))
    if parts := c.date_parts():
        lines.append(("PY", str(parts[0])))
        lines.append(("DA", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)) + "/"))
    lines += [("UR", c.url), ("Y2", c.accessed.strftime("%Y/%m/%d"))]
    lines = [(tag, value) for tag, value in lines if value]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines)


def to_bibtex(c: CitedStatement) -> str:
    family, given = c.family_given
    fields = [("author", f"{_tex(family)}, {_tex(given)}" if given else f"{{{_tex(family)}}}"),
              ("title", f"{{{_tex(c.title)}}}")]
    if c.outlet:
        fields.append(("howpublished", _tex(c.outlet)))
    if parts := c.date_parts():
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
        fields.append(("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))))
    fields += [("url", c.url), ("urldate", c.accessed.isoformat())]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{c.key},\n{body}\n}}\n"


def to_csl(c: CitedStatement) -> str:
    family, given = c.family_given
    item = {
        "id": c.key,
        "type": CSL_TYPES.get(c.kind, "speech"),
        "author": [{"family": family, "given": given} if given else {"literal": family}],
        "title": c.title,
        "URL": c.url,
        "accessed": {"date-parts": [[c.accessed.year, c.accessed.month, c.accessed.day]]},
    }
    if c.outlet:
        item["container-title"] = c.outlet
    if parts := c.date_parts():
        item["issued"] = {"date-parts": [parts]}
    return json.dumps([item], ensure_ascii=False, indent=2)


FORMATTERS = {"ris": to_ris, "bibtex": to_bibtex, "csl": to_csl}


def _one_line(value: str) -> str:
    return " ".join(value.split())


_TEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _tex(value: str) -> str:
    """Escape what BibTeX would read as markup; Unicode stays (biber and modern BibTeX read UTF-8)."""
    return _TEX_SPECIAL.sub(lambda m: {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(m.group(1), "\\" + m.group(1)),
                            _one_line(value))
