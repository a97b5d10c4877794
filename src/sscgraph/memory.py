"""Help for the phases that build many long-lived objects at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block without the cyclic garbage collector.

    Decoding ten thousand cached records, or resolving their mentions, makes
    hundreds of thousands of objects that all stay alive; the collector would
    scan them again and again for cycles that are not there (about a third of
    the time of those phases). Objects freed by reference counting are freed
    as usual; the collector resumes, as it was, when the block ends.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
