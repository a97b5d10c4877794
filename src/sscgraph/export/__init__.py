"""Exports of the graph: RDF serialisations here, network formats in ``network``."""
