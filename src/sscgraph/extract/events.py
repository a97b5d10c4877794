"""Events named in prose and in activity tables, with stable keys.

An event's key is ``event/<slug of its normalised name>``: the name without
articles, "(Online)" markers, numbering or formatting, so the same event named
in a table row and in a paragraph of the same report is one node. Prose names
that differ slightly from a table's ("Online Training Workshop on …",
another dash) are matched to it by fuzzy similarity (rapidfuzz). Words that
make a phrase an event's name come from ``ontology/patterns/events.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..ids import slug
from ..resources import ontology_path, parse_yaml
from . import dates

_MARKUP = re.compile(r"[*_`]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
_ONLINE = re.compile(r"\((?:online|virtual|hybrid)\)", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:\d{1,3}|[ivx]{1,4})[.)]\s*", re.IGNORECASE)
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
_SPACES = re.compile(r"\s+")

MATCH_THRESHOLD = 90
"""Minimum rapidfuzz ratio for a prose name to be the same event as a table row."""


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    return parse_yaml(ontology_path("patterns/events.yaml").read_text("utf-8"))


@lru_cache(maxsize=8192)
def normalise_name(text: str) -> str:
    """The comparison form of an event name (lower case, no markers, articles or numbering)."""
    t = _MARKUP.sub("", text).translate(_QUOTES)
    t = _NUMBERING.sub("", t)
    t = _ONLINE.sub(" ", t)
    t = _TRAILING_PAREN.sub("", t) or t
    t = _SPACES.sub(" ", t).strip(" .,;:-").lower()
    t = re.sub(r"\s*-\s*", "-", t)
    t = re.sub(r"(\w)\(", r"\1 (", t)
    drop = set(vocabulary()["drop_leading"])
    words = t.split(" ")
    while len(words) > 1 and words[0] in drop:
        words = words[1:]
    return " ".join(words).replace('"', "")


def display_name(text: str) -> str:
    """A clean label for an event name as written (markup and "(Online)" removed)."""
    t = _MARKUP.sub("", text)
    t = _NUMBERING.sub("", t)
    t = _ONLINE.sub(" ", t)
    return _SPACES.sub(" ", t).strip(" .,;:")


def key_of(name: str) -> str:
    return "event/" + slug(normalise_name(name))


def kind_of(name: str) -> str | None:
    """The kind of event its name announces (the last head word in it)."""
    heads = vocabulary()["heads"]
    low = name.lower()
    best: tuple[int, str] | None = None
    for word, kind in heads.items():
        for m in re.finditer(rf"\b{re.escape(word)}\b", low):
            if best is None or m.start() > best[0]:
                best = (m.start(), kind)
    return best[1] if best else None


def referent_kind(word: str) -> str | None:
    """The kind of event "the <word>" can stand for; None when any event will do ("the session",
    "the day": parts of whichever event the passage is about)."""
    low = word.lower()
    if low in vocabulary()["part_heads"]:
        return None
    return kind_of(low)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


_STOP_LEADING = {
    "during", "in", "at", "on", "for", "after", "before", "since", "as", "with", "by", "through",
    "while", "when", "also", "both", "this", "that", "these", "those", "its", "their", "our",
    "another", "the", "a", "an", "online", "virtual", "speaking", "following", "under", "from",
    "about", "and", "of", "to", "then", "there", "here", "last", "next", "his", "her",
}


@lru_cache(maxsize=1)
def _phrase_regex() -> re.Pattern[str]:
    conn = "|".join(re.escape(c) for c in vocabulary()["connectors"] if c[0].isalpha())
    word = r"(?:[A-Z0-9][\w'’&]*(?:-[\w'’&]+)*)"
    quoted = r"(?:[“\"][^”\"\n]{2,160}[”\"])"
    gap = rf"(?:[ ]+(?:(?:{conn}|&)[ ]+)*|[ ]*[:–—-][ ]*)"
    theme = rf"(?:[ ]+(?:themed\s+by|themed|entitled|titled|called|on\s+the\s+theme)[ ]+{quoted})?"
    return re.compile(rf"(?<![\w’'-]){word}(?:{gap}(?:{word}|{quoted}))*{theme}")


_THEME_WORDS = {"themed", "entitled", "titled", "called"}
_HONORIFIC = {"dr", "mr", "ms", "mrs", "prof", "h.e", "sir", "madam"}


def _head_ok(tokens: list[str]) -> bool:
    """An event name has a capitalised head word, not preceded by a connector ("in the Webinar")
    nor followed by a capitalised word ("Training Center" names an organisation)."""
    heads = vocabulary()["heads"]
    weak = set(vocabulary()["weak_heads"])
    connectors = set(vocabulary()["connectors"])
    caps = [t for t in tokens if t[:1].isupper() or t[:1].isdigit()]
    last = None
    for i, tok in enumerate(tokens):
        low = tok.lower().strip("'’:")
        if low in heads and tok[:1].isupper():
            last = i
    if last is None:
        return False
    head = tokens[last].lower().strip("'’:")
    if head in weak and len(caps) < 3:
        return False
    if last > 0 and tokens[last - 1].lower() in connectors:
        return False
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    return not (
        after and not tokens[last].endswith(":") and after.lower() not in connectors
        and after[:1] not in '“"' and after.lower() not in _THEME_WORDS
    )


def _only_platform(tokens: list[str]) -> bool:
    """"Zoom Conference", "ZOOM WEBINAR": a meeting tool and a head word name no event."""
    heads = vocabulary()["heads"]
    platforms = set(vocabulary().get("platforms", ()))
    rest = [t.lower().strip("'’:") for t in tokens if t.lower().strip("'’:") not in heads]
    return bool(rest) and all(t in platforms for t in rest)


def _trim(tokens: list[str]) -> int:
    """How many tokens of a phrase to keep: stop at an honorific, at a venue after the head word
    ("Dialogue at the Serena Hotel") or at a trailing "and <non-event>"; "and" inside a topic
    ("Course on Seed Drying and Grain Storage") joins two parts of the topic."""
    heads = vocabulary()["heads"]
    for i, tok in enumerate(tokens):
        if tok.lower().rstrip(".") in _HONORIFIC:
            return i
    words = [t.lower().strip("'’:") for t in tokens]
    last = max((i for i, w in enumerate(words) if w in heads and tokens[i][:1].isupper()), default=None)
    if last is not None and "at" in words[last + 1 :]:
        return words.index("at", last + 1)
    for i, w in enumerate(words):
        if w in ("and", "&") and i > 0:
            before = any(t in heads for t in words[:i])
            after = any(t in heads for t in words[i + 1 :])
            if before and not after:
                return _topic_pair(tokens, words, last, i)
    return len(tokens)


#: Prepositions after which a part of an event's name ends and its venue or time begins.
_VENUE_WORDS = {"in", "at", "from", "during", "by"}


def _topic_pair(tokens: list[str], words: list[str], head: int | None, i: int) -> int:
    """Where a name whose "and" (at ``i``) follows its topic ends: after the capitalised words that
    "and" adds to the topic, up to a venue; at the "and" when they are an acronym, a country or
    more than a short phrase (another name joined to the event's)."""
    from ..resolve import countries

    topic = head is not None and any(w in vocabulary()["topic_prepositions"] for w in words[head + 1 : i])
    j = i + 1
    while j < len(words) and words[j] not in vocabulary()["connectors"]:
        j += 1
    part = tokens[i + 1 : j]
    if not topic or not 1 <= len(part) <= 3 or any(t.isupper() or not t[:1].isupper() for t in part) \
            or countries.from_name(" ".join(part)):
        return i
    return j if j < len(words) and words[j] in _VENUE_WORDS else len(tokens)


def _nth_token_end(phrase: str, n: int) -> int:
    pos = 0
    for m in re.finditer(r"\S+", phrase):
        if n == 0:
            return pos
        pos = m.end()
        n -= 1
    return pos


@lru_cache(maxsize=1)
def _head_starts() -> tuple[str, ...]:
    return tuple(vocabulary()["heads"])


def named_spans(text: str) -> list[Span]:
    """Capitalised names containing an event word: "Webinar on Post-Harvest Loss Management"."""
    out: list[Span] = []
    starts = _head_starts()
    for m in _phrase_regex().finditer(text):
        start, end = m.start(), m.end()
        phrase = m.group(0)
        tokens = phrase.split()
        # Most capitalised phrases hold no event word. Every token of a name kept below is
        # one of these tokens or, when a date cuts one, its beginning: without a token that
        # starts with a head word there is no name.
        if not any(t.lower().lstrip("'’:").startswith(starts) for t in tokens):
            continue
        # drop sentence-initial function words ("During the …", "An Online …")
        while tokens and (
            tokens[0].lower() in _STOP_LEADING
            or (tokens[0].isdigit() and len(tokens) > 1 and tokens[1].lower() in _STOP_LEADING)
        ):
            cut = phrase.index(tokens[0]) + len(tokens[0])
            rest = phrase[cut:]
            start += cut + (len(rest) - len(rest.lstrip()))
            phrase = rest.lstrip()
            tokens = tokens[1:]
        when = dates.find_dates(phrase, 2000)
        if when and when[0].offset > 0:
            # a date ends a name: "Forum on Rice on 3 May" (the name's own year stays: "2020 Forum")
            phrase = phrase[: when[0].offset].rstrip()
            tokens = phrase.split()
        keep = _trim(tokens)
        if keep < len(tokens):
            cut = _nth_token_end(phrase, keep)
            phrase = phrase[:cut].rstrip()
            tokens = tokens[:keep]
        # connectors never end a name
        while tokens and tokens[-1].lower() in vocabulary()["connectors"]:
            phrase = phrase[: phrase.rstrip().rfind(tokens[-1])].rstrip(" :-–—")
            tokens = tokens[:-1]
        end = start + len(phrase)
        if len(tokens) < 2 or not _head_ok(tokens) or _only_platform(tokens):
            continue
        out.append(Span(start, end, text[start:end]))
    return out


def described_spans(text: str) -> list[Span]:
    """Unnamed events introduced by a verb: "organized a conference on solutions for …"."""
    verbs = "|".join(re.escape(v) for v in vocabulary()["introducing_verbs"])
    heads = "|".join(re.escape(h) for h in vocabulary()["heads"] if h not in vocabulary()["weak_heads"])
    rx = re.compile(
        rf"\b(?:{verbs})(?:e?d|s|ing)?\s+(?:an?|the)\s+"
        rf"((?:[\w-]+\s+){{0,3}}?(?:{heads})\s+(?:on|about|to discuss)\s+[^,.;:()\n]{{3,100}})",
        re.IGNORECASE,
    )
    out = []
    for m in rx.finditer(text):
        phrase = m.group(1).rstrip()
        words = phrase.split()
        # stop the topic before a following clause
        for i, w in enumerate(words):
            if i > 2 and w.lower() in {"which", "that", "where", "with", "in", "at", "and", "during", "on", "to"} and i > len(words) // 2:
                words = words[:i]
                break
        phrase = " ".join(words)
        out.append(Span(m.start(1), m.start(1) + len(phrase), text[m.start(1) : m.start(1) + len(phrase)]))
    return out


def reference_spans(text: str) -> list[Span]:
    """Phrases that refer back to an event ("the forum", "The Webinar", "the online Symposium")."""
    heads = "|".join(re.escape(h) for h in vocabulary()["heads"] if h not in vocabulary()["weak_heads"])
    rx = re.compile(
        rf"\b[Tt]he\s+(?:(?:online|virtual|joint|same|grand|training|international)\s+)?(?:{heads}|event)s?\b(?!\s+(?:on|of|for)\s+[A-Z])",
        re.IGNORECASE,
    )
    return [Span(m.start(), m.end(), m.group(0)) for m in rx.finditer(text)]


def best_match(name: str, candidates: dict[str, str]) -> str | None:
    """The key of the candidate name (normalised name → key) most like ``name``, if similar enough."""
    from rapidfuzz import fuzz, process

    norm = normalise_name(name)
    if norm in candidates:
        return candidates[norm]
    if len(norm.split()) < 2 or not candidates:
        return None
    found = process.extractOne(norm, list(candidates), scorer=fuzz.ratio)
    if found and found[1] >= MATCH_THRESHOLD:
        return candidates[found[0]]
    words = set(norm.split())
    hits = set()
    for cand, key in candidates.items():
        # a short form: the prefix or suffix of one known name ("Training Seminar", "Policy Dialogue")
        if cand.startswith((norm + " ", norm + ":")) or cand.endswith(" " + norm) or len(cand.split()) >= 4 and set(cand.split()) <= words:
            hits.add(key)
    if hits:
        return hits.pop() if len(hits) == 1 else None
    return _same_topic(norm, candidates)


_TOPIC_SPLIT = re.compile(r"\b(?:on|about|for)\b")
_TOPIC_STOP = frozenset(["a", "an", "and", "the", "of", "for", "in", "on", "to", "with", "at", "by", "from", "&", "-"])


def topic_words(norm: str) -> frozenset[str]:
    """The content words of an event name's topic (after its first "on"/"about"/"for"), singular."""
    parts = _TOPIC_SPLIT.split(norm, maxsplit=1)
    if len(parts) < 2:
        return frozenset()
    out = set()
    for w in re.findall(r"[\w'-]+", parts[1]):
        if w in _TOPIC_STOP or w.isdigit():
            continue
        out.add(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w)
    return frozenset(out)


def _same_topic(norm: str, candidates: dict[str, str]) -> str | None:
    """A candidate naming the same topic in other words: "Seminar on Global Poverty Reduction
    Partnerships" and "Seminar on Global Partnership for Poverty Reduction" (same kind, the same
    content words or one's a subset of three or more of the other's), or the same long topic of
    five words or more under another kind word (a "Training Workshop on X" held as a "webinar on X")."""
    mine = topic_words(norm)
    if len(mine) < 3:
        return None
    kind = kind_of(norm)
    hits = set()
    for cand, key in candidates.items():
        theirs = topic_words(cand)
        if len(theirs) < 3:
            continue
        same_kind = kind is not None and kind_of(cand) == kind
        if (same_kind and (mine <= theirs or theirs <= mine)) or (mine == theirs and len(mine) >= 5):
            hits.add(key)
    return hits.pop() if len(hits) == 1 else None


__all__ = [
    "Span",
    "best_match",
    "described_spans",
    "display_name",
    "key_of",
    "kind_of",
    "named_spans",
    "normalise_name",
    "reference_spans",
    "referent_kind",
]
