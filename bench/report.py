"""Write the benchmark tables into bench/RESULTS.md between its markers (the rest stays)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path

from bench import report_floor
from dashboard.present.format import fmt_number

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
GOALS = {
    "warm_1x": 0.3, "render_1x": 2.0, "map_bytes": 60 * 1024, "warm_10x": 1.0,
    "import_rows_s": 200_000,
}  # fmt: skip


def machine() -> str:
    """CPU model, cores, RAM (from /proc), OS, and the package versions."""
    cpu = "unbekannt"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        kb = 0
    try:
        chromium = subprocess.run(
            ["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=20
        ).stdout.strip()
    except OSError:
        chromium = "nicht installiert"
    packages = ", ".join(
        f"{p} {version(p)}" for p in ("streamlit", "duckdb", "pandas", "pyarrow", "plotly")
    )
    return (
        f"- CPU: {cpu}, {os.cpu_count()} Kerne; RAM {kb / 1024 / 1024:.1f} GiB\n"
        f"- System: {platform.platform()}, Python {platform.python_version()}\n"
        f"- Pakete: {packages}; {chromium}\n"
    )


def _met(ok: bool | None) -> str:
    return "–" if ok is None else ("erfüllt" if ok else "**nicht erfüllt**")


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds >= 1:
        return f"{seconds:.2f} s".replace(".", ",")
    return f"{seconds * 1000:.0f} ms"


def _num(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".")


def _kb(n: int) -> str:
    """Bytes as KB (1,024 B) with one decimal, German style: 61900 → '60,4 KB'."""
    return f"{fmt_number(n / 1024, 1)} KB"


def _ratio(a: float | None, b: float | None) -> str:
    return "–" if not a or not b else f"{a / b:.2f}×"


def _imports(scales: list[dict]) -> list[str]:
    out = [
        "### Import (Zeilen/s, Median; Wanduhr und CPU-Zeit aller Threads)",
        "",
        "| Skala | Format | Zeilen | Datei | Median Wanduhr | Zeilen/s | Median CPU | Zeilen/CPU-s"
        " | Ziel ≥ 200.000/s |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for s in scales:
        for r in s.get("imports", []):
            out.append(
                f"| {s['scale']} | {r['format']} | {_num(r['rows'])} | "
                f"{r['bytes'] / 1e6:.1f} MB | {_ms(r['median_s'])} (n={r['runs']}) | "
                f"{_num(r['rows_per_s'])} | {_ms(r['cpu_s'])} | {_num(r['rows_per_cpu_s'])} | "
                f"{_met(r['rows_per_s'] >= GOALS['import_rows_s'])} |"
            )
    return out


def _before(results: dict) -> list[str]:
    """Old (row-by-row) against new ingest code, measured back to back with the same harness."""
    before = results.get("before")
    if not before:
        return []
    out = [
        "### Import vorher/nachher (gleiches Messprogramm, direkt nacheinander gemessen)",
        "",
        "| Skala | Format | vorher Zeilen/s | nachher Zeilen/s | Faktor | vorher Zeilen/CPU-s |"
        " nachher Zeilen/CPU-s | Faktor CPU |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    now = {(s["scale"], r["format"]): r for s in results["scales"] for r in s.get("imports", [])}
    for factor, rows in before.items():
        for old in rows:
            new = now.get((f"{factor}×", old["format"]))
            if new:
                out.append(
                    f"| {factor}× | {old['format']} | {_num(old['rows_per_s'])} | "
                    f"{_num(new['rows_per_s'])} | {_ratio(new['rows_per_s'], old['rows_per_s'])} | "
                    f"{_num(old['rows_per_cpu_s'])} | {_num(new['rows_per_cpu_s'])} | "
                    f"{_ratio(new['rows_per_cpu_s'], old['rows_per_cpu_s'])} |"
                )
    return out


def _goals(scales: list[dict]) -> list[str]:
    """The goals of issue 8 with the worst measured value."""
    by = {s["scale"]: s for s in scales}
    rows: list[tuple[str, str, bool | None]] = []

    def worst(scale: str, key: str, source: str = "pages") -> tuple[str, float] | None:
        data = by.get(scale, {}).get(source)
        if not data:
            return None
        items = data["pages"].items() if source == "browser" else data.items()
        vals = [
            (name, r[key])
            for name, r in items
            if name not in report_floor.REFERENCES and r.get(key) is not None
        ]
        return max(vals, key=lambda v: v[1]) if vals else None

    for scale, goal, label in (
        ("1×", GOALS["warm_1x"], "1×: jeder warme Rerun ≤ 300 ms"),
        ("10×", GOALS["warm_10x"], "10×: warmer Rerun ≤ 1 s"),
    ):
        w = worst(scale, "warm_s")
        rows.append((label, f"langsamste: {w[0]} {_ms(w[1])}" if w else "nicht gemessen",
                     None if w is None else w[1] <= goal))  # fmt: skip
    w = worst("1×", "render_s", "browser")
    rows.append(("1×: erste Darstellung ≤ 2 s", f"langsamste: {w[0]} {_ms(w[1])}" if w else
                 "nicht gemessen", None if w is None else w[1] <= GOALS["render_1x"]))  # fmt: skip
    w = worst("1×", "cached_s", "browser")
    if w is not None:  # runs before the warm-cache measurement have none
        rows.append(("1×, zum Vergleich: Darstellung mit warmem Browser-Cache ≤ 2 s",
                     f"langsamste: {w[0]} {_ms(w[1])}", w[1] <= GOALS["render_1x"]))  # fmt: skip
    sizes = [(s["scale"], s["pages"]["karte"]["map_bytes"]) for s in scales
             if s.get("pages", {}).get("karte", {}).get("map_bytes")]  # fmt: skip
    sizes += [(f"{s['scale']} amtlich", s["official_map_bytes"]) for s in scales
              if s.get("official_map_bytes")]  # fmt: skip
    rows.append(("Kartenfigur ≤ 60 KB", ", ".join(f"{k}: {_kb(v)}" for k, v in sizes)
                 or "nicht gemessen", all(v <= GOALS["map_bytes"] for _, v in sizes)
                 if sizes else None))  # fmt: skip
    imports = [(s["scale"], r) for s in scales for r in s.get("imports", [])]
    if imports:
        best = max(imports, key=lambda i: i[1]["rows_per_s"])
        slowest = min(r["rows_per_s"] for _, r in imports)
        rows.append(("Import ≥ 200.000 Zeilen/s", f"bester Wert {best[0]} {best[1]['format']}: "
                     f"{_num(best[1]['rows_per_s'])}/s Wanduhr, "
                     f"{_num(best[1]['rows_per_cpu_s'])}/CPU-s",
                     slowest >= GOALS["import_rows_s"]))  # fmt: skip
    rss = {k: s["browser"]["peak_rss_bytes"] for k, s in by.items() if "browser" in s}
    if "1×" in rss and "10×" in rss:
        g = rss["10×"] / rss["1×"]
        rows.append(("Speicher wächst sublinear (1× → 10×)", f"{g:.1f}× bei 10× Fläche", g < 10))
    out = [
        "### Ziele aus Issue 8 (frühere Ziele)",
        "",
        "| Ziel | gemessen | Stand |",
        "|---|---|---|",
    ]
    out += [f"| {label} | {value} | {_met(ok)} |" for label, value, ok in rows]
    return out


def _pages(scales: list[dict]) -> list[str]:
    with_pages = [s for s in scales if "pages" in s]
    if not with_pages:
        return []
    out = [
        "### Skriptlaufzeit der Seiten (AppTest; kalt = Caches geleert, warm = Rerun; Median)",
        "",
        "| Seite | "
        + " | ".join(f"{s['scale']} kalt | {s['scale']} warm" for s in with_pages)
        + " | Ziel warm (1× ≤ 300 ms, 10× ≤ 1 s) |",
        "|---|" + "---:|---:|" * len(with_pages) + "---|",
    ]
    names = list(dict.fromkeys(p for s in with_pages for p in s["pages"]))
    for name in names:
        cells, verdicts = [], []
        for s in with_pages:
            r = s["pages"].get(name)
            cells += [_ms(r and r["cold_s"]), _ms(r and r["warm_s"])]
            goal = {"1×": GOALS["warm_1x"], "10×": GOALS["warm_10x"]}.get(s["scale"])
            if r and goal and name not in report_floor.REFERENCES:
                verdicts.append(f"{s['scale']}: {_met(r['warm_s'] <= goal)}")
        label = report_floor.REFERENCES.get(name, name)
        out.append(f"| {label} | " + " | ".join(cells) + f" | {'; '.join(verdicts)} |")
    runs = with_pages[0]["pages"][names[0]]
    out += ["", f"Kalt: {len(runs['cold_all'])} Lauf/Läufe je Seite, warm: "
            f"{len(runs['warm_all'])} Reruns; Median."]  # fmt: skip
    for s in scales:
        failed = s.get("pages_failed")
        if failed:
            out.append(
                f"**{s['scale']}: nicht gemessen:** {', '.join(failed['pages_not_measured'])} "
                f"(das Messprogramm endete mit Code {failed['returncode']}; -9 = vom System "
                "beendet, meist wegen Speichermangel)."
            )
    return out


def _bytes_or_dash(n: int | None) -> str:
    """Bytes, or a dash where the naive page was not measured (100x)."""
    return "– (nicht gemessen)" if n is None else f"{_num(n)} B"


def _map(scales: list[dict]) -> list[str]:
    rows = [s for s in scales if "pages" in s]
    if not rows:
        return []
    out = [
        "### Kartenfigur (Bytes der plotly-JSON, die der Browser bekommt)",
        "",
        "| Skala | Karte | naive Seite | naiv / Karte | GeoJSON der naiven Seite | Ziel ≤ 60 KB |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for s in rows:
        ours = s["pages"].get("karte", {}).get("map_bytes")
        naive = s["pages"].get("naive", {}).get("map_bytes")
        geojson = s.get("naive_geojson_bytes")
        out.append(
            f"| {s['scale']} | {_num(ours or 0)} B | {_bytes_or_dash(naive)} | "
            f"{_ratio(naive, ours)} | {_bytes_or_dash(geojson)} | "
            f"{_met(None if ours is None else ours <= GOALS['map_bytes'])} |"
        )
        official = s.get("official_map_bytes")
        if official:
            out.append(
                f"| {s['scale']}, amtliche Stadtteile | {_num(official)} B | – | – | – | "
                f"{_met(official <= GOALS['map_bytes'])} |"
            )
    return out


def _render(scales: list[dict]) -> list[str]:
    rows = [s for s in scales if "browser" in s]
    if not rows:
        return []
    out = [
        "### Erste vollständige Darstellung im Browser (headless Chromium, Median)",
        "",
        "Median: frischer Browser-Kontext je Aufruf (leerer Cache); Cache warm: Neuladen im selben"
        " Kontext (Median).",
        "",
        "| Skala | Seite | Median | erster Aufruf | Ziel 1× ≤ 2 s | Cache warm | externe Anfragen"
        " |",
        "|---|---|---:|---:|---|---:|---|",
    ]
    for s in rows:
        pages = {**s["browser"]["pages"]}
        naive = s.get("browser_naive", {}).get("pages", {}).get("/")
        for name, r in pages.items():
            goal = _met(r["render_s"] <= GOALS["render_1x"]) if s["scale"] == "1×" else "–"
            out.append(
                f"| {s['scale']} | {name} | {_ms(r['render_s'])} | {_ms(r['first_s'])} | {goal} |"
                f" {_ms(r.get('cached_s'))} | {len(r['external_requests'])} |"
            )
        out += report_floor.browser_rows(s)
        if naive:
            ext = ", ".join(naive["external_requests"]) or "keine"
            karte = pages.get("karte", {}).get("render_s")
            out.append(
                f"| {s['scale']} | naive Seite (Karte/naiv {_ratio(karte, naive['render_s'])}) | "
                f"{_ms(naive['render_s'])} | {_ms(naive['first_s'])} | – | "
                f"{_ms(naive.get('cached_s'))} | {ext} (scheitert offline) |"
            )
    return out


def _memory(scales: list[dict]) -> list[str]:
    rows = [s for s in scales if "browser" in s]
    if not rows:
        return []
    out = [
        "### Spitzen-Speicher (RSS) des Streamlit-Prozesses während der Browser-Messung",
        "",
        "| Skala | Beobachtungen | App | naive Seite | naiv / App |",
        "|---|---:|---:|---:|---:|",
    ]
    for s in rows:
        app = s["browser"]["peak_rss_bytes"]
        naive = s.get("browser_naive", {}).get("peak_rss_bytes")
        obs = s.get("dataset", {}).get("observations", 0)
        naive_mib = "– (nicht gemessen)" if naive is None else f"{_num(naive / 2**20)} MiB"
        out.append(
            f"| {s['scale']} | {_num(obs)} | {_num(app / 2**20)} MiB | {naive_mib} | "
            f"{_ratio(naive, app)} |"
        )
    by = {s["scale"]: s["browser"]["peak_rss_bytes"] for s in rows}
    if "1×" in by and "10×" in by:
        growth = by["10×"] / by["1×"]
        out += ["", f"Wachstum 1× → 10×: {growth:.1f}× (sublinear heißt < 10×): "
                f"{_met(growth < 10)}."]  # fmt: skip
    return out


def _datasets(scales: list[dict]) -> list[str]:
    rows = [s for s in scales if "dataset" in s]
    if not rows:
        return []
    out = [
        "### Datensätze",
        "",
        "| Skala | Stadtteile | gespeicherte Indikatoren | Beobachtungen | Maßnahmen | Aufbau "
        "| freigegebene Werte berechnen | Bewertungen vorbereiten |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in rows:
        d = s["dataset"]
        release, prepare = s.get("release"), s.get("prepare")
        released = f"{_ms(release['seconds'])} ({_num(release['rows'])} Werte)" if release else "–"
        prepared = f"{_ms(prepare['seconds'])} ({_num(prepare['rows'])} Zeilen)" if prepare else "–"
        out.append(
            f"| {s['scale']} | {_num(d['districts'])} | {_num(d['indicators'])} | "
            f"{_num(d['observations'])} | {_num(d['measures'])} | {d['seconds']:.0f} s "
            f"| {released} | {prepared} |"
        )
    out += [
        "",
        "Freigegebene Werte (Geheimhaltung angewandt) werden einmal nach jedem Import berechnet "
        "und in der Datenbank gehalten, ebenso die Zielbewertungen der Standardansichten mit "
        "ihren Matrizen (Methode Destatis, mit und ohne Richtungsbewertungen; `init`, Importe "
        "über die Kommandozeile und Importe und Rücknahmen auf der Seite Daten tun das gleich "
        "mit); die kalten Seitenläufe unten beginnen danach (wie beim ersten Besuch nach einem "
        "Neustart des Servers).",
    ]
    return out


def _merged(results: dict) -> str:
    if "merged" not in results:
        return ""
    return f", ergänzt um die Skalen aus `python -m bench {' '.join(results['merged'])}`"


def section(results: dict, note: str = "") -> str:
    """The generated Markdown (without markers)."""
    scales = results["scales"]
    when = dt.datetime.fromtimestamp(results["started"], dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "## Messlauf",
        "",
        f"Gemessen am {when}; Laufzeit {results['seconds'] / 60:.0f} min; Aufruf "
        f"`python -m bench {' '.join(results.get('argv', []))}`" + _merged(results) + ".",
        "",
        machine(),
    ]
    if note:
        parts += [note, ""]
    blocks = (
        report_floor.goals,
        _goals,
        _datasets,
        _imports,
        report_floor.floor_table,
        report_floor.before_after,
        report_floor.load_table,
        _pages,
        _map,
        _render,
        _memory,
    )
    for block in blocks:
        lines = block(scales)
        if lines:
            parts += [*lines, ""]
        if block is _imports:
            parts += [*_before(results), ""] if results.get("before") else []
    return "\n".join(parts)


def write(path: Path, results: dict, note: str = "") -> None:
    """Replace the text between the markers (create the file with markers when missing)."""
    text = (
        path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    )
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{section(results, note)}\n{END}{tail}", encoding="utf-8")
