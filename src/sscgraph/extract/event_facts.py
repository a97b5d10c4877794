"""Events of one document as mentions with keys, dates, venues and modules.

Rows of activity tables (:mod:`.tables`) become Event mentions keyed by their
normalised names (:mod:`.events`), with ``ssc:startDate``/``ssc:endDate``,
``ssc:mode`` for online and hybrid events, ``ssc:heldIn`` their venue, and
``ssc:partOf`` their parent row for modules and sessions. Event names in the
prose get the key of the table row they name (fuzzy match) or their own, so a
paragraph about an event adds to the node of its table row. NER fragments of
those names are dropped.

With a parse, lower-case phrases (:mod:`.event_phrases`) add the rest: "a
national consultation on seed policy" is an event of its own unless an event
of that kind and name was named before ("Regional meeting on X" in a table ↔
"the regional meeting on X"); "the training in Mombasa", "the three-day
workshop" are mentions of an event of the same kind only, the one whose venue,
date or modifiers agree, else the nearest before (a table row also when it
comes further away but agrees). Without a parse, regexes find phrases
introduced by a verb and "the <event word>" references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Mention
from . import dates, doctext, event_phrases, events, tables
from .evidence import Collector, Evidence

#: NER types that can sit inside an event's name and still be mentions of their own.
_INNER_TYPES = ("Place", "Country", "Person")


@dataclass
class EventIndex:
    """Events known in a document: normalised name → key, and where each was named."""

    names: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str | None] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # key → the name it was first given
    named_at: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, key)
    table_spans: list[tuple[int, int]] = field(default_factory=list)
    places: dict[str, set[str]] = field(default_factory=dict)  # key → lower-case names of its venues
    days: dict[str, set[str]] = field(default_factory=dict)  # key → ISO dates it was held on
    table_keys: set[str] = field(default_factory=set)

    def in_table(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.table_spans)


def _overlapping(col: Collector, start: int, end: int) -> list[int]:
    out = []
    for i in range(len(col.base)):
        m = col.base[i]
        if m.start is not None and m.end is not None and m.start < end and start < m.end:
            out.append(i)
    return out


def _place_mention(text: str, start: int, extractor: str, sentence: str) -> Mention:
    from ..resolve import countries

    iso3 = countries.from_name(text)
    if iso3:
        return Mention(text, "Country", extractor, 0.9, start, start + len(text), sentence, key="country/" + iso3)
    return Mention(text, "Place", extractor, 0.85, start, start + len(text), sentence)


_VENUE_SPLIT = re.compile(r"\s*,\s*")
_ORGANIZER_SPLIT = re.compile(r"\s*(?:;|,|\band\b|&|/|\n)\s*")


def _venue_mentions(col: Collector, cell: tables.Cell, line: str, evidence: Evidence) -> list[int]:
    """The places of a venue cell: "Nairobi, Kenya" is the city and its country, the city located in it."""
    for j in _overlapping(col, cell.start, cell.end):
        col.drop(j)
    parts: list[tuple[str, int]] = []
    pos = 0
    for piece in _VENUE_SPLIT.split(cell.text):
        at = cell.text.find(piece, pos)
        pos = at + len(piece)
        if piece:
            parts.append((piece, cell.start + at))
    if len(parts) < 2:
        return [col.add(_place_mention(cell.text, cell.start, "rule:table", line))]
    found = [_place_mention(text, start, "rule:table", line) for text, start in parts]
    if found[-1].type != "Country" or any(m.type == "Country" for m in found[:-1]):
        return [col.add(_place_mention(cell.text, cell.start, "rule:table", line))]
    indices = [col.add(m) for m in found]
    for place in indices[:-1]:
        col.relate(place, "locatedIn", indices[-1], "table:venue", 0.85, evidence)
    return indices


def _organizer_mentions(col: Collector, cell: tables.Cell, line: str) -> list[int]:
    """The organisations of an organisers' cell: the ones NER found in it, else its comma-separated names."""
    inside = [
        j for j in _overlapping(col, cell.start, cell.end)
        if not col.dropped(j) and col.base[j].type == "Organisation"
        and cell.start <= (col.base[j].start or 0) and (col.base[j].end or 0) <= cell.end
    ]
    covered = [(col.base[j].start or 0, col.base[j].end or 0) for j in inside]
    out = list(inside)
    pos = 0
    for piece in _ORGANIZER_SPLIT.split(cell.text):
        at = cell.text.find(piece, pos) if piece else pos
        pos = at + len(piece)
        start, end = cell.start + at, cell.start + at + len(piece)
        if not piece or not any(ch.isupper() for ch in piece) or any(s < end and start < e for s, e in covered):
            continue
        for j in _overlapping(col, start, end):
            col.drop(j)
        out.append(col.add(Mention(piece, "Organisation", "rule:table", 0.8, start, end, line)))
    return out


