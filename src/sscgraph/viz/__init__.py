"""Interactive network pages: self-contained HTML drawn with vis-network (bundled by pyvis)."""
