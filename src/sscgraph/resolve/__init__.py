"""Resolution: mentions to canonical entities (countries, gazetteer, acronyms, aliases)."""
