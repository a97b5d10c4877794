"""Every saved query on sscgraph's Oxigraph store and on rdflib's in-memory store, same data, same run.

    python bench/query.py --triples 100000            # generates the graph with bench/synth.py
    python bench/query.py --data /tmp/synth-1m.nq     # an N-Quads file (and its .params.json)

Each engine runs in its own process (so peak memory is its own): it loads the
N-Quads, then runs every saved query with its parameters bound by the engine,
a few times. The engines: sscgraph's on-disk Oxigraph store, opened the way
sscgraph opens it and filled with its bulk loader; the in-memory copy of that
store that ``serve --memory`` answers from (its load rate is that of the file
into a memory store; the copy from disk is timed apart); rdflib's ``Dataset``
whose default graph is the union of the named graphs, as sscgraph's is. Each
table shows median seconds, the ratio rdflib/Oxigraph, the row counts (which
must agree), the bulk-load rate and the peak resident memory of each process.

Targets (1M triples, 2 cores): every query <= 0.25 s median (<= 2 s for one
enumerating all pairs of entities), >= 20x faster than rdflib, load >= 500k
triples/s. Numbers depend on the machine and its load: compare the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

PAIR_QUERIES = {"co-organisers"}  # enumerate pairs of entities: allowed 2 s
LIMIT, PAIR_LIMIT, MIN_RATIO, MIN_LOAD = 0.25, 2.0, 20.0, 500_000


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    """CPU seconds of this process (all threads): less sensitive than wall time to other processes' load."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _time(fn, *, runs: int, budget: float) -> tuple[float, int]:
    """Median seconds of ``fn`` over up to ``runs`` runs (fewer if ``budget`` seconds are spent)."""
    times: list[float] = []
    n = 0
    spent = 0.0
    while len(times) < runs and (spent < budget or not times):
        t0 = time.perf_counter()
        n = fn()
        times.append(time.perf_counter() - t0)
        spent += times[-1]
    return statistics.median(times), n


def _saved(only: list[str]) -> list:
    from sscgraph.query import list_saved

    return [q for q in list_saved() if not only or q.name in only]


def run_oxigraph(data: Path, params: dict, runs: int, only: list[str], memory: bool = False) -> dict:
    import pyoxigraph as ox

    from sscgraph.graph.store import bulk_load, open_store
    from sscgraph.query import bind, run

    out: dict = {"queries": {}}
    with tempfile.TemporaryDirectory(prefix="sscgraph-bench-") as tmp:
        store = open_store(tmp)
        t0, c0 = time.perf_counter(), _cpu_s()
        store.bulk_load(data, ox.RdfFormat.N_QUADS)
        out["load_s"], out["load_cpu_s"] = time.perf_counter() - t0, _cpu_s() - c0
        if memory:  # what ``serve --memory`` answers from: a copy of the store in memory
            store.close()
            t0, c0 = time.perf_counter(), _cpu_s()
            bulk_load(ox.Store(), data, ox.RdfFormat.N_QUADS, threads=1)  # the rate of loading into memory
            out["load_s"], out["load_cpu_s"] = time.perf_counter() - t0, _cpu_s() - c0
            t0 = time.perf_counter()
            store = open_store(tmp, memory=True)
            out["copy_s"] = time.perf_counter() - t0
        out["triples"] = len(store)
        for q in _saved(only):
            bindings = bind(q, params.get(q.name, {}), store)
            run(store, q.text, bindings=bindings)  # warm-up
            median, n = _time(lambda q=q, b=bindings: len(run(store, q.text, bindings=b)), runs=runs, budget=5)
            out["queries"][q.name] = {"median": median, "rows": n}
        store.close()
    out["peak_mib"] = _peak_mib()
    return out


def _rdflib_term(term):
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _skip_unbound_in_distinct_aggregates() -> None:
    """Make rdflib skip unbound values in ``COUNT(DISTINCT ?x)``/``GROUP_CONCAT(DISTINCT ?x)`` as SPARQL says.

    rdflib 7's accumulators test a DISTINCT aggregate's value for novelty
    before the check for UNDEF, so an unbound value (an OPTIONAL that did not
    match) raises ``NotBoundError: Variable x is not bound`` instead of being
    left out. Without this the valid saved queries that aggregate over an
    OPTIONAL part could not be compared at all.
    """
    from rdflib.plugins.sparql import aggregates
    from rdflib.plugins.sparql.sparql import NotBoundError

    novel = aggregates.Accumulator.use_row

    def use_row(self, row) -> bool:
        try:
            return novel(self, row)
        except NotBoundError:
            return False

    aggregates.Accumulator.use_row = use_row


class _Overran(Exception):
    """A query ran past the time limit given to rdflib."""


def _overran(signum: int, frame: object) -> None:
    raise _Overran


def run_rdflib(data: Path, params: dict, runs: int, only: list[str], limit: float) -> dict:
    """rdflib's side; a query running past ``limit`` seconds is stopped and recorded as over it."""
    from rdflib import Dataset

    from sscgraph.query import bind
    from sscgraph.vocab import PREFIXES

    _skip_unbound_in_distinct_aggregates()
    signal.signal(signal.SIGALRM, _overran)
    out: dict = {"queries": {}}
    ds = Dataset(default_union=True)
    t0, c0 = time.perf_counter(), _cpu_s()
    ds.parse(str(data), format="nquads")
    out["load_s"], out["load_cpu_s"] = time.perf_counter() - t0, _cpu_s() - c0
    out["triples"] = len(ds)
    for q in _saved(only):
        bindings = {k: _rdflib_term(v) for k, v in bind(q, params.get(q.name, {}), None).items()}

        def once(q=q, b=bindings) -> int:
            signal.setitimer(signal.ITIMER_REAL, limit)  # rdflib is pure Python: the alarm stops it where it is
            try:
                return len(list(ds.query(q.text, initNs=PREFIXES, initBindings=b)))
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)

        try:
            median, n = _time(once, runs=runs, budget=30)
        except _Overran:
            out["queries"][q.name] = {"over": limit}
            continue
        except Exception as exc:  # rdflib fails on some valid queries: record it and go on
            out["queries"][q.name] = {"error": f"{type(exc).__name__}: {exc}"[:120]}
            continue
        out["queries"][q.name] = {"median": median, "rows": n}
    out["peak_mib"] = _peak_mib()
    return out


