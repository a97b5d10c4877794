"""Acronym definitions in running text: "Long Name (ACR)" and "ACR (Long Name)".

A Schwartz–Hearst style matcher: a short form is a parenthesised word with
capitals; its long form is the shortest run of preceding words whose letters
spell the short form in order, the first letter opening a word. The reverse
pattern, a short form followed by its expansion in brackets, is checked the
same way. Pure text in, offsets out: no spaCy, so the resolver's tests and the
extractor share one definition of what counts as a definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A parenthesis with its content, with or without a space before it.
_PAREN = re.compile(r"\(([^()\n]{1,160})\)")
_WORD = re.compile(r"[^\s()*]+")
_SHORT = re.compile(r"^[A-Za-z][A-Za-z0-9&.\-/]{1,11}$")
_OCR_L = re.compile(r"(?<=[A-Z])l(?=[A-Z])|^l(?=[A-Z]{2})")
_LINK_WORDS = {
    "of", "for", "and", "the", "on", "in", "to", "by", "at", "with", "de", "du", "des", "la", "le", "et", "&",
}


@dataclass(frozen=True)
class Definition:
    """One acronym defined in a text, with the character offsets of both forms."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int
    exact: bool = True  # False: the letters do not spell the long form (a loose, positional definition)


_NAMED = re.compile(r"^(?P<long>[^()]*[^()\s])\s*\((?P<short>[^()\s]+)\)$")


def name_and_short_form(text: str) -> tuple[str, str] | None:
    """``("National Forestry Institute", "INFONA")`` for a whole value written as a name followed by
    its acronym in brackets, "National Forestry Institute (INFONA)" (the letters need not spell it:
    the value is a name by where it stands, a list item or a credit line)."""
    m = _NAMED.match(text.strip())
    if m and is_short_form(m.group("short")) and len(m.group("long").split()) >= 2:
        return m.group("long"), m.group("short")
    return None


def is_short_form(text: str) -> bool:
    """Whether ``text`` looks like an acronym: one word, 2–12 characters, at least two capitals."""
    if not _SHORT.match(text):
        return False
    capitals = sum(c.isupper() for c in text)
    return capitals >= 2 and capitals * 2 >= sum(c.isalpha() for c in text)


def _letters(short: str) -> str:
    return "".join(c.lower() for c in short if c.isalnum())


def _spells(letters: str, words: list[str]) -> bool:
    """Whether ``words`` spell ``letters`` in order, the first letter opening the first word."""
    text = " ".join(words).lower()
    if not text.startswith(letters[0]):
        return False
    i = 1
    for c in letters[1:]:
        i = text.find(c, i)
        if i < 0:
            return False
        i += 1
    return True


