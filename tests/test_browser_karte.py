"""Browser test of the map: 45 shapes drawn offline, a click on Coerde opens its profile."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser import app_server, browser_page, require_chromium, wait_for_app
from tests.conftest import ROOT
from tests.karte_data import build_real_db

pytestmark = [pytest.mark.browser, pytest.mark.realdata]
ARTIFACTS = ROOT / "tests" / "artifacts"

# pixel position of the first point of the click-target trace of one area
POINT_OF_AREA = """(code) => {
  const gd = document.querySelector('.js-plotly-plot');
  const i = gd.data.findIndex(t => t.meta && t.meta[0] === code);
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.getBoundingClientRect();
  return [box.left + xa._offset + xa.l2p(gd.data[i].x[0]),
          box.top + ya._offset + ya.l2p(gd.data[i].y[0])];
}"""

# [click targets, filled pieces drawn]: a fill path holds one "M…Z" piece per ring; rings of
# districts without holes (Münster has none) are one piece each
AREAS_DRAWN = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const pieces = [...gd.querySelectorAll('.scatterlayer path.js-fill')]
    .map(p => (p.getAttribute('d').match(/M/g) || []).length);
  return [gd.data.filter(t => t.meta).length, pieces.reduce((a, b) => a + b, 0)];
}"""

HOVER_TEXT = "() => [...document.querySelectorAll('.hoverlayer text')].map(e => e.textContent)"


@pytest.fixture(scope="module")
def real_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real 2014 figures and the official Stadtteil geometry, imported by the CLI."""
    return build_real_db(tmp_path_factory.mktemp("browser") / "real.duckdb")


def test_map_of_the_share_with_migration_history_opens_coerde(real_db: Path) -> None:
    require_chromium()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with app_server(real_db) as url, browser_page(1440, 1700) as (page, requests):
        page.goto(f"{url}/karte?indikator=anteil_mv&periode=2014")
        wait_for_app(page)
        page.wait_for_selector(".js-plotly-plot .scatterlayer path.js-fill")
        assert page.locator("[data-testid='stException']").count() == 0
        # the districts are filled SVG paths (plain SVG: no WebGL, tiles or fonts), one path per
        # class colour; each district has its click target, and its ring is filled once
        assert page.evaluate(AREAS_DRAWN) == [45, 45]
        body = page.inner_text("body")
        assert "21,7 %" in body and "49,7 %" in body
        page.screenshot(path=str(ARTIFACTS / "karte.png"), full_page=True)

        x, y = page.evaluate(POINT_OF_AREA, "61")
        page.mouse.move(x, y)
        page.get_by_text("Rang 1 von 45").first.wait_for()  # the hover names Coerde's rank
        # plotly fills the shared wording with Coerde's values; no trace name beside it
        shown = page.evaluate(HOVER_TEXT)
        assert shown == [
            "61 CoerdeAnteil mit MV: 49,7 %Bevölkerung mit MV: 5.242 · Bevölkerung: 10.555"
            "Rang 1 von 45 (1 = höchster Wert)+27,9 Prozentpunkte gegenüber der Stadt (21,7 %)"
        ]
        page.mouse.click(x, y)
        page.wait_for_url("**/stadtteil?stadtteil=61*")
        wait_for_app(page)
        assert urlparse(page.url).path == "/stadtteil"
        assert parse_qs(urlparse(page.url).query)["stadtteil"] == ["61"]
        page.get_by_text("Coerde").first.wait_for()
        page.screenshot(path=str(ARTIFACTS / "stadtteil.png"), full_page=True)
    external = [u for u in requests if urlparse(u).hostname not in (None, "127.0.0.1", "localhost")]
    assert external == []
