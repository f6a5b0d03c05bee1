"""Citations of one statement: the ready-to-paste text, and RIS, BibTeX and CSL-JSON for reference managers.

Each cites the speaker as author, the first words of the quote as title, the outlet as container, the
document's date as issued (as precisely as it is known), and the permalink as URL, with the day it was
accessed. RIS is written by rispy, BibTeX by bibtexparser (its values TeX-escaped by pylatexenc), and the
CSL item is a citeproc-py reference, so it can hold only CSL's item types and variables. The author's
name is split at the speaker's recorded family name (Wang Yi: Wang, Yi), else as nameparser reads it.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from dataclasses import dataclass

import bibtexparser
import citeproc
import rispy
from bibtexparser import model
from citeproc import types
from citeproc.source import Date, Name, Reference
from django.utils.text import Truncator
from nameparser import HumanName
from pylatexenc import latexencode

from archive.presentation import human_date
from archive.renderers.records import StatementRecord

TITLE_WORDS = 12
CITATION_WORDS = 30

MEDIA_TYPES = {
    "ris": "application/x-research-info-systems; charset=utf-8",
    "bibtex": "application/x-bibtex; charset=utf-8",
    "csl": "application/vnd.citationstyles.csl+json; charset=utf-8",
}
EXTENSIONS = {"ris": "ris", "bibtex": "bib", "csl": "json"}
# CSL item types: an interview answer, a speech; a quote reported in an article is the speaker's words too.
CSL_TYPES = {"answer": types.INTERVIEW, "remark": types.INTERVIEW, "speech": types.SPEECH, "quote": types.SPEECH}


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
    family_name: str = ""  # the speaker's recorded family name, when the name alone does not say it

    @property
    def title(self) -> str:
        return Truncator(" ".join(self.text.split())).words(TITLE_WORDS, truncate="…")

    @property
    def author(self) -> Name:
        """The speaker as a CSL name: family and given, or the whole name as a literal."""
        if self.family_name and self.family_name in self.speaker.split():
            given = " ".join(word for word in self.speaker.split() if word != self.family_name)
            return Name(family=self.family_name, given=given) if given else Name(literal=self.speaker)
        parsed = HumanName(self.speaker)
        given = " ".join(part for part in (parsed.first, parsed.middle) if part)
        if not parsed.last or not given:
            return Name(literal=self.speaker)
        return Name(family=parsed.last, given=given, **({"suffix": parsed.suffix} if parsed.suffix else {}))

    def date_parts(self) -> list[int] | None:
        if self.date is None:
            return None
        parts = [self.date.year, self.date.month, self.date.day]
        return parts[: {"year": 1, "month": 2}.get(self.date_precision, 3)]


def cite(record: StatementRecord, permalink: str, accessed: dt.date | None = None) -> CitedStatement:
    return CitedStatement(
        key=record.key,
        speaker=record.speaker.name,
        text=record.text,
        kind=record.kind,
        outlet=record.outlet,
        date=record.date,
        date_precision=record.date_precision,
        url=permalink,
        accessed=accessed or dt.date.today(),
        document_title=record.document_title,
        family_name=record.speaker.family_name,
    )


def text_citation(record: StatementRecord, permalink: str, accessed: dt.date | None = None) -> str:
    """A plain-text citation to paste, with the statement's absolute permalink and the day it was read."""
    who = f"{record.speaker.name}, {record.speaker.role}" if record.speaker.role else record.speaker.name
    quote = Truncator(" ".join(record.text.split())).words(CITATION_WORDS, truncate="…")
    where = ", ".join(part for part in (record.outlet, record.date_text or "undated") if part)
    accessed_text = human_date(accessed or dt.date.today())
    return f"{who}: “{quote}” {where}. Statement Archive, {permalink} (accessed {accessed_text})."


class _RisWriter(rispy.RisWriter):
    def set_header(self, count: int) -> str:
        return ""  # no "1." line before the reference: the file holds one


def to_ris(c: CitedStatement) -> str:
    name = c.author
    author = ", ".join(p for p in (name.get("family"), name.get("given"), name.get("suffix")) if p) or name["literal"]
    entry = {"type_of_reference": "GEN", "id": c.key, "authors": [author], "title": c.title, "secondary_title": c.outlet}
    if parts := c.date_parts():
        entry["year"] = str(parts[0])
        entry["date"] = "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)) + "/"
    entry |= {"urls": [c.url], "access_date": c.accessed.strftime("%Y/%m/%d")}
    return rispy.dumps([{tag: _one_line(value) for tag, value in entry.items() if value}], implementation=_RisWriter)


# Only what TeX reads as markup is escaped (from pylatexenc's table); Unicode stays, as biber reads UTF-8.
_TEX = latexencode.UnicodeToLatexEncoder(
    conversion_rules=[latexencode.UnicodeToLatexConversionRule(
        latexencode.RULE_DICT, {c: tex for c, tex in latexencode.get_builtin_uni2latex_dict().items() if c < 128})],
    unknown_char_policy="keep", unknown_char_warning=False,
)


def _tex(value: str) -> str:
    return _TEX.unicode_to_latex(_one_line(value))


def to_bibtex(c: CitedStatement) -> str:
    name = c.author
    if "literal" in name:
        author = f"{{{_tex(name['literal'])}}}"
    else:  # "von Last, Jr, First"
        author = ", ".join(_tex(p) for p in (name["family"], name.get("suffix"), name["given"]) if p)
    fields = {"author": author, "title": f"{{{_tex(c.title)}}}", "howpublished": _tex(c.outlet)}
    if parts := c.date_parts():
        fields |= {"year": str(parts[0]), "month": str(parts[1]) if len(parts) > 1 else "",
                   "date": "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))}
    fields |= {"url": c.url, "urldate": c.accessed.isoformat()}
    entry = model.Entry("misc", c.key, [model.Field(key, value) for key, value in fields.items() if value])
    return bibtexparser.write_string(bibtexparser.Library([entry]))


def to_csl(c: CitedStatement) -> str:
    variables = {"author": [c.author], "title": c.title, "container_title": c.outlet, "URL": c.url,
                 "accessed": Date(year=c.accessed.year, month=c.accessed.month, day=c.accessed.day)}
    if parts := c.date_parts():
        variables["issued"] = Date(**dict(zip(("year", "month", "day"), parts, strict=False)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # citeproc-py warns of a variable CSL does not have: refuse it
        reference = Reference(c.key, CSL_TYPES.get(c.kind, types.SPEECH), **{k: v for k, v in variables.items() if v})
    return json.dumps([_csl_json(reference)], ensure_ascii=False, indent=2)


def _csl_json(reference: Reference) -> dict:
    """A citeproc-py reference as a CSL-JSON item (citeproc-py reads CSL-JSON; it does not write it)."""
    item = {"id": reference.key, "type": reference.type}
    for variable, value in reference.items():
        if variable in ("key", "type"):
            continue
        if variable in citeproc.NAMES:
            value = [dict(name) for name in value]
        elif variable in citeproc.DATES:
            value = {"date-parts": [[value[part] for part in ("year", "month", "day") if part in value]]}
        item[variable.replace("_", "-")] = value
    return item


FORMATTERS = {"ris": to_ris, "bibtex": to_bibtex, "csl": to_csl}


def _one_line(value):
    return " ".join(value.split()) if isinstance(value, str) else value
