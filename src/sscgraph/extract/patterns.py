"""Typed edges read around trigger words, from patterns kept as data.

``ontology/patterns/relations.yaml`` holds named patterns: spaCy ``Matcher``
token patterns for the trigger ("funded by", "in collaboration with",
"held … in") and where the subject and object sit. The right-hand side is the
list of mentions that starts just after the trigger, spread over its
coordination ("organized by A, B and C" gives three edges); the left-hand side
is read from the dependency parse: the noun the trigger's clause modifies, or
the subject of its verb with that subject's conjuncts. Every edge records the
pattern's name, its confidence and the sentence it was read from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..resources import ontology_path, parse_yaml
from .doctext import text as doc_text
from .events import kind_of as _event_kind
from .events import referent_kind
from .events import vocabulary as _event_vocabulary
from .evidence import Collector, Evidence

_SEPARATORS = {",", "and", "&", "as", "well", "plus", "along", "together", "jointly", "with", "both"}
_COLLABORATION = {"collaboration", "partnership", "cooperation", "together", "jointly", "conjunction", "association", "coordination"}
_LIST_OPENERS = {"including", "such", "namely", "notably", "incl."}
INCLUDING_WINDOW = 14
"""How far after a list an "including …" may continue it."""
_ANAPHORS = {"it", "they", "this", "which"}
_AFFILIATION_LINKS = {"of", "from", "at", "with"}
_TITLE_GLUE = {"of", "the", "for", "and", "&", "-", "in", "on", "to"}
_PASSING = {"under", "through", "via", "within"}
"""Prepositions by which a text names another programme in passing ("financed under its X Programme")."""
_PROJECT_WORDS = {"project", "programme", "program", "initiative", "pilot"}
_EVENT_PARTS = {"session", "panel", "ceremony"}
_REFERRING_NOUNS = {"pilot", "session", "panel", "ceremony", "project", "programme", "program", "initiative", "event", "forum", "conference", "meeting",
                    "workshop", "seminar", "webinar", "training", "symposium", "dialogue"}
ANTECEDENT_WINDOW = 150
"""How many tokens before a sentence "it" or "the project" may look for what it stands for."""
_BREAKS = {".", ";", "!", "?"}
_CLIMB = {"dobj", "xcomp", "advcl", "conj", "ccomp", "prep", "pcomp", "pobj", "advmod", "agent", "acomp", "aux", "auxpass"}
FALLBACK = 0.8
"""Confidence factor of an edge whose left end was found by position, not by the parse."""
WINDOW = 10
APPOSITION = 24
"""How long an apposition ("a specialised institution of X") between a list and its partners may be."""
"""How many tokens left of a trigger the positional fallback looks."""


@dataclass(frozen=True)
class Pattern:
    name: str
    predicate: str
    triggers: tuple[Any, ...]
    subject: str  # "left", "right", or "record": the project whose record the document is
    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]
    confidence: float
    gap: int
    skip: frozenset[str]
    after: frozenset[str]
    pairwise: bool = False
    agents_with: bool = False
    nested: bool = False
    with_partners: bool = False
    unless_agent: frozenset[str] = frozenset()  # triggers opening with these words that follow a "by" agent name co-agents
    object_side: str = ""  # "context": the sentence's event, else the last one before it
    left_side: str = ""  # "comma": the actor after the comma closing a fronted phrase; "context": as object_side

    @property
    def extractor(self) -> str:
        return "pattern:" + self.name

    def types(self, side: str) -> tuple[str, ...]:
        if self.subject == "record":
            return self.object_types
        return self.subject_types if side == self.subject else self.object_types


@lru_cache(maxsize=1)
def load() -> tuple[Pattern, ...]:
    """The patterns of ``ontology/patterns/relations.yaml``."""
    data = parse_yaml(ontology_path("patterns/relations.yaml").read_text("utf-8"))
    defaults = data.get("defaults", {})
    out = []
    names = set()
    for p in data["patterns"]:
        if p["name"] in names:
            raise ValueError(f"relation pattern {p['name']!r} is defined twice")
        names.add(p["name"])
        out.append(
            Pattern(
                name=p["name"],
                predicate=p["predicate"],
                triggers=tuple(p["trigger"]),
                subject=p.get("subject", "left"),
                subject_types=tuple(p["subject_types"]),
                object_types=tuple(p["object_types"]),
                confidence=float(p.get("confidence", 0.7)),
                gap=int(p.get("gap", defaults.get("gap", 2))),
                skip=frozenset([*defaults.get("skip", ()), *p.get("skip", ())]),
                after=frozenset(p.get("after", ())),
                pairwise=bool(p.get("pairwise", False)),
                agents_with=bool(p.get("agents_with", False)),
                nested=bool(p.get("nested", False)),
                with_partners=bool(p.get("with_partners", False)),
                unless_agent=frozenset(p.get("unless_agent", ())),
                object_side=str(p.get("object_side", "")),
                left_side=str(p.get("left_side", "")),
            )
        )
    return tuple(out)


def effective_type(m: Any) -> str:
    """A mention's class for pattern ends: places that are countries count as countries."""
    if m.key and m.key.startswith("country/"):
        return "Country"
    if m.type == "Place":
        from ..resolve import countries

        if countries.from_name(m.text):
            return "Country"
    return m.type