def child(engine: str, data: Path, runs: int, only: list[str], limit: float) -> None:
    params = json.loads(Path(str(data) + ".params.json").read_text())
    if engine == "rdflib":
        result = run_rdflib(data, params, runs, only, limit)
    else:
        result = run_oxigraph(data, params, runs, only, memory=engine == "memory")
    print(json.dumps(result))


def measure(engine: str, data: Path, runs: int, only: list[str], limit: float) -> dict:
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    proc = subprocess.run([sys.executable, __file__, "--child", engine, "--data", str(data), "--runs", str(runs),
                           "--rdflib-limit", str(limit),
                           *(["--only", ",".join(only)] if only else [])],
                          capture_output=True, text=True, env=env, check=False)
    if proc.returncode:
        raise SystemExit(f"{engine} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="N-Quads file (with <file>.params.json from synth.py)")
    parser.add_argument("--triples", type=int, default=100_000, help="generate a graph of this size")
    parser.add_argument("--runs", type=int, default=7, help="runs per query (fewer for slow rdflib queries)")
    parser.add_argument("--skip-rdflib", action="store_true", help="measure Oxigraph only")
    parser.add_argument("--only", default="", help="comma-separated names of the saved queries to run (default: all)")
    parser.add_argument("--rdflib-limit", type=float, default=600,
                        help="seconds one run of an rdflib query may take before it is stopped (its ratio is then a lower bound)")
    parser.add_argument("--child", choices=("oxigraph", "memory", "rdflib"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    only = [n for n in args.only.split(",") if n]
    if args.child:
        child(args.child, args.data, args.runs, only, args.rdflib_limit)
        return
    data = args.data
    if data is None:
        data = Path(tempfile.gettempdir()) / f"sscgraph-synth-{args.triples}.nq"
        if not data.exists():
            subprocess.run([sys.executable, str(HERE / "synth.py"), "--triples", str(args.triples), "-o", str(data)],
                           check=True)
    disk = measure("oxigraph", data, args.runs, only, args.rdflib_limit)
    memory = measure("memory", data, args.runs, only, args.rdflib_limit)
    rd_res = None if args.skip_rdflib else measure("rdflib", data, min(args.runs, 3), only, args.rdflib_limit)
    report("on-disk store (sscgraph query, serve)", disk, rd_res)
    report("in-memory copy (serve --memory, open_store(memory=True))", memory, rd_res)


def report(title: str, ox_res: dict, rd_res: dict | None) -> None:
    n = ox_res["triples"]
    print(f"\n## {title}\n\n{n:,} triples; median seconds per query (Oxigraph: up to 7 runs; rdflib: up to 3)\n")
    head = f"| {'saved query':28} | {'rows':>6} | {'oxigraph s':>10} | {'rdflib s':>9} | {'ratio':>7} | target |"
    print(head)
    print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|")
    failures = 0
    errors: list[str] = []
    for name, o in ox_res["queries"].items():
        r = rd_res["queries"][name] if rd_res else None
        if r and "error" in r:
            errors.append(f"rdflib failed on {name}: {r['error']}")
            r = None
        limit = PAIR_LIMIT if name in PAIR_QUERIES else LIMIT
        over = r is not None and "over" in r  # stopped at the limit: the ratio is at least this
        seconds = (r["over"] if over else r["median"]) if r else float("nan")
        ratio = seconds / o["median"]
        ok = o["median"] <= limit and (r is None or ratio >= MIN_RATIO)
        rows = str(o["rows"]) if r is None or over or r["rows"] == o["rows"] else f"{o['rows']}≠{r['rows']}"
        failures += not ok
        print(f"| {name:28} | {rows:>6} | {o['median']:10.4f} | {'>' if over else ' '}{seconds:8.3f} | "
              f"{'≥' if over else ' '}{ratio:5.0f}x | {'ok' if ok else 'MISS':6} |")
    rate = n / ox_res["load_s"]
    where = "in memory" if "copy_s" in ox_res else "on disk"
    print(f"\nbulk load {where}: Oxigraph {rate:,.0f} triples/s ({ox_res['load_s']:.1f} s; "
          f"{n / ox_res['load_cpu_s']:,.0f} per CPU second)"
          + (f", rdflib {rd_res['triples'] / rd_res['load_s']:,.0f} triples/s ({rd_res['load_s']:.1f} s; "
             f"{rd_res['triples'] / rd_res['load_cpu_s']:,.0f} per CPU second)" if rd_res else "")
          + f"; target >= {MIN_LOAD:,} {'ok' if rate >= MIN_LOAD else 'MISS'}")
    if "copy_s" in ox_res:
        print(f"copy of the on-disk store into memory: {ox_res['copy_s']:.1f} s ({n / ox_res['copy_s']:,.0f} triples/s)")
    print(f"peak memory: Oxigraph process {ox_res['peak_mib']:,.0f} MiB"
          + (f", rdflib process {rd_res['peak_mib']:,.0f} MiB" if rd_res else ""))
    print(f"queries missing a target: {failures}")
    for e in errors:
        print(e)


if __name__ == "__main__":
    main()
