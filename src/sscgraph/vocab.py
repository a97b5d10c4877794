"""RDF namespaces of the contract and the terms sscgraph writes.

``SSC`` is a closed :class:`rdflib.namespace.DefinedNamespace`: a misspelled
term raises ``AttributeError`` instead of silently minting a new IRI.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

ONTOLOGY_IRI = "https://w3id.org/sscgraph/ontology"
ID_BASE = "https://w3id.org/sscgraph/id/"


class SSC(DefinedNamespace):
    """The sscgraph ontology (``ontology/sscgraph.ttl``)."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    # classes
    Document: URIRef
    Project: URIRef
    Organisation: URIRef
    Country: URIRef
    Place: URIRef
    Person: URIRef
    Event: URIRef
    Mention: URIRef
    Extraction: URIRef
    # typed edges
    fundedBy: URIRef
    implementedBy: URIRef
    partnerOf: URIRef
    targetsCountry: URIRef
    organizedBy: URIRef
    heldIn: URIRef
    startDate: URIRef
    endDate: URIRef
    participatedIn: URIRef
    affiliatedWith: URIRef
    locatedIn: URIRef
    partOf: URIRef
    # documents and entities
    mentions: URIRef
    iso3: URIRef
    projectId: URIRef
    page: URIRef
    contentHash: URIRef
    kind: URIRef
    mode: URIRef
    # front-matter concepts
    region: URIRef
    thematicFocus: URIRef
    partnerType: URIRef
    roleType: URIRef
    territorialFocus: URIRef
    scale: URIRef
    # provenance of mentions and edges
    mentionOf: URIRef
    inDocument: URIRef
    surface: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    extractor: URIRef
    confidence: URIRef
    pattern: URIRef


ID = Namespace(ID_BASE)

#: Prefixes used in Turtle output, SPARQL prologues and mapping files.
PREFIXES: dict[str, str] = {
    "ssc": ONTOLOGY_IRI + "#",
    "id": ID_BASE,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
}


#: Prefixes for serialised files: entity IRIs stay whole, which reads better than ``id:a\/b``.
SERIALISATION_PREFIXES: dict[str, str] = {k: v for k, v in PREFIXES.items() if k != "id"}


def expand(curie: str) -> str:
    """The full IRI of a CURIE with a known prefix (``"ssc:region"``)."""
    prefix, sep, local = curie.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    if curie.startswith(("http://", "https://", "urn:")):
        return curie
    known = ", ".join(sorted(PREFIXES))
    raise ValueError(f"unknown prefix in {curie!r}; known prefixes: {known}")


def sparql_prologue() -> str:
    """PREFIX declarations for every prefix in :data:`PREFIXES`."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