def mention_spans(parsed: Any, col: Collector) -> Iterator[tuple[int, int, int, str]]:
    """The live mentions of ``col`` laid over the tokens of ``parsed``: (mention, start token,
    end token, effective type); mentions without offsets or off the tokens are left out."""
    for i, m in col.live():
        if m.start is None or m.end is None:
            continue
        span = parsed.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span):
            yield i, span.start, span.end, effective_type(m)


class _Doc:
    """A parsed document with the live mentions laid over its tokens."""

    def __init__(self, parsed: Any, col: Collector, subject: int | None = None) -> None:
        self.doc = parsed
        self.col = col
        self.subject = subject  # the project the whole document is about, if any
        self._names: dict[str, set[Any]] | None = None  # the sentences naming each project
        self.at: dict[int, list[tuple[int, int, int, str]]] = {}  # token → (mention, start tok, end tok, type)
        for i, start, end, t in mention_spans(parsed, col):
            for tok in range(start, end):
                self.at.setdefault(tok, []).append((i, start, end, t))

    def mention(self, tok: int, types: tuple[str, ...]) -> tuple[int, int, int] | None:
        """The longest mention of an allowed type covering token ``tok``: (index, start, end)."""
        best = None
        for i, s, e, t in self.at.get(tok, ()):
            if t in types and (best is None or e - s > best[2] - best[1]):
                best = (i, s, e)
        return best

    def skippable(self, tok: Any, skip: frozenset[str]) -> bool:
        return tok.is_space or tok.lower_ in skip or tok.pos_ == "DET" or tok.text in '("“:'

    def right(
        self, i: int, end: int, types: tuple[str, ...], gap: int, skip: frozenset[str], *, nested: bool = False
    ) -> list[int]:
        """Mentions in the coordinated list starting at token ``i`` (after a few skippable tokens).

        With ``nested``, the places an item is "of"/"in" join the list ("Suning County of Hebei Province").
        """
        doc = self.doc
        k = 0
        while i < end and k < gap and self.mention(i, types) is None and self.skippable(doc[i], skip):
            i += 1
            k += 1
        found = self.mention(i, types) if i < end else None
        if found is None:
            return []
        out = [found[0]]
        seps: list[str] = []
        i = found[2]
        while i < end:
            if doc[i].lower_ in ("of", "in") and i + 1 < end:
                where = self.mention(i + 1, ("Country", "Place"))
                if where is not None and where[0] not in out:
                    if nested and self.mention(i + 1, types) is not None:
                        out.append(where[0])
                    i = where[2]  # "the Ministry of Agriculture of Ghana and FAO"
                    continue
            if doc[i].text == "(":
                close = next((j for j in range(i + 1, min(end, i + 10)) if doc[j].text == ")"), None)
                if close is None:
                    break
                i = close + 1
                continue
            adjacent = self.mention(i, types)
            if adjacent is not None:
                i = adjacent[2]  # "WFP China" + "COE": one name read as two
                continue
            j, separated = i, False
            words = []
            while j < end and (_separator(doc, j) or doc[j].is_space):
                separated = separated or not doc[j].is_space
                if not doc[j].is_space:
                    words.append(doc[j].lower_)
                j += 1
            if separated and words == [","] and j < end and doc[j].lower_ in ("which", "who"):
                close = next((c for c in range(j + 1, min(end, j + 25)) if doc[c].text == ","), None)
                if close is not None and close + 1 < end and doc[close + 1].lower_ == "and":
                    j, words = close + 2, [",", "and"]  # "by A, which trains the growers, and B"
            if separated and words == [","] and not nested and any(w.split()[-1] in ("and", "or") for w in seps):
                break  # "financed by A and B, the Centre works": the list closed with "and"
            if separated:
                seps.append(" ".join(words))
            if not separated:
                if doc[i].lower_ in _AFFILIATION_LINKS and self._persons(out):
                    i = self._past_affiliation(i + 1, end)  # "A of BRAC, B and C"
                    if i is not None:
                        continue
                break
            k = 0
            while j < end and k < gap and self.mention(j, types) is None and self.skippable(doc[j], skip):
                j += 1
                k += 1
            found = self.mention(j, types) if j < end else None
            if found is None and words == [","] and self._persons(out):
                # "A, Secretary of the Ministry of Food, and B": over the title to the next item
                after = self._past_affiliation(j, end)
                if after is not None and after < end and doc[after].text == "," :
                    i = after
                    continue
            if found is None:
                break
            out.append(found[0])
            i = found[2]
        if len(out) == 2 and seps == [","] and not nested:
            out = out[:1]  # "the Centre of Cooperation Service, MARA": the second names the first's parent
        return out + self._including(i, end, types, gap, skip)

    def _persons(self, items: list[int]) -> bool:
        return bool(items) and all(self.col.mention(m).type == "Person" for m in items)

    def _past_affiliation(self, j: int, end: int) -> int | None:
        """The token after a person's title or affiliation starting at ``j`` ("Secretary of the
        Ministry of Food", "BRAC"): a short run of names, titles and linking words, before a comma
        or "and"; None when the run holds anything else."""
        doc = self.doc
        start = j
        while j < end and j - start < 14:
            tok = doc[j]
            if tok.text == "," or tok.lower_ in ("and", "&"):
                break
            if self.mention(j, ("Person",)) is not None or tok.text in _BREAKS:
                return None
            hit = self.mention(j, ("Organisation", "Country", "Place"))
            if hit is not None:
                j = hit[2]
                continue
            if not (tok.is_title or tok.is_upper or tok.lower_ in _TITLE_GLUE or tok.is_space):
                return None
            j += 1
        return j if j > start and j < end else None

    def past_apposition(self, found: list[int], start: int, sent: Any, types: tuple[str, ...]) -> list[int]:
        """The left end of a trigger just after an apposition ("A, a specialised agency of B, in
        collaboration with C"): A, whom the apposition describes, not B inside it."""
        doc = self.doc
        while start - 1 > sent.start and doc[start - 1].lower_ in ("in", "through", "together", "jointly"):
            start -= 1  # "…, in collaboration with": the trigger may start after "in"
        if not found or start - 1 <= sent.start or doc[start - 1].text != ",":
            return found
        for k in range(start - 2, max(sent.start, start - APPOSITION) - 1, -1):
            if doc[k].text in _BREAKS:
                return found
            if doc[k].text == "," and k + 1 < start and doc[k + 1].lower_ in ("a", "an", "one"):
                inside = all(any(k < s < start for s, _e in self.spans_of(m)) for m in found)
                before = self.mention(k - 1, types) if k > sent.start else None
                return [before[0]] if inside and before is not None else found
        return found

    def spans_of(self, i: int) -> list[tuple[int, int]]:
        """The (start, end) tokens of mention ``i``."""
        return sorted({(s, e) for hits in self.at.values() for m, s, e, _t in hits if m == i})

    def partners_after(self, i: int, end: int, types: tuple[str, ...], skip: frozenset[str]) -> list[int]:
        """", in collaboration with A and B" right after a list: A and B."""
        doc = self.doc
        j = i
        while j < end and (doc[j].text == "," or doc[j].is_space):
            j += 1
        if j > i and j < end and doc[j].lower_ in ("a", "an", "one"):
            # over an apposition: "by A, a specialised institution of B, in collaboration with C"
            close = next((k for k in range(j, min(end, j + APPOSITION)) if doc[k].text in _BREAKS | {","}), None)
            if close is not None and doc[close].text == ",":
                j = close + 1
        for k in range(j, min(end, j + 4)):
            if doc[k].lower_ == "with" and k > j and doc[k - 1].lower_ in _COLLABORATION:
                return self.right(k + 1, end, types, 2, skip)
        return []

    def list_end(self, items: list[int]) -> int:
        """The token after the last of ``items``."""
        ends = [e for tok, hits in self.at.items() for i, _s, e, _t in hits if i in items]
        return max(ends) if ends else 0

    def context_event(self, sent: Any) -> list[int]:
        """The one Event the sentence names, else the last Event named before it (nearby)."""
        inside = self.only(sent, ("Event",))
        if inside:
            return inside
        for j in range(sent.start - 1, max(0, sent.start - ANTECEDENT_WINDOW) - 1, -1):
            found = self.mention(j, ("Event",))
            if found is not None:
                return [found[0]]
        return []

    def _including(self, i: int, end: int, types: tuple[str, ...], gap: int, skip: frozenset[str]) -> list[int]:
        """"… guests from several agencies, including FAO and JICA": the list goes on after "including"."""
        doc = self.doc
        for j in range(i, min(end, i + INCLUDING_WINDOW)):
            if doc[j].text in _BREAKS or doc[j].pos_ in ("VERB", "AUX") and doc[j].lower_ not in _LIST_OPENERS:
                return []
            if doc[j].lower_ in _LIST_OPENERS:
                k = j + 1
                if doc[j].lower_ == "such" and k < end and doc[k].lower_ == "as":
                    k += 1
                return self.right(k, end, types, gap, skip)
        return []

    def after_comma(self, end: int, sent: Any, types: tuple[str, ...]) -> list[int]:
        """The actor after the comma closing a fronted phrase; a person before an organisation."""
        doc = self.doc
        comma = next((j for j in range(end, sent.end) if doc[j].text == ","), None)
        if comma is None:
            return []
        found = []
        for j in range(comma + 1, min(sent.end, comma + 1 + WINDOW)):
            if doc[j].pos_ in ("VERB", "AUX") or doc[j].text in _BREAKS:
                break
            hit = self.mention(j, types)
            if hit is not None and hit[0] not in found:
                found.append(hit[0])
        persons = [i for i in found if self.col.mention(i).type == "Person"]
        return persons[:1] or found[:1]

    def only(self, sent: Any, types: tuple[str, ...]) -> list[int]:
        """The mention of a class in a sentence, when the sentence names one entity of that class."""
        found: dict[str | None, int] = {}
        for tok in range(sent.start, sent.end):
            for i, _s, _e, t in self.at.get(tok, ()):
                if t in types:
                    m = self.col.mention(i)
                    found.setdefault(m.key or " ".join((m.long_form or m.text).lower().split()), i)
        return list(found.values()) if len(found) == 1 else []

    def of_token(self, tok: Any, types: tuple[str, ...]) -> list[int]:
        """Mentions naming ``tok`` and its conjuncts (the mention covering it, else one in its phrase)."""
        out = []
        for t in (tok, *tok.conjuncts):
            found = self.mention(t.i, types)
            if found is None:
                for j in range(t.left_edge.i, t.right_edge.i + 1):
                    if not _modifies(self.doc[j], t):
                        continue  # "X's planned modality": X is not the subject
                    found = self.mention(j, types)
                    if found is not None:
                        break
            if found is not None and found[0] not in out:
                out.append(found[0])
        return out

    def left(self, start: int, sent: Any, types: tuple[str, ...]) -> tuple[list[int], Any, bool]:
        """The left end(s) of a trigger starting at token ``start``; the governing verb; by parse?"""
        doc = self.doc
        tok = doc[start]
        while tok.dep_ in ("advmod", "neg") and tok.head.i != tok.i and tok.head.i >= start:
            tok = tok.head  # "jointly organized": the verb
        node = tok
        for _ in range(5):
            if node.dep_ in ("acl", "relcl") and node.head.i < node.i:
                if _in_fronted_phrase(node.head) and sent.root.i != node.i:
                    node = sent.root  # "During the Forum, a Symposium was held, co-organized by …"
                    continue
                found = self.of_token(node.head, types)
                if found:
                    return found, node, True
                found = self.antecedent(node.head, sent, types)  # "The initiative, financed by X"
                if found:
                    return found, node, False
                break
            # the trigger's own verb takes a subject before it; a governing verb may have it after
            # ("Speaking at the forum, X said")
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and (c.i < start or node is not tok)]
            if subjects:
                found = self.of_token(subjects[0], types)
                if found:
                    return found, node, True
                found = self.antecedent(subjects[0], sent, types)
                if found:
                    return found, node, False
                break
            if node.dep_ in _CLIMB and node.head.i != node.i:
                node = node.head
                continue
            if node.pos_ in ("NOUN", "PROPN") and node.i < start:
                found = self.of_token(node, types)
                if found:
                    return found, node, True
            break
        # positional fallback: the nearest mention of an allowed type to the left, in the clause,
        # passing over a "(in collaboration / together) with …" phrase, which names partners
        j = start - 1
        for w in range(start - 1, max(sent.start, start - 3 * WINDOW), -1):
            if doc[w].text in _BREAKS:
                break
            if doc[w].lower_ == "with" and doc[w - 1].lower_ in _COLLABORATION:
                j = w - 2
                break
        candidate = None
        for k in range(j, max(sent.start, j - WINDOW) - 1, -1):
            if doc[k].text in _BREAKS:
                break
            found = self.mention(k, types)
            if found is not None:
                candidate = found[0]
                break
        if candidate is not None:
            return [candidate], node, False
        return [], node, False

    def antecedent(self, tok: Any, sent: Any, types: tuple[str, ...]) -> list[int]:
        """What "it", "they", "the project" or "this event" stands for: the last fitting mention before,
        else the project the document is about."""
        generic = tok.lower_ in _ANAPHORS or (
            tok.pos_ in ("NOUN", "PROPN") and any(c.lower_ in ("the", "this", "that") for c in tok.children)
            and tok.lower_ in _REFERRING_NOUNS
            and not any(c.i < tok.i and c.dep_ != "det" and (c.is_title or c.is_upper or c.pos_ == "PROPN")
                        for c in tok.children)  # "The Coastal Mangrove Project" is a name
        )
        if not generic and tok.lower_ in _PROJECT_WORDS and "Project" in types and self._short_for_subject(tok):
            return [self.subject]  # "The Solar Pumps project" of a document about the Solar Pumps for Farmers Project
        if not generic or any(c.lower_ in _later_modifiers() for c in tok.children):
            return []  # "the next workshop" is still to come: no event named before
        return self._before(sent, types, tok.lower_)

    def _short_for_subject(self, tok: Any) -> bool:
        """Whether "the <Name> project" at ``tok`` is a shortening of the document's project: the
        capitalised words before the noun stand, in order, at the start of that project's name."""
        if self.subject is None:
            return False
        before = [t for t in self.doc[tok.left_edge.i : tok.i] if t.dep_ != "det"]
        if len(before) < 2 or not all(t.is_title or t.is_upper or t.lower_ in _TITLE_GLUE or t.is_punct for t in before):
            return False
        m = self.col.mention(self.subject)
        name = _words(m.long_form or m.text)
        short = _words(self.doc[before[0].i : tok.i].text)
        return len(short) < len(name) and name[: len(short)] == short

    def _in_passing(self, i: int) -> bool:
        """Whether project mention ``i`` is another project than the document's (if it has one), named
        only once and in passing ("under its X Programme")."""
        def name(m: Any) -> str:
            return m.key or " ".join((m.long_form or m.text).lower().split())

        this = name(self.col.mention(i))
        if self.subject is not None and this == name(self.col.mention(self.subject)):
            return False
        if self._names is None:
            self._names = {}
            for _j, m in self.col.live():
                if m.type == "Project":
                    # "X (XP)": a name and its acronym in one sentence name it once
                    self._names.setdefault(name(m), set()).add(m.sentence or m.start)
        if len(self._names.get(this, ())) != 1:
            return False
        at = next((t for t, hits in self.at.items() for x in hits if x[0] == i), None)
        head = self.doc[at] if at is not None else None
        for _ in range(6):  # "under its Feed Africa Programme": the name hangs from such a preposition
            if head is None or head.head.i == head.i or head.pos_ in ("VERB", "AUX"):
                return False  # not past the clause's verb
            if head.dep_ == "pobj" and head.head.lower_ in _PASSING:
                return True
            head = head.head
        return False

    def _before(self, sent: Any, types: tuple[str, ...], word: str) -> list[int]:
        if word in _PROJECT_WORDS:
            types = tuple(t for t in types if t == "Project")  # "the project" is no event
        elif word in _REFERRING_NOUNS:
            types = tuple(t for t in types if t == "Event")
        if not types:
            return []
        lower = max(0, sent.start - ANTECEDENT_WINDOW)
        kind = None if word in _EVENT_PARTS else referent_kind(word)  # a session of any kind of event
        for j in range(sent.start - 1, lower - 1, -1):
            found = self.mention(j, types)
            if found is not None and word in _PROJECT_WORDS and self._in_passing(found[0]):
                if self.subject is not None:
                    return [self.subject]  # a programme named once in a document about its own project
                continue  # "X, a project financed under its Y programme. The project …": X
            if found is not None and (kind is None or _event_kind(self.col.mention(found[0]).text) in (None, kind)):
                return [found[0]]  # "the seminar" never stands for a study visit
        if self.subject is not None and "Project" in types and word in _PROJECT_WORDS | {"it"}:
            return [self.subject]
        return []

    def anaphor_right(self, i: int, sent: Any, types: tuple[str, ...]) -> list[int]:
        """"… provides funding for the project": what "the project" or "it" at token ``i`` stands for."""
        doc = self.doc
        if i >= sent.end:
            return []
        if doc[i].lower_ == "it" and i + 1 < sent.end and doc[i + 1].pos_ in ("VERB", "AUX"):
            return []  # "X funded it was …": no object
        if doc[i].lower_ == "it":
            return self._before(sent, types, "it")
        if doc[i].lower_ not in ("the", "this", "that", "these", "its", "their"):
            return []
        for j in range(i + 1, min(sent.end, i + 4)):
            if self.mention(j, types) is not None:
                return []  # a name, not a reference
            if doc[j].lower_ in _REFERRING_NOUNS:
                if j + 1 < sent.end and (doc[j + 1].lower_ in ("of", "on", "for") or doc[j + 1].pos_ == "PROPN"):
                    return []  # "the programme of the Government": a new description
                if j + 1 < sent.end and doc[j + 1].text in ("'s", "’s"):
                    return []  # "manages the project's monitoring": the object is the monitoring
                return self._before(sent, types, doc[j].lower_)
            if doc[j].pos_ not in ("ADJ", "NOUN", "VERB") or doc[j].is_title:
                return []
        return []

    def partners_of(self, verb: Any, sent: Any, types: tuple[str, ...], skip: frozenset[str]) -> list[int]:
        """Organisations named "in collaboration / together / jointly with" before ``verb``."""
        doc = self.doc
        out: list[int] = []
        for j in range(sent.start + 1, verb.i):
            if doc[j].lower_ == "with" and doc[j - 1].lower_ in _COLLABORATION:
                out.extend(self.right(j + 1, verb.i, types, 2, skip))
        return out


