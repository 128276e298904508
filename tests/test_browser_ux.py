"""Issue 15 in the browser: each user's task answered where they look, every page accessible
(axe-core: no serious or critical violation, German document language), reachable by keyboard
and readable on a phone. Screenshots of every page at 1440 and 390 px go to artifacts/."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import (
    ARTIFACTS,
    CUT_OFF_JS,
    app_server,
    browser_page,
    cut_off_texts,
    require_chromium,
    wait_for_app,
)

pytestmark = pytest.mark.browser

PAGES = {
    "start": "/", "karte": "/karte", "stadtteil": "/stadtteil?stadtteil=61", "ziele": "/ziele",
    "handlungsfelder": "/handlungsfelder", "massnahmen": "/massnahmen", "review": "/review",
    "praesentation": "/praesentation",
}  # fmt: skip
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}  # fmt: skip
RAW_GOAL_ID = re.compile(r"\b\d\.\d-(?:[A-ZÄÖÜ][a-zäöüß]+-)?[A-Z]\d+(?:[.-]\d+)*\b")


@pytest.fixture(scope="module")
def app(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One app server on a private copy of the demo database for the module."""
    require_chromium()
    db = tmp_path_factory.mktemp("ux") / "demo.duckdb"
    shutil.copy(demo_db_template, db)
    with app_server(db) as url:
        yield url


def open_page(page: object, url: str) -> None:
    """Go to a URL and wait until the app has rendered it."""
    page.goto(url)
    wait_for_app(page, 90000)
    page.wait_for_timeout(600)  # the a11y script runs 200 ms after the last re-render


def full_screenshot(page: object, name: str, width: int, cut_off: list[str] | None = None) -> Path:
    """A screenshot of the whole page (Streamlit scrolls inside its main block).

    With ``cut_off``, the texts cut off at the edge (CUT_OFF_JS) are added to it, measured
    while every chart is drawn at the page's full height.
    """
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(int(height) + 50, 16000)})
    page.wait_for_timeout(500)
    if cut_off is not None:
        cut_off += page.evaluate(CUT_OFF_JS)
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"ux_{name}_{width}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})
    return path


def test_district_network_coerde_on_track(app: str) -> None:
    """A social worker from Coerde: start page → Mein Stadtteil → are our goals on track?"""
    with browser_page(1440, 900) as (page, _requests):
        open_page(page, app)
        page.get_by_role("combobox", name="Stadtteil wählen").click()
        page.keyboard.type("Coerde")
        page.keyboard.press("Enter")
        wait_for_app(page)
        page.wait_for_url("**stadtteil=61**")  # the choice is remembered in the URL
        wait_for_app(page)
        page.get_by_text("Coerde: 16 Zielwerte").first.wait_for()
        page.get_by_role("link", name="Coerde: Sind wir auf Kurs?").first.click()
        wait_for_app(page, 90000)
        page.get_by_role("heading", name="Sind wir in Coerde auf Kurs?").wait_for()
        body = page.inner_text("[data-testid=stMain]")
        assert "16 Zielwerte für Coerde" in body and "Dieselben 16 Zielwerte" in body
        assert "Ziel 1: Negativimage von Coerde überwinden" in body
        # status word and symbol next to the value, city gap as a second judgement
        assert "auf Kurs · SGB-II-Quote unter 15: 31,4 % (2025)" in body
        assert ("Auf Kurs, aber etwa dreimal so hoch wie in der Stadt (9,8 %) – ungünstiger "
                "als der Stadtdurchschnitt.") in body  # fmt: skip
        assert "Genauer hinsehen bei 7 davon: auf Kurs, aber Coerde steht ungünstiger da" in body
        full_screenshot(page, "task_coerde", 1440)


def test_ki_team_off_track_goals_without_measure(app: str, tmp_path: Path) -> None:
    """The KI team's weekly question: which off-track goals have no measure? On the review
    page and in the downloaded protocol, by name."""
    with browser_page(1440, 900) as (page, _requests):
        open_page(page, f"{app}/review")
        heading = page.get_by_role("heading", name=re.compile(r"^Ziele abseits ohne Maßnahme"))
        heading.wait_for()
        n = int(re.search(r"\((\d+)\)", heading.inner_text()).group(1))
        assert n > 0
        section = page.locator("[data-testid=stMarkdown]", has=page.locator("li")).filter(
            has_text="Stadtteilziel Coerde 1: Negativimage"
        )
        items = [li.strip() for li in section.first.locator("li").all_inner_texts()]
        assert len(items) == n and not any(RAW_GOAL_ID.search(i) for i in items)
        kpis = page.inner_text("[data-testid=stMain]")
        assert "davon ohne Maßnahme" in kpis and "offene Maßnahmen" in kpis
        with page.expect_download() as download:
            page.get_by_role(
                "button", name=re.compile("Markdown|Protokoll.*md", re.I)
            ).first.click()
        text = Path(download.value.path()).read_text(encoding="utf-8")
        assert "## Ziele abseits ohne Maßnahme" in text
        for item in items:
            assert f"- {item}" in text.replace("\\", "")
        assert not RAW_GOAL_ID.search(text), RAW_GOAL_ID.search(text)
        assert not re.search(r"\b1 (Statusänderungen|Einträge|Kommentare)\b", text)
        full_screenshot(page, "task_review", 1440)


