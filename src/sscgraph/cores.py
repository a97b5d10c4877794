"""How many cores this process may use (extraction jobs, bulk-load threads)."""

from __future__ import annotations

import os


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
