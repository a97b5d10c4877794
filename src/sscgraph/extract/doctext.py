"""The text, sentences and word lookups of a parsed spaCy Doc, computed once.

``Doc.text`` (and ``Span.text``) join the text of every token on each access, so a
rule that looks at the whole text once per candidate costs a pass over the document
each time; a token's ``.sent`` walks the parse on each call. The Doc's text and
sentences never change once it is parsed, so they are kept in ``user_data`` on first
use and looked up from there.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import Any

from spacy.attrs import LOWER
from spacy.strings import get_string_id

_KEY = "ssc_text"
_SENTENCES = "ssc_sentences"


def text(doc: Any) -> str:
    """``doc.text``, joined on the first call for this Doc and kept for the next ones."""
    found = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = doc.text
    return found


def _sentence_bounds(doc: Any) -> tuple[list[int], list[int], list[int]]:
    """First tokens, first characters and end characters of the Doc's sentences, kept like the text."""
    found = doc.user_data.get(_SENTENCES)
    if found is None:
        firsts, starts, ends = [], [], []
        for sent in doc.sents:
            firsts.append(sent.start)
            starts.append(sent.start_char)
            ends.append(sent.end_char)
        found = doc.user_data[_SENTENCES] = (firsts, starts, ends)
    return found


def sentence(doc: Any, i: int) -> tuple[int, int]:
    """Character offsets of the sentence holding token ``i``, as ``doc[i].sent``
    (spaCy finds a token's sentence by walking the parse on each call)."""
    firsts, starts, ends = _sentence_bounds(doc)
    k = bisect_right(firsts, i) - 1
    return starts[k], ends[k]


def sentence_text(doc: Any, i: int) -> str:
    """The text of the sentence holding token ``i``, as ``doc[i].sent.text``."""
    start, end = sentence(doc, i)
    return text(doc)[start:end]


@lru_cache(maxsize=64)
def _hashes(words: frozenset[str]) -> frozenset[int]:
    return frozenset(get_string_id(w) for w in words)


def tokens_among(doc: Any, words: frozenset[str]) -> list[int]:
    """Indices of the tokens whose lower-case form is one of ``words``, found without making a
    Token object for every token of the Doc."""
    wanted = _hashes(words)
    return [i for i, h in enumerate(doc.to_array(LOWER).tolist()) if h in wanted]
