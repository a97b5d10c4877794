"""The public surface stays deliberate and the command line stays light."""

from __future__ import annotations

import subprocess
import sys

import sscgraph
from sscgraph import ids


def test_all_is_sorted_and_importable() -> None:
    assert sscgraph.__all__ == sorted(sscgraph.__all__)
    for name in sscgraph.__all__:
        assert getattr(sscgraph, name) is not None


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from sscgraph.cli import cli; from click.testing import CliRunner; "
        "CliRunner().invoke(cli, ['--help']); "
        "print(','.join(m for m in ('spacy', 'networkx', 'pyvis', 'pyshacl', 'dask') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_ids_are_stable_and_readable() -> None:
    assert ids.entity_key("Country", "KHM") == "country/KHM"
    assert ids.entity_key("Organisation", "Ministry of Commerce (MOFCOM)") == "organisation/ministry-of-commerce-mofcom"
    assert ids.slug("Côte d'Ivoire") == "cote-d-ivoire"
    long = ids.slug("word " * 40)
    assert len(long) <= ids.MAX_SLUG + 9 and long == ids.slug("word " * 40)
    assert ids.document_iri("sub dir/a b.md").endswith("document/sub%20dir/a%20b.md")