def _initials_score(letters: str, words: list[str]) -> int:
    """Length of the longest common subsequence of the short form and the words' initials."""
    initials = [w[0].lower() for w in words if w and w.lower() not in _LINK_WORDS]
    prev = [0] * (len(initials) + 1)
    for c in letters:
        cur = [0]
        for j, ini in enumerate(initials):
            cur.append(prev[j] + 1 if c == ini else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def match_long_form(short: str, words: list[str]) -> int | None:
    """Index of the first word of the long form inside ``words`` (which end just before the short form).

    Every start word whose run of words spells the short form (first letter
    opening the word) is a candidate; the one whose word initials follow the
    short form best wins, the shorter on a tie. None when no run spells it.
    """
    found = _match(_letters(short), words)
    if found is None and len(short) > 2 and short.endswith("s") and short[-2].isupper():
        found = _match(_letters(short[:-1]), words)  # "COEs", "NGOs": a plural acronym
    if found is None and _OCR_L.search(short):
        # "ElF" for "EIF": a capital I read as a lower-case l by the PDF conversion
        found = _match(_letters(_OCR_L.sub("I", short)), words)
    return found


def _match(letters: str, words: list[str]) -> int | None:
    if not letters or not words:
        return None
    best: tuple[int, int] | None = None
    best_i: int | None = None
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w.lower() in _LINK_WORDS or not _spells(letters, words[i:]):
            continue
        score = (_initials_score(letters, words[i:]), -(len(words) - i))
        if best is None or score > best:
            best, best_i = score, i
    return best_i


def _preceding_words(text: str, end: int, limit: int) -> list[tuple[str, int, int]]:
    """Up to ``limit`` words (text, start, end) ending at ``end``, stopping at a clause break."""
    base = max(0, end - 400)
    found = list(_WORD.finditer(text, base, end))
    out: list[tuple[str, int, int]] = []
    for m in reversed(found):
        w = m.group()
        if len(out) >= limit:
            break
        if out and w.endswith((".", ";", ":", ",")) and not is_short_form(w.rstrip(".;:,")) \
                and not _listed(w, [x for x, _, _ in out]):
            break
        gap = text[m.end() : (out[-1][1] if out else end)]
        if "\n\n" in gap or "\t" in gap or "(" in gap or ")" in gap:
            break
        out.append((w, m.start(), m.end()))
    out.reverse()
    return out


def _listed(word: str, after: list[str]) -> bool:
    """Whether ``word`` ends on the first comma of a list of capitalised domains that closes with
    "and <Capitalised>" ("Agriculture," of "Ministry of Agriculture, Fisheries and Forests");
    ``after`` holds the words after it, in any order."""
    joins = [w for w in after if w.lower() in ("and", "&")]
    return word.endswith(",") and word[:1].isupper() and len(joins) == 1 and all(
        w[:1].isupper() or w in joins for w in after)


def _clean_long(words: list[str]) -> list[str]:
    out = list(words)
    while out and not out[-1].strip(".,;:'\"“”‘’"):
        out.pop()
    return out


def find(text: str, *, loose: bool = False) -> list[Definition]:
    """Every acronym definition in ``text``, in order of appearance.

    With ``loose``, an acronym whose letters do not spell the words before it
    (a French or Vietnamese acronym after an English name: "Permanent
    Interstate Committee for Drought Control in the Sahel (CILSS)") is also
    paired with the run of capitalised words right before its bracket,
    marked ``exact=False``: the caller decides from other evidence whether
    that run is a name.
    """
    out: list[Definition] = []
    for m in _PAREN.finditer(text):
        inner = m.group(1).strip()
        inner_start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        if _blend(inner) and not is_short_form(inner):
            d = _blend_before(text, inner, inner_start, m.start())
            if d:
                out.append(d)
            continue
        if is_short_form(inner):
            d = _long_before(text, inner, inner_start, m.start())
            if d is None and loose and sum(c.isupper() for c in inner) >= 3:
                d = _run_before(text, inner, inner_start, m.start())
            if d:
                out.append(d)
            continue
        seated = _seated_short_form(text, inner, inner_start, m.start())
        if seated is not None:
            out.append(seated)
            continue
        # "ACR (Long Name)": the word right before the bracket is the short form
        before = text[max(0, m.start() - 40) : m.start()]
        wm = re.search(r"([A-Za-z][A-Za-z0-9&.\-/]{1,11})\s*$", before)
        if not wm or not is_short_form(wm.group(1)):
            continue
        words = _WORD.findall(inner)
        if not 2 <= len(words) <= 12:
            continue
        first = match_long_form(wm.group(1), words)
        if first != 0 or not _capitalised(words):
            continue
        short_start = m.start() - len(before) + wm.start(1)
        out.append(
            Definition(
                short=wm.group(1),
                long=inner.rstrip(".,;: "),
                short_start=short_start,
                short_end=short_start + len(wm.group(1)),
                long_start=inner_start,
                long_end=inner_start + len(inner.rstrip(".,;: ")),
            )
        )
    return out


def _seated_short_form(text: str, inner: str, inner_start: int, paren_start: int) -> Definition | None:
    """"Kediri Regional Seed Centre (BBPS Kediri)": an acronym with its seat, the seat a word of the
    capitalised name before the bracket, is that name's short form (the acronym's letters may
    spell a name in another language)."""
    words = inner.split()
    if len(words) != 2 or not (words[0].isupper() and is_short_form(words[0])):
        return None
    if not (words[1].isalpha() and words[1].istitle()):
        return None
    d = _run_before(text, inner, inner_start, paren_start)
    if d is None:
        return None
    owner = list(re.finditer(r"\S+['’]s\s+", text[d.long_start : d.long_end]))
    if owner:  # "Indonesia's Kediri Regional Seed Centre": the owner is no part of the name
        start = d.long_start + owner[-1].end()
        d = Definition(d.short, " ".join(text[start : d.long_end].split()), d.short_start, d.short_end,
                       start, d.long_end, exact=False)
    return d if len(d.long.split()) >= 2 and words[1].lower() in d.long.lower().split() else None


def _blend(word: str) -> bool:
    """"AfricaRice", "PhilRice", "WorldFish": a short name blended from capitalised word parts."""
    return bool(re.fullmatch(r"(?:[A-Z][a-z]+){2,4}", word))


def _blend_before(text: str, short: str, short_start: int, paren_start: int) -> Definition | None:
    """The words before a bracket whose first word the blend's first part opens and whose
    later words the other parts open, in order ("Philippine Rice Research Institute")."""
    parts = [p.lower()[:4] for p in re.findall(r"[A-Z][a-z]+", short)]
    matches = _preceding_words(text, paren_start, 12)
    words = [w.strip(".,;:'\"“”‘’").lower() for w, _, _ in matches]
    for first, word in enumerate(words):
        if not word.startswith(parts[0]):
            continue
        i = first + 1
        for part in parts[1:]:
            while i < len(words) and not words[i].startswith(part):
                i += 1
            i += 1
        if i > len(words):
            continue
        kept = _clean_long([w for w, _, _ in matches[first:]])
        if not kept or not _capitalised(kept):
            return None
        start, end = matches[first][1], matches[first + len(kept) - 1][2]
        return Definition(short, " ".join(text[start:end].split()), short_start, short_start + len(short), start, end)
    return None


def _run_before(text: str, short: str, short_start: int, paren_start: int) -> Definition | None:
    """The capitalised words right before a bracket (link words inside), as a loose long form."""
    matches = _preceding_words(text, paren_start, 14)
    run: list[tuple[str, int, int]] = []
    for w, a, b in reversed(matches):
        bare = w.strip(".,;:'\"“”‘’")
        if bare != w and run and not _listed(w, [x for x, _, _ in run]):
            break
        if bare[:1].isupper() or (run and bare.lower() in _LINK_WORDS):
            run.append((w, a, b))
            continue
        break
    run.reverse()
    while run and run[0][0].lower() in _LINK_WORDS:
        run.pop(0)
    content = [w for w, _, _ in run if w.lower() not in _LINK_WORDS]
    if len(content) < 2 or any(is_short_form(w) for w in content):
        return None
    start, end = run[0][1], run[-1][2]
    return Definition(short, " ".join(text[start:end].split()), short_start, short_start + len(short),
                      start, end, exact=False)


def _long_before(text: str, short: str, short_start: int, paren_start: int) -> Definition | None:
    n = len(_letters(short))
    limit = min(n + 6, 16)
    matches = _preceding_words(text, paren_start, limit)
    words = [w for w, _, _ in matches]
    if not words:
        return None
    first = match_long_form(short, words)
    if first is None:
        return None
    kept = _clean_long(words[first:])
    if not kept or not _capitalised(kept):
        return None
    start = matches[first][1]
    end = matches[first + len(kept) - 1][2]
    long = text[start:end].rstrip(",;: ")
    # a long form must be longer than its short form and not the short form itself
    if len(long) <= len(short) or long.upper() == short.upper():
        return None
    return Definition(short, " ".join(long.split()), short_start, short_start + len(short), start, start + len(long))


def _capitalised(words: list[str]) -> bool:
    """Whether a run of words reads as a proper name: content words mostly capitalised."""
    content = [w for w in words if w.lower() not in _LINK_WORDS and any(c.isalpha() for c in w)]
    if not content:
        return False
    lower = sum(1 for w in content if not w[0].isupper())
    return lower <= max(1, len(content) // 4) and words[0][:1].isupper()


def definitions_map(text: str) -> dict[str, str]:
    """Short form → long form for the acronyms ``text`` defines (the first definition wins)."""
    out: dict[str, str] = {}
    for d in find(text):
        out.setdefault(d.short, d.long)
    return out
