"""Where sscgraph's reference data lives (ontology, mappings, gazetteer, queries, seeds)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent


def project_root() -> Path:
    """The folder holding ``ontology/`` and ``seeds/``.

    A source checkout (``pip install -e .``) finds them beside ``src/``; an
    installed wheel ships them as package data under ``sscgraph/data``; the
    environment variable ``SSCGRAPH_DATA`` overrides both.
    """
    override = os.environ.get("SSCGRAPH_DATA")
    if override:
        return Path(override)
    checkout = _PACKAGE.parent.parent
    if (checkout / "ontology").is_dir():
        return checkout
    return _PACKAGE / "data"


def ontology_path(name: str) -> Path:
    return project_root() / "ontology" / name


def queries_dir() -> Path:
    return project_root() / "queries"


def seeds_dir() -> Path:
    return project_root() / "seeds"


def parse_yaml(text: str) -> Any:
    """YAML's safe subset, read by libyaml's C parser when PyYAML has it (about ten times faster)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


def package_version(name: str) -> str:
    """The installed version of a distribution, or "unknown"."""
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def cache_dir() -> Path | None:
    """Where sscgraph keeps indexes it derives from installed reference data (None: keep none).

    ``SSCGRAPH_CACHE_DIR`` names the folder (empty: no cache); otherwise
    ``$XDG_CACHE_HOME/sscgraph`` or ``~/.cache/sscgraph``.
    """
    override = os.environ.get("SSCGRAPH_CACHE_DIR")
    if override is not None:
        return Path(override) if override else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sscgraph"


def cached_index(name: str, sources: Iterable[Path], versions: Iterable[str], make: Callable[[], T]) -> T:
    """``make()``, or the copy of its result kept from an earlier run with the same inputs.

    The copy is keyed by the contents of the ``sources`` files (the code that
    builds the index) and by ``versions`` (of the data packages it reads), so
    any change to either builds it again. An unreadable or unwritable cache
    only costs the time of ``make()``.
    """
    folder = cache_dir()
    if folder is None:
        return make()
    h = hashlib.sha256(name.encode())
    for f in sources:
        h.update(f.read_bytes())
    for v in versions:
        h.update(b"\0" + v.encode())
    path = folder / f"{name}-{h.hexdigest()[:20]}.pickle"
    try:
        return pickle.loads(path.read_bytes())  # noqa: S301 - written by sscgraph into the user's own cache
    except Exception:  # noqa: BLE001, S110 - missing, partial or from another version: built again below
        pass
    value = make()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)  # readers see the old file or the whole new one
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return value