_NAME_PARTS = {"compound", "appos", "flat", "amod", "nummod", "det", "punct", "cc", "conj", "nmod", "case"}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+|[^\w\s]", text.lower())


def _modifies(tok: Any, head: Any) -> bool:
    """Whether ``tok`` is part of the name ``head`` heads (compounds, appositions), not a possessor."""
    steps = 0
    while tok.i != head.i and steps < 8:
        if tok.dep_ not in _NAME_PARTS:
            return False
        tok = tok.head
        steps += 1
    return tok.i == head.i


_FRONTED = {"during", "after", "before", "following", "at", "on", "throughout"}


def _in_fronted_phrase(tok: Any) -> bool:
    """Whether ``tok`` sits in a sentence-opening "During the Forum, …" phrase."""
    t = tok
    for _ in range(4):
        if t.dep_ == "prep" and t.lower_ in _FRONTED and t.i < t.head.i:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def document_project(col: Collector, parsed: Any) -> int | None:
    """The project a text is about: the only one it names, or the one its first sentence names
    when none is named more often."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    lead_end = next(iter(parsed.sents)).end_char if len(parsed) else 0
    lead = set()
    for i, m in col.live():
        if m.type != "Project" or m.start is None:
            continue
        name = m.key or " ".join((m.long_form or m.text).lower().split())
        counts[name] = counts.get(name, 0) + 1
        first.setdefault(name, i)
        if m.start < lead_end:
            lead.add(name)
    if len(counts) == 1:
        return next(iter(first.values()))
    if len(lead) == 1:
        name = next(iter(lead))
        if all(n <= counts[name] for other, n in counts.items() if other != name):
            return first[name]
    return None


def _evidence(sent: Any) -> Evidence:
    text = doc_text(sent.doc)[sent.start_char : sent.end_char]
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    return Evidence(stripped, sent.start_char + lead, sent.start_char + lead + len(stripped))


_MANDATORY_OPS = (None, "+", "1")


def _required(trigger: list[dict[str, Any]]) -> tuple[frozenset[str], ...]:
    """The words a trigger cannot match without: for each token it must have, the lower-case
    forms it may take (tokens matched by other attributes or optional ones say nothing)."""
    out = []
    for tok in trigger:
        if tok.get("OP") not in _MANDATORY_OPS:
            continue
        for attr in ("LOWER", "ORTH", "TEXT"):
            value = tok.get(attr)
            if isinstance(value, str):
                out.append(frozenset([value.lower()]))
                break
            if isinstance(value, dict) and set(value) == {"IN"}:
                out.append(frozenset(str(v).lower() for v in value["IN"]))
                break
    return tuple(out)


_REPEATS = re.compile(r"\{(\d*)(,?)(\d*)\}")


def _longest(trigger: list[dict[str, Any]]) -> int | None:
    """How many tokens a match of ``trigger`` spans at most (None: no bound)."""
    total = 0
    for tok in trigger:
        op = tok.get("OP")
        if op in (None, "1", "!", "?"):
            total += 1
            continue
        repeats = _REPEATS.fullmatch(str(op))
        if repeats is None or (repeats.group(2) and not repeats.group(3)):
            return None  # "*", "+", "{n,}"
        total += int(repeats.group(3) or repeats.group(1))
    return total


@dataclass(frozen=True)
class _Triggers:
    """The trigger matchers of one vocabulary, one per pattern, with the words each needs.

    spaCy's Matcher tries every pattern at every token; most sentences hold the words of
    none or a few patterns, so a sentence only meets the matchers whose words it has,
    and a matcher whose matches are short only reads the tokens around those words.
    """

    vocab: Any
    patterns: dict[str, Pattern]
    matchers: dict[str, Any]
    needs: dict[str, tuple[tuple[frozenset[int], ...], ...]]  # pattern → per trigger: word hashes per token
    by_word: dict[int, frozenset[str]]  # a word → the patterns one of whose triggers needs it first
    always: frozenset[str]  # patterns with a trigger that needs no particular word
    reach: dict[str, int | None]  # pattern → the longest match of its triggers (None: unbounded)
    firsts: dict[str, frozenset[int]]  # pattern → the words of the first need of each of its triggers

    def __call__(self, parsed: Any) -> list[tuple[str, int, int]]:
        from spacy.attrs import LOWER

        lowers = parsed.to_array(LOWER)
        found = []
        for sent in parsed.sents:
            sent_lowers = lowers[sent.start : sent.end].tolist()
            words = set(sent_lowers)
            maybe = set(self.always)
            for w in words.intersection(self.by_word):
                maybe |= self.by_word[w]
            for name in self.patterns:
                if name in maybe and any(all(not need.isdisjoint(words) for need in t) for t in self.needs[name]):
                    matcher = self.matchers[name]
                    for start, end in self._windows(name, sent_lowers, sent.start):
                        found.extend((name, start + a, start + b) for _, a, b in matcher(parsed[start:end]))
        return found

    def _windows(self, name: str, sent_lowers: list[int], offset: int) -> list[tuple[int, int]]:
        """The token ranges of a sentence (starting at token ``offset``) that hold every match of
        pattern ``name``: around each word that starts one of its triggers' needs, as far as its
        longest match reaches, overlapping ranges merged; the whole sentence when that is unbounded.

        Every match holds such a word (the first word its trigger must have), so a match lies
        whole in exactly one range, and the matcher finds the same matches in the same order.
        """
        reach = self.reach[name]
        end = offset + len(sent_lowers)
        if reach is None:
            return [(offset, end)]
        firsts = self.firsts[name]
        out: list[tuple[int, int]] = []
        for i, w in enumerate(sent_lowers):
            if w in firsts:
                lo, hi = max(offset, offset + i - reach + 1), min(end, offset + i + reach)
                if out and lo <= out[-1][1]:
                    out[-1] = (out[-1][0], hi)
                else:
                    out.append((lo, hi))
        return out


_TRIGGERS: list[_Triggers] = []  # the matchers of the last vocabulary seen


def _triggers(vocab: Any) -> _Triggers:
    """The trigger matchers of ``vocab``, compiled once (compiling costs more than matching)."""
    if not _TRIGGERS or _TRIGGERS[0].vocab is not vocab:
        from spacy.matcher import Matcher

        patterns = {p.name: p for p in load()}
        matchers, needs = {}, {}
        for p in patterns.values():
            matchers[p.name] = Matcher(vocab)
            matchers[p.name].add(p.name, [list(t) for t in p.triggers])
            needs[p.name] = tuple(
                tuple(frozenset(vocab.strings.add(w) for w in words) for words in _required(t)) for t in p.triggers
            )
        firsts = {name: frozenset().union(*(t[0] for t in triggers if t)) for name, triggers in needs.items()}
        always = frozenset(name for name, triggers in needs.items() if not all(triggers))
        by_word: dict[int, set[str]] = {}
        for name, words in firsts.items():
            for w in words:
                by_word.setdefault(w, set()).add(name)
        reach: dict[str, int | None] = {}
        for p in patterns.values():
            longest = [_longest(list(t)) for t in p.triggers]
            bounded = [n for n in longest if n is not None]
            reach[p.name] = max(bounded) if p.name not in always and len(bounded) == len(longest) else None
        _TRIGGERS[:] = [_Triggers(vocab, patterns, matchers, needs,
                                  {w: frozenset(n) for w, n in by_word.items()}, always, reach, firsts)]
    return _TRIGGERS[0]


def apply(
    col: Collector, parsed: Any, *, skip_spans: list[tuple[int, int]] | None = None, record: int | None = None
) -> None:
    """Run every relation pattern over the sentences of ``parsed``; edges go into ``col``."""
    triggers = _triggers(parsed.vocab)
    view = _Doc(parsed, col, record if record is not None else document_project(col, parsed))
    skip_spans = skip_spans or []
    seen: set[tuple[str, int]] = set()
    for name, start, end in sorted(triggers(parsed), key=lambda t: (t[1], t[2] - t[1])):
        p = triggers.patterns[name]
        if (p.name, start) in seen:
            continue  # the shortest trigger at a position
        seen.add((p.name, start))
        sent = parsed[start].sent
        char = parsed[start].idx
        if any(s <= char < e for s, e in skip_spans):
            continue
        if p.subject == "record" and record is None:
            continue
        _one(view, p, start, end, sent, record)


def _separator(doc: Any, j: int) -> bool:
    """Whether token ``j`` joins two names of a list: "A and B", "A together with B", "A in
    conjunction with B"."""
    word = doc[j].lower_
    if word == "in":
        return j + 1 < len(doc) and doc[j + 1].lower_ == "conjunction"
    if word == "conjunction":
        return j > 0 and doc[j - 1].lower_ == "in"
    return word in _SEPARATORS


