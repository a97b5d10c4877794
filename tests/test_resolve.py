"""Resolution: surface variants, acronyms, gazetteer ids, countries and places to one node each."""

from __future__ import annotations

import pytest

from sscgraph.resolve.resolver import compact, normalise


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The International Fund for Agricultural Development", "international fund for agricultural development"),
        ("IFAD's", "IFAD"),
        ("IFAD’s", "ifad"),
        ("South-South Cooperation", "South South Cooperation"),
        ("World Food Programme", "World Food Program"),
        ("WFP Centre of Excellence", "WFP Center of Excellence"),
        ("Agri-\nculture Programme", "Agriculture Program"),
        ("Bureau  Iissala", "bureau iissala"),
        ("the Kingdom of Denmark", "Kingdom of Denmark"),
    ],
)
def test_resolve_normalise_reads_surface_variants_as_one(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


def test_resolve_compact_joins_words_broken_by_extraction() -> None:
    assert compact("requirem ents") == compact("requirements")
    assert normalise("Malawi") != normalise("Mali")


# ---------------------------------------------------------------- resolution

from pathlib import Path  # noqa: E402

from sscgraph.model import Document, Extraction, Mention  # noqa: E402
from sscgraph.resolve.gazetteer import load as load_gazetteer  # noqa: E402
from sscgraph.resolve.merges import Merges  # noqa: E402
from sscgraph.resolve.resolver import resolve  # noqa: E402

GAZ = load_gazetteer(Path(__file__).parent / "data" / "gazetteer.yaml")
NO_MERGES = Merges()


def m(text: str, etype: str = "Organisation", extractor: str = "model:ORG", **kw) -> Mention:
    return Mention(text=text, type=etype, extractor=extractor, **kw)


def ex(path: str, *mentions: Mention) -> Extraction:
    return Extraction(document=Document(path=path, text=""), title=path, mentions=tuple(mentions))


def run(*extractions: Extraction, gazetteer=GAZ, merges=NO_MERGES):
    return resolve(list(extractions), gazetteer=gazetteer, merges=merges)


def keys(res, path: str) -> tuple:
    return res.assignments[path]


def test_resolve_merges_acronym_with_long_form_across_documents() -> None:
    res = run(
        ex("a.md", m("Malawi Rural Finance Company"), m("MRFC", long_form="Malawi Rural Finance Company")),
        ex("b.md", m("MRFC", "Person", "model:PERSON")),
    )
    (a1, a2), (b1,) = keys(res, "a.md"), keys(res, "b.md")
    assert a1 == a2 == b1
    e = res.entities[a1]
    assert e.type == "Organisation"
    assert e.label == "Malawi Rural Finance Company"
    assert "MRFC" in e.alt_labels


def test_resolve_a_records_acronym_is_the_body_its_text_names_with_its_country() -> None:
    # the record lists "National Coastal Fisheries Institute (INPESCA)"; its prose says "Peru's …"; two countries
    res = run(ex("a.md",
                 m("INPESCA", extractor="frontmatter:implementing_partners", long_form="National Coastal Fisheries Institute"),
                 m("Peru", "Country", "model:GPE"), m("Ecuador", "Country", "model:GPE"),
                 m("Peru's National Coastal Fisheries Institute", extractor="rule:acronym"),
                 m("INPESCA", extractor="rule:acronym", long_form="Peru's National Coastal Fisheries Institute")))
    record, _, _, named, short = keys(res, "a.md")
    assert record == named == short


def test_resolve_links_gazetteer_acronym_and_name_to_one_entry() -> None:
    res = run(
        ex("a.md", m("International Fund for Agricultural Development"), m("IFAD", "Place", "model:GPE")),
        ex("b.md", m("IFAD's", "Organisation"), m("the International Fund for Agricultural Development")),
    )
    assert set(keys(res, "a.md")) | set(keys(res, "b.md")) == {"organisation/ifad"}
    e = res.entities["organisation/ifad"]
    assert e.type == "Organisation" and e.label == "International Fund for Agricultural Development"
    assert "IFAD" in e.alt_labels
    assert e.same_as == ("http://www.wikidata.org/entity/Q1665444",)


def test_resolve_ambiguous_acronym_by_document_countries() -> None:
    khm = m("Cambodia", "Country", "frontmatter:country", key="country/KHM")
    res = run(
        ex("khm.md", khm, m("MAFF", "Person", "model:PERSON")),
        ex("jpn.md", m("Japan", "Place", "model:GPE"), m("MAFF")),
        ex("none.md", m("MAFF")),
    )
    assert keys(res, "khm.md")[1] == "organisation/khm-maff"
    assert keys(res, "jpn.md")[1] == "organisation/jpn-maff"
    unlinked = keys(res, "none.md")[0]
    assert unlinked not in ("organisation/khm-maff", "organisation/jpn-maff")
    assert res.entities["organisation/khm-maff"].country == "KHM"


def test_resolve_country_in_prose_is_the_front_matter_country() -> None:
    res = run(ex("a.md", m("KHM", "Country", "frontmatter:country", key="country/KHM"),
                 m("Cambodia", "Place", "model:GPE"), m("Cambodia", "Organisation", "model:ORG")))
    assert set(keys(res, "a.md")) == {"country/KHM"}
    assert res.entities["country/KHM"].label == "Cambodia"


def test_resolve_person_name_variants_within_a_document() -> None:
    res = run(ex("a.md", m("Qu Sixi", "Person", "model:PERSON"), m("Sixi Qu", "Person", "model:PERSON"),
                 m("Qu", "Person", "model:PERSON"), m("Jia Yan", "Person", "model:PERSON"),
                 m("Yan Jia", "Person", "model:PERSON")))
    k = keys(res, "a.md")
    assert k[0] == k[1] == k[2] and k[3] == k[4] and k[0] != k[3]
    assert res.entities[k[0]].type == "Person"


def test_resolve_type_is_voted_so_a_name_never_splits_over_classes() -> None:
    res = run(ex("a.md", m("Bureau Iissala", "Person", "model:PERSON")),
              ex("b.md", m("Bureau Iissala"), m("Bureau Iissala", extractor="rule:org-word")))
    assert len(res.entities) == 1
    assert next(iter(res.entities.values())).type == "Organisation"


def test_resolve_places_link_to_subdivisions_and_cities_with_their_country() -> None:
    res = run(ex("a.md", m("China", "Place", "model:GPE"), m("Jiangsu Province", "Place", "model:GPE"),
                 m("Jiangsu", "Place", "model:GPE"), m("Suzhou", "Place", "model:GPE"),
                 m("Cao Bang", "Person", "model:PERSON")))
    k = keys(res, "a.md")
    assert k[1] == k[2] == "place/cn-js"
    assert res.entities["place/cn-js"].country == "CHN"
    suzhou = res.entities[k[3]]
    assert suzhou.country == "CHN" and suzhou.same_as[0].startswith("https://sws.geonames.org/")
    assert k[4] != "place/vn-04"  # no Viet Nam in this document: a person stays a person


def test_resolve_merges_file_joins_and_keeps_apart() -> None:
    merges = Merges(same=(("organisation/wfp", "WFP China Office"),), different=(("Qu Sixi", "Qu"),),
                    ignore=frozenset({"zoom conference"}))
    res = run(ex("a.md", m("WFP"), m("WFP China Office"), m("Qu Sixi", "Person", "model:PERSON"),
                 m("Qu", "Person", "model:PERSON"), m("Zoom Conference")), merges=merges)
    k = keys(res, "a.md")
    assert k[0] == k[1] == "organisation/wfp"
    assert k[2] != k[3]
    assert k[4] is None


def test_resolve_keeps_front_matter_keys_and_drops_empty_ones() -> None:
    res = run(ex("a.md", m("Cassava II", "Project", "frontmatter:project_title", key="project/undp-1"),
                 m("Webinar", "Event", "model:EVENT", key="")))
    assert keys(res, "a.md") == ("project/undp-1", None)


def test_resolve_is_independent_of_document_order() -> None:
    docs = [ex("a.md", m("Malawi Rural Finance Company"), m("MRFC", long_form="Malawi Rural Finance Company")),
            ex("b.md", m("MRFC"), m("Lilongwe", "Place", "model:GPE"), m("Malawi", "Place", "model:GPE"))]
    one, two = run(*docs), run(*reversed(docs))
    assert one.assignments == two.assignments and one.entities == two.entities


def test_resolve_long_form_variant_of_a_gazetteer_name_joins_the_entry() -> None:
    res = run(ex("a.md", m("Economic Community of West Africa States"),
                 m("ECOWAS", long_form="Economic Community of West Africa States")))
    assert set(keys(res, "a.md")) == {"organisation/ecowas"}


def test_resolve_acronym_spelt_out_as_something_else_is_not_the_gazetteer_entry() -> None:
    res = run(ex("a.md", m("Agricultural Finance and Development Bureau"),
                 m("AfDB", long_form="Agricultural Finance and Development Bureau")))
    k = keys(res, "a.md")
    assert k[0] == k[1] != "organisation/afdb"


# ---------------------------------------------------------------- the merges file on every rebuild


@pytest.mark.model
def test_resolve_merges_file_is_applied_on_every_rebuild(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from sscgraph.graph.store import open_store
    from sscgraph.pipeline import build
    from sscgraph.resources import ontology_path

    root = tmp_path / "data"
    shutil.copytree(ontology_path("merges.yaml").parent, root / "ontology")
    merges = root / "ontology" / "merges.yaml"
    monkeypatch.setenv("SSCGRAPH_DATA", str(root))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("The Lakeside Growers Union trained farmers in Malawi.\n", "utf-8")
    (corpus / "b.md").write_text("The Lakeside Farmers Association trained farmers in Malawi.\n", "utf-8")
    graph = tmp_path / "graph"
    query = """PREFIX ssc: <https://w3id.org/sscgraph/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?o ?l WHERE { ?o a ssc:Organisation ; rdfs:label ?l }"""

    def organisations() -> dict[str, str]:
        build([corpus], graph)
        with open_store(graph, read_only=True) as store:
            return {r[1].value: r[0].value for r in store.query(query)}

    merges.write_text("version: 1\nsame:\n  - [Lakeside Growers Union, Lakeside Farmers Association]\n", "utf-8")
    first = organisations()
    assert len(first) == 1
    assert organisations() == first  # a plain rebuild keeps the decision
    merges.write_text(
        "version: 1\nsame:\n  - [Lakeside Growers Union, Lakeside Farmers Association]\nignore: [Lakeside Growers Union]\n",
        "utf-8",
    )
    third = organisations()  # the edited file is read again
    assert list(third) == ["Lakeside Farmers Association"]


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("Government of Mexico", "MEX"), ("the Royal Government of Cambodia", "KHM"), ("Kenya Government", "KEN"),
     ("Government Agency", None), ("Ministry of Agriculture", None)],
)
def test_resolve_government_of_a_country_is_that_country(text: str, iso3: str | None) -> None:
    from sscgraph.resolve.resolver import government_of

    assert government_of(text) == iso3


