"""Reference-data helpers: the YAML reader and the cache of derived indexes."""

from __future__ import annotations

from pathlib import Path

import pytest

from sscgraph.resources import cache_dir, cached_index, parse_yaml


@pytest.fixture
def calls() -> list[int]:
    return []


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> Path:
    """The cache folder, set through the environment."""
    monkeypatch.setenv("SSCGRAPH_CACHE_DIR", str(tmp_path / "c"))
    return tmp_path / "c"


@pytest.fixture
def src(tmp_path: Path) -> Path:
    """A stand-in for the code that builds an index."""
    path = tmp_path / "code.py"
    path.write_text("x = 1\n")
    return path


def _maker(calls: list[int], value: object):
    def make() -> object:
        calls.append(1)
        return value
    return make


def test_cached_index_is_built_once_and_read_back(folder: Path, src: Path, calls) -> None:
    assert cached_index("idx", [src], ["1.0"], _maker(calls, {"a": [1, 2]})) == {"a": [1, 2]}
    assert cached_index("idx", [src], ["1.0"], _maker(calls, {"b": 0})) == {"a": [1, 2]}
    assert len(calls) == 1
    assert len(list(folder.glob("idx-*.pickle"))) == 1


def test_cached_index_is_rebuilt_when_code_or_data_version_changes(folder: Path, src: Path, calls) -> None:
    cached_index("idx", [src], ["1.0"], _maker(calls, 1))
    assert cached_index("idx", [src], ["2.0"], _maker(calls, 2)) == 2
    src.write_text("x = 2\n")
    assert cached_index("idx", [src], ["2.0"], _maker(calls, 3)) == 3
    assert len(calls) == 3
    # only the newest copy is kept
    assert len(list(folder.glob("idx-*.pickle"))) == 1


def test_cached_index_survives_a_damaged_copy_and_an_unwritable_folder(
        tmp_path: Path, monkeypatch, folder: Path, src: Path, calls) -> None:
    cached_index("idx", [src], [], _maker(calls, [1]))
    (copy,) = folder.glob("idx-*.pickle")
    copy.write_bytes(copy.read_bytes()[:5])  # cut short, as by a crash of another writer
    assert cached_index("idx", [src], [], _maker(calls, [2])) == [2]
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SSCGRAPH_CACHE_DIR", str(blocker / "sub"))
    assert cached_index("idx", [src], [], _maker(calls, [3])) == [3]
    assert len(calls) == 3


def test_a_failed_write_leaves_no_partial_file(folder: Path, src: Path, calls) -> None:
    cached_index("idx", [src], [], _maker(calls, [1]))
    (copy,) = folder.glob("idx-*.pickle")
    copy.unlink()
    copy.mkdir()  # the final name cannot be replaced, so the write fails after the temporary file is made
    assert cached_index("idx", [src], [], _maker(calls, [2])) == [2]
    assert [p.name for p in folder.iterdir()] == [copy.name]


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch, calls) -> None:
    monkeypatch.setenv("SSCGRAPH_CACHE_DIR", "")
    assert cache_dir() is None
    src = tmp_path / "code.py"
    src.write_text("")
    cached_index("idx", [src], [], _maker(calls, 1))
    cached_index("idx", [src], [], _maker(calls, 1))
    assert len(calls) == 2


def test_default_cache_folder_follows_xdg(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SSCGRAPH_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "sscgraph"


def test_parse_yaml_reads_the_safe_subset_only() -> None:
    assert parse_yaml("a: [1, two]\nb: {c: true}\n") == {"a": [1, "two"], "b": {"c": True}}
    import yaml

    with pytest.raises(yaml.YAMLError):
        parse_yaml("!!python/object/apply:os.system ['true']")
