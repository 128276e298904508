"""Time to first complete render of each page in headless Chromium, and the server's peak RSS.

"Complete" means, checked together every 50 ms: Streamlit connected, the script not running,
no skeleton and no spinner left, at least one element rendered, and every plotly chart drawn
(each ``.js-plotly-plot`` has its ``.main-svg``). The clock runs from navigation (a fresh
browser context per load, so nothing is cached in the browser) to that moment; the same again
as reloads with the browser's cache warm.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import psutil

from tests.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server

ROOT = Path(__file__).resolve().parent.parent
COMPLETE = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (!document.querySelector("[data-test-script-state='notRunning']")) return false;
  if (document.querySelector("[data-testid='stSkeleton'], [data-testid='stSpinner']")) return false;
  if (!document.querySelector("[data-testid='stMain'] [data-testid='stElementContainer']"))
    return false;
  return [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'));
}"""


class PeakRss:
    """Samples the RSS of a process and its children every 100 ms; keeps the peak."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.process, *self.process.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in procs))
            except psutil.Error:
                pass
            self._stop.wait(0.1)

    def stop(self) -> int:
        """Stop sampling; the peak in bytes."""
        self._stop.set()
        self._thread.join()
        return self.peak


@contextmanager
def server(script: Path, db: Path, env: dict[str, str] | None = None) -> Iterator[tuple]:
    """A Streamlit server on a free loopback port; yields (url, PeakRss)."""
    with streamlit_server(script, db, env=env) as (url, proc):
        rss = PeakRss(proc.pid)
        try:
            yield url, rss
        finally:
            rss.stop()


def _watch(page: object) -> tuple[list[str], list[str]]:
    """Lists that fill with the page's external requests and its console errors."""
    external: list[str] = []
    errors: list[str] = []
    page.on(
        "request",
        lambda r: (
            external.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", "localhost", None)
            and not r.url.startswith("data:")
            else None
        ),
    )
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return external, errors


def _complete(page: object, url: str, timeout_s: float) -> float:
    """Seconds from navigating to ``url`` until the page is completely rendered."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(COMPLETE, polling=50, timeout=timeout_s * 1000)
    return time.perf_counter() - start


def _load(browser: object, url: str, timeout_s: float) -> tuple[float, list[str], int]:
    """Seconds to a complete render, the external URLs requested, and console errors."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    external, errors = _watch(page)
    try:
        return _complete(page, url, timeout_s), external, len(errors)
    finally:
        context.close()


def _cached_loads(browser: object, url: str, runs: int, timeout_s: float) -> list[float]:
    """Seconds of ``runs`` reloads in one context after a first load: the browser's cache is warm.

    This is what a returning visitor waits for (Streamlit's and plotly's scripts come from the
    cache); moving between pages inside the app is faster still, as it loads no document.
    """
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    try:
        _complete(page, url, timeout_s)
        return [_complete(page, url, timeout_s) for _ in range(runs)]
    finally:
        context.close()


def measure(
    db: Path,
    paths: list[str],
    runs: int,
    script: Path | None = None,
    env: dict | None = None,
    timeout_s: float = 900,
) -> dict:
    """First-render medians per URL path on one server, plus its peak RSS."""
    from playwright.sync_api import sync_playwright

    script = script or ROOT / "dashboard" / "app.py"
    out: dict = {"pages": {}}
    with server(script, db, env) as (url, rss), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for path in paths:
                times, external, console = [], set(), 0
                for _ in range(runs):
                    seconds, ext, errs = _load(browser, f"{url}/{path}", timeout_s)
                    times.append(seconds)
                    external |= set(ext)
                    console += errs
                cached = _cached_loads(browser, f"{url}/{path}", runs, timeout_s)
                out["pages"][path or "/"] = {
                    "render_s": statistics.median(times), "first_s": times[0], "all": times,
                    "cached_s": statistics.median(cached), "cached_all": cached,
                    "external_requests": sorted(external), "console_errors": console,
                }  # fmt: skip
        finally:
            browser.close()
        out["peak_rss_bytes"] = rss.peak
    return out
