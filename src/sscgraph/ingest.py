"""Files to :class:`~sscgraph.model.Document` records.

Every ``.md``, ``.markdown`` and ``.txt`` file under the given paths is read in
sorted order. Front matter (YAML between ``---`` lines) is optional. A file that
cannot be used becomes a :class:`~sscgraph.model.Problem` naming it and saying
why; reading goes on with the next file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .model import Document, Problem, freeze

SUFFIXES = (".md", ".markdown", ".txt")
FALLBACK_ENCODINGS = ("cp1252", "latin-1")
_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class Source:
    """A file to read and the input root its relative path is taken from."""

    path: Path
    root: Path

    @cached_property  # asked several times per file by a build
    def relative(self) -> str:
        if self.path == self.root:
            return self.path.name
        return self.path.relative_to(self.root).as_posix()


def discover(paths: Iterable[str | Path]) -> tuple[list[Source], list[Problem]]:
    """The input files under ``paths`` in sorted order, and paths that cannot be used."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for given in paths:
        p = Path(given)
        if not p.exists():
            problems.append(Problem(str(given), "no such file or folder"))
        elif p.is_file():
            sources.append(Source(p.resolve(), p.resolve().parent))
        elif p.is_dir():
            root = p.resolve()
            try:
                found = sorted(
                    f for f in root.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file()
                )
            except OSError as exc:
                problems.append(Problem(str(given), f"cannot list folder: {exc.strerror or exc}"))
                continue
            sources.extend(Source(f, root) for f in found)
        else:
            problems.append(Problem(str(given), "not a regular file or folder"))
    return sources, problems


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding used: UTF-8 (with or without BOM), else a Western fallback."""
    if b"\x00" in data[:8192]:
        raise UnicodeError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise UnicodeError("binary file (mostly control characters)")
        return text, encoding
    raise UnicodeError("not UTF-8 and no fallback encoding fits")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return control / len(sample) > 0.05


def parse(raw: str, path: str) -> tuple[dict[str, Any], str, int]:
    """Front matter, body and the body's offset in ``raw``. Raises ValueError on bad YAML."""
    match = _FRONT.match(raw)
    if not match:
        return {}, raw, 0
    try:
        metadata, body = frontmatter.parse(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for '---'
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise _FrontMatterError(f"malformed YAML front matter: {problem}", line) from exc
    if not isinstance(metadata, dict):
        raise _FrontMatterError("front matter is not a mapping of keys to values", 2)
    offset = match.end()
    # python-frontmatter strips the body; find where it really starts.
    while offset < len(raw) and raw[offset] in "\r\n \t":
        offset += 1
    return metadata, raw[offset:], offset


class _FrontMatterError(ValueError):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def read(source: Source) -> tuple[Document | None, list[Problem]]:
    """One Document (or None) and the problems met while reading it."""
    rel = source.relative
    try:
        data = source.path.read_bytes()
    except OSError as exc:
        return None, [Problem(rel, f"cannot read file: {exc.strerror or exc}")]
    if not data.strip():
        return None, [Problem(rel, "empty file")]
    try:
        raw, encoding = decode(data)
    except UnicodeError as exc:
        return None, [Problem(rel, str(exc))]
    problems: list[Problem] = []
    if encoding != "utf-8":
        problems.append(
            Problem(rel, f"not valid UTF-8; read as {encoding}", severity="warning")
        )
    try:
        metadata, body, offset = parse(raw, rel)
    except _FrontMatterError as exc:
        return None, [*problems, Problem(rel, str(exc), line=exc.line)]
    if not body.strip() and not metadata:
        return None, [*problems, Problem(rel, "no text and no front matter")]
    doc = Document(
        path=rel,
        text=body,
        metadata=freeze(metadata),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        source=str(source.path),
        body_offset=offset,
    )
    return doc, problems


def read_all(paths: Iterable[str | Path]) -> Iterator[tuple[Document | None, list[Problem]]]:
    """Read every input file under ``paths``; problems come first for unusable paths."""
    sources, problems = discover(paths)
    if problems:
        yield None, problems
    for source in sources:
        yield read(source)
