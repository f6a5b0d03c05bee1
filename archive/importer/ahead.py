"""Reading and parsing files ahead of storing them, in a process of its own.

Parsing is pure Python and storing mostly waits for PostgreSQL, so the two can overlap; in one process
they cannot, since every answer from PostgreSQL would wait for the parser to let go of the GIL. The
parsing process is forked (it inherits the pipeline, the curated data and any test's patches), reads
file after file as asked, and sends each parsed document back. Results come back in the order of the
files, so files are still stored in order, one transaction each, by the calling process; the parsing
process never touches the database. It ends when the caller closes its pipe, or dies.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import signal
from collections.abc import Iterator

from .files import SourceFile, read
from .normalize import UnreadableText
from .pipeline import Pipeline
from .types import ParsedDocument

# Files read and parsed ahead of the one being stored.
PARSE_AHEAD = 4

# (file, checksum, parsed document, problem): a problem means the file is refused; a refused file that
# parsed (one with nothing to store) still carries its document, for the dry run to show.
Parsed = tuple[SourceFile, str, ParsedDocument | None, str | None]


def parse_file(pipeline: Pipeline, source: SourceFile) -> Parsed:
    """Read and parse one file: (source, checksum, parsed document, None), or a problem line instead."""
    try:
        data, checksum = read(source)
        parsed = pipeline.parse(data, source.name)
        if not parsed.statements:  # refused, but what was read is kept for the dry run to show
            return source, checksum, parsed, (
                "nothing found: no interview turns, speech or attributable quotations "
                f"({parsed.unattributed} unattributed)" if parsed.unattributed else
                "nothing found: no interview turns, speech or attributable quotations"
            )
    except UnreadableText as exc:
        return source, "", None, str(exc)
    except Exception as exc:  # a parser bug must not stop the other files
        return source, "", None, f"could not be parsed ({type(exc).__name__}: {exc}); please report it"
    return source, checksum, parsed, None


@contextlib.contextmanager
def parsed_in_order(pipeline: Pipeline, files: list[SourceFile]) -> Iterator[Iterator[Parsed]]:
    """The files read and parsed, in order: by a forked process that keeps ``PARSE_AHEAD`` files ahead of the
    caller, or here, one by one, for a single file or where processes cannot be forked."""
    if len(files) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield (parse_file(pipeline, source) for source in files)
        return
    context = multiprocessing.get_context("fork")
    requests, to_parser = context.Pipe(duplex=False)
    from_parser, results = context.Pipe(duplex=False)
    parser = context.Process(target=_serve, args=(pipeline, requests, to_parser, from_parser, results),
                             name="import-parser", daemon=True)
    parser.start()
    requests.close()
    results.close()
    try:
        yield _results(files, to_parser, from_parser)
    finally:
        to_parser.close()  # the parser reads the end of its requests and stops
        from_parser.close()
        parser.join(timeout=10)
        if parser.is_alive():
            parser.terminate()


def _results(files: list[SourceFile], to_parser, from_parser) -> Iterator[Parsed]:
    pending = iter(files)
    asked = 0
    for source in itertools.islice(pending, PARSE_AHEAD):
        to_parser.send(source)
        asked += 1
    while asked:
        try:
            parsed = from_parser.recv()
        except EOFError:
            raise RuntimeError("the parsing process ended unexpectedly") from None
        asked -= 1
        if (source := next(pending, None)) is not None:
            to_parser.send(source)  # before the caller stores this one, so the parser keeps busy
            asked += 1
        yield parsed


def _serve(pipeline: Pipeline, requests, to_parser, from_parser, results) -> None:
    """The parsing process: parse each file asked for, until the requests end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle; it then closes the pipe
    to_parser.close()  # the caller's ends: with them closed here, the caller's exit ends the requests
    from_parser.close()
    with contextlib.suppress(EOFError, BrokenPipeError):
        while True:
            results.send(parse_file(pipeline, requests.recv()))