def _after_agent(doc: Any, start: int, sent: Any) -> bool:
    """Whether token ``start`` continues a "by …" agent phrase ("carried out by A together with B"):
    a "by" before it in its clause, with no verb in between."""
    for j in range(start - 1, sent.start - 1, -1):
        tok = doc[j]
        if tok.lower_ == "by":
            return True
        if tok.text in _BREAKS or tok.pos_ == "AUX" or tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound"):
            return False
    return False


def _one(view: _Doc, p: Pattern, start: int, end: int, sent: Any, record: int | None = None) -> None:
    doc = view.doc
    if p.unless_agent & {t.lower_ for t in doc[start:end]} and _after_agent(doc, start, sent):
        return
    right_types = p.types("right")
    left_types = p.types("left")
    i, gap = end, p.gap
    if p.after:
        j = next((j for j in range(end, min(sent.end, end + p.gap + 1)) if doc[j].lower_ in p.after), None)
        if j is None:
            return
        i, gap = j + 1, 2
    right = view.right(i, sent.end, right_types, gap, p.skip, nested=p.nested)
    if not right and set(right_types) <= {"Project", "Event"}:
        right = view.anaphor_right(i, sent, right_types)
    if p.with_partners and right:
        right = right + [m for m in view.partners_after(view.list_end(right), sent.end, right_types, p.skip)
                         if m not in right]
    if p.object_side == "context" and p.subject == "left":
        right = view.context_event(sent)  # "Ms. X presented the results": at the event of the passage
    if not right and not p.pairwise and p.subject in ("left", "right"):
        return  # no edge without its right end: the left one need not be sought
    if p.object_side == "context" and p.subject != "left":
        left, verb, parsed_left = view.context_event(sent), None, True
    elif p.left_side == "context":
        left, verb, parsed_left = view.only(sent, left_types) or view._before(sent, left_types, "it"), None, True
    elif p.left_side == "comma":
        left, verb, parsed_left = view.after_comma(end, sent, left_types), None, True
    else:
        left, verb, parsed_left = view.left(start, sent, left_types)
    if not left and verb is not None and start - sent.start <= 1 and p.subject in ("left", "right"):
        left = view.after_comma(end, sent, left_types)  # "Speaking at the forum, Dr. X said"
        parsed_left = False
    if p.agents_with and p.subject == "right" and verb is not None:
        left = left + [m for m in view.partners_of(verb, sent, left_types, p.skip) if m not in left]
    if p.subject == "record":
        subjects, objects = [record], left  # the project the document is the record of
    elif p.subject == "sentence":
        subjects = view.only(sent, p.subject_types)
        before = view.mention(start - 1, p.object_types) if start > sent.start else None
        if before is None and start - 1 > sent.start and doc[start - 1].lower_ in p.skip | {"'s", "’s"}:
            before = view.mention(start - 2, p.object_types)
        objects = [before[0]] if before else []
        left, parsed_left = objects, True
    else:
        subjects, objects = (left, right) if p.subject == "left" else (right, left)
    if p.subject == "left" and not p.left_side and not p.object_side:
        subjects = view.past_apposition(subjects, start, sent, left_types)
    persons = [s for s in subjects if view.col.mention(s).type == "Person"]
    if persons and "Person" in p.subject_types:
        subjects = persons  # "Dr. X, Officer, FAO Office, attended": the office is an apposition
    evidence = _evidence(sent)
    confidence = p.confidence * (1.0 if parsed_left or not left else FALLBACK)
    for s in subjects:
        for o in objects:
            view.col.relate(s, p.predicate, o, p.extractor, confidence, evidence)
    if p.pairwise:
        for a, s in enumerate(subjects):
            for o in subjects[a + 1 :]:
                view.col.relate(s, p.predicate, o, p.extractor, confidence, evidence)


__all__ = ["Pattern", "apply", "effective_type", "load"]


@lru_cache(maxsize=1)
def _later_modifiers() -> frozenset[str]:
    """"next", "upcoming": words that make "the <event>" one still to come."""
    return frozenset(_event_vocabulary()["later_modifiers"])
