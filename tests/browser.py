"""Start the app as a subprocess and drive the system Chromium with Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]  # fmt: skip
ARTIFACTS = ROOT / "artifacts"


def require_chromium() -> None:
    """Skip without the system Chromium, except under CI where it must be installed."""
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("/usr/bin/chromium missing: `make test` installs it (apt-get)")
        pytest.skip("/usr/bin/chromium not installed (make test installs it)")


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    return _free_port()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def streamlit_server(
    script: Path,
    db: Path,
    port: int | None = None,
    extra_args: Sequence[str] = (),
    env: dict[str, str] | None = None,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Serve a Streamlit script on a (free) loopback port; yields the base URL and the process.

    The server's output goes to a temporary file (a pipe nobody reads would block a long run)
    and is shown when the server does not come up.
    """
    port = port or _free_port()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script),
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--server.fileWatcherType", "none",
             "--global.developmentMode", "false", "--browser.gatherUsageStats", "false",
             *extra_args],
            cwd=ROOT, env={**os.environ, "LEITBILD_DB": str(db), **(env or {})},
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                        if resp.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    output = log.read().decode(errors="replace")
                    raise RuntimeError(f"{script.name} did not start:\n{output}")
                time.sleep(0.3)
            yield url, proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextmanager
def app_server(db: Path, port: int | None = None, extra_args: Sequence[str] = ()) -> Iterator[str]:
    """Serve the app on a (free) loopback port; yields the base URL.

    ``extra_args`` are further ``streamlit run`` options, e.g. ``--secrets.files PATH``.
    """
    with streamlit_server(ROOT / "dashboard" / "app.py", db, port, extra_args) as (url, _proc):
        yield url


@contextmanager
def browser_page(width: int = 1440, height: int = 1000) -> Iterator[tuple[object, list[str]]]:
    """A Chromium page and the list of every URL it requests."""
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.on("request", lambda req: requests.append(req.url))
        try:
            yield page, requests
        finally:
            browser.close()


def wait_for_app(page: object, timeout_ms: int = 30000) -> None:
    """Wait until Streamlit is connected, the script has finished and no skeleton is left."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout_ms
    )
    page.wait_for_selector("[data-test-script-state='notRunning']", timeout=timeout_ms)
    page.wait_for_function(
        "document.querySelectorAll(\"[data-testid='stSkeleton']\").length === 0",
        timeout=timeout_ms,
    )


# Text a reader cannot read to its end: an element that cuts its text off with "…", or a
# chart's text (axis title, tick, legend) that runs past the chart's edge.
CUT_OFF_JS = """() => {
  const main = document.querySelector('[data-testid=stMain]'), out = [];
  for (const el of main.querySelectorAll('*')) {
    if (getComputedStyle(el).textOverflow === 'ellipsis' && el.innerText.trim()
        && el.scrollWidth > el.clientWidth + 1) out.push('… ' + el.innerText.trim());
  }
  for (const plot of main.querySelectorAll('.js-plotly-plot')) {
    const svg = plot.querySelector('svg.main-svg');
    if (!svg) continue;
    const box = svg.getBoundingClientRect();
    for (const text of plot.querySelectorAll('svg text')) {
      const r = text.getBoundingClientRect();
      if (text.textContent.trim() && r.width && (r.left < box.left - 1 || r.right > box.right + 1))
        out.push('chart: ' + text.textContent.trim());
    }
  }
  return out;
}"""


def cut_off_texts(page: Any, width: int) -> list[str]:
    """Texts cut off on the open page at ``width`` px, every chart drawn (a tall viewport)."""
    before = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(int(height) + 50, 16000)})
    page.wait_for_timeout(700)  # plotly re-lays out at the new size
    found = page.evaluate(CUT_OFF_JS)
    page.set_viewport_size(before)
    return found
