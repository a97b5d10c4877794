"""``sscgraph serve`` as clients meet it: SPARQLWrapper and plain HTTP against a real server on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from sscgraph.serve.app import is_update
from sscgraph.serve.negotiate import choose, parse_accept

from .test_query import DATA, ID, load_trig

pytestmark = pytest.mark.server
RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"
MAX_ROWS = 50
TIMEOUT = 3


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(graph: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``sscgraph serve`` on a free port and wait until it answers."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sscgraph", "serve", "--graph", str(graph), "--port", str(port), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=None if env is None else {**os.environ, **env},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(base + "/saved", timeout=2).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    stop_server(proc)
    raise AssertionError("server did not start within 120 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
    for stream in (proc.stdout, proc.stderr):
        if stream:
            stream.close()


@pytest.fixture(scope="module")
def served_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_trig(DATA / "query.trig", tmp_path_factory.mktemp("serve") / "graph")


@pytest.fixture(scope="module")
def server(served_graph: Path) -> Iterator[str]:
    proc, base = start_server(served_graph, "--max-rows", str(MAX_ROWS), "--timeout", str(TIMEOUT))
    try:
        yield base
    finally:
        stop_server(proc)
    assert proc.returncode is not None


def wrapper(base: str, query: str):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(base + "/sparql")
    client.setQuery(query)
    return client


COUNTRIES = "SELECT ?iso WHERE { ?c a ssc:Country ; ssc:iso3 ?iso } ORDER BY ?iso"


def test_serve_sparqlwrapper_select_json(server: str) -> None:
    from SPARQLWrapper import JSON

    client = wrapper(server, COUNTRIES)
    client.setReturnFormat(JSON)
    data = client.queryAndConvert()
    assert [b["iso"]["value"] for b in data["results"]["bindings"]] == ["CHN", "ETH", "KHM"]


def test_serve_sparqlwrapper_post_xml(server: str) -> None:
    from SPARQLWrapper import POST, XML

    client = wrapper(server, COUNTRIES)
    client.setMethod(POST)
    client.setReturnFormat(XML)
    doc = client.queryAndConvert()
    assert [n.firstChild.data for n in doc.getElementsByTagName("literal")] == ["CHN", "ETH", "KHM"]


def test_serve_sparqlwrapper_csv_and_tsv(server: str) -> None:
    from SPARQLWrapper import CSV, TSV

    client = wrapper(server, COUNTRIES)
    client.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(client.queryAndConvert().decode())))
    assert rows == [["iso"], ["CHN"], ["ETH"], ["KHM"]]
    client.setReturnFormat(TSV)
    lines = client.queryAndConvert().decode().splitlines()
    assert lines == ["?iso", '"CHN"', '"ETH"', '"KHM"']


def test_serve_sparqlwrapper_ask_and_construct(server: str) -> None:
    import rdflib
    from SPARQLWrapper import JSON, TURTLE

    client = wrapper(server, "ASK { ?e ssc:organizedBy ?o }")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True
    client = wrapper(server, "CONSTRUCT { ?e ssc:organizedBy ?o } WHERE { ?e ssc:organizedBy ?o }")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert len(graph) == 4


def test_serve_sparqlwrapper_runs_a_saved_query_file(server: str) -> None:
    from SPARQLWrapper import JSON

    from sscgraph.query import load_saved

    client = wrapper(server, Path(load_saved("co-organisers").path).read_text())
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]
    assert {(r["a"]["value"], r["b"]["value"]) for r in rows} == {
        (ID + "organisation/chn-mara", ID + "organisation/wfp"), (ID + "organisation/fao", ID + "organisation/wfp")}


def test_serve_content_negotiation(server: str) -> None:
    q = {"query": COUNTRIES}
    r = httpx.get(server + "/sparql", params=q, headers={"Accept": "application/sparql-results+xml"})
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    assert len(ET.fromstring(r.content).findall(f"{RESULTS_NS}results/{RESULTS_NS}result")) == 3
    r = httpx.get(server + "/sparql", params=q, headers={"Accept": "text/csv;q=0.5, text/tab-separated-values"})
    assert r.headers["content-type"].startswith("text/tab-separated-values")
    r = httpx.get(server + "/sparql", params=q, headers={"Accept": "*/*"})
    assert r.json()["head"]["vars"] == ["iso"]
    r = httpx.get(server + "/sparql", params=q, headers={"Accept": "image/png"})
    assert r.status_code == 406
    r = httpx.get(server + "/sparql", params={**q, "format": "csv"})
    assert r.text.splitlines()[0] == "iso"
    r = httpx.post(server + "/sparql", content="CONSTRUCT { ?s a ssc:Country } WHERE { ?s a ssc:Country }",
                   headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"})
    assert r.headers["content-type"].startswith("application/n-triples")
    assert len(r.text.strip().splitlines()) == 3


def _count(server: str) -> int:
    r = httpx.get(server + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_serve_refuses_updates_with_403(server: str) -> None:
    before = _count(server)
    update = f"INSERT DATA {{ GRAPH <{ID}graph/x> {{ <{ID}a> <{ID}b> <{ID}c> }} }}"
    assert httpx.post(server + "/sparql", data={"update": update}).status_code == 403
    assert httpx.post(server + "/sparql", content=update,
                      headers={"Content-Type": "application/sparql-update"}).status_code == 403
    assert httpx.post(server + "/sparql", data={"query": "# hi\nPREFIX a: <x:>\n" + update}).status_code == 403
    assert httpx.get(server + "/sparql", params={"update": "DROP ALL"}).status_code == 403
    assert httpx.get(server + "/sparql", params={"query": "CLEAR ALL"}).status_code == 403
    assert _count(server) == before == 133


def test_serve_malformed_query_is_400_with_position(server: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": "SELECT ?x WHERE {\n ?x ?y }"})
    assert r.status_code == 400
    assert "line 2" in r.text


def test_serve_row_cap_cuts_and_says_so(server: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                  headers={"Accept": "application/sparql-results+json"})
    assert len(r.json()["results"]["bindings"]) == MAX_ROWS
    assert "50" in r.headers["x-sscgraph-truncated"]
    r = httpx.get(server + "/sparql", params={"query": COUNTRIES})
    assert "x-sscgraph-truncated" not in r.headers


def test_serve_query_past_the_time_limit_is_stopped_and_server_goes_on(server: str) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    r = httpx.get(server + "/sparql", params={"query": slow}, timeout=60)
    assert r.status_code == 503
    assert "stopped" in r.text
    for _ in range(3):  # the killed worker's place is taken again
        assert httpx.get(server + "/sparql", params={"query": COUNTRIES}, timeout=60).status_code == 200


def test_serve_dataset_parameters_restrict_the_default_graph(server: str) -> None:
    q = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ssc:Document }"
    r = httpx.get(server + "/sparql", params={"query": q, "default-graph-uri": ID + "document/b.md"})
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "1"
    r = httpx.get(server + "/sparql", params={"query": q})
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "3"


def test_serve_saved_queries_listed_and_run_with_bound_parameters(server: str) -> None:
    listed = httpx.get(server + "/saved").json()
    names = {q["name"] for q in listed}
    assert {"partners-of-organisation", "find-entity"} <= names
    partners = next(q for q in listed if q["name"] == "partners-of-organisation")
    assert partners["params"][0]["name"] == "org" and partners["text"].startswith("# title:")
    r = httpx.get(server + "/saved/partners-of-organisation", params={"org": "FAO"}, headers={"Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["partner"] for row in rows] == [ID + "organisation/wfp"]
    r = httpx.post(server + "/saved/find-entity", data={"text": 'x") || true || ("'},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.json()["results"]["bindings"] == []
    r = httpx.get(server + "/saved/partners-of-organisation", params={"org": "<x> } UNION { ?partner ?p ?o }"})
    assert r.status_code == 400
    assert httpx.get(server + "/saved/nope").status_code == 400


def test_serve_from_memory_answers_as_from_disk_and_goes_on_after_a_stop(served_graph: Path, server: str,
                                                                        tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    proc, base = start_server(served_graph, "--memory", "--workers", "1", "--timeout", str(TIMEOUT),
                              env={"TMPDIR": str(temp)})
    try:
        json_results = {"Accept": "application/sparql-results+json"}
        for path, params in (("/sparql", {"query": COUNTRIES}),
                             ("/saved/partners-of-organisation", {"org": "FAO"}),
                             ("/saved/single-document-entities", {})):
            from_memory = httpx.get(base + path, params=params, headers=json_results, timeout=60)
            from_disk = httpx.get(server + path, params=params, headers=json_results, timeout=60)
            assert from_memory.status_code == 200 and from_memory.json()["results"]["bindings"]
            assert from_memory.json() == from_disk.json()
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
        assert httpx.get(base + "/sparql", params={"query": slow}, timeout=60).status_code == 503
        deadline = time.monotonic() + 60  # the one worker's place is taken by a fresh copy
        while (r := httpx.get(base + "/sparql", params={"query": COUNTRIES}, timeout=60)).status_code != 200:
            assert time.monotonic() < deadline, r.text
        assert httpx.post(base + "/sparql", data={"update": "CLEAR ALL"}).status_code == 403
        # the disk server's workers read the store's files; the copies in memory hold none open
        assert store_files_open(listening(server), served_graph) and not store_files_open(proc.pid, served_graph)
        assert [p.name for p in temp.glob("sscgraph-serve-*/store.nq")]  # the snapshot the workers load
    finally:
        stop_server(proc)
    assert list(temp.iterdir()) == []  # and it is gone once the server stops


def test_serve_memory_without_room_for_its_snapshot_says_so_before_listening(served_graph: Path,
                                                                           tmp_path: Path) -> None:
    def room_for_4_kb() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    temp = tmp_path / "temp"
    temp.mkdir()
    port = free_port()
    run = subprocess.run(
        [sys.executable, "-m", "sscgraph", "serve", "--graph", str(served_graph), "--port", str(port), "--memory"],
        capture_output=True, text=True, preexec_fn=room_for_4_kb, timeout=120, check=False,
        env={**os.environ, "TMPDIR": str(temp)},
    )
    assert run.returncode == 2
    assert "Error: cannot write the store's snapshot for --memory: File too large" in run.stderr
    assert "Traceback" not in run.stderr and "SPARQL endpoint" not in run.stderr
    assert list(temp.iterdir()) == []


def test_serve_on_a_port_in_use_says_so_before_starting_workers(server: str, served_graph: Path) -> None:
    port = server.rsplit(":", 1)[1]
    run = subprocess.run([sys.executable, "-m", "sscgraph", "serve", "--graph", str(served_graph), "--port", port],
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 2
    assert f"Error: cannot listen on 127.0.0.1:{port}: Address already in use; choose another --port" in run.stderr
    assert "SPARQL endpoint" not in run.stderr


def listening(base: str) -> int:
    """The process listening on the port of ``base``."""
    port = int(base.rsplit(":", 1)[1])
    return next(c.pid for c in psutil.net_connections(kind="inet")
                if c.status == psutil.CONN_LISTEN and c.laddr.port == port)


def store_files_open(pid: int, graph: Path) -> bool:
    """Whether a query worker of the server ``pid`` has files of the store of ``graph`` open."""
    workers = psutil.Process(pid).children(recursive=True)
    assert workers
    return any(f.path.startswith(str(graph / "store")) for w in workers for f in w.open_files())


def test_serve_binds_loopback_only_by_default(served_graph: Path) -> None:
    proc, base = start_server(served_graph, "--workers", "1")
    try:
        addresses = {c.laddr.ip for c in psutil.Process(proc.pid).net_connections(kind="inet")
                     if c.status == psutil.CONN_LISTEN}
        assert addresses == {"127.0.0.1"}
    finally:
        stop_server(proc)


def test_serve_query_page_and_assets_are_local(server: str) -> None:
    page = httpx.get(server + "/")
    assert page.status_code == 200 and "<textarea" in page.text
    for asset in ("assets/query.js", "assets/query.css"):
        r = httpx.get(f"{server}/{asset}")
        assert r.status_code == 200 and r.text
        assert "http://" not in r.text.replace("http://www.w3.org", "").replace("http://purl.org", "")
    assert "https://" not in page.text and "http://" not in page.text
    browser = httpx.get(server + "/sparql", headers={"Accept": "text/html"})
    assert "<textarea" in browser.text


def test_serve_is_update_sees_through_prologue_and_comments() -> None:
    assert is_update("PREFIX a: <x:>\n# c\nBASE <http://x/>\n insert data { <a:a> <a:b> <a:c> }")
    assert is_update("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert not is_update("PREFIX insert: <x:>\nSELECT * WHERE { ?s insert:p ?o }")
    assert not is_update("# DELETE\nASK {}")


def test_serve_negotiation_prefers_quality_then_order() -> None:
    assert parse_accept("a/b;q=0.2, c/d, e/f;q=0") == [("c/d", 1.0), ("a/b", 0.2)]
    assert choose("select", "text/turtle, text/csv") == "csv"
    assert choose("graph", "application/sparql-results+json, text/turtle;q=0.9") == "turtle"
    assert choose("ask", None) == "json"
    assert choose("graph", "text/html,application/xhtml+xml,*/*;q=0.8") == "turtle"
    assert choose("select", "image/png") is None
    assert json.dumps(choose("select", "", "tsv")) == '"tsv"'
