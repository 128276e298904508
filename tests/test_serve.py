"""Two app processes behind nginx on PostgreSQL (``leitbild-monitor serve --workers 2``).

A browser session stays on its process (sticky cookie, websocket through the proxy); what one
process or the CLI writes, a session on the other process sees on its next rerun; pages keep
working while an import runs. Stale edits across processes: tests/test_store_postgres.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator

import pytest

from dashboard.store import Store
from tests.browser import browser_page, free_port, require_chromium, wait_for_app
from tests.conftest import ROOT
from tests.pg_server import fresh_database

pytestmark = pytest.mark.browser
WORKER_HEADER = "x-leitbild-worker"


def _worker(url: str, cookie: str | None = None) -> str:
    request = urllib.request.Request(url + "/_stcore/health")
    if cookie:
        request.add_header("Cookie", f"leitbild_worker={cookie}")
    with urllib.request.urlopen(request, timeout=10) as resp:
        return resp.headers[WORKER_HEADER]


@pytest.fixture(scope="module")
def served(postgres_url: str) -> Iterator[tuple[str, str]]:
    """The proxy's URL and the database URL, with demo data, two workers behind nginx."""
    if not os.path.exists("/usr/sbin/nginx"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("nginx missing: `make test` installs it (apt-get)")
        pytest.skip("nginx not installed (make test installs it)")
    require_chromium()
    db = fresh_database(postgres_url)
    port = free_port()
    env = {**os.environ, "LEITBILD_DB": db}
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "serve", "--workers", "2", "--port", str(port),
             "--address", "127.0.0.1", "--first-worker-port", str(free_port())],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 300
            while True:
                try:
                    _worker(url)
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError("serve did not start:\n" + log.read().decode()) from None
                    time.sleep(0.5)
            yield url, db
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_requests_are_spread_and_a_cookie_sticks_to_its_worker(served: tuple[str, str]) -> None:
    url, _db = served
    assert len({_worker(url) for _ in range(24)}) == 2  # new browsers land on both processes
    for cookie in ("a1", "b2", "c3", "d4"):
        assert len({_worker(url, cookie) for _ in range(6)}) == 1


def test_session_stays_on_its_process_and_sees_other_processes_writes(
    served: tuple[str, str],
) -> None:
    url, db = served
    store = Store(db)
    measure = store.measure(1)
    assert measure is not None
    workers: list[str] = []
    with browser_page() as (page, _requests):
        page.on("response", lambda r: workers.append(r.headers.get(WORKER_HEADER) or ""))
        page.goto(f"{url}/massnahmen")
        wait_for_app(page, timeout_ms=120_000)
        assert "62 von 62 Maßnahmen" in page.inner_text("body")  # now cached in this process
        # another process writes (this test's store: like the other worker or the CLI)
        store.update_measure(1, int(measure["version"]), {"archived": True}, "test")
        page.get_by_role("link", name="Start").first.click()
        page.wait_for_url(f"{url}/")
        wait_for_app(page, timeout_ms=120_000)
        page.get_by_role("link", name="Maßnahmen").first.click()
        page.wait_for_url(f"{url}/massnahmen")
        # the next run shows the other process's write (cached, it would stay for 5 minutes)
        page.get_by_text("61 von 61 Maßnahmen", exact=False).wait_for(timeout=60_000)
        connected = page.locator("[data-test-connection-state='CONNECTED']").count()
    store.close()
    served_by = {w for w in workers if w}
    assert len(served_by) == 1, served_by  # every response of this session: one process
    assert connected == 1  # the websocket through the proxy stayed up across the reruns


def test_pages_keep_working_during_and_after_a_cli_import(served: tuple[str, str]) -> None:
    url, db = served
    good = ROOT / "tests" / "assets" / "observations_good.csv"
    env = {**os.environ, "LEITBILD_DB": db}
    with browser_page() as (page, _requests):
        page.goto(f"{url}/")
        wait_for_app(page, timeout_ms=120_000)
        assert "Echte Daten, teils Demodaten" not in page.inner_text("body")  # cached: demo only
        importing = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "import", "observations", str(good), "--by",
             "cli"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        for path in ("karte", ""):
            page.goto(f"{url}/{path}")
            wait_for_app(page, timeout_ms=120_000)
            text = page.inner_text("body")
            assert "This app has encountered an error" not in text
            assert page.locator("[data-testid='stException']").count() == 0
        out, err = importing.communicate(timeout=300)
        assert importing.returncode == 0, err
        assert "observations_good.csv" in out
        page.goto(f"{url}/")
        wait_for_app(page, timeout_ms=120_000)
        # the summary this process had cached now counts the imported (real) values too
        assert "Echte Daten, teils Demodaten" in page.inner_text("body")


def test_a_login_survives_on_its_sticky_process(served: tuple[str, str]) -> None:
    from dashboard.auth.passwords import hash_password
    from tests.auth_helpers import add_user, browser_log_in

    url, db = served
    password = "Proxy-Test-2026!"  # secret-check: ignore (test account on a throwaway server)
    add_user(db, "Lena", "editor", password_hash=hash_password(password))
    workers: list[str] = []
    with browser_page() as (page, _requests):
        page.on("response", lambda r: workers.append(r.headers.get(WORKER_HEADER) or ""))
        page.goto(f"{url}/")
        wait_for_app(page, timeout_ms=120_000)
        browser_log_in(page, "Lena", password)
        for name, path in (("Karte", "karte"), ("Maßnahmen", "massnahmen"), ("Start", "")):
            page.get_by_role("link", name=name).first.click()
            # the page may write its choices into the query at once (Karte does): any query
            page.wait_for_url(re.compile(rf"{re.escape(url)}/{path}(\?.*)?$"))
            wait_for_app(page, timeout_ms=120_000)
            assert "Angemeldet:" in page.get_by_test_id("stSidebar").inner_text()
    assert len({w for w in workers if w}) == 1
