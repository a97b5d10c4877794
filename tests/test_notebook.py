"""The walkthrough notebook runs to its end: build, SPARQL tables, the ranking chart, the embedded pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"


@pytest.mark.slow
@pytest.mark.model
def test_notebook_walkthrough_runs_to_the_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import nbformat
    from nbclient import NotebookClient

    out = tmp_path / "walkthrough"
    monkeypatch.setenv("SSCGRAPH_WALKTHROUGH_OUT", str(out))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # a failing cell raises CellExecutionError with the cell's traceback
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    tables = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {}) and "<table>" in o["data"]["text/html"]]
    assert len(tables) == 4
    entities_by_type, organisations, _, central = tables
    assert "<td>Organisation</td>" in entities_by_type and "<td>Country</td>" in entities_by_type
    assert organisations.count("<tr>") > 5
    assert central.count("<tr>") == 1 + 10  # header and the top ten
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the bar chart

    frames = [o["data"]["text/html"] for o in outputs if "<iframe" in o.get("data", {}).get("text/html", "")]
    assert len(frames) == 1
    src = re.search(r'src="([^"]+)"', frames[0])
    assert src is not None
    page = (NOTEBOOK.parent / src.group(1)).resolve()
    assert page == (out / "pages" / "index.html").resolve() and page.is_file()
    assert (out / "sscgraph.gexf").stat().st_size > 0
