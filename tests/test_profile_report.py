"""District profile report (PDF): content, German numbers, demo label, suppression, map fallback."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pypdf
import pytest

from dashboard.errors import UsageError
from dashboard.reports import profile_report
from dashboard.reports.locator_map import locator_figure, preferred_layer
from dashboard.reports.profile_content import ProfileContent, gather
from dashboard.reports.profile_report import map_image, profile_pdf, render
from dashboard.store import Store
from tests.browser import ARTIFACTS


def pdf_text(pdf: bytes) -> tuple[str, int]:
    """All text of a PDF (pages joined) and its page count."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def flat(text: str) -> str:
    """Text with line breaks as spaces (table cells wrap)."""
    return " ".join(text.split())


def test_real_berg_fidel_2014_shows_47_8_and_the_city(real_db: Path) -> None:
    """Acceptance: Berg Fidel with the real SMS data shows 47,8 % (2014) and the city 21,7 %."""
    store = Store(real_db)
    try:
        pdf = profile_pdf(store, "Berg Fidel")
    finally:
        store.close()
    text, pages = pdf_text(pdf)
    words = flat(text)
    assert "Stadtteilprofil Berg Fidel" in words
    assert "47,8 %" in words and "21,7 %" in words  # German format, district and city
    assert "Stadtbezirk Hiltrup" in words and "2014" in words
    assert "DEMODATEN" not in words  # real data carry no demo label
    assert "Lage im Stadtgebiet" in words and "Amtliche Stadtteilgrenzen" in words
    assert "Quellen" in words and "Melderegister" in words
    assert f"Seite 1 von {pages}" in words and f"Seite {pages} von {pages}" in words
    png = render_first_page(pdf, "profil_berg_fidel_real")
    assert png.stat().st_size > 20_000  # a page with map and tables, not blank


def render_first_page(pdf: bytes, stem: str) -> Path:
    """Page 1 as PNG (pdftoppm) into the test artifacts."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{stem}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", source,
         ARTIFACTS / stem],
        check=True,
    )  # fmt: skip
    return ARTIFACTS / f"{stem}.png"


@pytest.fixture(scope="module")
def demo_content(
    demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ProfileContent]:
    """The report content of Berg Fidel from the demo data, gathered once for this module."""
    path = tmp_path_factory.mktemp("profile") / "demo.duckdb"
    shutil.copy(demo_db_template, path)
    store = Store(path)
    try:
        yield gather(store, "Berg Fidel")
    finally:
        store.close()


def test_demo_report_is_labelled(demo_content: ProfileContent) -> None:
    text, pages = pdf_text(render(demo_content, None, with_map=False))
    words = flat(text)
    assert "DEMODATEN – generierte Werte" in words  # banner on page 1
    assert words.count("DEMODATEN") >= pages + 1  # and the mark in every page's footer
    assert "Ziele für Berg Fidel" in words and "Maßnahmen in Berg Fidel" in words
    assert "Handlungsfelder im Stadtteil" in words and "Quellen" in words
    assert "Lage im Stadtgebiet" not in words  # left out on request


def test_user_text_is_printed_as_text(demo_content: ProfileContent) -> None:
    measures = demo_content.measures.copy()
    measures.loc[0, "title"] = "Lernen <b>&</b> =HYPERLINK(1)"
    mixed = {**demo_content.summary, "demo_measures": 0}
    content = dataclasses.replace(demo_content, measures=measures, summary=mixed)
    words = flat(pdf_text(render(content, None, with_map=False))[0])
    assert "Lernen <b>&</b> =HYPERLINK(1)" in words  # not parsed as markup
    assert "Achtung: Echte Daten und DEMODATEN gemischt" in words


def test_hidden_values_are_geheim_and_explained(demo_content: ProfileContent) -> None:
    profile = demo_content.profile.copy()
    row = profile.index[profile["indicator_id"] == "anteil_mv"][0]
    profile.loc[row, ["value", "flag"]] = [float("nan"), "secret"]
    hidden = dataclasses.replace(demo_content, profile=profile)
    words = flat(pdf_text(render(hidden, None, with_map=False))[0])
    assert "geheim" in words and "nie 0" not in words  # issue 20: hidden values can be 0
    assert "Ein unterdrückter Wert heißt nicht 0: Dahinter kann jede Zahl stehen, auch 0." in words
    assert "Anteil mit MV (Berg Fidel)" in words  # the note names what is hidden


def test_without_chromium_the_report_says_the_map_is_missing(
    demo_content: ProfileContent, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_browser(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("Chromium not found")

    monkeypatch.setattr(profile_report, "figure_png", no_browser)
    png = map_image(demo_content)
    assert png is None
    words = flat(pdf_text(render(demo_content, png))[0])
    assert "Die Karte fehlt in diesem Bericht" in words and "Lage im Stadtgebiet" in words


@pytest.mark.parametrize("area", ["Nord", "0", "Atlantis", "B6"])
def test_only_stadtteile_have_a_profile(empty_store: Store, area: str) -> None:
    with pytest.raises(UsageError):
        profile_pdf(empty_store, area, with_map=False)


@pytest.mark.parametrize(
    ("layers", "expected"),
    [({"kacheln": 45}, "kacheln"), ({}, None),
     ({"kacheln": 45, "amtlich_stadtteile": 45}, "amtlich_stadtteile"),
     ({"amtlich_stadtteile": 0, "kacheln": 45}, "kacheln")],
)  # fmt: skip
def test_preferred_layer(layers: dict[str, int], expected: str | None) -> None:
    assert preferred_layer(layers) == expected


def test_locator_figure_highlights_the_district(demo_store: Store) -> None:
    tiles = demo_store.geometry("kacheln")
    fig = locator_figure(tiles, "91", ["91", "95", "96"], "Berg Fidel")
    fills = [trace.fillcolor for trace in fig.data]
    assert len(fig.data) == len(tiles)
    assert fills[-1] == "#08519c" and fills.count("#9ecae1") == 2  # district last, on top
    assert {trace.type for trace in fig.data} == {"scatter"}  # cartesian only: nothing fetched
    assert fig.layout.annotations[0].text == "<b>Berg Fidel</b>"
    assert isinstance(tiles, pd.DataFrame)


@pytest.mark.parametrize(("area", "period"), [("Berg Fidel", None), ("61", 2020), ("11", None)])
def test_report_content_from_the_rows_it_reads_equals_that_from_all(
    demo_store: Store, area: str, period: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report reads only its rows from the store; its content equals the one made from the
    whole release (profile, key facts, goal statuses, field roll-up)."""
    from dashboard.readmodel import released_observations
    from dashboard.reports import profile_content

    narrow = gather(demo_store, area, period)
    everything = released_observations(demo_store, profile_content.store_catalogue(demo_store))
    monkeypatch.setattr(profile_content, "district_values", lambda *_args: everything)
    full = gather(demo_store, area, period)
    assert len(profile_content.district_values(demo_store, None, "", None)) == len(everything)
    for name in ("profile", "goals", "fields"):
        pd.testing.assert_frame_equal(getattr(narrow, name), getattr(full, name))
    assert (narrow.facts, narrow.city_facts) == (full.facts, full.city_facts)
    assert len(narrow.profile) > 10 and len(narrow.fields) > 0