def _date_attributes(col: Collector, index: int, when: dates.DateRange | None, extractor: str) -> None:
    if when is None:
        return
    col.attribute(index, "ssc:startDate", when.start.isoformat(), kind="date", extractor=extractor)
    if when.end is not None and when.end != when.start:
        col.attribute(index, "ssc:endDate", when.end.isoformat(), kind="date", extractor=extractor)


_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
_PROJECT_ROW = re.compile(r"^(.{2,80}?\b(?:Project|Programme|Program|Initiative))\s*:\s*\S")


def _row_names(row: tables.Row) -> list[tuple[str, int, int]]:
    """The event name(s) of a row with their offsets: module labels and a trailing "(venue)" left out,
    and "A and B" split in two when both halves are event names."""
    cell = row.name
    text = cell.text
    start = cell.start
    if row.label and text.startswith(row.label):
        cut = len(row.label)
        while cut < len(text) and text[cut] in ": \t-–—.":
            cut += 1
        if cut < len(text):
            text, start = text[cut:], start + cut
    m = _TRAILING_PAREN.search(text)
    if m and m.start() > 0:
        text = text[: m.start()]
    parts = split_pair(text, start)
    return [(events.display_name(t), s, e) for t, s, e in parts if events.display_name(t)]


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def split_pair(text: str, start: int) -> list[tuple[str, int, int]]:
    """"World Food Day and 3rd National Grain Trade Conference": two events, with their offsets."""
    end = start + len(text)
    for m in re.finditer(r" (?:and|&) ", text):
        left, right = text[: m.start()], text[m.end() :]
        art = _ARTICLE.match(right)
        skip = art.end() if art else 0
        right = right[skip:]
        halves = len(left.split()) >= 2 and len(right.split()) >= 2 and (right[:1].isupper() or right[:1].isdigit())
        if halves and events.kind_of(left) and events.kind_of(right) and events.kind_of(left.split()[-1]):
            return [(left, start, start + len(left)), (right, start + m.end() + skip, end)]
    return [(text, start, end)]


def _project_row(col: Collector, row: tables.Row) -> None:
    """A row naming a project ("Kenya Project: Improving …"): the Project, and the country of its venue."""
    m = _PROJECT_ROW.match(row.name.text)
    assert m is not None
    name = m.group(1)
    _claim_span(col, row.name.start, row.name.start + len(name))
    evidence = Evidence(row.line.text, row.line.start, row.line.end)
    project = col.add(Mention(name, "Project", "rule:table", 0.85, row.name.start, row.name.start + len(name),
                              row.line.text))
    if row.venue is not None:
        venue = _place_mention(row.venue.text, row.venue.start, "rule:table", row.line.text)
        if venue.type == "Country":
            for j in _overlapping(col, row.venue.start, row.venue.end):
                col.drop(j)
            col.relate(project, "targetsCountry", col.add(venue), "table:venue", 0.85, evidence)