@pytest.mark.parametrize("width", [1440, 390])
def test_every_page_accessible_and_screenshot(app: str, width: int) -> None:
    """axe-core (WCAG 2.1 A/AA rules): no serious or critical violation; lang="de"; no text
    cut off ("…" or past a chart's edge: a method name, an axis title on a phone)."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems: dict[str, list[str]] = {}
    cut_off: dict[str, list[str]] = {}
    with browser_page(width, 900) as (page, _requests):
        for name, path in PAGES.items():
            open_page(page, app + path)
            assert page.evaluate("document.documentElement.lang").startswith("de"), name
            result = axe.run(page, options=WCAG)
            bad = [f"{v['id']} ({len(v['nodes'])}): {v['nodes'][0]['target']}"
                   for v in result.response["violations"]
                   if v["impact"] in ("serious", "critical")]  # fmt: skip
            if bad:
                problems[name] = bad
            names = page.evaluate(
                "[...document.querySelectorAll('[data-testid=stDownloadButton] button')]"
                ".map(b => b.getAttribute('aria-label') || b.innerText.trim())"
            )
            assert not [n for n in names if n in ("CSV", "XLSX")], (name, names)
            symbols = page.evaluate(
                "[...document.querySelectorAll('button')]"
                ".map(b => (b.getAttribute('aria-label') || b.innerText).trim())"
                ".filter(n => ['↑', '↓', '✕'].includes(n))"
            )
            assert symbols == [], (name, symbols)  # e.g. the editor's ↑ ↓ ✕ are named
            charts = page.evaluate(
                "[...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
                ".map(c => c.getAttribute('aria-label'))"
            )
            assert all(charts), (name, charts)  # every chart has a text alternative
            cut_off[name] = []
            full_screenshot(page, name, width, cut_off[name])
    assert problems == {}
    assert {name: texts for name, texts in cut_off.items() if texts} == {}


def test_keyboard_reaches_the_main_controls(app: str) -> None:
    """Tab from the top of the district page reaches the navigation, the district picker,
    the topic search and a download button."""
    with browser_page(1440, 900) as (page, _requests):
        open_page(page, f"{app}/stadtteil?stadtteil=61")
        seen: list[str] = []
        for _ in range(120):
            page.keyboard.press("Tab")
            seen.append(page.evaluate(
                "(() => { const e = document.activeElement; return (e.getAttribute('aria-label')"
                " || e.innerText || '').trim().slice(0, 80) })()"
            ))  # fmt: skip
        assert any(s.endswith("Ziel-Ist-Vergleich") for s in seen)  # a navigation link
        assert "Stadtteil" in seen and "Thema suchen" in seen  # district picker, topic search
        assert "CSV herunterladen: Stadtteilprofil Coerde" in seen  # a named download
        assert seen.index("Stadtteil") < seen.index("Thema suchen")  # in reading order


@pytest.mark.parametrize("name", ["stadtteil", "karte", "ziele"])
def test_phone_charts_are_readable(app: str, name: str) -> None:
    """At 390 px no visible chart is narrower than 300 px."""
    with browser_page(390, 844) as (page, _requests):
        open_page(page, app + PAGES[name])
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length > 0")
        widths = page.evaluate(
            "[...document.querySelectorAll('.js-plotly-plot')].filter(p => p.offsetParent)"
            ".map(p => p.getBoundingClientRect().width)"
        )
        assert widths and min(widths) >= 300, widths
        full_screenshot(page, f"phone_{name}", 390)


@pytest.mark.parametrize("name", ["stadtteil", "ziele"])
def test_english_pages_cut_nothing_off(app: str, name: str) -> None:
    """English labels are often longer than German ones: nothing cut off at 390 or 1440 px."""
    with browser_page(390, 844) as (page, _requests):
        open_page(page, app + PAGES[name] + ("&" if "?" in PAGES[name] else "?") + "lang=en")
        assert page.evaluate("document.documentElement.lang").startswith("en")
        cut = {width: cut_off_texts(page, width) for width in (390, 1440)}
        assert cut == {390: [], 1440: []}, cut
