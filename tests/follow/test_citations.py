"""Citations read back by real parsers: RIS with rispy, BibTeX with bibtexparser, CSL-JSON with citeproc-py.

The CSL-JSON is checked against the item types and variable names of the published CSL schema as
citeproc-py ships it (schemas/styles/csl-types.rnc and csl-variables.rnc), then rendered by
citeproc-py with the style it bundles.
"""

import datetime as dt
import json
import re
from pathlib import Path

import bibtexparser
import citeproc
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from archive.renderers.citations import CitedStatement, to_bibtex, to_csl, to_ris

CITED = CitedStatement(
    key="ryvrkvoieb", speaker="Sergey Ryabkov", kind="answer", outlet="Interfax",
    text="Of course, we keep this time reference in mind. {Braces}, 100% & $ signs stay text.",
    date=dt.date(2023, 12, 22), date_precision="day", url="https://archive.example/s/ryvrkvoieb/sergey-ryabkov/",
    accessed=dt.date(2026, 11, 22),
)
SCHEMA = Path(citeproc.__file__).parent / "data/schema/schemas/styles"


def test_ris_reads_back_with_speaker_as_author_outlet_date_and_permalink():
    [entry] = rispy.loads(to_ris(CITED))
    assert entry["authors"] == ["Ryabkov, Sergey"]
    assert entry["secondary_title"] == "Interfax"
    assert entry["date"] == "2023/12/22/" and entry["year"] == "2023"
    assert entry["urls"] == [CITED.url] and entry["access_date"] == "2026/11/22"
    assert entry["title"].startswith("Of course, we keep this time reference")


def test_bibtex_reads_back_and_keeps_special_characters_as_text():
    library = bibtexparser.parse_string(to_bibtex(CITED))
    assert not library.failed_blocks
    [entry] = library.entries
    assert entry.key == "ryvrkvoieb" and entry.entry_type == "misc"
    assert entry["author"] == "Ryabkov, Sergey" and entry["howpublished"] == "Interfax"
    assert entry["date"] == "2023-12-22" and entry["url"] == CITED.url and entry["urldate"] == "2026-11-22"
    # the title is the quote's first twelve words; braces, % and & stay text
    assert entry["title"] == r"{Of course, we keep this time reference in mind. \{Braces\}, 100\% \&…}"


def schema_names(file: str) -> set[str]:
    return set(re.findall(r'"([A-Za-z][\w-]*)"', (SCHEMA / file).read_text()))


def test_csl_json_uses_only_types_and_variables_of_the_published_schema():
    [item] = json.loads(to_csl(CITED))
    assert item["type"] in schema_names("csl-types.rnc")
    variables = schema_names("csl-variables.rnc")
    assert set(item) - {"id", "type"} <= variables, set(item) - {"id", "type"} - variables
    assert item["issued"] == {"date-parts": [[2023, 12, 22]]} and item["container-title"] == "Interfax"
    assert item["author"] == [{"family": "Ryabkov", "given": "Sergey"}]


def test_csl_json_renders_through_a_citation_processor():
    source = CiteProcJSON(json.loads(to_csl(CITED)))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem("ryvrkvoieb")]))
    [entry] = [str(item) for item in bibliography.bibliography()]
    assert "Ryabkov" in entry and "2023" in entry and "Interfax" in entry


def test_a_partial_date_is_cited_only_as_precisely_as_known():
    month_only = CitedStatement(**{**CITED.__dict__, "date_precision": "month"})
    assert json.loads(to_csl(month_only))[0]["issued"] == {"date-parts": [[2023, 12]]}
    undated = CitedStatement(**{**CITED.__dict__, "date": None})
    assert "issued" not in json.loads(to_csl(undated))[0]
    assert "PY  -" not in to_ris(undated)
