from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sscgraph import ingest


def write(folder: Path, name: str, data: bytes | str) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    return p


def read_one(folder: Path, name: str, data: bytes | str):
    p = write(folder, name, data)
    return ingest.read(ingest.Source(p, folder))


def test_ingest_reads_front_matter_and_body_with_offset(tmp_path: Path) -> None:
    doc, problems = read_one(tmp_path, "a.md", "---\ntitle: T\ncountry: [KHM]\n---\n\nBody text.\n")
    assert problems == []
    assert doc is not None
    assert doc.metadata["title"] == "T"
    assert doc.text.startswith("Body text.")
    assert doc.path == "a.md"
    assert len(doc.sha256) == 64


def test_ingest_without_front_matter_keeps_whole_text(tmp_path: Path) -> None:
    doc, problems = read_one(tmp_path, "news.txt", "Headline\n\nIFAD and FAO met.")
    assert problems == [] and doc is not None
    assert dict(doc.metadata) == {}
    assert doc.text == "Headline\n\nIFAD and FAO met."


def test_ingest_reports_malformed_yaml_with_line(tmp_path: Path) -> None:
    doc, problems = read_one(tmp_path, "bad.md", "---\ntitle: [unclosed\ncountry: KHM\n---\nText")
    assert doc is None
    assert len(problems) == 1
    assert "malformed YAML" in problems[0].reason
    assert problems[0].line is not None


def test_ingest_reports_empty_and_binary_files(tmp_path: Path) -> None:
    doc, problems = read_one(tmp_path, "empty.md", "   \n")
    assert doc is None and problems[0].reason == "empty file"
    doc, problems = read_one(tmp_path, "bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" * 20)
    assert doc is None and "binary" in problems[0].reason


def test_ingest_reads_latin1_with_a_warning(tmp_path: Path) -> None:
    doc, problems = read_one(tmp_path, "l1.txt", "Coopération Sud-Sud à Brazzaville".encode("latin-1"))
    assert doc is not None
    assert "Coopération" in doc.text
    assert problems[0].severity == "warning" and "cp1252" in problems[0].reason


def test_ingest_reports_file_that_vanished_after_discovery(tmp_path: Path) -> None:
    p = write(tmp_path, "gone.md", "text")
    sources, _ = ingest.discover([tmp_path])
    p.unlink()
    doc, problems = ingest.read(sources[0])
    assert doc is None and "cannot read file" in problems[0].reason


def test_discover_is_recursive_sorted_and_filters_suffixes(tmp_path: Path) -> None:
    for name in ["b.md", "a/c.txt", "a/d.markdown", "e.pdf", "A/z.MD"]:
        write(tmp_path, name, "x")
    sources, problems = ingest.discover([tmp_path, tmp_path / "missing"])
    assert [s.relative for s in sources] == ["A/z.MD", "a/c.txt", "a/d.markdown", "b.md"]
    assert problems[0].reason == "no such file or folder"


@settings(max_examples=60, deadline=None)
@given(
    meta=st.dictionaries(
        st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True),
        st.one_of(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
                  st.lists(st.from_regex(r"[A-Z]{3}", fullmatch=True), max_size=4)),
        max_size=5,
    ),
    body=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200).filter(
        lambda s: s.strip() and not s.lstrip().startswith("---")
    ),
)
def test_front_matter_round_trips(meta: dict, body: str) -> None:
    import frontmatter

    raw = frontmatter.dumps(frontmatter.Post(body, **meta))
    parsed, text, offset = ingest.parse(raw, "x.md")
    assert parsed == meta
    assert text.strip() == body.strip()
    assert raw[offset:] == text
