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
from ..resources import ontology_path
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
    import yaml

    return yaml.safe_load(ontology_path("patterns/events.yaml").read_text("utf-8"))


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
    """How many tokens of a phrase to keep: stop at an honorific or a trailing "and <non-event>"."""
    heads = vocabulary()["heads"]
    for i, tok in enumerate(tokens):
        if tok.lower().rstrip(".") in _HONORIFIC:
            return i
    for i, tok in enumerate(tokens):
        if tok.lower() in ("and", "&") and i > 0:
            before = any(t.lower().strip("'’:") in heads for t in tokens[:i])
            after = any(t.lower().strip("'’:") in heads for t in tokens[i + 1 :])
            if before and not after:
                return i
    return len(tokens)


def _nth_token_end(phrase: str, n: int) -> int:
    pos = 0
    for m in re.finditer(r"\S+", phrase):
        if n == 0:
            return pos
        pos = m.end()
        n -= 1
    return pos


def named_spans(text: str) -> list[Span]:
    """Capitalised names containing an event word: "Webinar on Post-Harvest Loss Management"."""
    out: list[Span] = []
    for m in _phrase_regex().finditer(text):
        start, end = m.start(), m.end()
        phrase = m.group(0)
        tokens = phrase.split()
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


GENERIC = "event"
"""The kind of a phrase headed by a word that names any event ("the event"): it refers to any kind."""


@dataclass(frozen=True)
class Phrase:
    """A noun phrase headed by an event word, read from the parse ("a regional training on X").

    ``definite`` phrases ("the three-day workshop", "its consultation") may refer back to an
    event named before; ``name`` is set when the phrase describes its event by a topic
    ("regional training on cold-chain management"), and then it names that event itself.
    """

    start: int
    end: int
    text: str
    kind: str
    definite: bool
    name: str | None = None
    modifiers: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    place_spans: tuple[tuple[int, int], ...] = ()  # "the training in Mombasa", "met in Mombasa at a …"
    when: tuple[int, int] | None = None  # "a consultation on seed policy from 3 to 5 May"
    head: str = ""


def _head_kind(tok: Any) -> tuple[str, int] | None:
    """The kind an event head word gives and the token its (possibly two-word) head starts at."""
    heads = vocabulary()["heads"]
    weak = set(vocabulary()["weak_heads"])
    low = tok.lower_
    if tok.i > tok.sent.start:
        prev = tok.doc[tok.i - 1]
        pair = f"{prev.lower_} {low}"
        if pair in heads:
            return heads[pair], prev.i
    if low in heads and low not in weak:
        return heads[low], tok.i
    if low in vocabulary()["generic_heads"]:
        return GENERIC, tok.i
    return None


def _plural(tok: Any) -> bool:
    low = tok.lower_
    return tok.tag_ in ("NNS", "NNPS") or low in set(vocabulary()["plural_heads"])


def _is_date(tok: Any) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.like_num or tok.lower_.rstrip(".") in dates.MONTHS


def _date_phrase(prep: Any) -> tuple[int, int] | None:
    """Character span of "on 3 May", "from 3 to 5 May 2021" when the preposition introduces a date."""
    end = prep.right_edge.idx + len(prep.right_edge.text)
    rest = prep.doc.text[prep.idx + len(prep.text) : end]
    found = dates.find_dates(rest, 2000)  # any year: only whether it is a date matters here
    if found and not rest[: found[0].offset].strip():
        return prep.idx, end
    return None


def _topic(prep: Any) -> tuple[int, int] | None:
    """Token range (start, end) of "on <topic>", up to a venue, a date, a clause or a comma."""
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objs or _is_date(objs[0]):
        return None
    obj = objs[0]
    stop_preps = set(vocabulary()["topic_stops"])
    cut: set[int] = set()
    for t in obj.subtree:
        if t.dep_ in ("acl", "relcl", "appos", "advcl") or (t.dep_ == "prep" and _ends_topic(t, stop_preps)):
            cut.update(x.i for x in t.subtree)
    end = prep.i + 1
    while end <= obj.right_edge.i and end not in cut and obj.doc[end].text not in ",;:()" and not obj.doc[end].is_space:
        end += 1
    while end > prep.i + 1 and obj.doc[end - 1].dep_ in ("cc", "punct", "det"):
        end -= 1
    words = obj.doc[prep.i + 1 : end]
    if not any(t.pos_ in ("NOUN", "PROPN") for t in words) or len(words) > int(vocabulary()["topic_max_tokens"]):
        return None
    return prep.i, end


def _ends_topic(prep: Any, stop_preps: set[str]) -> bool:
    """"in Accra", "at the university", "from 3 May" end a topic; "in agriculture" does not."""
    if prep.lower_ not in stop_preps:
        return False
    if prep.lower_ not in ("in", "at"):
        return True
    objs = [o for o in prep.children if o.dep_ == "pobj"]
    return not objs or objs[0].pos_ == "PROPN" or _is_date(objs[0]) or any(
        c.dep_ == "det" for c in objs[0].children)


def _dropped_modifier(tokens: list[Any]) -> bool:
    """Durations and evaluations ("three-day", "successful") say nothing of which event it is."""
    units = set(vocabulary()["duration_units"])
    ignored = set(vocabulary()["ignored_modifiers"])
    words = [t.lower_ for t in tokens if t.text != "-"]
    if any(w in units for w in words) and any(t.like_num or t.lower_ in ("half", "multi", "one") for t in tokens):
        return True
    return all(w in ignored for w in words)


