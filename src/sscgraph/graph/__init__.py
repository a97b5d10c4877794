"""The graph stage: resolved extractions to RDF quads, and the store that keeps them."""