def test_resolve_government_named_in_front_matter_is_the_country_node() -> None:
    res = run(ex("a.md", m("Government of Mexico", "Organisation", "frontmatter:donor"), m("Mexico", "Country")))
    assert keys(res, "a.md") == ("country/MEX", "country/MEX")


def test_resolve_inverted_iso_country_names_read_in_order() -> None:
    res = run(ex("a.md", m("Republic of Korea", "Country", "rule:country", key="country/KOR")))
    korea = res.entities["country/KOR"]
    assert korea.label == "Republic of Korea" and "Korea, Republic of" in korea.alt_labels


def test_resolve_prose_naming_the_records_project_is_that_project() -> None:
    doc = Document(path="r.md", text="", metadata={"title": "Dry Corridor Resilience Project", "id": "P-1"})
    record = Extraction(document=doc, title="r", mentions=(
        m("Project P-1", "Project", "frontmatter:id", key="project/p-1"),
        m("Dry Corridor Resilience Project", "Project", "model:ORG"),
        m("Coastal Mangrove Project", "Project", "model:ORG"),
    ))
    k = keys(run(record), "r.md")
    assert k[0] == k[1] == "project/p-1" and k[2] != k[0]


def test_resolve_records_project_named_without_its_project_word_and_typed_otherwise_is_that_project() -> None:
    doc = Document(path="r.md", text="", metadata={"title": "Solar Irrigation for Smallholders Programme", "id": 7})
    record = Extraction(document=doc, title="r", mentions=(
        m("Solar Irrigation for Smallholders Programme", "Project", "frontmatter:title", key="project/7"),
        m("Solar Irrigation for Smallholders", "Organisation", "model:ORG"),
        m("Solar Irrigation", "Organisation", "model:ORG"),
        m("Smallholders Programme", "Project", "model:ORG"),
    ))
    res = run(record)
    k = keys(res, "r.md")
    assert k[0] == k[1] == "project/7" and k[2] != k[0] and k[3] != k[0]
    assert res.entities["project/7"].type == "Project"


