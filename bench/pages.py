"""Script run time of every page (AppTest, cold and warm) and the map figure's bytes.

Runs in its own process (``python -m bench.pages DB OUT.json``) so that its DuckDB connection
is gone before the browser benchmark starts a server on the same file.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = (
    "start", "karte", "stadtteil", "ziele", "handlungsfelder", "massnahmen", "review",
    "praesentation", "praesentation_folien",
)  # fmt: skip
# page states timed like pages: the presentation's show of the default deck (?folie=1)
# builds every slide of it, what the editor without a show does not
VARIANTS = {"praesentation_folien": ("praesentation", {"folie": "1"})}
NAIVE = ROOT / "bench" / "naive_app.py"
# the floors every page is compared with, timed in the same run (bench/floor_*.py)
FLOORS = {"floor_empty": ROOT / "bench" / "floor_empty.py",
          "floor_data": ROOT / "bench" / "floor_data.py"}  # fmt: skip
# map traces: plotly geo/map choropleths, or the project's filled polygons on cartesian axes
MAP_TRACES = ('"choroplethmap"', '"choropleth"', '"scattermap"', '"fill":"toself"')


def page_script(root: Path, name: str) -> tuple[Path, dict[str, str]]:
    """The script of a page (or page state, see VARIANTS) and the query it is opened with."""
    page, query = VARIANTS.get(name, (name, {}))
    return root / "pages" / f"{page}.py", query


def map_bytes(at: object) -> int | None:
    """Bytes of the largest plotly figure with a map trace (what the browser receives)."""
    sizes = [
        len(chart.proto.spec.encode("utf-8"))
        for chart in at.get("plotly_chart")
        if any(t in chart.proto.spec for t in MAP_TRACES)
    ]
    return max(sizes) if sizes else None


# A server compiles each page once per process (its ScriptCache lives as long as the
# Runtime); AppTest makes a new ScriptCache for every run, so without this a "warm" rerun
# would also parse, add magic to and compile the page (about 30-100 ms for a 400-line page).
_BYTECODE: dict[str, object] = {}


def server_like_bytecode() -> None:
    """Keep compiled pages across AppTest runs, as the server's ScriptCache does."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    original = ScriptCache.get_bytecode

    def get_bytecode(self: ScriptCache, script_path: str) -> object:
        if script_path not in _BYTECODE:
            _BYTECODE[script_path] = original(self, script_path)
        return _BYTECODE[script_path]

    ScriptCache.get_bytecode = get_bytecode


def time_script(
    script: Path, cold_runs: int, warm_runs: int, query: dict[str, str] | None = None
) -> dict:
    """Median cold (caches cleared, new session) and warm (rerun of that session) times.

    After each cold run the same session reruns ``warm_runs`` times (what a user changing a
    widget or reloading waits for once the server's caches are filled).
    """
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    cold, warm, errors, payload = [], [], 0, None
    for _ in range(cold_runs):
        st.cache_data.clear()
        st.cache_resource.clear()
        _BYTECODE.clear()  # cold: the first visitor after a restart waits for the compile too
        at = AppTest.from_file(str(script), default_timeout=1800)
        at.query_params.update(query or {})
        start = time.perf_counter()
        at.run()
        cold.append(time.perf_counter() - start)
        for _ in range(warm_runs):
            start = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - start)
        # a guarded page shows known errors (e.g. a locked database) as st.error: count those
        errors += len(at.exception) + len(at.error)
        payload = map_bytes(at) or payload
    return {
        "cold_s": statistics.median(cold), "warm_s": statistics.median(warm),
        "cold_all": cold, "warm_all": warm, "exceptions": errors, "map_bytes": payload,
    }  # fmt: skip


def release_time(db: str) -> dict:
    """Time to compute and store the released values of every indicator (once per import)."""
    from dashboard.imports import store_catalogue
    from dashboard.readmodel import release_rule, released_observations
    from dashboard.store import Store

    store = Store(db)
    catalogue = store_catalogue(store)
    stored_before = len(store.released_state(release_rule())[1])
    start = time.perf_counter()
    rows = len(released_observations(store, catalogue))
    seconds = time.perf_counter() - start
    store.close()
    return {"seconds": seconds, "rows": rows, "indicators_stored_before": stored_before}


def prepare_time(db: str) -> dict | None:
    """Time to assess and store the goal pages' default views (init and CLI imports do it)."""
    try:
        from dashboard.services.goal_assessments import prepare_assessments
    except ImportError:  # a baseline checkout from before stored assessments
        return None
    from dashboard.imports import store_catalogue
    from dashboard.store import Store

    store = Store(db)
    catalogue = store_catalogue(store)
    start = time.perf_counter()
    rows = prepare_assessments(store, catalogue)
    seconds = time.perf_counter() - start
    store.close()
    return {"seconds": seconds, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    """Measure the pages on one database and write the results as JSON."""
    parser = argparse.ArgumentParser(prog="bench.pages")
    parser.add_argument("db")
    parser.add_argument("out")
    parser.add_argument("--cold", type=int, default=1)
    parser.add_argument("--warm", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--naive-geojson")
    parser.add_argument("--root", help="checkout whose pages and package to time (a baseline)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve() if args.root else ROOT
    # a baseline checkout's package must win over this tree's (nothing imported it yet)
    sys.path.insert(0, str(root))
    os.environ["LEITBILD_DB"] = args.db
    server_like_bytecode()
    results: dict[str, dict | None] = {"release": release_time(args.db)}
    print(f"  released values: {results['release']['seconds']:.1f}s", file=sys.stderr)
    results["prepare"] = prepare_time(args.db)  # what an import leaves for the first visitor
    scripts = {name: (script, {}) for name, script in FLOORS.items()}
    scripts |= {p: page_script(root, p) for p in args.pages.split(",")}
    for page, (script, query) in scripts.items():
        if script.exists():
            results[page] = time_script(script, args.cold, args.warm, query)
            print(f"  {page}: {results[page]['warm_s']:.3f}s warm", file=sys.stderr)
            # written after every page: a long run stopped midway keeps what it measured
            Path(args.out).write_text(json.dumps(results, indent=1), encoding="utf-8")
    if args.naive_geojson:
        os.environ["BENCH_GEOJSON"] = args.naive_geojson
        results["naive"] = time_script(NAIVE, args.cold, args.warm)
    Path(args.out).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