def parsed_phrases(parsed: Any) -> list[Phrase]:
    """Event phrases of a parsed document: "a/an <modifiers> <head> on <topic>" (a described event)
    and "the/this/its <modifiers> <head> [on <topic>] [in <place>]" (a reference, or a described
    event when it has a topic). Plurals, heads without a determiner ("provides training") and heads
    that modify another noun ("training materials") are no event."""
    indefinite = set(vocabulary()["indefinite_determiners"])
    definite = set(vocabulary()["definite_determiners"])
    topic_preps = set(vocabulary()["topic_prepositions"])
    platforms = set(vocabulary()["platforms"]) - {"online", "virtual"}
    out: list[Phrase] = []
    for tok in parsed:
        # a head modifying another noun is no event ("training materials"), unless coordinated with
        # it: "the Forum and field visit"
        coordinated = tok.dep_ in ("compound", "nmod") and any(c.dep_ == "cc" for c in tok.children)
        if tok.pos_ not in ("NOUN", "PROPN") or _plural(tok) or (
                tok.dep_ in ("compound", "amod", "nmod") and not coordinated):
            continue
        found = _head_kind(tok)
        if found is None:
            continue
        kind, head_start = found
        owner = tok.head if coordinated else tok
        dets = [c for c in owner.children if c.dep_ in ("det", "poss") and c.i < tok.i]
        if not dets:
            continue
        det = dets[0]
        if det.dep_ == "det" and det.lower_ in indefinite:
            is_definite = False
        elif det.dep_ == "poss" or det.lower_ in definite:
            is_definite = True
        else:
            continue
        # modifiers between the determiner and the head, in groups ("three - day", "cold - chain")
        first = head_start
        groups: list[list[Any]] = []
        for c in tok.children:
            if c.i < head_start and c.i > det.right_edge.i and c.dep_ in ("amod", "compound", "nummod", "nmod", "npadvmod"):
                groups.append(list(c.subtree))
                first = min(first, c.left_edge.i)
        kept = [g for g in sorted(groups, key=lambda g: g[0].i) if not _dropped_modifier(g)]
        modifiers = tuple(t.lower_ for g in kept for t in g if t.text != "-")
        topic = None
        venues: list[Any] = []
        when = None
        preps = [c for c in tok.children if c.dep_ == "prep" and c.i > tok.i]
        after = parsed[tok.i + 1] if tok.i + 1 < len(parsed) else None
        if after is not None and after.dep_ == "prep" and after.head.i == tok.head.i and tok.dep_ in ("dobj", "pobj") \
                and after.lower_ in topic_preps and after.lower_ != "for":
            preps.insert(0, after)  # "joined a study tour on rice seeds": the topic hung on the verb
        for c in preps:
            objs = [o for o in c.children if o.dep_ == "pobj"]
            if c.lower_ in ("on", "from", "in", "between") and _date_phrase(c):
                when = when or _date_phrase(c)
            elif topic is None and c.lower_ in topic_preps:
                topic = _topic(c)
            elif c.lower_ in ("in", "at"):
                venues.extend(o for o in objs if o.pos_ == "PROPN")
        verb = _governing_verb(tok)
        if verb is not None:
            for c in verb.children:
                if c.dep_ != "prep" or c.i == tok.head.i:
                    continue
                if c.lower_ in ("in", "at"):
                    venues.extend(o for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN")
                elif when is None and c.lower_ in ("on", "from", "between"):
                    when = _date_phrase(c)
        if topic is None and not is_definite:
            continue  # "a workshop" alone is no named event
        if topic is None and kept and all(t.lower_ in platforms or t.text == "-" for g in kept for t in g):
            continue  # "Zoom Conference", "the WeChat meeting": the medium, not an event
        end_tok = topic[1] if topic else tok.i + 1
        start_char = parsed[first].idx
        end_char = parsed[end_tok - 1].idx + len(parsed[end_tok - 1].text)
        name = None
        if topic is not None:
            pieces = [t.text for g in kept for t in g]
            pieces += [parsed[head_start : tok.i + 1].text, parsed[topic[0] : topic[1]].text]
            name = re.sub(r"\s*-\s*", "-", " ".join(pieces))
        place_spans = tuple(_compound_span(v) for v in venues)
        out.append(Phrase(start_char, end_char, parsed.text[start_char:end_char], kind, is_definite, name,
                          modifiers, tuple(parsed.text[a:b].lower() for a, b in place_spans), place_spans, when,
                          parsed[head_start : tok.i + 1].text.lower()))
    return out


def _compound_span(tok: Any) -> tuple[int, int]:
    """Character span of a proper noun with the proper nouns compounded into it ("Addis Ababa")."""
    left = tok
    for c in tok.lefts:
        if c.dep_ == "compound" and c.pos_ == "PROPN":
            left = c
            break
    return left.idx, tok.idx + len(tok.text)


def _governing_verb(tok: Any) -> Any:
    """The verb whose venue and date are its event's: "met in Mombasa at a training …", "gathered in
    Lusaka for a consultation …" (a verb of gathering), "held a workshop on X in Kisumu from 4 to 5 May"
    (a verb of holding whose object the event is)."""
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in ("at", "for", "to"):
        verb = tok.head.head
        if verb.pos_ == "VERB" and verb.lower_ in set(vocabulary()["gathering_verbs"]):
            return verb
    if tok.dep_ == "dobj" and tok.head.pos_ == "VERB" and tok.head.lower_ in set(vocabulary()["holding_verbs"]):
        return tok.head
    return None


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
    return hits.pop() if len(hits) == 1 else None


__all__ = [
    "Phrase",
    "Span",
    "best_match",
    "described_spans",
    "display_name",
    "key_of",
    "kind_of",
    "named_spans",
    "normalise_name",
    "parsed_phrases",
    "reference_spans",
]
