"""Run the benchmarks and write bench/RESULTS.md (between its bench markers).

``python -m bench`` (= ``make bench``) measures 1×, 10× and 100× with every metric (the naive
baseline at 1× and 10× only). Choose with flags, e.g.
``python -m bench --scales 1,10 --page-scales 1,10 --quick`` or
``python -m bench --scales 1 --metrics import``. Never run by ``make test``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import browser, import_speed, load_runs, report
from bench.pages import PAGES, VARIANTS, page_script
from bench.scale import SCALES, build, grid_geojson

ROOT = Path(__file__).resolve().parent.parent
OFFICIAL = ROOT.parent / "shared" / "muenster" / "geo" / "stadtteile.geojson"
METRICS = ("import", "pages", "browser", "load")


def naive_geojson(db: Path, out: Path) -> Path:
    """Full-precision GeoJSON for the naive page: official shapes plus heavy grid tiles."""
    from dashboard.imports import store_catalogue
    from dashboard.store import Store

    store = Store(db)
    codes = list(store_catalogue(store).areas.query("level == 'stadtteil'")["code"])
    store.close()
    features = []
    if OFFICIAL.exists():
        for f in json.loads(OFFICIAL.read_text(encoding="utf-8"))["features"]:
            f["properties"]["code"] = f"{int(f['properties']['Nr']):02d}"
            features.append(f)
    have = {f["properties"]["code"] for f in features}
    rest = [c for c in codes if c not in have]
    features += grid_geojson(rest, vertices=60, decimals=14)["features"]
    out.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return out


def run_pages(
    db: Path,
    work: Path,
    pages: list[str],
    cold: int,
    warm: int,
    naive: Path | None,
    root: Path | None = None,
) -> dict:
    """AppTest timings in a child process (it must release the database afterwards).

    ``root``: another checkout (e.g. ``git archive`` of main) whose pages and package are
    timed instead of this tree's, on the same database in the same run (before/after).
    """
    out = work / ("pages_baseline.json" if root else "pages.json")
    naive_args = ["--naive-geojson", str(naive)] if naive else []
    root_args = ["--root", str(root)] if root else []
    done = subprocess.run(
        [sys.executable, "-m", "bench.pages", str(db), str(out), "--cold", str(cold),
         "--warm", str(warm), "--pages", ",".join(pages), *naive_args, *root_args],
        check=False, cwd=ROOT,
    )  # fmt: skip
    # bench.pages writes after every page: a child killed midway (e.g. out of memory) still
    # leaves what it measured, and the run goes on with the other metrics and scales
    measured = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    if done.returncode != 0:
        missing = [p for p in pages if p not in measured]
        measured["failed"] = {"returncode": done.returncode, "pages_not_measured": missing}
        print(f"  bench.pages ended with {done.returncode}; not measured: {missing}",
              file=sys.stderr)  # fmt: skip
    return measured


def official_map_bytes(db: Path, work: Path) -> int | None:
    """The Karte figure's bytes with the official Stadtteile imported (None without them).

    The scaled datasets draw the tile map; a city that imports its official shapes sends
    those, so this is measured on a copy of the 1x database with them imported.
    """
    if not OFFICIAL.exists():
        return None
    copy = work / "official.duckdb"
    shutil.copy(db, copy)
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "import", "areas", str(OFFICIAL)],
        check=False, cwd=ROOT, env={**os.environ, "LEITBILD_DB": str(copy)},
        capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"official shapes not imported:\n{done.stdout}{done.stderr}")
    return run_pages(copy, work, ["karte"], 1, 1, None).get("karte", {}).get("map_bytes")


def run_scale(factor: int, args: argparse.Namespace, work: Path) -> dict:
    """Every chosen metric at one scale."""
    scale = SCALES[factor]
    result: dict = {"scale": scale.label}
    metrics = set(args.metrics.split(","))
    app_metrics = factor in args.page_scales and metrics & {"pages", "browser"}
    if "import" in metrics:
        print(f"[{scale.label}] imports …", file=sys.stderr)
        result["imports"] = import_speed.measure(scale, work, args.import_runs)
    if "load" in metrics and factor == 1:  # the load test serves its own demo data
        print(f"[{scale.label}] load test …", file=sys.stderr)
        baseline = Path(args.baseline) if args.baseline else None
        result["load"] = load_runs.measure(args.load_rounds, baseline)
    if not app_metrics:
        return result
    print(f"[{scale.label}] building the dataset …", file=sys.stderr)
    db = work / "bench.duckdb"
    result["dataset"] = vars(build(db, scale, work=work))
    naive = None
    if factor in args.naive_scales:
        naive = naive_geojson(db, work / "naive.geojson")
        result["naive_geojson_bytes"] = naive.stat().st_size
    pages = [p for p in args.pages.split(",") if page_script(ROOT, p)[0].exists()]
    if "pages" in metrics:
        print(f"[{scale.label}] page scripts (AppTest) …", file=sys.stderr)
        result["pages"] = run_pages(db, work, pages, args.cold_runs, args.warm_runs, naive)
        result["release"] = result["pages"].pop("release", None)
        result["prepare"] = result["pages"].pop("prepare", None)
        if "failed" in result["pages"]:
            result["pages_failed"] = result["pages"].pop("failed")
        if args.baseline:
            print(f"[{scale.label}] baseline pages ({args.baseline}) …", file=sys.stderr)
            base = run_pages(
                db, work, pages, args.cold_runs, args.warm_runs, naive, Path(args.baseline)
            )
            base.pop("release", None)
            base.pop("prepare", None)
            result["pages_baseline"] = base
        if factor == 1 and "karte" in pages:
            result["official_map_bytes"] = official_map_bytes(db, work)
    if "browser" in metrics:
        print(f"[{scale.label}] browser …", file=sys.stderr)
        # a page state is timed as a script only: its first render is the page's
        result["browser"] = browser.measure(
            db, [p for p in pages if p not in VARIANTS], args.browser_runs
        )
        result["browser_floor"] = {
            name: browser.measure(db, [""], args.browser_runs, script=ROOT / "bench" / f"{name}.py")
            for name in ("floor_empty", "floor_chart")
        }
        if naive:
            result["browser_naive"] = browser.measure(
                db, [""], args.browser_runs, script=ROOT / "bench" / "naive_app.py",
                env={"BENCH_GEOJSON": str(naive)},
            )  # fmt: skip
    return result


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line flags."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scales", default="1,10,100", help="scale factors (1, 10, 100)")
    parser.add_argument(
        "--page-scales", default="1,10,100", help="scales that also get page/browser/memory metrics"
    )
    parser.add_argument(
        "--naive-scales", default="1,10",
        help="scales that also run the naive baseline (at 100x it reads 26 million rows a rerun)",
    )  # fmt: skip
    parser.add_argument("--metrics", default=",".join(METRICS), help="import,pages,browser,load")
    parser.add_argument("--pages", default=",".join(PAGES), help="pages to time")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run)")
    parser.add_argument("--import-runs", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=1)
    parser.add_argument("--warm-runs", type=int, default=5)
    parser.add_argument("--browser-runs", type=int, default=5)
    parser.add_argument("--load-rounds", type=int, default=3, help="load tests (each ~1 min)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument("--json", default=str(ROOT / "bench" / "results.json"))
    parser.add_argument(
        "--baseline",
        help="another checkout (e.g. `git archive main | tar -x -C DIR`): its pages are timed "
        "too, same database, same run, and reported as before/after",
    )
    parser.add_argument("--note", default="", help="text for the report (e.g. machine load)")
    parser.add_argument(
        "--merge", help="results JSON of an earlier run: its scales fill in the ones not run now"
    )
    args = parser.parse_args(argv)
    args.scales = [int(s) for s in args.scales.split(",")]
    args.page_scales = [int(s) for s in args.page_scales.split(",")]
    args.naive_scales = [int(s) for s in args.naive_scales.split(",")]
    if args.quick:
        args.import_runs, args.warm_runs, args.browser_runs, args.load_rounds = 3, 3, 1, 1
    return args


def main(argv: list[str] | None = None) -> int:
    """Run, save the raw JSON, rewrite the report section."""
    args = parse_args(argv)
    started = time.time()
    results = {"started": started, "scales": [], "argv": sys.argv[1:] if argv is None else argv}
    for factor in args.scales:
        with tempfile.TemporaryDirectory(prefix=f"bench{factor}_") as tmp:
            results["scales"].append(run_scale(factor, args, Path(tmp)))
        # after every scale: an hour-long run that fails later keeps what it has
        partial = Path(args.json).with_suffix(".partial.json")
        partial.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    results["seconds"] = time.time() - started
    if args.merge:
        earlier = json.loads(Path(args.merge).read_text(encoding="utf-8"))
        results["merged"] = earlier.get("argv", [])
        for old in earlier["scales"]:
            new = next((s for s in results["scales"] if s["scale"] == old["scale"]), None)
            if new is None:
                results["scales"].append(old)
            else:  # keep this run's metrics, add the earlier run's others
                new.update({k: v for k, v in old.items() if k not in new})
        results["scales"].sort(key=lambda s: int(s["scale"].rstrip("×")))
    Path(args.json).write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    report.write(Path(args.out), results, args.note)
    print(f"done in {results['seconds']:.0f} s → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
