"""Which files an import reads, and reading them safely: the boundary between the disk and the stages."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .normalize import MAX_BYTES, UnreadableText


@dataclass(frozen=True)
class SourceFile:
    path: Path

    @property
    def name(self) -> str:
        return self.path.name


def collect(paths: list[str]) -> tuple[list[SourceFile], list[tuple[str, str]]]:
    """The .txt files named or found under the given folders, and a problem line for each bad path.

    Folders are walked without following symbolic links, so a link loop cannot trap the import.
    """
    files: list[SourceFile] = []
    problems: list[tuple[str, str]] = []
    seen: dict[str, Path] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path):
                dirs.sort()
                found += [Path(root) / n for n in sorted(names) if n.lower().endswith(".txt")]
        elif path.exists() or path.is_symlink():
            found = [path]
        else:
            problems.append((given, "no such file or folder: check the path"))
            continue
        for file in found:
            if file.name in seen and seen[file.name] != file:
                problems.append((str(file), f"has the same name as {seen[file.name]}: documents are identified "
                                            "by file name, so rename one of them"))
                continue
            if file.name not in seen:
                seen[file.name] = file
                files.append(SourceFile(file))
    return files, problems


def read(source: SourceFile) -> tuple[bytes, str]:
    """The file's bytes and their SHA-256, or UnreadableText saying what is wrong and what to do."""
    try:
        if not source.path.is_file():
            if source.path.is_symlink() and not source.path.exists():
                raise UnreadableText("a symbolic link to nothing (or a link loop): point it at a real file")
            raise UnreadableText("not a regular file (a device, pipe or folder): give a text file")
        if source.path.stat().st_size > MAX_BYTES:
            size = source.path.stat().st_size / 1_048_576
            raise UnreadableText(f"too large ({size:.1f} MB; the limit is {MAX_BYTES // 1_048_576} MB): "
                                 "split the file or remove what is not the statement")
        data = source.path.read_bytes()
    except PermissionError:
        raise UnreadableText("cannot be read (permission denied): check the file's permissions") from None
    except IsADirectoryError:
        raise UnreadableText("is a folder, not a text file") from None
    except OSError as exc:
        raise UnreadableText(f"cannot be read ({exc.strerror or exc}): check the path") from None
    return data, hashlib.sha256(data).hexdigest()
