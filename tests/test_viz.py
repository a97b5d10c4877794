"""Network pages: written offline-ready, drawn by headless Chromium, hostile labels kept as text."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sscgraph.graph.store import open_store
from sscgraph.viz.pages import page_path, script_json, write_pages

from .conftest import need
from .network_data import EVIL, HOSTILE_LABEL, ID, small_graph

FAO = ID + "organisation/fao"


@pytest.fixture(scope="module")
def small_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("viz")
    graph = small_graph(root / "graph")
    with open_store(graph, read_only=True) as store:
        write_pages(store, root / "pages")
    return root / "pages"


def test_viz_script_json_cannot_close_the_script_element() -> None:
    text = script_json({"label": "</script><script>alert(1)</script> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert page_path(ID + "organisation/ifad") == "organisation/ifad.html"
    assert page_path(ID + "country/KHM") == "country/KHM.html"
    assert ".." not in page_path(ID + "organisation/../../etc")


def test_viz_radial_layout_spreads_rings_and_their_largest_nodes() -> None:
    import math

    from sscgraph.viz.layout import radial_layout

    inner, outer = [f"t{i}" for i in range(3)], [f"o{i}" for i in range(40)]
    pos = radial_layout("c", [inner, outer])
    assert pos["c"] == (0.0, 0.0) and len(set(pos.values())) == 1 + 3 + 40
    r_inner = {round(math.hypot(*pos[v])) for v in inner}
    r_outer = {round(math.hypot(*pos[v])) for v in outer}
    assert len(r_inner) == len(r_outer) == 1 and r_inner.pop() < r_outer.pop()
    # the most important neighbours (first) do not sit side by side
    angle = [math.atan2(pos[v][1], pos[v][0]) for v in outer[:3]]
    gaps = [abs(a - b) % (2 * math.pi) for a in angle for b in angle if a != b]
    assert min(min(g, 2 * math.pi - g) for g in gaps) > 2 * math.pi / 40 * 3


def test_viz_force_layout_keeps_linked_nodes_together() -> None:
    import math
    from itertools import combinations

    from sscgraph.viz.layout import force_layout

    groups = [[f"a{i}" for i in range(8)], [f"b{i}" for i in range(8)]]
    edges = [(u, v, 1.0) for g in groups for u, v in combinations(g, 2)]
    pos = force_layout(groups[0] + groups[1] + ["alone"], edges)
    assert len(set(pos.values())) == 17
    inside = [math.dist(pos[u], pos[v]) for g in groups for u, v in combinations(g, 2)]
    across = [math.dist(pos[u], pos[v]) for u in groups[0] for v in groups[1]]
    assert max(inside) < min(across)
    assert force_layout(groups[0] + groups[1] + ["alone"], edges) == pos  # the same on every run


def test_viz_writes_overview_entity_pages_and_libraries(small_pages: Path) -> None:
    assert (small_pages / "index.html").is_file()
    for name in ("vis-network.min.js", "vis-network.css", "sscgraph-network.js", "sscgraph-network.css"):
        assert (small_pages / "lib" / name).stat().st_size > 0
    for key in ("organisation/fao", "organisation/mofcom", "organisation/evil", "organisation/lonely",
                "country/CHN", "country/COG", "project/p1"):
        assert (small_pages / f"{key}.html").is_file(), key
    assert not (small_pages / "person").exists() and not (small_pages / "place").exists()
    for page in small_pages.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "http://" not in html.replace("http://www.w3.org", "") and "https://cdn" not in html
        assert "<script>window.pwned" not in html and "<img src=x" not in html
    index = (small_pages / "index.html").read_text(encoding="utf-8")
    assert 'href="organisation/fao.html"' in index
    fao = (small_pages / "organisation" / "fao.html").read_text(encoding="utf-8")
    assert 'href="../organisation/mofcom.html"' in fao and 'src="../lib/vis-network.min.js"' in fao


# -- in the browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chromium = need("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def served(small_pages: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(small_pages))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class names it so
        pass


class Visit:
    """One page in a fresh browser context: console errors and every request it made are recorded."""

    def __init__(self, browser, url: str) -> None:  # type: ignore[no-untyped-def]
        # The pages' own Content-Security-Policy would also stop injected scripts; it is switched
        # off here so the tests prove that hostile text is never parsed as HTML in the first place.
        self.context = browser.new_context(bypass_csp=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.context.route("**/*", self._route)
        self.page.goto(url)
        self.page.wait_for_function("window.sscgraph && window.sscgraph.ready", timeout=60_000)

    def _route(self, route, request) -> None:  # type: ignore[no-untyped-def]
        self.requests.append(request.url)
        if request.url.startswith(("http://127.0.0.1:", "file://", "data:")):
            route.continue_()
        else:
            route.abort()

    def js(self, code: str):  # type: ignore[no-untyped-def]
        return self.page.evaluate(code)

    def node_point(self, iri: str) -> tuple[float, float]:
        """Where a node is drawn on the screen."""
        return self.page.evaluate(
            """(id) => { const s = window.sscgraph; const p = s.network.canvasToDOM(s.network.getPositions([id])[id]);
                 const r = document.getElementById('network').getBoundingClientRect();
                 return [r.left + p.x, r.top + p.y]; }""",
            iri,
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def visit(browser, served: str):  # type: ignore[no-untyped-def]
    opened: list[Visit] = []

    def open_page(path: str) -> Visit:
        v = Visit(browser, served + path)
        opened.append(v)
        return v

    yield open_page
    for v in opened:
        assert not v.errors, v.errors
        assert all(u.startswith(served) for u in v.requests), v.requests
        v.close()


@pytest.mark.browser
def test_viz_overview_draws_every_node_offline(visit, small_pages: Path) -> None:  # type: ignore[no-untyped-def]
    v = visit("index.html")
    drawn = v.js("window.sscgraph.network.body.nodeIndices.length")
    in_data = v.js("window.sscgraph.data.nodes.length")
    assert drawn == in_data == 10
    assert v.js("window.sscgraph.network.body.edgeIndices.length") == v.js("window.sscgraph.data.edges.length") > 0
    assert v.js("document.querySelectorAll('#legend input').length") == 6
    assert any(u.endswith("lib/vis-network.min.js") for u in v.requests)


@pytest.mark.browser
def test_viz_clicking_a_node_shows_its_details(visit) -> None:  # type: ignore[no-untyped-def]
    v = visit("index.html")
    x, y = v.node_point(FAO)
    v.page.mouse.move(x, y)
    tooltip = v.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert "Food and Agriculture Organization" in tooltip.inner_text()
    assert "FAO, UN FAO" in tooltip.inner_text() and "Documents: 2" in tooltip.inner_text()
    assert "In: a.md, b.md" in tooltip.inner_text()
    assert "MOFCOM and FAO are partners." in tooltip.inner_text()  # evidence of its strongest link
    v.page.mouse.click(x, y)
    details = v.page.wait_for_selector("#details h2", state="visible")
    assert details.inner_text() == "Food and Agriculture Organization"
    panel = v.page.inner_text("#details")
    assert "Organisation" in panel and "partnerOf" in panel and "MOFCOM and FAO are partners." in panel


@pytest.mark.browser
def test_viz_hostile_label_stays_text(visit) -> None:  # type: ignore[no-untyped-def]
    v = visit("index.html")
    x, y = v.node_point(EVIL)
    v.page.mouse.move(x, y)
    tooltip = v.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert HOSTILE_LABEL in tooltip.inner_text() and "window.pwned=3" in tooltip.inner_text()
    v.page.mouse.click(x, y)
    v.page.wait_for_selector("#details h2", state="visible")
    assert v.page.inner_text("#details h2") == HOSTILE_LABEL
    assert "window.pwned=3" in v.page.inner_text("#details")  # the evidence sentence, as text
    assert v.js("typeof window.pwned") == "undefined"
    assert v.js("document.querySelectorAll('#details script, #details img, .vis-tooltip script, .vis-tooltip img').length") == 0
    page = visit("organisation/evil.html")
    assert page.page.inner_text("h1") == HOSTILE_LABEL
    assert page.page.title().startswith(HOSTILE_LABEL)
    assert page.js("typeof window.pwned") == "undefined"


@pytest.mark.browser
def test_viz_search_and_type_filter(visit) -> None:  # type: ignore[no-untyped-def]
    v = visit("index.html")
    v.page.fill("#search", "mofcom")
    v.page.press("#search", "Enter")
    assert v.page.inner_text("#details h2") == "Ministry of Commerce"
    assert v.js("window.sscgraph.network.getSelectedNodes()") == [ID + "organisation/mofcom"]
    visible = "window.sscgraph.nodes.get({filter: n => !n.hidden}).length"
    assert v.js(visible) == 10
    v.page.uncheck("#legend input[value=Organisation]")
    assert v.js(visible) == 6
    v.page.check("#legend input[value=Organisation]")
    assert v.js(visible) == 10
    # the co-mention layer switches off and on; typed relations stay
    shown = "window.sscgraph.edges.get({filter: e => !e.hidden}).length"
    total, typed = v.js(shown), v.js("window.sscgraph.data.edges.filter(e => e.layer === 'typed').length")
    assert 0 < typed < total
    v.page.uncheck("#layers input[value=comention]")
    assert v.js(shown) == typed
    v.page.check("#layers input[value=comention]")
    assert v.js(shown) == total


@pytest.mark.browser
def test_viz_entity_pages_link_to_each_other(visit) -> None:  # type: ignore[no-untyped-def]
    v = visit("organisation/fao.html")
    assert v.js("window.sscgraph.network.body.nodeIndices.length") == v.js("window.sscgraph.data.nodes.length")
    centre = v.js("window.sscgraph.data.nodes.filter(n => n.centre).map(n => n.id)")
    assert centre == [FAO]
    v.page.click("a[href='../organisation/mofcom.html']")
    v.page.wait_for_function("window.sscgraph && window.sscgraph.ready")
    assert v.page.inner_text("h1") == "Ministry of Commerce"
    v.page.click("nav a")
    v.page.wait_for_function("window.sscgraph && window.sscgraph.ready && document.title.startsWith('Cooperation')")


@pytest.mark.browser
def test_viz_seeds_pages_draw_what_the_data_holds(browser, seeds_graph: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_store(seeds_graph, read_only=True) as store:
        report = write_pages(store, tmp_path / "pages", top=200, max_pages=5)
    assert report.overview_nodes == min(200, report.nodes)
    v = Visit(browser, (tmp_path / "pages" / "index.html").as_uri())
    try:
        assert v.js("window.sscgraph.network.body.nodeIndices.length") == report.overview_nodes
        assert not v.errors, v.errors
        assert all(u.startswith("file://") for u in v.requests), v.requests
    finally:
        v.close()
