"""Every page in headless Chromium, on demo and on real data: no exception box, no console error.

One app server per dataset (module scope) and one browser; each page is opened by its URL.
Opened at a page URL, Streamlit first probes /<page>/_stcore/… for a base path and gets 404s
before falling back to the root (see tests/test_browser_massnahmen.py): those probes, and the
console lines they cause, are the only misses tolerated.
"""

from __future__ import annotations

import ast
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import (
    ARTIFACTS,
    app_server,
    browser_page,
    cut_off_texts,
    require_chromium,
    wait_for_app,
)
from tests.conftest import ROOT


def existing_pages() -> list[tuple[str, str]]:
    """(script, url_path) of every page in dashboard.app.PAGES whose script exists.

    Read from the source: importing dashboard/app.py would run the navigation in bare mode.
    """
    tree = ast.parse((ROOT / "dashboard" / "app.py").read_text(encoding="utf-8"))
    specs = [
        (node.args[0].value, node.args[3].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "PageSpec"
    ]
    return [(script, url) for script, url in specs if (ROOT / "pages" / script).exists()]


EXISTING = existing_pages()
PROBE_NOISE = "Failed to load resource: the server responded with a status of 404"


@pytest.fixture(scope="module")
def page_and_servers(
    demo_db_template: Path, real_db_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[object, dict[str, str]]]:
    """One Chromium page and one app server per dataset (private copies of the databases)."""
    require_chromium()
    folder = tmp_path_factory.mktemp("smoke")
    demo, real = folder / "demo.duckdb", folder / "real.duckdb"
    shutil.copy(demo_db_template, demo)
    shutil.copy(real_db_template, real)
    with (
        app_server(demo) as demo_url,
        app_server(real) as real_url,
        browser_page() as (page, _requests),
    ):
        yield page, {"demo": demo_url, "real": real_url}


@pytest.mark.parametrize("dataset", ["demo", "real"])
@pytest.mark.parametrize("url_path", [url for _, url in EXISTING])
def test_page_renders_without_errors(
    page_and_servers: tuple[object, dict[str, str]], url_path: str, dataset: str
) -> None:
    page, urls = page_and_servers
    console: list[str] = []
    missing: list[str] = []
    on_console = lambda m: console.append(m.text) if m.type == "error" else None  # noqa: E731
    on_error = lambda e: console.append(f"pageerror: {e}")  # noqa: E731
    on_response = lambda r: missing.append(r.url) if r.status >= 400 else None  # noqa: E731
    page.on("console", on_console)
    page.on("pageerror", on_error)
    page.on("response", on_response)
    try:
        # the default page lives at the root; its url_path is not a route of its own
        path = "" if url_path == "start" else url_path
        page.goto(f"{urls[dataset]}/{path}")
        wait_for_app(page, timeout_ms=60000)
        exceptions = page.locator("[data-testid='stException']")
        if exceptions.count():
            page.screenshot(path=str(ARTIFACTS / f"smoke_{dataset}_{url_path}.png"))
        assert exceptions.count() == 0, exceptions.first.inner_text()[:500]
        if dataset == "real":  # the demo pages are checked in test_browser_ux.py
            cut = {width: cut_off_texts(page, width) for width in (1440, 390)}
            assert cut == {1440: [], 390: []}, cut  # real names are longer than the demo's
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_error)
        page.remove_listener("response", on_response)
    probes = [u for u in missing if "/_stcore/" in u]
    assert [u for u in missing if u not in probes] == []
    assert [m for m in console if not (probes and m.startswith(PROBE_NOISE))] == []
