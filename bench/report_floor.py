"""Report blocks of issue 17: every page against the floor and the naive page, and its goals."""

from __future__ import annotations

import statistics

from bench import load_runs
from dashboard.present.format import fmt_number

# pages timed for comparison only (bench/floor_*.py, bench/naive_app.py): never a "page"
REFERENCES = {"floor_empty": "leere Seite (Boden)", "floor_data": "nur Daten lesen (Boden)",
              "naive": "naive Seite"}  # fmt: skip
KB = 1024


def _s(seconds: float | None) -> str:
    """Seconds as ms below 1 s, else as s with a decimal comma."""
    if seconds is None:
        return "–"
    if seconds >= 1:
        return f"{fmt_number(seconds, 2)} s"
    return f"{seconds * 1000:.0f} ms"


def _x(a: float | None, b: float | None) -> str:
    """a as a multiple of b (German decimal comma)."""
    return "–" if not a or not b else f"{fmt_number(a / b, 1)}×"


def _met(ok: bool | None) -> str:
    return "nicht gemessen" if ok is None else ("erfüllt" if ok else "**nicht erfüllt**")


def real_pages(pages: dict) -> dict:
    """The app's pages of one scale (without the floors and the naive page)."""
    return {k: v for k, v in pages.items() if k not in REFERENCES and isinstance(v, dict)}


