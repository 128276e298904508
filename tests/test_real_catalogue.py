"""Catalogue block of the official structural data: derived indicators from summed groups."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.analysis.derived import with_derived
from dashboard.analysis.disclosure import suppress

COLS = ["indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator",
        "flag", "source"]  # fmt: skip
WORKING = ("alter_20_29", "alter_30_39", "alter_40_49", "alter_50_59")


def _stored(coerde_40_49: float | None = 1500.0, flag: str | None = None) -> pd.DataFrame:
    rows = [("arbeitslose", "61", 2014, "insgesamt", 698.0, None, None, None, "t")]
    rows.append(("bevoelkerung", "61", 2014, "insgesamt", 10555.0, None, None, None, "t"))
    bands = {"alter_0_9": 1300.0, "alter_10_19": 1400.0, "alter_20_29": 1500.0,
             "alter_30_39": 1200.0, "alter_40_49": coerde_40_49, "alter_50_59": 1300.0}  # fmt: skip
    for grp, value in bands.items():
        band_flag = flag if grp == "alter_40_49" else None
        rows.append(("bevoelkerung", "61", 2014, grp, value, None, None, band_flag, "t"))
    return pd.DataFrame(rows, columns=COLS)


def test_catalogue_has_counts_and_derived_from_age_bands(catalogue) -> None:
    rows = catalogue.indicators.set_index("id")
    for iid in ("arbeitslose", "beschaeftigte_svp", "haushalte"):
        assert rows.loc[iid, "kind"] == "count" and rows.loc[iid, "source"]
    density = rows.loc["arbeitslosendichte_20_59"]
    assert list(density["denominator_groups"]) == list(WORKING)
    assert "20 bis unter 60" in density["definition"]
    assert rows.loc["personen_je_haushalt", "numerator_id"] == "bevoelkerung"


def test_density_divides_by_the_summed_working_age_bands(catalogue) -> None:
    out = with_derived(_stored(), ["arbeitslosendichte_20_59"], catalogue.indicators)
    row = out.iloc[0]
    assert row["grp"] == "insgesamt"
    assert row["denominator"] == 1500 + 1200 + 1500 + 1300
    assert round(row["value"], 2) == round(698 / 5500 * 100, 2)


def test_sum_with_a_secret_band_is_secret_not_partial(catalogue) -> None:
    out = with_derived(_stored(None, "secret"), ["jugendquotient"], catalogue.indicators)
    assert math.isnan(out.iloc[0]["value"]) and out.iloc[0]["flag"] == "secret"
    assert len(with_derived(_stored().iloc[:-1], ["altenquotient"], catalogue.indicators)) == 0


def test_derived_value_hidden_when_a_summed_band_is_hidden(catalogue) -> None:
    stored = _stored(2.0)  # a band of 2 persons is a small count
    frame = with_derived(stored, ["bevoelkerung", "anteil_20_59"], catalogue.indicators)
    released = suppress(frame, catalogue.indicators, catalogue.areas)
    share = released[released["indicator_id"] == "anteil_20_59"].iloc[0]
    assert share["flag"] == "secret" and math.isnan(share["value"])


def test_index_composition_is_a_catalogue_setting_without_migration(catalogue) -> None:
    composition = catalogue.analysis_indicators("social_index")
    assert "arbeitslosendichte_20_59" in composition
    assert not any("mv" in iid for iid in composition)
    assert "anteil_mv" in catalogue.analysis_indicators("similarity")


def test_densities_of_other_age_ranges_name_their_range(catalogue) -> None:
    # on the real data the profile read "Noch keine Daten für Coerde: Arbeitslosendichte" right
    # above "Arbeitslosendichte 20–59: 12,5 je 100": each short name says its age range
    from dashboard.present.catalogue_text import text

    rows = catalogue.indicators.set_index("id")
    for iid in ("arbeitslose_je100", "beschaeftigte_je100", "sgb2_quote"):
        assert rows.loc[iid, "short"].endswith(" 15–64"), iid
    for iid in ("arbeitslose_je100", "beschaeftigte_je100"):
        assert text("indicator", iid, "short", "en", rows.loc[iid, "short"]).endswith(" 15–64")
    for iid in ("arbeitslosendichte_20_59", "beschaeftigtendichte_20_59"):
        assert rows.loc[iid, "short"].endswith(" 20–59"), iid
