"""The query page of ``sscgraph serve`` in headless Chromium: runs queries, shows rows, needs no internet."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from .conftest import need
from .test_serve import served_graph, server  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chromium = need("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


@pytest.fixture()
def page(browser, server: str):  # noqa: F811
    context = browser.new_context()
    pg = context.new_page()
    pg.requested = []
    pg.on("request", lambda r: pg.requested.append(r.url))
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.goto(server + "/")
    pg.wait_for_selector("body[data-ready=true]", timeout=30_000)
    yield pg
    context.close()


def rows(pg) -> list[list[str]]:
    return pg.eval_on_selector_all("#results tbody tr", "trs => trs.map(tr => [...tr.cells].map(c => c.innerText))")


def test_query_page_runs_written_query_and_shows_rows(page, server: str) -> None:  # noqa: F811
    page.fill("#query", "SELECT ?iso WHERE { ?c a ssc:Country ; ssc:iso3 ?iso } ORDER BY ?iso")
    page.click("#run")
    page.wait_for_selector("#results tbody tr")
    assert rows(page) == [["CHN"], ["ETH"], ["KHM"]]
    assert page.inner_text("#results thead").strip() == "iso"
    assert page.inner_text("#status").startswith("3 rows")
    assert page.errors == []
    assert {urlparse(u).netloc for u in page.requested} == {urlparse(server).netloc}


def test_query_page_offers_saved_questions_with_parameters(page) -> None:
    titles = page.eval_on_selector_all("#saved option", "os => os.map(o => o.value)")
    assert "partners-of-organisation" in titles and len(titles) >= 13
    page.select_option("#saved", "partners-of-organisation")
    assert "# title: Partners of an organisation" in page.input_value("#query")
    page.fill("#param-org", "FAO")
    page.click("#run")
    page.wait_for_selector("#results tbody tr")
    table = rows(page)
    assert len(table) == 1
    assert table[0][:3] == ["organisation/fao", "organisation/wfp", "World Food Programme"]


def test_query_page_shows_parser_error(page) -> None:
    page.fill("#query", "SELECT ?x WHERE {")
    page.click("#run")
    page.wait_for_selector("#error:not([hidden])")
    assert "400" in page.inner_text("#error") and "line 1" in page.inner_text("#error")
    assert page.is_hidden("#results")


def test_query_page_runs_construct_with_ctrl_enter_and_shows_turtle(page) -> None:
    page.fill("#query", "CONSTRUCT { ?e ssc:heldIn ?p } WHERE { ?e ssc:heldIn ?p }")
    page.focus("#query")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#graph:not([hidden])")
    assert "ssc:heldIn" in page.inner_text("#graph")
