"""Events named in lower case, read from the parse: noun phrases headed by an event word.

"a regional training on cold-chain management" (a determiner, modifiers, a
head word of ``ontology/patterns/events.yaml`` and an "on/about/for" topic)
describes an event whatever verb precedes it; "the three-day workshop", "the
training in Mombasa", "this event" refer back to one. Each :class:`Phrase`
keeps what tells its event apart: kind, modifiers, topic, venue and date, the
venue and date of the verb that holds ("held a workshop … in Kisumu") or
gathers ("met in Mombasa at a training …") included. Plurals, heads without a
determiner ("provides training") and heads modifying another noun ("training
materials") are no event. :mod:`.event_facts` decides which event a phrase is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import dates, doctext
from .events import vocabulary

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


@dataclass(frozen=True)
class _Heads:
    kinds: dict[str, str]  # head word or two-word head → kind
    weak: frozenset[str]
    generic: frozenset[str]
    plural: frozenset[str]
    last_words: frozenset[str]  # every word that can end a head: no other token heads an event


@lru_cache(maxsize=1)
def _heads() -> _Heads:
    v = vocabulary()
    kinds = dict(v["heads"])
    generic = frozenset(v["generic_heads"])
    return _Heads(kinds, frozenset(v["weak_heads"]), generic, frozenset(v["plural_heads"]),
                  frozenset(h.split()[-1] for h in kinds) | generic)


def _head_kind(tok: Any) -> tuple[str, int] | None:
    """The kind an event head word gives and the token its (possibly two-word) head starts at."""
    h = _heads()
    low = tok.lower_
    if tok.i > 0 and not tok.is_sent_start:
        prev = tok.doc[tok.i - 1]
        pair = f"{prev.lower_} {low}"
        if pair in h.kinds:
            return h.kinds[pair], prev.i
    if low in h.kinds and low not in h.weak:
        return h.kinds[low], tok.i
    if low in h.generic:
        return GENERIC, tok.i
    return None


def _plural(tok: Any) -> bool:
    return tok.tag_ in ("NNS", "NNPS") or tok.lower_ in _heads().plural


def _is_date(tok: Any) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.like_num or tok.lower_.rstrip(".") in dates.MONTHS


def _date_phrase(prep: Any) -> tuple[int, int] | None:
    """Character span of "on 3 May", "from 3 to 5 May 2021" when the preposition introduces a date."""
    end = prep.right_edge.idx + len(prep.right_edge.text)
    rest = prep.doc[prep.i + 1 : prep.right_edge.i + 1].text  # (Doc.text is rebuilt on every call)
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
    """"in Accra", "at the university", "from 3 May" end a topic; "in agriculture", "from family farms"
    do not."""
    if prep.lower_ not in stop_preps:
        return False
    if prep.lower_ not in ("in", "at", "from"):
        return True
    objs = [o for o in prep.children if o.dep_ == "pobj"]
    return not objs or objs[0].pos_ == "PROPN" or _is_date(objs[0]) or any(
        c.dep_ == "det" for c in objs[0].children)


def _trailing_place(parsed: Any, end: int, verb: Any) -> list[Any]:
    """The proper noun of an "in/at <Place>" right after a topic, when it hangs inside the phrase."""
    if end >= len(parsed) or parsed[end].lower_ not in ("in", "at") or parsed[end].head.i == verb.i:
        return []
    return [o for o in parsed[end].children if o.dep_ == "pobj" and o.pos_ == "PROPN"]


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
    abstract = set(vocabulary()["abstract_heads"])
    later = set(vocabulary()["later_modifiers"])
    text = doctext.text(parsed)
    out: list[Phrase] = []
    for i in doctext.tokens_among(parsed, _heads().last_words):  # a word that can end an event head
        tok = parsed[i]
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
            if topic is not None:  # "held a workshop on school feeding in Maputo": the place after the topic
                venues.extend(_trailing_place(parsed, topic[1], verb))
            for c in verb.children:
                if c.dep_ != "prep" or c.i == tok.head.i:
                    continue
                if c.lower_ in ("in", "at"):
                    venues.extend(o for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN")
                elif when is None and c.lower_ in ("on", "from", "between"):
                    when = _date_phrase(c)
        if topic is not None and not tok.text.islower():
            # "the Forum for Agricultural Research": a capitalised name, no description nor reference
            if parsed[topic[0] + 1].text[:1].isupper():
                continue
            topic = None
        if topic is None and not is_definite:
            continue  # "a workshop" alone is no named event
        if topic is None and any(t.lower_ in later for g in groups for t in g):
            continue  # "the next workshop": an event still to come, not the one told about
        if not is_definite and tok.lower_ in abstract and verb is None and not venues and when is None:
            continue  # "to foster a dialogue on fisheries", "a forum for farmers to share": no occasion
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
        place_spans = tuple(dict.fromkeys(_compound_span(v) for v in venues))
        out.append(Phrase(start_char, end_char, text[start_char:end_char], kind, is_definite, name,
                          modifiers, tuple(text[a:b].lower() for a, b in place_spans), place_spans, when,
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
    verb = tok.head
    if verb.pos_ != "VERB":
        return None
    if tok.dep_ == "dobj" and verb.lower_ in set(vocabulary()["holding_verbs"]):
        return verb
    # "the consultation was held in Dakar", "a dialogue on X took place in Accra on 4 May"
    if tok.dep_ == "nsubjpass" and verb.lower_ in set(vocabulary()["holding_verbs"]):
        return verb
    if tok.dep_ == "nsubj" and verb.lower_ in set(vocabulary()["occurrence_verbs"]):
        return verb
    if tok.dep_ == "nsubj" and verb.lower_ in ("took", "takes", "take") and any(
            c.lower_ == "place" and c.dep_ == "dobj" for c in verb.children):
        return verb
    return None


__all__ = ["GENERIC", "Phrase", "parsed_phrases"]
