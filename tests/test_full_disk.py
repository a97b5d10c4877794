"""A build that runs out of space stops with a clear error and leaves every document graph whole.

The child build runs under a file-size limit (``RLIMIT_FSIZE``, with ``SIGXFSZ``
ignored): a write past the limit fails with ``EFBIG`` exactly where a full disk
fails with ``ENOSPC``, in the store's write-ahead log or the extraction cache,
without needing a small file system to fill.
"""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

from sscgraph.pipeline import build

from .test_incremental import assert_same_dataset
from .test_interrupt import built_then_edited, graphs

CHILD = """
import sys
from sscgraph.cli import main

sys.argv = ["sscgraph", "build", sys.argv[1], "--graph", sys.argv[2], "--no-model", "--quiet", "--jobs", "1"]
main()
"""


def build_with_room_for(corpus: Path, graph: Path, limit: int) -> subprocess.CompletedProcess[str]:
    """Run ``sscgraph build`` in a child that cannot write past ``limit`` bytes in any file."""

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-c", CHILD, str(corpus), str(graph)],
        capture_output=True, text=True, preexec_fn=limited, timeout=300, check=False,
    )


def says_what_to_do(run: subprocess.CompletedProcess[str]) -> None:
    """The build failed with one error line, no traceback, that says what to do."""
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("Error: "), run.stderr
    assert "run the command again" in run.stderr


def test_a_build_out_of_space_says_so_and_leaves_each_document_graph_old_or_new(tmp_path: Path) -> None:
    corpus, old, new = built_then_edited(tmp_path)
    says_what_to_do(build_with_room_for(corpus, tmp_path / "g", 256 * 1024))
    after = graphs(tmp_path / "g")
    assert set(after) == set(old)
    for name, quads in after.items():
        assert quads in (old[name], new[name]), f"{name} is neither the old nor the new graph"

    build([corpus], tmp_path / "g", use_model=False)  # with room again, the build completes
    assert_same_dataset(tmp_path / "g", tmp_path / "new")


def test_a_store_that_has_no_room_to_open_says_what_to_do(tmp_path: Path) -> None:
    corpus, _, _ = built_then_edited(tmp_path)
    says_what_to_do(build_with_room_for(corpus, tmp_path / "g", 16 * 1024))
