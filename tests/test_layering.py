"""The layers of the code, enforced: data flows one way, Streamlit stays in the UI (issue 14).

Read from the source (no imports), so a violation is found even in a module no test imports.
Every `import` counts, also one inside a function: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# application services: view models, import pipeline, permission guard, read model, exports
SERVICES = ("services", "auth", "imports", "bundle", "demo", "bootstrap", "datacare", "readmodel")
SERVICES += ("exports",)
BASE = ("config", "errors", "clock", "ids", "escaping", "frames", "yamltext", "domain", "gc_pause")
BASE += ("parallel",)
# Lowest first. A module may import from its own layer and the layers below, never above.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", BASE),
    ("store", ("store", "catalogues", "tilemap")),
    ("ingest", ("ingest",)),
    ("analysis", ("analysis",)),
    ("present", ("present",)),
    ("services", SERVICES),
    ("reports", ("reports",)),
    ("commands", ("commands", "cli", "serve", "__init__")),
    ("ui", ("ui",)),
    ("pages", ("pages", "app")),
    ("process", ("launcher", "__main__")),  # starts the command line or the served app
)
RANK = {part: rank for rank, (_name, parts) in enumerate(LAYERS) for part in parts}
PURE = ("domain", "analysis", "present")  # compute only: no database, network or UI
IO_MODULES = ("duckdb", "psycopg", "psycopg2", "sqlite3", "socket", "urllib", "requests")
IO_MODULES += ("http", "subprocess", "streamlit", "dashboard.store")
# the Streamlit script that declares the navigation belongs to the page layer
STREAMLIT_ALLOWED = ("dashboard/ui/", "pages/", "dashboard/app.py")


def _modules() -> dict[str, Path]:
    """Module name → file, for the package and the pages (packaged copies left out)."""
    found: dict[str, Path] = {}
    for base in ("dashboard", "pages"):
        for path in sorted((ROOT / base).glob("**/*.py")):
            rel = path.relative_to(ROOT)
            if "_res" in rel.parts:
                continue
            parts = list(rel.with_suffix("").parts)
            if parts[-1] == "__init__" and len(parts) > 1:
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every imported name of a file with its line (`from a import b` gives a.b when a module)."""
    out: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                out.append((full if full in MODULES else node.module, node.lineno))
    return out


def _layer_part(module: str) -> str:
    """The part of the name that decides the layer: dashboard.ui.maps → ui, pages.karte → pages."""
    parts = module.split(".")
    if parts[0] == "pages":
        return "pages"
    return parts[1] if len(parts) > 1 else "__init__"


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_every_module_has_a_layer() -> None:
    """A new top-level module or package is placed in a layer, not silently unchecked."""
    missing = sorted({_layer_part(m) for m in MODULES} - set(RANK))
    assert not missing, f"add these to LAYERS in {__file__}: {missing}"


def test_only_the_ui_and_the_pages_import_streamlit() -> None:
    """Figures, view models, reports and the command line run without Streamlit."""
    hits = [
        f"{_rel(path)}:{line} imports {name}"
        for path in MODULES.values()
        if not _rel(path).startswith(STREAMLIT_ALLOWED)
        for name, line in _imports(path)
        if name == "streamlit" or name.startswith("streamlit.")
    ]
    assert not hits, "\n".join(hits)


@pytest.mark.parametrize("layer", PURE)
def test_pure_layers_do_no_io(layer: str) -> None:
    """Domain rules, analyses and presentation compute; they neither query nor serve."""
    hits = [
        f"{_rel(path)}:{line} imports {name}"
        for module, path in MODULES.items()
        if _layer_part(module) == layer
        for name, line in _imports(path)
        if any(name == io or name.startswith(io + ".") for io in IO_MODULES)
    ]
    assert not hits, "\n".join(hits)


def test_no_module_imports_from_a_layer_above() -> None:
    """Data flow one way: store → analysis → view models → presentation → pages."""
    hits = []
    for module, path in MODULES.items():
        rank = RANK.get(_layer_part(module))
        for name, line in _imports(path):
            if name not in MODULES or rank is None:
                continue
            target = RANK.get(_layer_part(name))
            if target is not None and target > rank:
                hits.append(f"{_rel(path)}:{line} ({LAYERS[rank][0]}) imports {name}")
    assert not hits, "\n".join(hits)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    """The check below can fail: a → b → c → a is one cycle, d alone is none."""
    edges = defaultdict(set, {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert _cycles(edges) == [["a", "b", "c"]]


def test_no_import_cycles() -> None:
    """Every module can be understood (and tested) from the ones it imports."""
    edges: dict[str, set[str]] = defaultdict(set)
    for module, path in MODULES.items():
        edges[module] |= {name for name, _ in _imports(path) if name in MODULES and name != module}
    assert not _cycles(edges)


@pytest.mark.parametrize("command", ["deck", "profil"])
def test_report_commands_run_without_streamlit(command: str, tmp_path: Path) -> None:
    """`deck` and `profil` write their files in a process that never imports Streamlit."""
    db = tmp_path / "leitbild.duckdb"
    out = tmp_path / ("folien.pdf" if command == "deck" else "profil.pdf")
    args = [command, "--out", str(out)] + ([] if command == "deck" else ["--stadtteil", "61"])
    script = (
        "import sys\n"
        "from dashboard import cli\n"
        "assert cli.main(['init']) == 0\n"
        f"status = cli.main({args!r})\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit')\n"
        "print('STREAMLIT', loaded[:5])\n"
        "sys.exit(status)\n"
    )
    env = {**os.environ, "LEITBILD_DB": str(db)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "STREAMLIT []" in done.stdout, done.stdout
    assert out.stat().st_size > 10_000
