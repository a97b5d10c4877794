"""``sscgraph push`` against a real Virtuoso started on 127.0.0.1 (scripts/virtuoso.sh)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from sscgraph.pipeline import build
from sscgraph.push import PushError, push

from .conftest import ROOT, need
from .test_incremental import record

pytestmark = pytest.mark.server
KHM = "https://w3id.org/sscgraph/id/country/KHM"
THA = "https://w3id.org/sscgraph/id/country/THA"


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory):
    need("virtuoso-t")
    data = tmp_path_factory.mktemp("virtuoso")
    server = subprocess.Popen(
        ["bash", str(ROOT / "scripts" / "virtuoso.sh"), str(data)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True,
    )
    try:
        assert server.stdout is not None
        base = server.stdout.readline().strip()
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert server.poll() is None, (data / "virtuoso.log").read_text(errors="replace")[-2000:]
            try:
                if httpx.get(base + "/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(1)
        else:
            pytest.fail("Virtuoso did not come up within 180 s")
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        if server.stdout is not None:
            server.stdout.close()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def select(base: str, query: str) -> list[dict]:
    r = httpx.get(base + "/sparql", params={"query": query, "format": "application/sparql-results+json"}, timeout=30)
    r.raise_for_status()
    return r.json()["results"]["bindings"]


def test_push_sends_graphs_then_only_what_changed(virtuoso: str, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"{i}.md").write_text(record(f"9100000{i}", "KHM"), encoding="utf-8")
    graph = tmp_path / "g"
    build([corpus], graph, use_model=False)
    endpoint = virtuoso + "/sparql-graph-crud-auth"

    first = push(graph, endpoint, user="dba", password="dba")
    assert len(first.sent) == 5  # 3 documents, entities, ontology
    rows = select(virtuoso, "SELECT ?p WHERE { GRAPH ?g { ?p <https://w3id.org/sscgraph/ontology#targetsCountry> "
                            f"<{KHM}> }} FILTER(CONTAINS(STR(?p), '9100000')) }}")
    assert len(rows) == 3

    (corpus / "0.md").write_text(record("91000000", "THA"), encoding="utf-8")
    (corpus / "2.md").unlink()
    build([corpus], graph, use_model=False)
    second = push(graph, endpoint, user="dba", password="dba")
    assert sorted(second.sent) == sorted([
        "https://w3id.org/sscgraph/id/document/0.md", "https://w3id.org/sscgraph/id/graph/entities"])
    assert second.deleted == ["https://w3id.org/sscgraph/id/document/2.md"] and second.unchanged == 2
    rows = select(virtuoso, "SELECT ?c WHERE { GRAPH ?g { ?p <https://w3id.org/sscgraph/ontology#targetsCountry> ?c "
                            "} FILTER(CONTAINS(STR(?p), '91000000')) }")
    assert [r["c"]["value"] for r in rows] == [THA]
    rows = select(virtuoso, "SELECT ?g WHERE { GRAPH ?g { ?d <http://purl.org/dc/terms/source> '2.md' } }")
    assert rows == []
    assert push(graph, endpoint, user="dba", password="dba").sent == []


def test_push_with_a_wrong_password_is_refused_clearly(virtuoso: str, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.md").write_text(record("92000000", "LAO"), encoding="utf-8")
    build([corpus], tmp_path / "g", use_model=False)
    with pytest.raises(PushError, match="HTTP 401"):
        push(tmp_path / "g", virtuoso + "/sparql-graph-crud-auth", user="dba", password="wrong")
    done = subprocess.run(
        [sys.executable, "-m", "sscgraph", "push", "--graph", str(tmp_path / "g"), "--endpoint",
         virtuoso + "/sparql-graph-crud-auth", "--user", "dba", "--password", "wrong"],
        capture_output=True, text=True,
    )
    assert done.returncode == 2
    assert "refused" in done.stderr and "Traceback" not in done.stderr


def test_push_to_nothing_listening_fails_after_retries(tmp_path: Path) -> None:
    import socket

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.md").write_text(record("93000000", "LAO"), encoding="utf-8")
    build([corpus], tmp_path / "g", use_model=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(PushError, match="after 2 attempts"):
        push(tmp_path / "g", f"http://127.0.0.1:{port}/store", retries=1, backoff=0.01)