def table_events(col: Collector, text: str, year: int | None, index: EventIndex) -> None:
    """Every row of every activity table as an Event mention with its dates, venue and parent.

    Rows naming a project become that Project; ongoing activities without a date
    ("all around the year") and without an event word in their name are no event.
    """
    for table in tables.find_tables(text, year):
        first = table.header.start
        last = max(r.line.end for r in table.rows)
        index.table_spans.append((first, last))
        row_index: dict[int, list[int]] = {}
        for i, row in enumerate(table.rows):
            if row.parent is None and _PROJECT_ROW.match(row.name.text):
                _project_row(col, row)
                continue
            names = _row_names(row)
            if not names:
                continue
            if row.date is not None and row.date.precision == "year" and not events.kind_of(names[0][0]):
                continue
            evidence = Evidence(row.line.text, row.line.start, row.line.end)
            _claim_span(col, row.name.start, row.name.end)
            places = _venue_mentions(col, row.venue, row.line.text, evidence) if row.venue is not None else []
            organizers = _organizer_mentions(col, row.organizers, row.line.text) if row.organizers else []
            for name, start, end in names:
                if row.parent is not None and row.parent in row_index:
                    parent = events.display_name(table.rows[row.parent].name.text)
                    key = events.key_of(f"{parent} {name}")
                else:
                    key = events.key_of(name)
                    index.names.setdefault(events.normalise_name(name), key)
                index.kinds[key] = events.kind_of(name)
                index.labels.setdefault(key, name)
                index.named_at.append((start, end, key))
                index.table_keys.add(key)
                if row.venue is not None:
                    index.places.setdefault(key, set()).update(
                        p.strip().lower() for p in _VENUE_SPLIT.split(row.venue.text) if p.strip())
                m = col.add(Mention(name, "Event", "rule:table", 0.9, start, end, row.line.text, key=key))
                row_index.setdefault(i, []).append(m)
                _date_attributes(col, m, row.date, "rule:table")
                if row.date is not None:
                    index.days.setdefault(key, set()).add(row.date.start.isoformat())
                if row.mode:
                    col.attribute(m, "ssc:mode", row.mode, extractor="rule:table")
                for place in places:
                    col.relate(m, "heldIn", place, "table:venue", 0.9, evidence)
                for org in organizers:
                    col.relate(m, "organizedBy", org, "table:organizers", 0.85, evidence)
        for i, row in enumerate(table.rows):
            if row.parent is not None and i in row_index and row.parent in row_index:
                for sub in row_index[i]:
                    for parent in row_index[row.parent]:
                        col.relate(sub, "partOf", parent, "table:subrow", 0.9,
                                   Evidence(row.line.text, row.line.start, row.line.end))


def _sentence(parsed: Any, start: int, end: int, text: str) -> str:
    if parsed is not None:
        span = parsed.char_span(start, end, alignment_mode="expand")
        if span is not None:
            return doctext.sentence_text(parsed, span.start).strip()
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start : line_end if line_end >= 0 else len(text)].strip()


def _claim_span(col: Collector, start: int, end: int) -> None:
    """Drop NER fragments of an event name; keep places, countries and persons inside it."""
    for j in _overlapping(col, start, end):
        m = col.base[j]
        inside = start <= (m.start or 0) and (m.end or 0) <= end
        if inside and (m.type in _INNER_TYPES or (m.key and m.type == "Organisation" and m.end - m.start < end - start)):
            continue
        col.drop(j)


def prose_events(col: Collector, text: str, parsed: Any, index: EventIndex) -> None:
    """Named and described events of the prose, keyed to the table row they name when there is one."""
    use_parse = parsed is not None and parsed.has_annotation("DEP")
    spans: list[tuple[events.Span, str]] = []
    for span in events.named_spans(text):
        spans.append((span, "rule:event-name"))
    if not use_parse:
        for span in events.described_spans(text):
            spans.append((span, "rule:event-described"))
    taken: list[tuple[int, int]] = []
    for span, extractor in sorted(spans, key=lambda t: (t[0].start, -(t[0].end - t[0].start))):
        if index.in_table(span.start, span.end) or any(s < span.end and span.start < e for s, e in taken):
            continue
        _claim_span(col, span.start, span.end)
        taken.append((span.start, span.end))
        for part, start, end in split_pair(span.text, span.start):
            name = events.display_name(part)
            if not name:
                continue
            key = events.best_match(name, index.names) or events.key_of(name)
            index.names.setdefault(events.normalise_name(name), key)
            index.kinds.setdefault(key, events.kind_of(name))
            index.labels.setdefault(key, name)
            confidence = 0.8 if extractor == "rule:event-name" else 0.7
            col.add(Mention(name, "Event", extractor, confidence, start, end,
                            _sentence(parsed, start, end, text), key=key))
            index.named_at.append((start, end, key))
    phrases = event_phrases.parsed_phrases(parsed) if use_parse else []
    for ph in phrases:
        if ph.name is not None and _free(col, index, taken, ph.start, ph.end):
            _described(col, text, parsed, index, ph)
            taken.append((ph.start, ph.end))
    # events the model found that the name rules did not: same keys as the rules would give
    for i in range(len(col.base)):
        m = col.base[i]
        if m.type != "Event" or col.dropped(i) or m.start is None:
            continue
        if index.in_table(m.start, m.end or m.start):
            continue
        key = events.best_match(m.text, index.names) or events.key_of(m.text)
        col.rekey(i, key)
        index.kinds.setdefault(key, events.kind_of(m.text))
        index.labels.setdefault(key, m.text)
        index.named_at.append((m.start, m.end or m.start, key))
    index.named_at.sort()
    if use_parse:
        for ph in phrases:
            if ph.name is None and _free(col, index, taken, ph.start, ph.end):
                _phrase_reference(col, text, parsed, index, ph)
    else:
        _references(col, text, parsed, index, taken)


