"""Profile warm reruns of pages with cProfile: where a click's time goes.

``python -m bench.profile_page DB karte,ziele --reruns 5 --top 25`` runs each page once (cold,
filling the caches), then profiles ``--reruns`` warm reruns of the same session and prints the
functions with the most cumulative and the most own time. Not part of ``make bench``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
from pathlib import Path

from bench.pages import server_like_bytecode

ROOT = Path(__file__).resolve().parent.parent


def _profiled(profiler: cProfile.Profile) -> None:
    """Profile the script thread: AppTest runs the page in its own thread, not the caller's."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    original = ScriptRunner._run_script

    def run(self: ScriptRunner, rerun_data: object) -> None:
        if not getattr(profiler, "on", False):
            return original(self, rerun_data)
        profiler.enable()
        try:
            return original(self, rerun_data)
        finally:
            profiler.disable()

    ScriptRunner._run_script = run


def profile(script: Path, reruns: int, top: int) -> str:
    """The cProfile report of ``reruns`` warm reruns of one page."""
    from streamlit.testing.v1 import AppTest

    profiler = cProfile.Profile()
    _profiled(profiler)
    server_like_bytecode()
    at = AppTest.from_file(str(script), default_timeout=1800)
    at.run()
    profiler.on = True
    for _ in range(reruns):
        at.run()
    profiler.on = False
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return text.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Profile the chosen pages on one database and print the reports."""
    parser = argparse.ArgumentParser(prog="bench.profile_page", description=__doc__)
    parser.add_argument("db")
    parser.add_argument("pages", help="comma-separated page names (pages/<name>.py)")
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    os.environ["LEITBILD_DB"] = args.db
    for page in args.pages.split(","):
        print(f"===== {page} =====")
        print(profile(ROOT / "pages" / f"{page}.py", args.reruns, args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
