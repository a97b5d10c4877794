"""Activity tables of reports converted from PDF: one record per row and sub-row.

A table is found from its header row (``ontology/patterns/tables.yaml`` lists
the words announcing the name, date, venue and number columns), whatever the
document's layout. Rows start with a number, or with a name when the table has
no number column; lines starting with empty cells are sub-rows (webinar
modules, sessions) of a numbered row. Cells are aligned on the date cell, so a
row carrying its first module inline ("15 | Webinar | Module I: … | 29 Jun. |
Online") is read as a parent row plus one sub-row. Sub-rows whose numbering
restarts ("Module I" after "Module IV") belong to the next numbered row: PDF
converters write a vertically centred parent cell after its first sub-rows.
Some converters write every cell on a line of its own: the header words, one
per line, give the number of columns, and each row is the next group of as
many lines (a long name may wrap onto further lines before its date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..resources import ontology_path, parse_yaml
from . import dates

_SPLIT = re.compile(r"\t| {2,}")
_PIPE_RULE = re.compile(r"^\s*\|?[\s:|-]*-[\s:|-]*\|?\s*$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_ONLINE_MARK = re.compile(r"\s*\((?:online|virtual)\)\s*", re.IGNORECASE)
_YEAR_ROUND = re.compile(r"\b(?:all|whole|entire)\s+(?:a)?round\s+the\s+year\b|\bthroughout\s+the\s+year\b|\byear[- ]round\b|\ball\s+year\b", re.IGNORECASE)


@dataclass(frozen=True)
class Cell:
    text: str
    start: int  # offset in the document text

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Row:
    """One activity of a table (a numbered row or a sub-row under it)."""

    name: Cell
    line: Cell  # the whole source line, the row's evidence
    number: str | None = None
    date: dates.DateRange | None = None
    venue: Cell | None = None
    mode: str | None = None  # "online" or "hybrid"; None when held in person or unknown
    organizers: Cell | None = None  # the organisers' cell, when the table has that column
    parent: int | None = None  # index of the parent row in the table's rows
    label: str | None = None  # "Module II" of a sub-row


@dataclass
class Table:
    header: Cell
    columns: dict[str, int]
    rows: list[Row] = field(default_factory=list)


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    return parse_yaml(ontology_path("patterns/tables.yaml").read_text("utf-8"))


def _pipe_cells(line: str, start: int) -> list[Cell]:
    """The cells of a Markdown table row ("| a | b |"); none for its rule line ("|---|---|")."""
    if _PIPE_RULE.match(line):
        return []
    out: list[Cell] = []
    bar = line.index("|")
    while True:
        nxt = line.find("|", bar + 1)
        if nxt < 0:
            piece = line[bar + 1 :]
            if piece.strip():
                out.append(_cell(piece, start + bar + 1))
            break
        out.append(_cell(line[bar + 1 : nxt], start + bar + 1))
        bar = nxt
    while out and not out[-1].text:
        out.pop()
    return out


def _cell(piece: str, at: int) -> Cell:
    lead = len(piece) - len(piece.lstrip())
    return Cell(piece.strip(), at + lead)


def _cells(line: str, start: int) -> list[Cell]:
    if line.lstrip().startswith("|"):
        return _pipe_cells(line, start)
    out: list[Cell] = []
    pos = 0
    for piece in _SPLIT.split(line):
        at = line.find(piece, pos) if piece else pos
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        out.append(Cell(stripped, start + at + lead))
        pos = at + len(piece)
    while out and not out[-1].text:
        out.pop()
    return out


def _header_key(text: str) -> str:
    return re.sub(r"[^\w/#]+", " ", text.lower()).strip()


def _header(cells: list[Cell]) -> dict[str, int] | None:
    if len([c for c in cells if c.text]) < 3:
        return None
    vocab = vocabulary()["columns"]
    roles: dict[str, int] = {}
    for i, c in enumerate(cells):
        word = _header_key(c.text)
        for role, words in vocab.items():
            if word in words and role not in roles:
                roles[role] = i
                break
        else:
            if c.text:
                return None  # a header row holds header words only
    if "name" in roles and "date" in roles:
        return roles
    return None


def mode_of(text: str) -> str | None:
    """'online', 'hybrid' or None for a venue cell."""
    low = re.sub(r"\s+", " ", text.lower()).strip(" .()")
    vocab = vocabulary()
    if low in vocab["hybrid"]:
        return "hybrid"
    if low in vocab["online"]:
        return "online"
    return None


def parse_date_cell(text: str, year: int | None) -> dates.DateRange | None:
    """A date cell: a day or range, or a whole-year phrase ("All around the year")."""
    if _YEAR_ROUND.search(text):
        if year is None:
            return None
        from datetime import date

        return dates.DateRange(date(year, 1, 1), date(year, 12, 31), precision="year", text=text)
    return dates.parse(text, year)


def _ordinal(label: str) -> tuple[str, int] | None:
    words = "|".join(vocabulary()["subrow_labels"])
    m = re.match(rf"({words})\s+([ivx]+|\d+)\b", label, re.IGNORECASE)
    if not m:
        return None
    token = m.group(2).lower()
    return m.group(1).lower(), int(token) if token.isdigit() else _ROMAN.get(token, 0)


def _split_name(cell: Cell) -> tuple[Cell, str | None]:
    """The name of an activity without an "(Online)" marker, and the mode that marker means."""
    m = _ONLINE_MARK.search(cell.text)
    if not m:
        return cell, None
    if m.end() == len(cell.text):
        text = cell.text[: m.start()].rstrip()
    else:
        text = re.sub(r"\s+", " ", cell.text[: m.start()] + " " + cell.text[m.end() :]).strip()
    return Cell(text, cell.start), "online"


class _Builder:
    def __init__(self, table: Table, year: int | None) -> None:
        self.table = table
        self.year = year
        self.parent: int | None = None
        self.pending: list[Row] = []

    def _date_index(self, cells: list[Cell], first: int) -> int | None:
        for i in range(first, len(cells)):
            if cells[i].text and parse_date_cell(cells[i].text, self.year) is not None:
                return i
        return None

    def _column(self, role: str, cells: list[Cell], at: int | None) -> Cell | None:
        """The cell of a column, found from the date cell (rows may be shifted by inline sub-rows)."""
        if at is None or role not in self.table.columns:
            return None
        offset = self.table.columns[role] - self.table.columns["date"]
        i = at + offset
        return cells[i] if 0 <= i < len(cells) and cells[i].text else None

    def _venue(self, cells: list[Cell], at: int | None) -> Cell | None:
        return self._column("venue", cells, at)

    def _row(self, name: Cell, line: Cell, cells: list[Cell], at: int | None, **extra: Any) -> Row:
        name, marked = _split_name(name)
        venue = self._venue(cells, at)
        mode = mode_of(venue.text) if venue else None
        if mode:
            venue_place = None
        else:
            venue_place = venue
            if marked:
                mode = "hybrid" if venue_place else "online"
        when = parse_date_cell(cells[at].text, self.year) if at is not None else None
        organizers = self._column("organizers", cells, at)
        return Row(name=name, line=line, date=when, venue=venue_place, mode=mode, organizers=organizers, **extra)

    def _add_sub(self, row: Row) -> None:
        rows = self.table.rows
        order = _ordinal(row.label or "")
        if self.parent is not None and not self.pending:
            siblings = [r for r in rows if r.parent == self.parent]
            seen = [_ordinal(r.label or "") for r in siblings]
            restarts = order is not None and any(s and s[0] == order[0] and s[1] >= order[1] for s in seen)
            if not restarts:
                rows.append(_with_parent(row, self.parent))
                return
        self.pending.append(row)

    def line(self, cells: list[Cell], line: Cell) -> bool:
        """Read one line of the table; False when it ends the table."""
        cols = self.table.columns
        filled = [c for c in cells if c.text]
        if not filled:
            return True
        leading_empty = not cells[0].text
        number = cells[0].text if not leading_empty and re.fullmatch(r"\d{1,3}\.?", cells[0].text) else None
        if len(filled) < 2:
            return False  # a section label or prose: the table is over
        if "number" in cols and number is None and not leading_empty:
            return False
        first = cols["name"] if number is not None or "number" not in cols else 0
        if leading_empty:
            first = next(i for i, c in enumerate(cells) if c.text)
        at = self._date_index(cells, first)
        if leading_empty:
            label_cell = cells[first]
            row = self._row(label_cell, line, cells, at, label=_label(label_cell.text))
            self._add_sub(row)
            return True
        name = cells[first]
        inline = [c for c in cells[first + 1 : at] if c.text] if at is not None else []
        parent_at = at if not inline else None
        parent = self._row(name, line, cells, parent_at, number=number.rstrip(".") if number else None)
        self.table.rows.append(parent)
        self.parent = len(self.table.rows) - 1
        subs = list(self.pending)
        self.pending = []
        if inline:
            subs.append(self._row(inline[0], line, cells, at, label=_label(inline[0].text)))
        for sub in subs:
            self.table.rows.append(_with_parent(sub, self.parent))
        return True

    def finish(self) -> None:
        if self.pending and self.parent is not None:
            for sub in self.pending:
                self.table.rows.append(_with_parent(sub, self.parent))
        self.pending = []
        _fill_parents(self.table)


def _label(text: str) -> str | None:
    found = _ordinal(text)
    if not found:
        return None
    m = re.match(r"\S+\s+\S+", text)
    return m.group(0).rstrip(":") if m else None


def _with_parent(row: Row, parent: int) -> Row:
    from dataclasses import replace

    return replace(row, parent=parent)


def _fill_parents(table: Table) -> None:
    """A parent row without its own date spans its sub-rows; all-online sub-rows make it online."""
    from dataclasses import replace

    for i, row in enumerate(table.rows):
        subs = [r for r in table.rows if r.parent == i]
        if not subs:
            continue
        if row.date is None:
            dated = [r.date for r in subs if r.date is not None]
            if dated:
                start = min(d.start for d in dated)
                last = max(d.last for d in dated)
                row = replace(row, date=dates.DateRange(start, last if last != start else None))
        if row.mode is None and row.venue is None and all(r.mode for r in subs):
            modes = {r.mode for r in subs}
            row = replace(row, mode="online" if modes == {"online"} else "hybrid")
        table.rows[i] = row


def _lines(text: str) -> list[Cell]:
    """The lines of ``text`` without their line breaks, each with its offset."""
    out: list[Cell] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        out.append(Cell(raw.rstrip("\r\n"), pos))
        pos += len(raw)
    return out


def _stripped(line: Cell) -> Cell:
    return _cell(line.text, line.start)


def _single_cell(line: Cell) -> Cell | None:
    """The line as one cell, when it holds exactly one (a cell of a one-cell-per-line table)."""
    cells = [c for c in _cells(line.text, line.start) if c.text]
    return cells[0] if len(cells) == 1 else None


def _header_word(cell: Cell) -> bool:
    word = _header_key(cell.text)
    return any(word in words for words in vocabulary()["columns"].values())


def _stacked_header(lines: list[Cell], i: int) -> tuple[dict[str, int], int, bool] | None:
    """A header written one cell per line ("No." / "Activity" / "Date" / "Venue"), starting at line ``i``.

    Returns the columns, the index of the line after the header and whether blank
    lines separate its cells (then they may separate the cells of the rows too).
    """
    run: list[Cell] = []
    gapped = blank = False
    j = end = i
    while j < len(lines):
        if not lines[j].text.strip():
            blank = bool(run)
            j += 1
            continue
        cell = _single_cell(lines[j])
        if cell is None or not _header_word(cell):
            break
        gapped = gapped or blank
        blank = False
        run.append(cell)
        j = end = j + 1
    columns = _header(run) if len(run) >= 3 else None
    return (columns, end, gapped) if columns is not None else None


def _stacked_rows(lines: list[Cell], j: int, columns: dict[str, int], gapped: bool,
                  year: int | None) -> tuple[list[list[Cell]], int]:
    """The rows of a one-cell-per-line table: consecutive groups of as many lines as it has columns.

    The table ends at the first group that does not fit the columns, and at a
    blank line unless blank lines also separate the header's cells.
    """
    rows: list[list[Cell]] = []
    while True:
        group: list[tuple[Cell, int]] = []
        k = j
        while len(group) < len(columns) + _NAME_LINES and k < len(lines):
            if not lines[k].text.strip() and (gapped or not (rows or group)):
                k += 1
                continue
            cell = _single_cell(lines[k])
            if cell is None:
                break
            group.append((cell, k))
            k += 1
        row = _stacked_row([c for c, _ in group], columns, year)
        if row is None:
            return rows, j
        rows.append(row)
        j = next(n for c, n in group if c.start == row[-1].start) + 1


_NAME_LINES = 2  # continuation lines a name cell may run on over


def _stacked_row(group: list[Cell], columns: dict[str, int], year: int | None) -> list[Cell] | None:
    """The cells of the row that opens ``group``, in column order; None when the lines are no row.

    A name cell just before the date cell may run on over a few lines; the date
    cell must hold a date and no earlier cell may.
    """
    width, at, name = len(columns), columns["date"], columns["name"]
    number = columns.get("number")
    if number is not None and (len(group) <= number or not re.fullmatch(r"\d{1,3}\.?", group[number].text)):
        return None
    most = _NAME_LINES if name == at - 1 else 0
    for extra in range(most + 1):
        if len(group) < width + extra or parse_date_cell(group[at + extra].text, year) is None:
            continue
        if any(parse_date_cell(c.text, year) is not None for c in group[: at + extra]):
            return None
        return group[:name] + [_joined(group[name : name + extra + 1])] + group[name + extra + 1 : width + extra]
    return None


def _joined(parts: list[Cell]) -> Cell:
    """One cell of several lines; the line breaks become spaces, so offsets still hold."""
    text = parts[0].text
    for prev, part in zip(parts, parts[1:], strict=False):
        text += " " * (part.start - prev.end) + part.text
    return Cell(text, parts[0].start)


def find_tables(text: str, year: int | None = None) -> list[Table]:
    """Every activity table of ``text``; ``year`` completes dates written without one."""
    if year is None:
        year = dates.document_year(text)
    tables: list[Table] = []
    builder: _Builder | None = None
    lines = _lines(text)
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        cells = _cells(line.text, line.start)
        columns = _header(cells)
        stacked = _stacked_header(lines, i - 1) if columns is None and builder is None else None
        if columns is None and stacked is not None:
            columns = stacked[0]
        if columns is not None:
            if builder:
                builder.finish()
            table = Table(_stripped(line), columns)
            tables.append(table)
            builder = _Builder(table, year)
            if stacked is not None:
                table.header = Cell(text[line.start : lines[stacked[1] - 1].end].strip(), _stripped(line).start)
                rows, i = _stacked_rows(lines, stacked[1], columns, stacked[2], year)
                for row in rows:
                    builder.line(row, Cell(text[row[0].start : row[-1].end], row[0].start))
                builder.finish()
                builder = None
            continue
        if builder is None:
            continue
        if not builder.line(cells, _stripped(line)):
            builder.finish()
            builder = None
    if builder:
        builder.finish()
    return [t for t in tables if t.rows]


__all__ = ["Cell", "Row", "Table", "find_tables", "mode_of", "parse_date_cell"]
