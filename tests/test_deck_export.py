"""Acceptance: the default deck from demo data, exported by the CLI as PPTX and PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from pptx import Presentation

from dashboard.cli import main
from dashboard.errors import LeitbildError
from dashboard.reports import slide_images
from dashboard.reports.deck import DeckSpec
from dashboard.reports.slides import KeyFigure, Slide
from dashboard.store import Store
from tests.browser import require_chromium

TITLES = [
    "Migrationsleitbild Münster – Stand der Umsetzung", "Das Leitbild auf einen Blick",
    "7.1 Arbeit und Wirtschaft",
    "7.2 (Politische) Partizipation und zivilgesellschaftliches Engagement",
    "7.3 Interkulturelle Öffnung der öffentlichen Verwaltungen", "Stadtteil Berg Fidel",
    "Stadtteil Coerde", "Münster im Überblick: Anteil mit MV", "Ausblick",
]  # fmt: skip


def test_cli_exports_the_default_deck_as_pptx_and_pdf(demo_db: Path, tmp_path: Path) -> None:
    require_chromium()
    pptx, pdf = tmp_path / "deck.pptx", tmp_path / "deck.pdf"
    assert main(["deck", "--out", str(pptx)]) == 0
    assert main(["deck", "--out", str(pdf)]) == 0
    prs = Presentation(str(pptx))
    assert [s.shapes.title.text for s in prs.slides] == TITLES
    assert prs.slide_width / prs.slide_height == pytest.approx(16 / 9, rel=0.01)
    notes = prs.slides[5].notes_slide.notes_text_frame.text
    assert "Einwohner*innen" in notes and "Methode:" in notes and "Demodaten" in notes
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert len(pictures) == 7  # overview, three fields, two districts, map
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) not installed")
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")],
                   check=True)  # fmt: skip
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(TITLES)
    for page in pages:
        image = Image.open(page).convert("L")
        assert image.width / image.height == pytest.approx(16 / 9, rel=0.02)
        assert ImageStat.Stat(image).stddev[0] > 10, f"{page.name} looks blank"


def test_cli_exports_a_saved_deck_by_name(demo_db: Path, tmp_path: Path) -> None:
    store = Store(demo_db)
    spec = DeckSpec("Kurz", ("title", "outlook"))
    store.save_deck("kurz", spec.to_json(), None, "test")
    store.close()
    out = tmp_path / "kurz.pptx"
    assert main(["deck", "--name", "kurz", "--out", str(out)]) == 0
    assert [s.shapes.title.text for s in Presentation(str(out)).slides] == ["Kurz", "Ausblick"]


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--name", "gibtsnicht", "--out", "x.pptx"], "gibt es nicht"),
     (["--out", "x.docx"], ".pptx oder .pdf")],
)  # fmt: skip
def test_cli_usage_errors_exit_2(
    args: list[str], message: str, demo_db: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["deck", *args]) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))


def test_missing_chromium_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("no browser found")

    monkeypatch.setattr(slide_images.kaleido, "start_sync_server", broken)
    slide = Slide("map", None, "T", "E", [KeyFigure("a", "1")])
    slide.figures.append(slide_images_figure())
    with pytest.raises(LeitbildError, match="Chromium"):
        slide_images.render([slide])


def slide_images_figure():
    """A tiny figure for the error test."""
    import plotly.graph_objects as go

    from dashboard.reports.slides import SlideFigure

    return SlideFigure("f", go.Figure(go.Bar(x=[1], y=[1])), 100, 100)


def test_no_figures_no_browser() -> None:
    assert slide_images.render([Slide("title", None, "T", "E")]) == {}
