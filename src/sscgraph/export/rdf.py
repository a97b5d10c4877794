"""The whole dataset (or one graph) in an RDF serialisation, written natively by Oxigraph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import ExportError
from ..graph.store import OxigraphStore
from ..vocab import SERIALISATION_PREFIXES

FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    # name: (format, keeps named graphs)
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
    "rdfxml": (ox.RdfFormat.RDF_XML, False),
}


def export_rdf(store: OxigraphStore, fmt: str, output: str | Path) -> int:
    """Write the dataset to ``output``; formats without named graphs get the union. Returns the quad count."""
    try:
        rdf_format, quads_ok = FORMATS[fmt]
    except KeyError:
        raise ExportError(f"unknown RDF format {fmt!r}; known: {', '.join(FORMATS)}") from None
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    items: list[ox.Quad] | list[ox.Triple]
    if quads_ok:
        items = sorted(store.quads(), key=str)
    else:
        items = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in store.quads()}, key=str)
    prefixes = SERIALISATION_PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    with out.open("wb") as fh:
        ox.serialize(items, fh, rdf_format, prefixes=prefixes)
    return len(items)