def floor_table(scales: list[dict]) -> list[str]:
    """Each page's warm rerun in ms and as a multiple of both floors and of the naive page."""
    out = [
        "### Seiten gegen Boden und naive Seite (AppTest, warmer Rerun, Median, derselbe Lauf)",
        "",
        "Boden eines Reruns: eine leere Streamlit-Seite (`bench/floor_empty.py`). Boden des "
        "Datenzugriffs: eine Seite, die nur die freigegebenen Werte, Kataloge, Geometrie, "
        "Maßnahmen und Ziele über dieselben Caches liest (`bench/floor_data.py`). naiv: "
        "`bench/naive_app.py`. „× naiv“ unter 1 heißt schneller als die naive Seite.",
        "",
        "| Skala | Seite | kalt | warm | × leere Seite | × nur Daten | × naiv |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for s in scales:
        pages = s.get("pages") or {}
        if not pages:
            continue
        empty = pages.get("floor_empty", {}).get("warm_s")
        reading = pages.get("floor_data", {}).get("warm_s")
        naive = pages.get("naive", {}).get("warm_s")
        ordered = [k for k in REFERENCES if k in pages] + list(real_pages(pages))
        for name in ordered:
            r = pages[name]
            out.append(
                f"| {s['scale']} | {REFERENCES.get(name, name)} | {_s(r['cold_s'])} | "
                f"{_s(r['warm_s'])} | {_x(r['warm_s'], empty)} | {_x(r['warm_s'], reading)} | "
                f"{_x(r['warm_s'], naive)} |"
            )
    return out


def _warm(by: dict, scale: str) -> tuple[dict, str, float, float] | None:
    """(warm times, slowest page, its time, median of the pages) at one scale."""
    pages = real_pages(by.get(scale, {}).get("pages") or {})
    warm = {k: v["warm_s"] for k, v in pages.items()}
    if not warm:
        return None
    slow = max(warm, key=warm.get)
    return warm, slow, warm[slow], statistics.median(warm.values())


def _rerun_goals(by: dict) -> list[tuple[str, str, str, bool | None]]:
    """Warm and cold reruns, the map page against the naive page."""
    rows: list[tuple[str, str, str, bool | None]] = []
    w1 = _warm(by, "1×")
    rows.append(
        (
            "warmer Rerun, jede Seite, 1×",
            "≤ 100 ms, Median der Seiten ≤ 50 ms",
            f"langsamste {w1[1]} {_s(w1[2])}, Median {_s(w1[3])}" if w1 else "–",
            None if not w1 else w1[2] <= 0.1 and w1[3] <= 0.05,
        )
    )
    ratios = []
    for scale in ("1×", "10×"):
        pages = by.get(scale, {}).get("pages") or {}
        karte, naive = pages.get("karte", {}).get("warm_s"), pages.get("naive", {}).get("warm_s")
        ratios.append((scale, naive / karte if karte and naive else None))
    known = [r for _, r in ratios if r is not None]
    rows.append(
        (
            "warmer Rerun, Karte gegen naive Seite",
            "≥ 5× schneller bei 1× und 10×",
            ", ".join(f"{k}: {fmt_number(r, 1)}×" for k, r in ratios if r is not None) or "–",
            None if len(known) < 2 else min(known) >= 5,
        )
    )
    w10 = _warm(by, "10×")
    rows.append(
        (
            "warmer Rerun, jede Seite, 10×",
            "≤ 300 ms",
            f"langsamste {w10[1]} {_s(w10[2])}" if w10 else "–",
            None if not w10 else w10[2] <= 0.3,
        )
    )
    cold = {}
    for scale in ("1×", "10×"):
        pages = real_pages(by.get(scale, {}).get("pages") or {})
        if pages:
            cold[scale] = max((v["cold_s"], k) for k, v in pages.items())
    ok = None if len(cold) < 2 else cold["1×"][0] <= 1 and cold["10×"][0] <= 3
    rows.append(
        (
            "erster Besucher nach Neustart (kalt), 1× / 10×",
            "≤ 1 s / ≤ 3 s",
            ", ".join(f"{k}: {v[1]} {_s(v[0])}" for k, v in cold.items()) or "–",
            ok,
        )
    )
    return rows


def _scale100_goal(by: dict) -> tuple[str, str, str, bool | None]:
    """100x: cold, warm and the server's peak memory."""
    s = by.get("100×", {})
    pages = real_pages(s.get("pages") or {})
    rss = (s.get("browser") or {}).get("peak_rss_bytes")
    if not pages or rss is None:
        return ("100×: kalt / warm / Spitzen-Speicher", "≤ 30 s / ≤ 1 s / ≤ 4 GB", "–", None)
    cold = max(v["cold_s"] for v in pages.values())
    warm = max(v["warm_s"] for v in pages.values())
    return (
        "100×: kalt / warm / Spitzen-Speicher",
        "≤ 30 s / ≤ 1 s / ≤ 4 GB",
        f"{_s(cold)} / {_s(warm)} / {fmt_number(rss / 2**30, 1)} GiB",
        cold <= 30 and warm <= 1 and rss <= 4 * 2**30,
    )


def _other_goals(by: dict) -> list[tuple[str, str, str, bool | None]]:
    """First render, map figure bytes, import throughput."""
    rows = [_scale100_goal(by)]
    render = (by.get("1×", {}).get("browser") or {}).get("pages", {})
    slow = max(((r["render_s"], k) for k, r in render.items()), default=None)
    floor = (by.get("1×", {}).get("browser_floor", {}).get("floor_chart") or {}).get("pages", {})
    floor_s = floor["/"]["render_s"] if "/" in floor else None
    floor_text = f"; Boden (leere Seite mit Diagramm und Tabelle) {_s(floor_s)}" if floor_s else ""
    rows.append(
        (
            "erste Darstellung, leerer Browser-Cache, jede Seite, 1×",
            "≤ 2 s",
            f"langsamste {slow[1]} {_s(slow[0])}{floor_text}" if slow else "–",
            None if slow is None else slow[0] <= 2,
        )
    )
    official = by.get("1×", {}).get("official_map_bytes")
    tiles = ((by.get("10×", {}).get("pages") or {}).get("karte") or {}).get("map_bytes")
    rows.append(
        (
            "Kartenfigur, amtliche Stadtteile 1× / Kacheln 10×",
            "≤ 45 KB / ≤ 150 KB",
            f"{fmt_number(official / KB, 1) if official else '–'} KB / "
            f"{fmt_number(tiles / KB, 1) if tiles else '–'} KB",
            _partial(
                [v <= goal for v, goal in ((official, 45 * KB), (tiles, 150 * KB)) if v],
                complete=bool(official and tiles),
            ),
        )
    )
    imports = [(s, r) for s in ("10×", "100×") for r in by.get(s, {}).get("imports", [])]
    worst = min(imports, key=lambda i: i[1]["rows_per_s"], default=None)
    rows.append(
        (
            "Import, kanonisch und Statistik-Layout, 10× und 100×",
            "≥ 1.000.000 Zeilen/s",
            f"langsamster {worst[0]} {worst[1]['format']}: "
            f"{fmt_number(worst[1]['rows_per_s'], 0)}/s"
            if worst
            else "–",
            _partial(
                [r["rows_per_s"] >= 1_000_000 for _, r in imports],
                complete=len({s for s, _ in imports}) == 2,
            ),
        )
    )
    rows.append(_load_goal(by.get("1×", {}).get("load")))
    return rows


def _load_goal(load: dict | None) -> tuple[str, str, str, bool | None]:
    """Median page runs per second of this tree under the load test (and of the baseline)."""
    rate = load_runs.median_rate(load["now"]) if load else None
    before = load_runs.median_rate(load["baseline"]) if load else None
    value = "–" if rate is None else f"{fmt_number(rate, 2)}/s (Median aus {len(load['now'])})"
    if rate is not None and before is not None:
        value += f", vorher {fmt_number(before, 2)}/s"
    return ("Seitenläufe/s, ein Prozess, Lasttest ohne Denkzeit", "≥ 10", value,
            None if rate is None else rate >= 10)  # fmt: skip


def load_table(scales: list[dict]) -> list[str]:
    """Every load-test run of this run: this tree and the baseline, in the order run."""
    load = next((s["load"] for s in scales if s.get("load")), None)
    if not load:
        return []
    out = [
        f"### Lasttest (`python -m bench.load {load['args']}`, Demodaten, abwechselnd gemessen)",
        "",
        "| Stand | Seitenläufe/s | p50 | p95 | max | Fehler |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for who, label in (("baseline", "vorher"), ("now", "nachher")):
        for r in load[who]:
            if "runs_per_s" not in r:
                out.append(f"| {label} | nicht gemessen (Ende {r.get('failed')}) | | | | |")
                continue
            out.append(
                f"| {label} | {fmt_number(r['runs_per_s'], 2)} | {_s(r['p50_s'])} | "
                f"{_s(r['p95_s'])} | {_s(r['max_s'])} | {r['errors']} |"
            )
    return out


def _partial(checks: list[bool], complete: bool) -> bool | None:
    """Not met as soon as one measured value misses; met only when every part was measured."""
    if not all(checks):
        return False
    return True if complete and checks else None


def goals(scales: list[dict]) -> list[str]:
    """The goals table of issue 17, each marked met / not met / not measured in this run."""
    by = {s["scale"]: s for s in scales}
    rows = _rerun_goals(by) + _other_goals(by)
    out = [
        "### Ziele aus Issue 17 (Mediane dieses Laufs)",
        "",
        "| Was | Ziel | gemessen | Stand |",
        "|---|---|---|---|",
    ]
    out += [f"| {what} | {goal} | {value} | {_met(ok)} |" for what, goal, value, ok in rows]
    return out


def before_after(scales: list[dict]) -> list[str]:
    """Warm reruns of a baseline checkout and of this tree, measured in the same run."""
    rows = [s for s in scales if s.get("pages_baseline")]
    if not rows:
        return []
    out = [
        "### Vorher / nachher (derselbe Lauf, dieselbe Datenbank, nacheinander gemessen)",
        "",
        "| Skala | Seite | vorher warm | nachher warm | nachher / vorher | vorher kalt"
        " | nachher kalt |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for s in rows:
        base = s["pages_baseline"]
        for name, now in s["pages"].items():
            old = base.get(name)
            if not isinstance(now, dict) or not isinstance(old, dict):
                continue
            out.append(
                f"| {s['scale']} | {REFERENCES.get(name, name)} | {_s(old['warm_s'])} | "
                f"{_s(now['warm_s'])} | {_x(now['warm_s'], old['warm_s'])} | "
                f"{_s(old['cold_s'])} | {_s(now['cold_s'])} |"
            )
    return out


FLOOR_LABELS = {
    "floor_empty": "leere Seite (Boden)",
    "floor_chart": "leere Seite mit einem kleinen Diagramm und einer Tabelle (Boden einer Seite)",
}


def browser_rows(scale: dict) -> list[str]:
    """Table rows of the empty pages: what no page can beat on this machine."""
    out = []
    for name, label in FLOOR_LABELS.items():
        r = (scale.get("browser_floor", {}).get(name) or {}).get("pages", {}).get("/")
        if r:
            out.append(
                f"| {scale['scale']} | {label} | {_s(r['render_s'])} | {_s(r['first_s'])} | – |"
                f" {_s(r.get('cached_s'))} | {len(r['external_requests'])} |"
            )
    return out
