"""Browser test of the show view: full-screen slides at projector sizes, arrow-key navigation."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser import ARTIFACTS, app_server, browser_page, require_chromium, wait_for_app

pytestmark = pytest.mark.browser


def _slide_title(page: object) -> str:
    return page.locator(".pr-title").first.inner_text()


def _open_slide(page: object, url: str, number: int) -> None:
    """Open slide ``number`` of the default deck and wait until its chart is drawn."""
    page.goto(f"{url}/praesentation?folie={number}")
    wait_for_app(page, timeout_ms=120000)
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=120000)


def test_slides_fill_the_screen_and_arrow_keys_navigate(demo_db: Path) -> None:
    require_chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    with app_server(demo_db) as url:
        with browser_page(1920, 1080) as (page, requests):
            page.goto(f"{url}/praesentation?folie=1")
            wait_for_app(page, timeout_ms=120000)
            page.locator(".pr-title").first.wait_for()
            assert _slide_title(page).startswith("Migrationsleitbild Münster")
            # no sidebar, no header: the slide has the screen to itself
            assert not page.locator("[data-testid='stSidebar']").is_visible()
            assert not page.locator("[data-testid='stHeader']").is_visible()
            assert "Demodaten" in page.inner_text("body")
            page.screenshot(path=str(ARTIFACTS / "praesentation_folie_1_1920.png"))
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "document.querySelector('.pr-title')?.innerText.startsWith('Das Leitbild')",
                timeout=120000,
            )
            wait_for_app(page, timeout_ms=120000)
            assert "folie=2" in page.url
            page.keyboard.press("ArrowLeft")
            page.wait_for_function(
                "document.querySelector('.pr-title')?.innerText.startsWith('Migrationsleitbild')",
                timeout=120000,
            )
            assert page.locator("[data-testid='stException']").count() == 0
        with browser_page(1280, 720) as (page, more):
            page.goto(f"{url}/praesentation?folie=8")
            wait_for_app(page, timeout_ms=120000)
            page.locator(".js-plotly-plot").first.wait_for(timeout=120000)
            assert _slide_title(page).startswith("Münster im Überblick")
            # the navigation stays on screen at 720 px height
            next_button = page.locator(".st-key-pr-next button")
            box = next_button.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 720
            page.screenshot(path=str(ARTIFACTS / "praesentation_folie_8_1280.png"))
            page.keyboard.press("ArrowLeft")
            page.wait_for_function(
                "document.querySelector('.pr-title')?.innerText.startsWith('Stadtteil Coerde')",
                timeout=120000,
            )
            wait_for_app(page, timeout_ms=120000)
            page.screenshot(path=str(ARTIFACTS / "praesentation_folie_7_1280.png"))
            requests += more
    external = [u for u in requests if urlparse(u).hostname not in (None, "127.0.0.1", "localhost")]
    assert external == []


SVG_TEXT = """() => [...document.querySelectorAll('.js-plotly-plot svg text')]
  .filter(t => t.textContent.trim() && t.getBBox().width > 0)
  .map(t => ({text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize),
              fill: getComputedStyle(t).fill}))"""


def _contrast_on_white(fill: str) -> float:
    from dashboard.reports.slide_figures import contrast

    r, g, b = (int(float(v)) for v in fill[fill.index("(") + 1 : fill.index(")")].split(",")[:3])
    return contrast(f"#{r:02x}{g:02x}{b:02x}", "#ffffff")


def test_slides_read_well_from_the_back_of_the_room(demo_db: Path) -> None:
    """1920×1080: chart text ≥ 20 px and ≥ 4.5:1 on white, lists ≥ 20 px, the slide filled."""
    require_chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    with app_server(demo_db) as url, browser_page(1920, 1080) as (page, _requests):
        _open_slide(page, url, 3)
        page.wait_for_timeout(1500)
        texts = page.evaluate(SVG_TEXT)
        assert texts and min(t["size"] for t in texts) >= 20, texts
        for t in texts:
            assert _contrast_on_white(t["fill"]) >= 4.5, t
        names = {t["text"] for t in texts}
        assert "☀ auf Kurs" in names or "☁ deutlich abseits" in names  # every colour named
        items = page.evaluate(
            "() => [...document.querySelectorAll('.pr-bullets li')]"
            ".map(li => parseFloat(getComputedStyle(li).fontSize))"
        )
        assert items and min(items) >= 20
        chart = page.locator(".js-plotly-plot").first.bounding_box()
        assert chart is not None and chart["y"] + chart["height"] >= 0.75 * 1080  # filled
        page.screenshot(path=str(ARTIFACTS / "praesentation_folie_3_1920.png"))
        page.goto(f"{url}/praesentation?folie=8")
        wait_for_app(page, timeout_ms=120000)
        page.locator(".js-plotly-plot").first.wait_for(timeout=120000)
        page.wait_for_timeout(1500)
        texts = page.evaluate(SVG_TEXT)
        assert {"Berg Fidel", "Coerde"} <= {t["text"] for t in texts}
        assert min(t["size"] for t in texts) >= 20
        page.screenshot(path=str(ARTIFACTS / "praesentation_folie_8_1920.png"))


def test_a_slide_on_a_phone_shows_every_key_figure_and_the_chart(demo_db: Path) -> None:
    """At 390 px the key figures wrap instead of leaving the screen, and the navigation is one
    compact bar (stacked it covered half the slide) that still shows the demo label."""
    require_chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    with app_server(demo_db) as url, browser_page(390, 844) as (page, _requests):
        _open_slide(page, url, 6)
        assert _slide_title(page) == "Stadtteil Berg Fidel"
        cards = page.locator(".pr-figure")
        assert cards.count() == 3
        for i in range(3):
            box = cards.nth(i).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert "Maßnahmen vor Ort" in page.inner_text(".pr-figures")
        bar = page.locator(".st-key-pr-nav").bounding_box()
        assert bar is not None and bar["height"] <= 844 / 4, bar
        demo = page.locator(".st-key-pr-nav .pr-demo")
        assert demo.is_visible() and "Demodaten" in demo.inner_text()
        assert page.locator(".st-key-pr-next button").is_visible()
        page.locator(".js-plotly-plot").first.evaluate("p => p.scrollIntoView({block: 'start'})")
        box = page.locator(".js-plotly-plot").first.bounding_box()
        assert box is not None
        x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"], 400) / 2
        on_top = page.evaluate(
            "([x, y]) => !!document.elementFromPoint(x, y)?.closest('.js-plotly-plot')", [x, y]
        )
        assert on_top, "the navigation covers the chart"
        page.screenshot(path=str(ARTIFACTS / "praesentation_folie_6_390.png"))
