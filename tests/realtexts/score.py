"""Score the importer on the real-text corpus: ``make score`` (or ``python tests/realtexts/score.py``).

Rebuilds the texts from repository snapshots (``restore.py``), runs the import command's dry run on
them, and prints the scorer's figures (``tests/tools/score_extraction.py``) per file, then per family,
per batch and overall, with the files the importer refused. ``--json FILE`` also writes the figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
METRICS = ("precision", "recall", "f1", "attribution", "pairing", "continuation", "leaks", "date", "outlet")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", ROOT / "tests/tools/score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus() -> tuple[list[dict], dict[str, dict]]:
    """Every gold entry of every batch, and each file's description (batch, family, format, lang, source)."""
    gold, about = [], {}
    for folder in sorted(p for p in HERE.iterdir() if (p / "gold.json").is_file()):
        described = {}
        if (folder / "sources.json").is_file():
            described = {r["file"]: r for r in json.loads((folder / "sources.json").read_text("utf-8"))}
        if (folder / "families.json").is_file():
            described.update(json.loads((folder / "families.json").read_text("utf-8")))
        for entry in json.loads((folder / "gold.json").read_text("utf-8")):
            gold.append(entry)
            about[entry["file"]] = dict(described.get(entry["file"], {}), batch=folder.name)
    return gold, about


def dry_run(files: list[Path]) -> tuple[list[dict], list[str]]:
    """The importer's dry-run records for the files, and its error lines (refused files)."""
    proc = subprocess.run([sys.executable, str(ROOT / "manage.py"), "import_statements", "--dry-run",
                           "--format", "jsonl", *map(str, files)], capture_output=True, text=True, cwd=ROOT)
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    if proc.returncode not in (0, 1) and not records:
        sys.exit(f"the import command failed:\n{proc.stderr}")
    return records, errors


def line(label: str, m: dict, n: int) -> str:
    figures = " ".join(f"{k}={m[k]}" if k == "leaks" else f"{k}={m[k]:.3f}" for k in METRICS)
    return f"{label:<28} files={n:<3} {figures}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", type=Path, default=ROOT / ".realtexts", help="where the texts are restored")
    ap.add_argument("--no-restore", action="store_true", help="score the texts already in --texts")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--quiet", action="store_true", help="no per-file lines")
    ap.add_argument("only", nargs="*", help="batches (batch1, b2, ...) or families to score (default: all)")
    args = ap.parse_args(argv)

    if not args.no_restore:
        proc = subprocess.run([sys.executable, str(HERE / "restore.py"), "--out", str(args.texts)],
                              capture_output=True, text=True)
        if proc.returncode == 2:
            sys.exit(proc.stderr.strip())
        for row in proc.stdout.splitlines():
            if row.startswith(("MISMATCH", "FAIL", "unverified")):
                print("restore: " + row, file=sys.stderr)

    gold, about = corpus()
    if args.only:
        gold = [g for g in gold if about[g["file"]]["batch"] in args.only
                or about[g["file"]].get("family") in args.only]
    present = [g for g in gold if (args.texts / g["file"]).is_file()]
    for g in gold:
        if g not in present:
            print(f"missing text (not restored): {g['file']}", file=sys.stderr)
    if not present:
        sys.exit("no text to score: run tests/realtexts/restore.py first (it names the snapshots it needs)")
    records, errors = dry_run([args.texts / g["file"] for g in present])
    scorer = _scorer()

    overall, rows = scorer.score({"files": present}, records)
    if not args.quiet:
        print("\n".join(rows))
    results = {"overall": dict(overall, files=len(present)), "family": {}, "batch": {}, "format": {}}
    for key in ("family", "batch", "format"):
        print(f"\nby {key}:")
        groups: dict[str, list[dict]] = {}
        for g in present:
            groups.setdefault(about[g["file"]].get(key, "?"), []).append(g)
        for name, entries in sorted(groups.items()):
            m, _ = scorer.score({"files": entries}, records)
            results[key][name] = dict(m, files=len(entries))
            print(line(name, m, len(entries)))
    print()
    print(line("overall", overall, len(present)))
    print(f"refused files: {len(errors)}")
    for error in errors:
        print("  " + error)
    results["refused"] = errors
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
