"""Imported once by the server process that local workers are forked from.

Loading the spaCy pipeline, its rules and the place indexes takes a couple of
seconds; done here, before the workers are forked, every worker starts with
them in memory (shared until written) instead of loading them again. Whatever
fails here is left to each worker, which loads what it needs on its own.
"""

from __future__ import annotations

import contextlib
import gc

with contextlib.suppress(Exception):
    from .pipeline import warm_up

    warm_up(None, True)

# What was loaded lives as long as the workers: the collector need not scan it,
# and leaving it alone keeps its memory pages shared with the forked workers.
gc.freeze()
