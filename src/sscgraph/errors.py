"""Exceptions raised by sscgraph.

Every error a user can cause derives from :class:`SscGraphError`; the command
line turns them into a one-line message and an exit status, never a traceback::

    SscGraphError
     ├── IngestError        a file could not be read or parsed (.path, .line)
     ├── MappingError       a front-matter mapping file is invalid (.path)
     ├── ExtractError       an extractor failed on a document (.path)
     ├── StoreError         the graph store cannot be opened or written (.path)
     ├── QueryError         a SPARQL query is malformed or failed (.query, .line, .column)
     ├── ValidationError    the graph cannot be validated (bad shapes file, ...)
     └── ExportError        an export format or target is invalid
"""

from __future__ import annotations

from pathlib import Path


class SscGraphError(Exception):
    """Base class of all errors sscgraph reports to users."""


class IngestError(SscGraphError):
    """A file could not be read or its front matter could not be parsed."""

    def __init__(self, message: str, *, path: str | Path, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")
        self.reason = message


class MappingError(SscGraphError):
    """A front-matter mapping file is missing or invalid."""

    def __init__(self, message: str, *, path: str | Path) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")


class ExtractError(SscGraphError):
    """An extractor failed on one document."""

    def __init__(self, message: str, *, path: str | Path) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")


#: What to do when a write to a graph folder fails (a full disk, most often), said after the reason;
#: the same for every command that writes (build, analyze).
RETRY_HINT = "make room (or fix the cause) and run the command again; what was committed is kept"


class StoreError(SscGraphError):
    """The graph store could not be opened, read or written."""

    def __init__(self, message: str, *, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        super().__init__(f"{self.path}: {message}" if self.path else message)


class QueryError(SscGraphError):
    """A SPARQL query is malformed or failed while running."""

    def __init__(
        self,
        message: str,
        *,
        query: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.query = query
        self.line = line
        self.column = column
        super().__init__(message)


class ValidationError(SscGraphError):
    """The graph could not be validated (as opposed to: it does not conform)."""


class ExportError(SscGraphError):
    """An export was asked for in an unknown format or to an unusable target."""
