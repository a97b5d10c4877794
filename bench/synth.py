"""A synthetic graph shaped like an sscgraph build, at any size (100k, 1M triples, ...).

The shape follows what ``sscgraph build`` writes (see ontology/README.md): an
entities graph describing every entity (class, labels, aliases, ISO codes,
seats), and one named graph per document holding the document node, its
``ssc:mentions``, one ``ssc:Mention`` node per occurrence (nine triples each,
the bulk of a real graph), typed edges with a reified, PROV-described
statement each, and front-matter concepts for project records. Entities
recur across documents with a Zipf-like skew, as real actors do (a few UN
agencies everywhere, most names once); a project keeps its few funders,
implementers and target countries however many documents restate them.
Output is deterministic for a seed.

    python bench/synth.py --triples 1000000 -o /tmp/synth-1m.nq

writes N-Quads plus ``<output>.params.json``: parameter values for the saved
queries that exist in this graph (used by bench/query.py).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

ID = "https://w3id.org/sscgraph/id/"
SSC = "https://w3id.org/sscgraph/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OWL = "http://www.w3.org/2002/07/owl#"

ENTITIES_GRAPH = ox.NamedNode(ID + "graph/entities")
TYPE = ox.NamedNode(RDF + "type")
LABEL = ox.NamedNode(RDFS + "label")
PREF = ox.NamedNode(SKOS + "prefLabel")
ALT = ox.NamedNode(SKOS + "altLabel")


def S(local: str) -> ox.NamedNode:  # noqa: N802
    return ox.NamedNode(SSC + local)


def I(key: str) -> ox.NamedNode:  # noqa: N802, E743
    return ox.NamedNode(ID + key)


def lit(value: object, datatype: str | None = None) -> ox.Literal:
    if datatype:
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "decimal"))
    return ox.Literal(str(value))


WORDS = ("agricultural", "rural", "development", "cooperation", "food", "security", "climate", "water",
         "health", "trade", "innovation", "research", "centre", "institute", "ministry", "agency",
         "council", "fund", "programme", "network", "south-south", "technical", "exchange", "capacity")
SCHEMES = {"region": ("africa", "asia-pacific", "arab-states", "europe-cis", "latin-america-caribbean"),
           "thematic-focus": ("sustainable-development-pathways", "resilience", "governance", "energy",
                              "gender", "inclusive-growth"),
           "partner-type": ("national-governments", "ngos", "private-sector", "academia"),
           "role-type": ("builder-of-capacities", "knowledge-broker", "convener")}
SCHEME_PREDICATE = {"region": "region", "thematic-focus": "thematicFocus", "partner-type": "partnerType",
                    "role-type": "roleType"}


class Zipf:
    """Draws indices 0..n-1, index i with weight 1/(i+1)^s."""

    def __init__(self, rng: random.Random, n: int, s: float = 1.05) -> None:
        self.rng = rng
        self.n = n
        weights = [1.0 / (i + 1) ** s for i in range(n)]
        total = 0.0
        self.cum = []
        for w in weights:
            total += w
            self.cum.append(total)
        self.total = total

    def draw(self) -> int:
        import bisect

        return min(bisect.bisect_left(self.cum, self.rng.random() * self.total), self.n - 1)


def pools(documents: int) -> dict[str, int]:
    """How many entities of each class a corpus of ``documents`` holds."""
    return {"Organisation": max(50, documents * 6), "Person": max(30, documents * 4),
            "Place": max(20, documents * 2), "Event": max(10, documents * 2),
            "Project": max(10, documents), "Country": min(200, max(20, documents // 2))}


def country_code(i: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "X" + letters[(i // 26) % 26] + letters[i % 26]


def entity_key(cls: str, i: int) -> str:
    return f"country/{country_code(i)}" if cls == "Country" else f"{cls.lower()}/{cls.lower()[:3]}-{i}"


def entity_name(rng: random.Random, cls: str, i: int) -> str:
    if cls == "Country":
        return f"Country {country_code(i)}"
    if cls == "Person":
        return f"Person {i} {rng.choice(('Li', 'Silva', 'Diallo', 'Nguyen', 'Okafor', 'Haddad'))}"
    words = " ".join(rng.choice(WORDS).title() for _ in range(rng.randint(2, 4)))
    return f"{words} {cls} {i}"


def describe_entities(rng: random.Random, sizes: dict[str, int]) -> Iterator[ox.Quad]:
    g = ENTITIES_GRAPH
    for cls, n in sizes.items():
        for i in range(n):
            e = I(entity_key(cls, i))
            name = entity_name(rng, cls, i)
            yield ox.Quad(e, TYPE, S(cls), g)
            yield ox.Quad(e, LABEL, lit(name), g)
            yield ox.Quad(e, PREF, lit(name), g)
            for a in range(rng.choice((0, 0, 1, 1, 2, 3))):
                alias = "".join(w[0] for w in name.split()).upper() + ("" if a == 0 else str(a))
                yield ox.Quad(e, ALT, lit(alias), g)
            if cls == "Country":
                yield ox.Quad(e, S("iso3"), lit(country_code(i)), g)
                yield ox.Quad(e, ox.NamedNode(OWL + "sameAs"), ox.NamedNode(f"https://sws.geonames.org/{i + 1}/"), g)
            elif cls in ("Organisation", "Place") and (cls == "Place" or rng.random() < 0.5):
                yield ox.Quad(e, S("locatedIn"), I(entity_key("Country", rng.randrange(sizes["Country"]))), g)
    for scheme, codes in SCHEMES.items():
        s = I(f"scheme/{scheme}")
        yield ox.Quad(s, TYPE, ox.NamedNode(SKOS + "ConceptScheme"), g)
        yield ox.Quad(s, LABEL, lit(scheme.replace("-", " ").capitalize()), g)
        for code in codes:
            c = I(f"concept/{scheme}/{code}")
            yield ox.Quad(c, TYPE, ox.NamedNode(SKOS + "Concept"), g)
            yield ox.Quad(c, LABEL, lit(code.replace("-", " ").capitalize()), g)
            yield ox.Quad(c, PREF, lit(code.replace("-", " ").capitalize()), g)
            yield ox.Quad(c, ox.NamedNode(SKOS + "inScheme"), s, g)
            yield ox.Quad(c, ox.NamedNode(SKOS + "notation"), lit(code.replace("-", "_")), g)


# predicate, subject class, object class, share of a document's edges
EDGES = (("organizedBy", "Event", "Organisation", 0.18), ("participatedIn", "Organisation", "Event", 0.12),
         ("participatedIn", "Person", "Event", 0.08), ("affiliatedWith", "Person", "Organisation", 0.12),
         ("partnerOf", "Organisation", "Organisation", 0.12), ("fundedBy", "Project", "Organisation", 0.08),
         ("fundedBy", "Project", "Country", 0.05), ("implementedBy", "Project", "Organisation", 0.1),
         ("targetsCountry", "Project", "Country", 0.07), ("heldIn", "Event", "Place", 0.05),
         ("heldIn", "Event", "Country", 0.03))
EXTRACTORS = ("gazetteer", "model:ORG", "model:PERSON", "model:GPE", "rule:event", "frontmatter")


class Corpus:
    """Generates documents until a number of triples is reached."""

    def __init__(self, triples: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.target = triples
        self.documents = max(3, triples // 1250)
        self.sizes = pools(self.documents)
        self.draw = {cls: Zipf(self.rng, n) for cls, n in self.sizes.items()}
        self.params: dict[str, dict[str, str]] = {}
        self.records: dict[tuple[str, str, str], list[ox.NamedNode]] = {}
        self.count = 0

    def pick(self, cls: str) -> ox.NamedNode:
        return I(entity_key(cls, self.draw[cls].draw()))

    def record_object(self, project: ox.NamedNode, pred: str, cls: str) -> ox.NamedNode:
        """One of the few funders, implementers or target countries of ``project``.

        A project's record names them once; the documents that mention the
        project restate the same ones (so the same edge lands in several
        document graphs), however often the project is mentioned.
        """
        key = (project.value, pred, cls)
        if key not in self.records:
            self.records[key] = [self.pick(cls) for _ in range(self.rng.randint(1, 3))]
        return self.rng.choice(self.records[key])

    def quads(self) -> Iterator[ox.Quad]:
        for q in describe_entities(self.rng, self.sizes):
            self.count += 1
            yield q
        d = 0
        while self.count < self.target:
            for q in self.document(d):
                self.count += 1
                yield q
            d += 1
        self.documents = d

    def document(self, d: int) -> Iterator[ox.Quad]:
        rng = self.rng
        path = f"{d:05d}_{rng.getrandbits(64):016x}.md"
        doc = I("document/" + path)
        g = doc
        yield ox.Quad(doc, TYPE, S("Document"), g)
        yield ox.Quad(doc, ox.NamedNode(DCT + "source"), lit(path), g)
        yield ox.Quad(doc, ox.NamedNode(DCT + "title"), lit(f"Document {d}"), g)
        yield ox.Quad(doc, S("contentHash"), lit(f"{rng.getrandbits(128):032x}"), g)
        mentioned: set[ox.NamedNode] = set()
        offset = 0
        for _ in range(rng.randint(25, 55)):
            cls = rng.choices(("Organisation", "Person", "Place", "Country", "Event", "Project"),
                              weights=(45, 15, 15, 12, 8, 5))[0]
            e = self.pick(cls)
            mentioned.add(e)
            for _ in range(rng.choice((1, 1, 2, 3, 4))):
                offset += rng.randint(20, 400)
                end = offset + rng.randint(3, 40)
                m = ox.NamedNode(f"{doc.value}#m{offset}-{end}")
                yield ox.Quad(m, TYPE, S("Mention"), g)
                yield ox.Quad(m, S("mentionOf"), e, g)
                yield ox.Quad(m, S("inDocument"), doc, g)
                yield ox.Quad(m, S("surface"), lit(f"name {e.value.rsplit('/', 1)[-1]}"), g)
                yield ox.Quad(m, S("sentence"), lit(f"Sentence {offset} of document {d} naming an actor."), g)
                yield ox.Quad(m, S("startOffset"), lit(offset), g)
                yield ox.Quad(m, S("endOffset"), lit(end), g)
                yield ox.Quad(m, S("extractor"), lit(rng.choice(EXTRACTORS)), g)
                yield ox.Quad(m, S("confidence"), lit(rng.choice((0.55, 0.75, 0.95))), g)
        edges = []
        for _ in range(rng.randint(6, 16)):
            pred, scls, ocls, _w = rng.choices(EDGES, weights=[e[3] for e in EDGES])[0]
            s = self.pick(scls)
            o = self.record_object(s, pred, ocls) if scls == "Project" else self.pick(ocls)
            if s == o:
                continue
            edges.append((s, pred, o))
        if rng.random() < 0.3:  # a project record: front-matter concepts and a dated event
            project = self.pick("Project")
            mentioned.add(project)
            for scheme, codes in SCHEMES.items():
                yield ox.Quad(project, S(SCHEME_PREDICATE[scheme]), I(f"concept/{scheme}/{rng.choice(codes)}"), g)
        for s, pred, o in edges:
            mentioned.update((s, o))
            yield ox.Quad(s, S(pred), o, g)
            st = ox.NamedNode(f"{doc.value}#e{rng.getrandbits(60):015x}")
            start = rng.randint(0, offset + 1)
            yield ox.Quad(st, TYPE, ox.NamedNode(RDF + "Statement"), g)
            yield ox.Quad(st, TYPE, ox.NamedNode(PROV + "Entity"), g)
            yield ox.Quad(st, ox.NamedNode(RDF + "subject"), s, g)
            yield ox.Quad(st, ox.NamedNode(RDF + "predicate"), S(pred), g)
            yield ox.Quad(st, ox.NamedNode(RDF + "object"), o, g)
            yield ox.Quad(st, ox.NamedNode(PROV + "wasDerivedFrom"), doc, g)
            yield ox.Quad(st, S("sentence"), lit(f"Sentence {start} stating {pred}."), g)
            yield ox.Quad(st, S("startOffset"), lit(start), g)
            yield ox.Quad(st, S("endOffset"), lit(start + 80), g)
            yield ox.Quad(st, S("extractor"), lit(f"rule:{pred}"), g)
            yield ox.Quad(st, S("confidence"), lit(0.8), g)
            if pred == "organizedBy" and rng.random() < 0.7:
                yield ox.Quad(s, S("startDate"), lit(f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-"
                                                     f"{rng.randint(1, 28):02d}", "date"), g)
            if "evidence-for-edge" not in self.params:
                self.params["evidence-for-edge"] = {"subject": f"<{s.value}>", "predicate": f"ssc:{pred}",
                                                    "object": f"<{o.value}>"}
        for e in sorted(mentioned, key=lambda n: n.value):
            yield ox.Quad(doc, S("mentions"), e, g)

    def saved_params(self) -> dict[str, dict[str, str]]:
        """Parameter values that exist in this graph: the most frequent actors."""
        top_org = f"<{ID}{entity_key('Organisation', 0)}>"
        return {
            **self.params,
            "partners-of-organisation": {"org": top_org},
            "countries-of-organisation": {"org": top_org},
            "events-in-country": {"country": f"<{ID}{entity_key('Country', 0)}>"},
            "documents-mentioning": {"entity": top_org},
            "describe-entity": {"entity": top_org},
            "find-entity": {"text": "food"},
            "concepts-of-scheme": {"scheme": f"<{ID}scheme/thematic-focus>"},
        }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True, help="N-Quads file to write")
    args = parser.parse_args(argv)
    corpus = Corpus(args.triples, seed=args.seed)
    with args.output.open("wb") as out:
        ox.serialize(corpus.quads(), out, format=ox.RdfFormat.N_QUADS)
    args.output.with_suffix(args.output.suffix + ".params.json").write_text(
        json.dumps(corpus.saved_params(), indent=1))
    print(f"{corpus.count} quads, {corpus.documents} documents, entities {corpus.sizes} -> {args.output}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