# ---------------------------------------------------------------- bodies many states have


def doc(path: str, text: str, *names: str) -> Extraction:
    """A document whose mentions are the given organisation names and the countries of its text.

    Owners are set as extraction sets them (resolution never reads the text).
    """
    from sscgraph.resolve import countries, statebodies

    found = []
    for name in names:
        i = text.index(name)
        found.append(statebodies.with_owner(m(name, start=i, end=i + len(name)), text))
    for word in text.replace(",", " ").replace(".", " ").replace("'s", " ").split():
        if iso3 := countries.from_name(word):
            i = text.index(word)
            found.append(m(word, "Country", "rule:country", key="country/" + iso3, start=i, end=i + len(word)))
    return Extraction(document=Document(path=path, text=text), title=path, mentions=tuple(found))


@pytest.mark.parametrize(
    ("name", "state"),
    [
        ("Ministry of Agriculture", True),
        ("Department of Fisheries", True),
        ("National Institute of Statistics", True),
        ("National Agricultural Research Organisation", False),  # no head word of a state's body
        ("Ministry of Agriculture of Ghana", False),
        ("Kenya Ministry of Health", False),
        ("Bureau Iissala", False),
        ("Green Climate Fund", False),
        ("Office", False),
    ],
)
def test_resolve_state_body_names_are_told_from_names_of_one_body(name: str, state: bool) -> None:
    from sscgraph.resolve.statebodies import is_state_body

    assert is_state_body(name) is state


