"""The command line as a user meets it: help texts, exit codes, messages, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sscgraph.cli import COMMANDS, LazyGroup, cli

from .test_build import make_bad_corpus

AVAILABLE = LazyGroup("x").list_commands(None)  # type: ignore[arg-type]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sscgraph", *args], capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("name", AVAILABLE)
def test_cli_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert COMMANDS[name][2]


def test_cli_top_level_help_lists_commands() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in AVAILABLE:
        assert name in result.output


def test_cli_build_bad_corpus_names_problems_and_exits_1(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    make_bad_corpus(corpus)
    result = run("build", str(corpus), "--graph", str(tmp_path / "g"), "--no-model")
    assert result.returncode == 1, result.stderr
    for name in ("malformed.md", "empty.md", "binary.txt", "latin1.txt"):
        assert name in result.stderr
    assert "Traceback" not in result.stderr
    assert "documents built" in result.stdout


def test_cli_build_strict_exits_1_and_says_store_unchanged(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    make_bad_corpus(corpus)
    result = run("build", str(corpus), "--graph", str(tmp_path / "g"), "--no-model", "--strict")
    assert result.returncode == 1
    assert "store left unchanged" in result.stderr
    assert not (tmp_path / "g" / "store").exists()


def test_cli_stats_without_graph_says_what_to_do(tmp_path: Path) -> None:
    result = run("stats", "--graph", str(tmp_path / "none"))
    assert result.returncode == 2
    assert "sscgraph build" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_bad_mapping_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "m.yaml"
    bad.write_text("fields:\n  a: {role: nope}\n")
    result = run("build", "--mapping", str(bad), "--graph", str(tmp_path / "g"), "--no-model")
    assert result.returncode == 2
    assert "role must be one of" in result.stderr and "Traceback" not in result.stderr


def test_cli_validate_and_export_on_seeds(seeds_graph: Path, tmp_path: Path) -> None:
    result = run("validate", "--graph", str(seeds_graph))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Conforms" in result.stdout
    out = tmp_path / "x.nq"
    result = run("export", "--graph", str(seeds_graph), "--format", "nquads", "-o", str(out))
    assert result.returncode == 0 and out.stat().st_size > 0


def test_cli_validate_reports_violations_with_exit_1(tmp_path: Path) -> None:
    shapes = tmp_path / "s.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ssc: <https://w3id.org/sscgraph/ontology#> .\n"
        "ssc:S a sh:NodeShape ; sh:targetClass ssc:Country ; sh:property [ sh:path ssc:nothing ; sh:minCount 1 ; "
        "sh:message \"needs nothing\" ] .\n"
    )
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    graph = tmp_path / "g"
    assert run("build", str(seeds), "--graph", str(graph), "--no-model").returncode == 0
    result = run("validate", "--graph", str(graph), "--shapes", str(shapes))
    assert result.returncode == 1
    assert "needs nothing" in result.stdout
    result = run("validate", "--graph", str(tmp_path / "missing"))
    assert result.returncode == 2
