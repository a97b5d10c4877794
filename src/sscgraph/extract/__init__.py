"""Extraction: documents to mentions, relations and attributes (no RDF here)."""