def test_resolve_ministry_without_its_country_is_not_learned_across_documents() -> None:
    res = run(
        doc("a.txt", "Kenya. The Ministry of Agriculture trained officers.", "Ministry of Agriculture"),
        doc("b.txt", "Ghana. The Ministry of Agriculture opened a hatchery.", "Ministry of Agriculture"),
        doc("c.txt", "The Ministry of Agriculture hosted the workshop.", "Ministry of Agriculture"),
        doc("d.txt", "In Kenya the Ministry of Agriculture bought seed.", "Ministry of Agriculture"),
    )
    key = {p: next(k for k in keys(res, p) if k and k.startswith("organisation/"))
           for p in ("a.txt", "b.txt", "c.txt", "d.txt")}
    assert key["a.txt"] == key["d.txt"] != key["b.txt"]
    assert len({key["a.txt"], key["b.txt"], key["c.txt"]}) == 3
    assert all(res.entities[k].label == "Ministry of Agriculture" for k in key.values())


def test_resolve_ministry_takes_the_country_written_next_to_it() -> None:
    text = ("Peru, Chile and Ecuador met. The Ministry of Production of Peru and Chile's Department of Fisheries"
            " signed, with the Ecuador Ministry of Agriculture.")
    res = run(doc("a.txt", text, "Ministry of Production", "Department of Fisheries", "Ministry of Agriculture"))
    orgs = sorted(k for k in keys(res, "a.txt") if k and k.startswith("organisation/"))
    assert orgs == ["organisation/chl-department-of-fisheries", "organisation/ecu-ministry-of-agriculture",
                    "organisation/per-ministry-of-production"]


def test_resolve_ministry_in_a_document_of_several_countries_stays_in_its_document() -> None:
    text = "Brazil and Mozambique agreed. The Department of Fisheries will host the visit."
    res = run(doc("a.txt", text, "Department of Fisheries"), doc("b.txt", text, "Department of Fisheries"))
    a, b = (next(k for k in keys(res, p) if k and k.startswith("organisation/")) for p in ("a.txt", "b.txt"))
    assert a != b


def test_resolve_national_gazetteer_body_needs_its_country_in_the_document() -> None:
    res = run(ex("a.md", m("Ministry of Commerce")), ex("b.md", m("Ministry of Commerce"), m(
        "China", "Country", "rule:country", key="country/CHN")), gazetteer=load_gazetteer())
    assert keys(res, "b.md")[0] == "organisation/chn-mofcom"
    assert keys(res, "a.md")[0] != "organisation/chn-mofcom"


def test_resolve_country_ending_the_sentence_before_owns_no_body() -> None:
    from sscgraph.resolve.statebodies import owner

    text = "Envoys came from Bangladesh. CSTL will train them; Nepal's CSTL hosts them."
    first = text.index("CSTL")
    second = text.index("CSTL", first + 1)
    assert owner(text, first, first + 4) is None
    assert owner(text, second, second + 4) == "NPL"


def test_resolve_a_body_named_by_another_front_matter_field_is_not_the_records_project() -> None:
    doc = Document(path="r.md", text="", metadata={
        "programme_title": "Better Goat Breeding in Eastern Zambia", "host_institute": "Chipata Livestock Centre"})
    record = Extraction(document=doc, title="r", mentions=(
        m("Better Goat Breeding in Eastern Zambia", "Project", "frontmatter:programme_title"),
        m("Chipata Livestock Centre", "Organisation", "model:ORG"),
        m("Better Goat Breeding in Eastern Zambia", "Project", "model:ORG"),
    ))
    k = keys(run(record), "r.md")
    assert k[0] == k[2] and k[1] != k[0]