def _free(col: Collector, index: EventIndex, taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a phrase is outside tables, event names already read and names of other entities."""
    if index.in_table(start, end) or any(s < end and start < e for s, e in taken):
        return False
    for j in _overlapping(col, start, end):
        m = col.base[j]
        if not col.dropped(j) and m.type != "Event" and (m.start or 0) <= start and end <= (m.end or 0):
            return False  # "the Forum" inside "the Forum for Agricultural Research"
    return True


def _same_kind(index: EventIndex, key: str | None, kind: str) -> bool:
    return key is not None and (kind == event_phrases.GENERIC or index.kinds.get(key) in (None, kind))


def _same_long_topic(index: EventIndex, key: str | None, name: str) -> bool:
    """Whether the event ``key`` has the same topic of five words or more as ``name``, whatever its kind."""
    if key is None:
        return False
    mine = events.topic_words(events.normalise_name(name))
    return len(mine) >= 5 and any(
        k == key and events.topic_words(n) == mine for n, k in index.names.items())


def _described(col: Collector, text: str, parsed: Any, index: EventIndex, ph: event_phrases.Phrase) -> None:
    """A lower-case event described by its topic: the event of that name named before, else its own."""
    assert ph.name is not None
    key = events.best_match(ph.name, index.names)
    if not _same_kind(index, key, ph.kind) and not _same_long_topic(index, key, ph.name):
        key = _by_topic(index, ph) if ph.definite else None
    if key is None:
        key = events.key_of(ph.name)
    assert key is not None
    # the names inside a lower-case description are entities of their own ("between WFP and JAAS")
    for j in _overlapping(col, ph.start, ph.end):
        if col.base[j].type == "Event":
            col.drop(j)
    index.names.setdefault(events.normalise_name(ph.name), key)
    index.kinds.setdefault(key, ph.kind)
    index.labels.setdefault(key, ph.name)
    confidence = 0.6 if ph.definite else 0.7
    m = col.add(Mention(ph.name, "Event", "rule:event-described", confidence, ph.start, ph.end,
                        _sentence(parsed, ph.start, ph.end, text), key=key))
    index.named_at.append((ph.start, ph.end, key))
    _phrase_facts(col, text, parsed, index, ph, m, key)


_FUNCTION_WORDS = {"on", "about", "for", "of", "the", "a", "an", "and", "in", "to", "regarding", "concerning"}


def _by_topic(index: EventIndex, ph: event_phrases.Phrase) -> str | None:
    """"The workshop on seaweed": the one event of its kind named before whose name has every word of it."""
    assert ph.name is not None
    head = set(ph.head.split())
    words = set(events.normalise_name(ph.name).replace("-", " ").split()) - _FUNCTION_WORDS - head
    if not words:
        return None
    found = {key for norm, key in index.names.items()
             if index.kinds.get(key) == ph.kind and words <= set(norm.replace("-", " ").split())}
    return found.pop() if len(found) == 1 else None


def _iso_day(text: str, span: tuple[int, int] | None) -> str | None:
    if span is None:
        return None
    found = dates.find_dates(text[span[0] : span[1]], dates.document_year(text))
    return found[0].start.isoformat() if found and found[0].precision == "day" else None


def _antecedent(index: EventIndex, ph: event_phrases.Phrase, window: int, day: str | None = None) -> str | None:
    """The event a reference phrase stands for: among events of its kind (named in the prose before it,
    or in a table anywhere), the one whose place, modifiers and head word agree; else the nearest before."""
    def agreement(key: str) -> tuple[int, int]:
        label = events.normalise_name(index.labels.get(key, ""))
        words = set(label.replace("-", " ").split())
        place = sum(1 for p in ph.places if p in index.places.get(key, set()) or p in label)
        place += int(day is not None and day in index.days.get(key, set()))
        return place, sum(1 for m in ph.modifiers if m in words)

    last: dict[str, int] = {}
    for _s, e, key in index.named_at:
        if not _same_kind(index, key, ph.kind) or (index.kinds.get(key) is None and ph.kind != event_phrases.GENERIC):
            continue
        if e <= ph.start and ph.start - e <= window:
            last[key] = e
        elif key in index.table_keys and any(agreement(key)):
            last.setdefault(key, -1)  # a table row far away or further on, when place or modifiers agree
    if not last:
        return None
    return max(last, key=lambda key: (*agreement(key), int(ph.head in index.labels.get(key, "").lower()), last[key]))


def _phrase_reference(col: Collector, text: str, parsed: Any, index: EventIndex, ph: event_phrases.Phrase) -> None:
    """"The three-day workshop", "the training in Mombasa": a mention of the event it refers to."""
    key = _antecedent(index, ph, int(events.vocabulary().get("reference_window", 1500)), _iso_day(text, ph.when))
    if key is None:
        return
    # named by its antecedent: "the meeting" is no name of its own, and would join every meeting
    m = col.add(Mention(index.labels.get(key, ph.text), "Event", "rule:event-reference", 0.6, ph.start, ph.end,
                        _sentence(parsed, ph.start, ph.end, text), key=key))
    _phrase_facts(col, text, parsed, index, ph, m, key)


def _phrase_facts(col: Collector, text: str, parsed: Any, index: EventIndex, ph: event_phrases.Phrase,
                  event: int, key: str) -> None:
    """The venue ("the training in Mombasa") and the date ("… from 3 to 5 May") a phrase gives its event."""
    sentence = _sentence(parsed, ph.start, ph.end, text)
    at = text.find(sentence, max(0, ph.start - len(sentence)))
    evidence = Evidence(sentence, at, at + len(sentence)) if at >= 0 else None
    for start, end in ph.place_spans:
        places = [j for j in _overlapping(col, start, end) if not col.dropped(j)
                  and col.mention(j).type in ("Place", "Country")]
        for j in places[:1]:
            col.relate(event, "heldIn", j, "rule:event-phrase-place", 0.7, evidence)
            index.places.setdefault(key, set()).add(text[start:end].lower())
    if ph.when is not None and key not in index.table_keys:
        found = dates.find_dates(text[ph.when[0] : ph.when[1]], dates.document_year(text))
        if found and found[0].precision == "day":
            _date_attributes(col, event, found[0], "rule:event-phrase-date")
            index.days.setdefault(key, set()).add(found[0].start.isoformat())


def _references(col: Collector, text: str, parsed: Any, index: EventIndex, taken: list[tuple[int, int]]) -> None:
    window = int(events.vocabulary().get("reference_window", 1500))
    for span in events.reference_spans(text):
        if index.in_table(span.start, span.end) or any(s < span.end and span.start < e for s, e in taken):
            continue
        kind = events.kind_of(span.text)
        before = [
            (s, e, key) for s, e, key in index.named_at
            if e <= span.start and span.start - e <= window and (kind is None or index.kinds.get(key) == kind)
        ]
        if not before:
            continue
        key = before[-1][2]
        # named by its antecedent: "the meeting" is no name of its own, and would join every meeting
        col.add(Mention(index.labels.get(key, span.text), "Event", "rule:event-reference", 0.6, span.start, span.end,
                        _sentence(parsed, span.start, span.end, text), key=key))


def extract(col: Collector, text: str, parsed: Any) -> EventIndex:
    """Add the events of a document (tables first, then prose) to ``col``."""
    index = EventIndex()
    year = dates.document_year(text)
    table_events(col, text, year, index)
    prose_events(col, text, parsed, index)
    return index


__all__ = ["EventIndex", "extract", "prose_events", "table_events"]
