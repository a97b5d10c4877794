"""A small hand-made graph (tests/data/network.trig) loaded into a store of its own."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from sscgraph.graph.store import OxigraphStore

DATA = Path(__file__).resolve().parent / "data" / "network.trig"
ID = "https://w3id.org/sscgraph/id/"
EVIL = ID + "organisation/evil"
HOSTILE_LABEL = "<script>window.pwned=1</script>Evil & Co"


def small_graph(folder: Path) -> Path:
    """A graph folder holding tests/data/network.trig; returns the folder."""
    store = OxigraphStore(folder)
    store.native.load(path=str(DATA), format=ox.RdfFormat.TRIG)
    store.close()
    return folder
