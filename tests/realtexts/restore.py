#!/usr/bin/env python3
"""Rebuild the real-text corpus (the folder given with --out) from public repository snapshots.

Batch 1 (files 01-12) is described below and in batch1/SOURCES.md; every further batch is a folder
beside this script with a sources.json of recipes (see README.md): a file's bytes at a commit
(`verbatim`) or a string inside a JSON file (`json-field`), optionally cut at a line, checked against
the recipe's sha256.

The texts are third-party material taken from public GitHub repositories and
must not be committed; only this script, gold.json, SOURCES.md and the sha256
manifest (texts.sha256) are.  Every file is rebuilt from the bare git mirrors
of those repositories, kept in a .mirror folder (<owner>+<name>/), exactly as
SOURCES.md describes:

  * 01, 04, 05, 06, 09, 11: verbatim copies of a repository file at a commit;
  * 12: a verbatim copy of a repository file (a third party's crawl of a
    WordPress page), cut after its first line 'Cancel reply' (the end of the
    comment form); the sidebar and footer after it are dropped;
  * 02, 08: Kremlin HTML pages (iandennismiller/valdai-transcripts) converted
    to text: headline, the date/time/place line, the lead paragraph, then every
    <p> of the article body; hidden elements (person tool-tips, photo-slider
    captions, 'see also' boxes, video blocks) are dropped;
  * 03, 07, 10: items of the state.gov press-release RSS feed (data.rss in
    markschaver/State-Department-PR) at given commits: the item's <title>, then
    its <content:encoded> HTML, one paragraph per block element; 03 is cut at a
    turn boundary (after Price's turn that ends with "Said.").

In both conversions, whitespace runs inside a paragraph (including no-break
spaces) collapse to one space, paragraph ends are stripped, empty paragraphs
are dropped, and paragraphs are joined by a blank line; the file ends with one
newline.

Usage:
  python3 tests/realtexts/restore.py                  # into .realtexts/ (git-ignored)
  python3 tests/realtexts/restore.py --out /tmp/x     # anywhere else
  python3 tests/realtexts/restore.py --check          # compare only, write nothing
  python3 tests/realtexts/restore.py --digest b2      # print the sha256 of a batch's texts
  python3 tests/realtexts/restore.py --mirrors DIR    # mirrors kept elsewhere (or set MIRROR_ROOT)
  python3 tests/realtexts/restore.py 03 07 b2         # only some files or batches

Exit status: 0 when every file matches the manifest, 1 when some file does
not, 2 when a mirror is missing (the repositories needed are printed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parents[1] / ".realtexts"
MANIFEST = HERE / "batch1" / "texts.sha256"
def _find_mirrors() -> Path:
    """The nearest .mirror folder above this script or the working directory."""
    for base in (HERE, Path.cwd().resolve()):
        for folder in (base, *base.parents):
            if (folder / ".mirror").is_dir():
                return folder / ".mirror"
    return HERE.parents[1] / ".mirror"


DEFAULT_MIRRORS = Path(os.environ["MIRROR_ROOT"]) if os.environ.get("MIRROR_ROOT") else _find_mirrors()

KREMLIN = "iandennismiller/valdai-transcripts"
KREMLIN_COMMIT = "bf95f7b97ee6c4988128ef1a66eea16004471c91"
STATE = "markschaver/State-Department-PR"
UA = "Kjdragan/universal_agent"
UA_RLM = ("RLM/corpora/session_20260223_215506_140963c1/tasks/"
          "russia_ukraine_war_feb2026/filtered_corpus/")

# name -> (kind, repository, commit, path, extra)
SOURCES: dict[str, tuple] = {
    "01_mfa-lavrov-wangyi-blog.txt": (
        "verbatim", "sisihagen/website",
        "8cc9fc1e05751eed1c4ab30968f9b77f9187ccdb",
        "content/en/blog/2020/09/Lavrov-jokes-about-the-usa.md", None),
    "02_kremlin-putin-newsconf-dprk.txt": (
        "kremlin", KREMLIN, KREMLIN_COMMIT,
        "var/extract/en.kremlin.ru/events/president/news/60370.html", None),
    "03_state-dept-briefing-2021-06-10.txt": (
        "rss", STATE, "d5203520ee04cff7f3c68107283b771130a113b5", "data.rss",
        {"link": "https://www.state.gov/briefings/department-press-briefing-june-10-2021/",
         "cut_chars": 32564, "cut_after": "MR PRICE:", "cut_ending": "Said."}),
    "04_wh-gaggle-kirby.txt": (
        "verbatim", "brian14708/wh-briefings",
        "5c9137a24866e36f0b36779655b2c5330a6f7fbc",
        "press-briefings/2024-03/2024-03-25-on-the-record-press-gaggle-by-white-"
        "house-national-security-communications-advisor-john-kirby-6.md", None),
    "05_news-reuters-ryabkov-lavrov.txt": (
        "verbatim", UA, "c2b4a6f5faf274057a4c1553249fd79e95bd0903",
        "AGENT_RUN_WORKSPACES_ARCHIVE/reset_20260210_095133/"
        "session_20260210_090741_4ebf9143/tasks/russia_ukraine_war_feb_2026/"
        "filtered_corpus/crawl_ff323d7cbe1e.md", None),
    "06_news-time-geneva-talks.txt": (
        "verbatim", UA, "6d3e23d405ad75377f44f36e50ed881fdbfe4c90",
        UA_RLM + "crawl_2bdc05d7b899.md", None),
    "07_speech-blinken-unsc.txt": (
        "rss", STATE, "a79fba2716f17f27a1d6fc4504dbacb96a03f08f", "data.rss",
        {"link": "https://www.state.gov/secretary-antony-j-blinken-on-russias-"
                 "threat-to-peace-and-security-at-the-un-security-council/"}),
    "08_joint-presser-putin-merkel.txt": (
        "kremlin", KREMLIN, KREMLIN_COMMIT,
        "var/extract/en.kremlin.ru/events/president/news/62565.html", None),
    "09_blog-substack-mickryan-bigfive.txt": (
        "verbatim", UA, "6d3e23d405ad75377f44f36e50ed881fdbfe4c90",
        UA_RLM + "crawl_704f830ccef5.md", None),
    "10_interview-blinken-cnn-tapper.txt": (
        "rss", STATE, "5a21f60bef8c2e4c1df715ae729c2fd3bd01da2b", "data.rss",
        {"link": "https://www.state.gov/secretary-antony-j-blinken-on-cnn-state-"
                 "of-the-union-with-jake-tapper/"}),
    "11_ru-mfa-lavrov-wangyi-blog.txt": (
        "verbatim", "sisihagen/website",
        "8cc9fc1e05751eed1c4ab30968f9b77f9187ccdb",
        "content/ru/blog/2020/09/Lavrov-jokes-about-the-usa.md", None),
    "12_blog-wp-europeansting-un-brief.txt": (
        "verbatim", UA, "3743d07537308314979ae4057bee420e507b45a7",
        "scrapling/runs/sample_processed_json_eval/processed/europeansting.com_"
        "2026_02_27_world-news-in-brief-russian-strikes-on-ukraine-condemned-"
        "migrant-deaths-update-devastating-.md",
        {"cut_after_line": "Cancel reply", "cut_chars": 15174}),
}


class RestoreError(Exception):
    pass


# --------------------------------------------------------------------------
# mirrors and git


def find_git_dir(root: Path, repo: str) -> Path | None:
    """The git directory of the mirror of `repo` (owner/name) under `root`.

    A snapshot is stored as <root>/<owner>+<name>/repo (bare) or
    .../repo/.git (a clone with a work tree).  The directory name is matched
    case-insensitively, and as a prefix, to allow suffixes such as '.git'.
    """
    if not root.is_dir():
        return None
    want = repo.replace("/", "+").lower()
    names = sorted(p for p in root.iterdir() if p.is_dir()
                   and not p.name.endswith(".part")
                   and p.name.lower().startswith(want))
    names.sort(key=lambda p: (p.name.lower() != want, p.name))
    for d in names:
        for cand in (d / "repo" / ".git", d / "repo", d / ".git", d):
            if (cand / "HEAD").is_file() and (cand / "objects").is_dir():
                return cand
    return None


def git_show(git_dir: Path, commit: str, path: str) -> bytes:
    """The blob COMMIT:PATH, byte for byte (what `git show COMMIT:PATH` prints
    for a file; `cat-file blob` guarantees no conversion is applied)."""
    try:
        proc = subprocess.run(
            ["git", "--git-dir", str(git_dir), "cat-file", "blob",
             f"{commit}:{path}"],
            capture_output=True)
    except FileNotFoundError:
        raise RestoreError("git is not installed") from None
    if proc.returncode != 0:
        raise RestoreError(
            f"git cat-file blob {commit[:12]}:{path} failed in {git_dir}: "
            + proc.stderr.decode("utf-8", "replace").strip())
    return proc.stdout


# --------------------------------------------------------------------------
# HTML to text

_WS = re.compile(r"\s+")  # str pattern: also matches U+00A0 and other Unicode spaces


def collapse(text: str) -> str:
    """Collapse every whitespace run (no-break spaces included) to one space."""
    return _WS.sub(" ", text).strip()


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}
BLOCK = {"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt",
         "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
         "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
         "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
# html.parser does not imply end tags: a <p> is closed by these start tags.
CLOSES_P = BLOCK - {"dd", "dt", "li", "td", "th", "tr", "tbody", "thead",
                    "tfoot", "figcaption"}
SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title",
             "video", "audio", "object", "iframe", "svg", "button", "select",
             "textarea"}


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict, parent: Node | None):
        self.tag = tag
        self.attrs = attrs
        self.children: list = []  # Node or str
        self.parent = parent

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()


class TreeBuilder(HTMLParser):
    """A small, forgiving DOM builder (standard library only)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root

    def _open_tags(self):
        n = self.cur
        while n is not None:
            yield n
            n = n.parent

    def handle_starttag(self, tag, attrs):
        if tag in CLOSES_P:
            for n in self._open_tags():
                if n.tag == "p":
                    self.cur = n.parent
                    break
                if n.tag in BLOCK or n.tag == "#root":
                    break
        node = Node(tag, {k: (v or "") for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, {k: (v or "") for k, v in attrs}, self.cur)
        self.cur.children.append(node)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for n in self._open_tags():
            if n.tag == tag:
                self.cur = n.parent
                return
            if n.tag == "#root":
                return

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_html(text: str) -> Node:
    b = TreeBuilder()
    b.feed(text)
    b.close()
    return b.root


def is_hidden(node: Node) -> bool:
    cls = node.classes
    return (node.tag in SKIP_TAGS
            or "hidden" in node.attrs
            or "hidden" in cls
            or node.attrs.get("aria-hidden") == "true"
            or (node.tag == "input" and node.attrs.get("type") == "hidden"))


def inline_text(node: Node, drop=is_hidden) -> str:
    out: list[str] = []

    def walk(n: Node):
        for c in n.children:
            if isinstance(c, str):
                out.append(c)
            elif drop(c):
                continue
            elif c.tag == "br":
                out.append("\n")
            else:
                walk(c)
    walk(node)
    return "".join(out)


def block_paragraphs(node: Node, drop=is_hidden) -> list[str]:
    """Split `node` into paragraphs, one per block element (text outside a
    block element forms its own anonymous paragraph), collapsed, empty ones
    dropped."""
    paras: list[str] = []
    buf: list[str] = []

    def flush():
        t = collapse("".join(buf))
        buf.clear()
        if t:
            paras.append(t)

    def walk(n: Node):
        for c in n.children:
            if isinstance(c, str):
                buf.append(c)
            elif drop(c):
                continue
            elif c.tag == "br":
                buf.append("\n")
            elif c.tag in BLOCK:
                flush()
                walk(c)
                flush()
            else:
                walk(c)
    walk(node)
    flush()
    return paras


def join_paragraphs(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


# --------------------------------------------------------------------------
# Kremlin pages (02, 08)

KREMLIN_DROP_CLASSES = {
    "read__tooltip",      # person tool-tips inside <a class="person_tag">
    "tooltip_person",
    "slider",             # photo slider (captions in data-* and <div>s)
    "slider__description",
    "read__cut",          # 'See also' / 'read also' boxes
    "cut",
    "media",              # single photo with caption
    "media__container",   # embedded video
    "read__bottommeta",   # tags, publication status
    "masha-ignore",       # everything the site excludes from its text quoting
}


def kremlin_drop(node: Node) -> bool:
    return is_hidden(node) or bool(node.classes & KREMLIN_DROP_CLASSES)


def find_first(root: Node, pred) -> Node | None:
    for n in root.iter():
        if pred(n):
            return n
    return None


def convert_kremlin(page: str) -> str:
    root = parse_html(page)
    art = find_first(root, lambda n: n.tag == "article"
                     and "read__in" in n.classes) or root
    h1 = find_first(art, lambda n: n.tag == "h1")
    lead = find_first(art, lambda n: "read__lead" in n.classes)
    meta = find_first(art, lambda n: "read__meta" in n.classes)
    body = find_first(art, lambda n: "entry-content" in n.classes)
    if h1 is None or meta is None or body is None:
        raise RestoreError("Kremlin page: headline, meta line or body not found")

    paras = [collapse(inline_text(h1))]
    meta_parts = []
    for cls in ("read__published", "read__time", "read__place"):
        n = find_first(meta, lambda n, c=cls: c in n.classes)
        if n is not None:
            t = collapse(inline_text(n))
            if t:
                meta_parts.append(t)
    paras.append(", ".join(meta_parts))
    if lead is not None:
        paras.extend(block_paragraphs(lead, kremlin_drop))

    def walk(n: Node):
        for c in n.children:
            if not isinstance(c, Node) or kremlin_drop(c):
                continue
            if c.tag == "p":
                t = collapse(inline_text(c, kremlin_drop))
                if t:
                    paras.append(t)
            else:
                walk(c)
    walk(body)
    return join_paragraphs(paras)


# --------------------------------------------------------------------------
# state.gov RSS items (03, 07, 10)

CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"


def convert_rss_item(rss: bytes, link: str) -> str:
    root = ET.fromstring(rss)
    for item in root.iter("item"):
        if (item.findtext("link") or "").strip().rstrip("/") == link.rstrip("/"):
            title = collapse(item.findtext("title") or "")
            body = item.findtext(CONTENT_NS) or ""
            paras = [title] + block_paragraphs(parse_html(body))
            return join_paragraphs(paras)
    raise RestoreError(f"RSS item not found: {link}")


def cut_at_turn(text: str, max_chars: int, label: str, ending: str) -> str:
    """Cut `text` after the last paragraph that fits into `max_chars`
    characters and ends a turn that opened with `label` and whose last
    paragraph ends with `ending` (i.e. the next paragraph starts a new
    labelled turn)."""
    paras = text.rstrip("\n").split("\n\n")
    label_re = re.compile(r"^[A-Z][A-Z .'\-]+:")
    best = None
    size = 0
    speaker = None
    for i, p in enumerate(paras):
        m = label_re.match(p)
        if m:
            speaker = m.group(0)
        size += len(p) + (2 if i else 0)
        if size + 1 > max_chars:
            break
        nxt = paras[i + 1] if i + 1 < len(paras) else ""
        if (speaker == label and p.endswith(ending)
                and (not nxt or label_re.match(nxt))):
            best = i
    if best is None:
        raise RestoreError("no turn boundary found for the cut")
    out = join_paragraphs(paras[:best + 1])
    if len(out) != max_chars:
        print(f"note: cut gives {len(out)} characters, expected {max_chars}",
              file=sys.stderr)
    return out


def cut_after_line(text: str, marker: str, expect_chars: int | None = None) -> str:
    """Keep `text` up to and including the first line that is exactly
    `marker` (after stripping trailing whitespace), plus its newline; the
    rest of the file is dropped.  Used for 12, a page crawl whose article,
    WordPress share/related/subscribe boxes and comment form end with the
    line 'Cancel reply'; what follows is the site's sidebar and footer."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.rstrip() == marker:
            out = "\n".join(lines[:i + 1]) + "\n"
            if expect_chars is not None and len(out) != expect_chars:
                print(f"note: cut gives {len(out)} characters, expected "
                      f"{expect_chars}", file=sys.stderr)
            return out
    raise RestoreError(f"cut line not found: {marker!r}")


# --------------------------------------------------------------------------
# driver


def cut_before_line(text: str, marker: str) -> str:
    """Keep `text` before the first line that is exactly `marker` (trailing whitespace ignored)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.rstrip() == marker.rstrip():
            return "\n".join(lines[:i]) + "\n"
    raise RestoreError(f"cut line not found: {marker!r}")


def json_field(raw: bytes, field: list) -> str:
    """The string at `field` (keys and indices) of a JSON file, or of line field[0] of a JSON-lines file."""
    text = raw.decode("utf-8")
    try:
        value = json.loads(text)
        steps = list(field)
    except ValueError:
        lines = [line for line in text.splitlines() if line.strip()]
        value = json.loads(lines[int(field[0])])
        steps = list(field[1:])
    for step in steps:
        value = value[step]
    if not isinstance(value, str):
        raise RestoreError(f"field {field!r} is not a string")
    return value


def csv_field(raw: bytes, row: int, column: str | int) -> str:
    """The cell at 0-based data row `row` (after the header) and `column` (header name or index) of a CSV file."""
    import csv  # noqa: PLC0415 -- only CSV recipes need it
    import io  # noqa: PLC0415

    csv.field_size_limit(1 << 30)
    reader = csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    header = next(reader)
    index = column if isinstance(column, int) else header.index(column)
    for i, record in enumerate(reader):
        if i == row:
            return record[index]
    raise RestoreError(f"the CSV file has no row {row}")


def line_range(text: str, first: int, last: int) -> str:
    """Lines `first` to `last` (1-based, inclusive) of `text`, each with its line break."""
    lines = text.splitlines(keepends=True)
    if not 1 <= first <= last <= len(lines):
        raise RestoreError(f"lines {first}-{last} are outside the file's {len(lines)} lines")
    return "".join(lines[first - 1:last])


def build_recipe(recipe: dict, git_dirs: dict[str, Path]) -> bytes:
    """A batch recipe (sources.json): verbatim bytes, a JSON string or a CSV cell, optionally cut."""
    raw = git_show(git_dirs[recipe["repo"]], recipe["commit"], recipe["path"])
    kind = recipe.get("kind", "verbatim")
    if kind == "json-field":
        text = json_field(raw, recipe["field"])
    elif kind == "csv-field":
        text = csv_field(raw, recipe["row"], recipe["column"])
    elif kind == "verbatim":
        if not {"cut_after_line", "cut_before_line", "lines"} & set(recipe):
            return raw
        text = raw.decode("utf-8")
    else:
        raise RestoreError(f"unknown kind {kind}")
    if "lines" in recipe:
        text = line_range(text, *recipe["lines"])
    if "cut_after_line" in recipe:
        text = cut_after_line(text, recipe["cut_after_line"])
    if "cut_before_line" in recipe:
        text = cut_before_line(text, recipe["cut_before_line"])
    return text.encode("utf-8")


def build(name: str, spec, git_dirs: dict[str, Path]) -> bytes:
    if isinstance(spec, dict):
        return build_recipe(spec, git_dirs)
    kind, repo, commit, path, extra = spec
    raw = git_show(git_dirs[repo], commit, path)
    if kind == "verbatim":
        if extra and "cut_after_line" in extra:
            return cut_after_line(raw.decode("utf-8"), extra["cut_after_line"],
                                  extra.get("cut_chars")).encode("utf-8")
        return raw
    if kind == "kremlin":
        return convert_kremlin(raw.decode("utf-8")).encode("utf-8")
    if kind == "rss":
        text = convert_rss_item(raw, extra["link"])
        if "cut_chars" in extra:
            text = cut_at_turn(text, extra["cut_chars"], extra["cut_after"],
                               extra["cut_ending"])
        return text.encode("utf-8")
    raise RestoreError(f"unknown kind {kind}")


def repo_of(spec) -> str:
    return spec["repo"] if isinstance(spec, dict) else spec[1]


def batch_of(name: str) -> str:
    return name.split("-", 1)[0] if "-" in name.split("_", 1)[0] else "batch1"


def load_batches() -> tuple[dict[str, dict], dict[str, str]]:
    """Every batch folder's recipes by file name, and their recorded digests."""
    recipes, digests = {}, {}
    for folder in sorted(HERE.iterdir()):
        path = folder / "sources.json"
        if not path.is_file():
            continue
        try:
            entries = json.loads(path.read_text("utf-8"))
        except ValueError as e:
            print(f"warning: {path} is not valid JSON ({e}); its batch is skipped", file=sys.stderr)
            continue
        for recipe in entries:
            recipe = dict(recipe, batch=folder.name)
            recipes[recipe["file"]] = recipe
            if recipe.get("sha256"):
                digests[recipe["file"]] = recipe["sha256"]
    return recipes, digests


def read_manifest(path: Path) -> dict[str, str]:
    out = {}
    if path.is_file():
        for line in path.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                digest, fname = line.split(None, 1)
                out[fname.lstrip("*").strip()] = digest
    return out


def write_manifest(path: Path, texts_dir: Path) -> None:
    lines = []
    for name in sorted(SOURCES):
        data = (texts_dir / name).read_bytes()
        lines.append(f"{hashlib.sha256(data).hexdigest()}  {name}")
    path.write_text("\n".join(lines) + "\n")


def load_gold() -> dict[str, dict]:
    """Every batch's gold entries by file name."""
    out = {}
    for path in sorted(HERE.glob("*/gold.json")):
        try:
            out.update({e["file"]: e for e in json.loads(path.read_text("utf-8"))})
        except (OSError, ValueError, KeyError, TypeError) as e:
            print(f"warning: {path} cannot be read ({e})", file=sys.stderr)
    return out


def gold_report(text: str, entry: dict) -> str:
    """Are all gold 'starts' (in document order) and 'not_statements' snippets in the text?"""
    problems = []
    pos = 0
    for st in entry.get("statements", []):
        i = text.find(st["starts"], pos)
        if i < 0:
            problems.append(("starts not found in order" if st["starts"] in text
                             else "starts not found") + f": {st['starts']!r}")
        else:
            pos = i + 1
        for key in ("after", "contains"):
            if st.get(key) and st[key] not in text:
                problems.append(f"{key} not found: {st[key]!r}")
    for snip in entry.get("not_statements", []):
        if snip not in text:
            problems.append(f"not_statement not found: {snip!r}")
    n = len(entry.get("statements", [])) + len(entry.get("not_statements", []))
    summary = f"gold: {len(entry.get('statements', []))} statements, {n} snippets"
    return summary + ("; " + "; ".join(problems) if problems else ", all found")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help=f"output directory (default: {DEFAULT_OUT})")
    ap.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS,
                    help=f"where the repository mirrors are (default: {DEFAULT_MIRRORS})")
    ap.add_argument("--check", action="store_true",
                    help="regenerate in memory and compare; write nothing")
    ap.add_argument("--digest", action="store_true",
                    help="print each text's sha256 (for a recipe's sha256 field); write nothing")
    ap.add_argument("--force", action="store_true",
                    help="overwrite an existing file even if it matches the "
                         "manifest and the regenerated text does not")
    ap.add_argument("--write-manifest", metavar="DIR", type=Path,
                    help="(maintainers) write batch 1's manifest from the texts in DIR and exit")
    ap.add_argument("only", nargs="*", help="file names, numbers or batch names (default: all)")
    args = ap.parse_args(argv)

    if args.write_manifest:
        write_manifest(MANIFEST, args.write_manifest)
        print(f"wrote {MANIFEST}")
        return 0

    recipes, digests = load_batches()
    specs = {**SOURCES, **recipes}
    manifest = {**read_manifest(MANIFEST), **digests}
    names = sorted(specs)
    if args.only:
        names = [n for n in names if any(n == o or n.startswith(o.zfill(2) + "_")
                                         or n.startswith(o + "-") or n.startswith(o)
                                         or batch_of(n) == o for o in args.only)]
        if not names:
            ap.error("no file matches " + " ".join(args.only))

    repos = sorted({repo_of(specs[n]) for n in names})
    git_dirs = {r: find_git_dir(args.mirrors, r) for r in repos}
    missing = [r for r in repos if git_dirs[r] is None]
    if missing:
        print(f"Missing repository mirrors under {args.mirrors}. "
              "Bring in these repositories' snapshots, then run this again:",
              file=sys.stderr)
        for r in missing:
            need = [n.split("_")[0] for n in names if repo_of(specs[n]) == r]
            print(f"  github:{r}    (for {', '.join(need)})", file=sys.stderr)
        return 2

    if not (args.check or args.digest):
        args.out.mkdir(parents=True, exist_ok=True)

    gold = load_gold()
    exact: list[str] = []
    bad = 0
    for name in names:
        try:
            data = build(name, specs[name], git_dirs)
        except (RestoreError, ValueError, KeyError, IndexError, TypeError) as e:
            print(f"FAIL      {name}: {e}")
            bad += 1
            continue
        digest = hashlib.sha256(data).hexdigest()
        if args.digest:
            print(f"{digest}  {name}")
            continue
        want = manifest.get(name)
        ok = want == digest
        status = "exact" if ok else ("MISMATCH" if want else "unverified")
        dest = args.out / name
        note = ""
        if not args.check:
            old = dest.read_bytes() if dest.is_file() else None
            if old == data:
                note = " (unchanged)"
            elif (not ok and want and old is not None and not args.force
                    and hashlib.sha256(old).hexdigest() == want):
                note = " (kept the existing file, which matches the manifest)"
            else:
                dest.write_bytes(data)
                note = f" -> {dest}"
        print(f"{status:<10}{name}  {len(data.decode('utf-8', 'replace')):>6} chars{note}")
        if not ok:
            print(f"          sha256 {digest}")
        if name in gold:
            report = gold_report(data.decode("utf-8", "replace"), gold[name])
            if not ok or not report.endswith("all found"):
                print("          " + report)
        elif batch_of(name) != "batch1":
            print("          no gold entry yet")
        if ok:
            exact.append(name)
        else:
            bad += 1
    if args.digest:
        return 0
    total = len(names)
    print(f"{len(exact)}/{total} files match their recorded digests")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
