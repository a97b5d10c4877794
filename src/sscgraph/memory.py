"""Help for the phases that build many long-lived objects at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(*, keep: bool = False) -> Iterator[None]:
    """Run the block without the cyclic garbage collector.

    Decoding ten thousand cached records, or resolving their mentions, makes
    hundreds of thousands of objects that all stay alive; the collector would
    scan them again and again for cycles that are not there (about a third of
    the time of those phases). Objects freed by reference counting are freed
    as usual; the collector resumes, as it was, when the block ends.

    With ``keep``, what the block made is meant to live on (records of a whole
    corpus): it is set aside from the collector (:func:`gc.freeze`) so that it
    is not scanned once when the collector resumes and again at each full
    collection. Run such blocks inside :func:`frees_what_was_kept`.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was:
            gc.enable()


@contextmanager
def frees_what_was_kept() -> Iterator[None]:
    """Hand back to the collector, when the block (or decorated call) ends, what
    ``gc_paused(keep=True)`` set aside in it, so that a long session that builds
    again and again collects its cycles as usual. If objects were already set
    aside when the block began (by the caller's own :func:`gc.freeze`), they are
    left so."""
    ours = gc.get_freeze_count() == 0
    try:
        yield
    finally:
        if ours:
            gc.unfreeze()
