"""Dates and date ranges as written in cooperation reports and news.

Handles day-month and month-day orders, ranges ("25-27 Sep.", "from 12 to
14 October 2020", "November 14-15", "28 Nov. - 2 Dec."), lists of days
("6,12 and 19 August", "29 June, 6, 13, and 20 July": first to last), ISO
dates, and month-only dates ("Sept. 2020", kept with ``precision="month"``).
A date without a year takes the year of the document's context
(:func:`document_year`); a range that runs past December ends the next year.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _full = calendar.month_name[_i].lower()
    MONTHS[_full] = _i
    MONTHS[_full[:3]] = _i
MONTHS["sept"] = 9

_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_DASH = r"\s*(?:-|–|—|to|until|till|through)\s*"
_SEP = r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)"

# Each pattern has named groups; the parser reads them generically.
_PATTERNS = [
    # 2020-09-26
    rf"(?P<iso>{_YEAR})-(?P<isom>[01]\d)-(?P<isod>[0-3]\d)",
    # 28 Nov. - 2 Dec. 2020  /  29 June, 6, 13, and 20 July 2020
    rf"(?P<d1>{_DAY})\s+(?P<m1>{_MON})(?:,?\s*(?P<y1>{_YEAR}))?"
    rf"(?:(?:{_DASH}|{_SEP})(?:{_DAY}{_SEP})*(?P<d2>{_DAY})\s+(?P<m2>{_MON}))?(?:,?\s*(?P<y2>{_YEAR}))?",
    # 25-27 Sep. / 6,12 and 19 August / 22 and 29 September 2020
    rf"(?P<d1>{_DAY})(?:(?:{_DASH}|{_SEP})(?:{_DAY}{_SEP})*(?P<d2>{_DAY}))?\s+(?P<m1>{_MON})(?:,?\s*(?P<y1>{_YEAR}))?",
    # November 14-15, 2020 / September 26 / Nov. 28 - Dec. 2
    rf"(?P<m1>{_MON})\s+(?P<d1>{_DAY})(?:{_DASH}(?:(?P<m2>{_MON})\s+)?(?P<d2>{_DAY}))?\b(?:,?\s*(?P<y1>{_YEAR}))?",
    # Sept. 2020 / September 2020
    rf"(?P<m1>{_MON})\s+(?P<y1>{_YEAR})",
]
_REGEXES = [re.compile(rf"(?<![\w-])(?:{p})(?![\w])", re.IGNORECASE) for p in _PATTERNS]
_YEAR_RE = re.compile(rf"(?<!\d)({_YEAR})(?!\d)")


@dataclass(frozen=True)
class DateRange:
    """A day (``end`` is None) or a range of days; ``precision`` is "day" or "month"."""

    start: date
    end: date | None = None
    precision: str = "day"
    text: str = ""
    offset: int = 0  # character offset of ``text`` in the searched string

    @property
    def last(self) -> date:
        return self.end or self.start


def month(name: str) -> int | None:
    """The number of a month name or abbreviation (``"Sep."`` → 9)."""
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTHS.get(key[:3])


def _day(text: str | None) -> int | None:
    if not text:
        return None
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _from_match(mt: re.Match[str], year: int | None) -> DateRange | None:
    g = mt.groupdict()
    text = mt.group(0)
    if g.get("iso"):
        d = _make(int(g["iso"]), int(g["isom"]), int(g["isod"]))
        return DateRange(d, text=text, offset=mt.start()) if d else None
    m1 = month(g["m1"]) if g.get("m1") else None
    if m1 is None:
        return None
    m2 = month(g["m2"]) if g.get("m2") else None
    y_given = g.get("y1") or g.get("y2")
    y = int(y_given) if y_given else year
    if y is None:
        return None
    d1 = _day(g.get("d1"))
    if d1 is None:
        start = _make(y, m1, 1)
        return DateRange(start, precision="month", text=text, offset=mt.start()) if start else None
    d2 = _day(g.get("d2"))
    sm, em = m1, (m2 or m1)
    start = _make(y, sm, d1)
    if start is None:
        return None
    if d2 is None:
        return DateRange(start, text=text, offset=mt.start())
    ey = y + 1 if em < sm else y
    end = _make(ey, em, d2)
    if end is None or end < start:
        return DateRange(start, text=text, offset=mt.start())
    return DateRange(start, end if end != start else None, text=text, offset=mt.start())


def find_dates(text: str, year: int | None = None) -> list[DateRange]:
    """Every date or range in ``text``, left to right, longest match first where they overlap."""
    found: list[tuple[int, int, re.Match[str]]] = []
    for rx in _REGEXES:
        for mt in rx.finditer(text):
            found.append((mt.start(), mt.end(), mt))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[DateRange] = []
    taken_until = -1
    for s, e, mt in found:
        if s < taken_until:
            continue
        dr = _from_match(mt, year)
        if dr is not None:
            out.append(dr)
            taken_until = e
    return out


def parse(text: str, year: int | None = None) -> DateRange | None:
    """The first date or range in ``text`` (None when there is none, e.g. "All around the year")."""
    found = find_dates(text, year)
    return found[0] if found else None


@lru_cache(maxsize=4)  # asked several times per document by the extractors
def document_year(text: str, *, head: int = 3000) -> int | None:
    """The year a document is about: the most frequent year in its opening, else in all of it.

    Ties go to the earlier year: reports are usually published after the year they review.
    """
    for part in (text[:head], text):
        counts = Counter(int(y) for y in _YEAR_RE.findall(part))
        if counts:
            best = max(counts.values())
            return min(y for y, c in counts.items() if c == best)
    return None


__all__ = ["DateRange", "document_year", "find_dates", "month", "parse"]
