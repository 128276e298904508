"""Demo targets (all aim at 2030), with baselines read from the generated observations."""

from __future__ import annotations

import pandas as pd

from dashboard.catalogues import Catalogue
from dashboard.demo.base import TARGET_AUTHOR
from dashboard.store import TARGET_COLUMNS

# --- targets ------------------------------------------------------------------------------------
# (indicator, area, group, type, value, baseline period, goal, note); all aim at 2030.
TARGETS: list[tuple[str, str, str, str, float | None, int | None, str, str]] = [
    ("arbeitslose_je100", "0", "nichtdeutsch", "relative_change", -15.0, 2023,
     "7.1-Wirtschaft-T2", "Arbeitslosigkeit Nichtdeutscher um 15 % senken"),
    ("beschaeftigte_je100", "0", "nichtdeutsch", "absolute", 50.0, 2023, "7.1-L2",
     "Beschäftigungsdichte Nichtdeutscher auf 50 je 100"),
    ("sgb2_quote", "0", "insgesamt", "direction", None, 2023, "7.1-L1",
     "SGB-II-Quote soll sinken"),
    ("azubi_anteil_international", "0", "insgesamt", "parity", None, 2023, "7.1-Jugendliche-T1",
     "Auszubildende mit internationaler Geschichte wie in der Bevölkerung"),
    ("anerkennungsverfahren", "0", "insgesamt", "relative_change", 25.0, 2024, "7.1-Arbeit-T4",
     "Ein Viertel mehr abgeschlossene Anerkennungsverfahren"),
    ("integrationsrat_wahlbeteiligung", "0", "insgesamt", "relative_change", 30.0, 2020,
     "7.2-Partizipation-T2", "Wahlbeteiligung bei der Integrationsratswahl 2030 deutlich höher"),
    ("einbuergerungen_je100", "0", "insgesamt", "relative_change", 20.0, 2023,
     "7.2-Partizipation-T5", "Einbürgerungspotenzial stärker ausschöpfen"),
    ("einbuergerung_dauer", "0", "insgesamt", "relative_change", -30.0, 2023,
     "7.2-Partizipation-T5", "Verfahren um knapp ein Drittel verkürzen"),
    ("mso_aktiv", "0", "insgesamt", "relative_change", 15.0, 2024, "7.2-L5",
     "Mehr aktive Migrant*innenselbstorganisationen"),
    ("personal_anteil_international", "0", "insgesamt", "parity", None, 2023, "7.3-L5",
     "Beschäftigte mit internationaler Geschichte wie in der Bevölkerung"),
    ("personal_anteil_international", "0", "fuehrungskraefte", "parity", None, 2023, "7.3-L5",
     "Auch in Führungspositionen Parität"),
    ("neueinstellungen_anteil_international", "0", "insgesamt", "parity", None, 2023, "7.3-T6",
     "Neueinstellungen spiegeln die Stadtgesellschaft"),
    ("neueinstellungen_anteil_international", "0", "auszubildende", "parity", None, 2023,
     "7.3-T6.3", "Nachwuchs der Verwaltung so vielfältig wie die Stadt"),
    ("fortbildung_diversitaet", "0", "insgesamt", "relative_change", 50.0, 2024, "7.3-T1",
     "Halb so viele Fortbildungsteilnahmen mehr"),
    ("fortbildung_diversitaet", "0", "fuehrungskraefte", "absolute", 250.0, 2024, "7.3-T1.3",
     "250 Führungskräfte je Jahr fortgebildet"),
    ("mehrsprachige_infoangebote", "0", "insgesamt", "absolute", 160.0, 2024, "7.3-T7",
     "Kernangebote mehrsprachig"),
    ("uebergang_gymnasium", "0", "mit_mv", "parity", None, 2023, "8.2-L1",
     "Übergangsquote mit MV gleich der ohne MV"),
    ("uebergang_gymnasium", "91", "mit_mv", "absolute", 35.0, 2023, "6.3-S91-1",
     "Mehr Kinder mit MV aus Berg Fidel wechseln aufs Gymnasium"),
    ("seu_deutsch_unzureichend", "91", "insgesamt", "relative_change", -25.0, 2023, "6.3-S91-1",
     "Weniger Schulanfänger*innen mit unzureichenden Deutschkenntnissen"),
    ("mso_aktiv", "91", "insgesamt", "absolute", 6.0, 2023, "6.3-S91-3",
     "Sechs aktive Selbstorganisationen im Stadtteil"),
    ("stadtteil_verbundenheit", "91", "insgesamt", "direction", None, 2023, "6.3-S91-4",
     "Verbundenheit mit Berg Fidel soll steigen"),
    ("stadtteil_verbundenheit", "61", "insgesamt", "absolute", 70.0, 2023, "6.3-S61-1",
     "Sieben von zehn fühlen sich Coerde verbunden"),
    ("stadtteil_netzwerktreffen", "61", "insgesamt", "absolute", 12.0, 2023, "6.3-S61-2",
     "Monatliche Netzwerktreffen in Coerde"),
    ("kita_besuch_3_6", "61", "mit_mv", "absolute", 92.0, 2023, "6.3-S61-2",
     "Fast alle Kinder mit MV in Coerde besuchen eine Kita"),
    ("arbeitslose_je100", "61", "nichtdeutsch", "relative_change", -20.0, 2023, "6.3-S61-2",
     "Arbeitslosigkeit Nichtdeutscher in Coerde um ein Fünftel senken"),
    ("sgb2_kinder_u15", "61", "insgesamt", "direction", None, 2023, "6.3-S61-2",
     "Weniger Kinder in Bedarfsgemeinschaften"),
]  # fmt: skip
PARITY_GROUP_REFERENCE = {("uebergang_gymnasium", "mit_mv"): ("uebergang_gymnasium", "ohne_mv")}


def targets(catalogue: Catalogue, obs: pd.DataFrame) -> pd.DataFrame:
    """The demo targets, with baseline values read from the generated observations."""
    values = obs.set_index(["indicator_id", "area_code", "period", "grp"])["value"]
    rows = []
    for ind_id, area, grp, kind, value, base_year, goal, note in TARGETS:
        ind = catalogue.indicator(ind_id)
        if ind is None:
            continue
        ref_ind, ref_grp = None, None
        if kind == "parity":
            ref_ind, ref_grp = PARITY_GROUP_REFERENCE.get(
                (ind_id, grp), (ind["parity_reference"], "insgesamt")
            )
        baseline = values.get((ind_id, area, base_year, grp))
        rows.append(
            {
                "indicator_id": ind_id,
                "area_code": area,
                "grp": grp,
                "type": kind,
                "value": value,
                "reference_indicator": ref_ind,
                "reference_grp": ref_grp,
                "baseline_period": base_year,
                "baseline_value": None if baseline is None else round(float(baseline), 2),
                "target_period": 2030,
                "goal_id": goal,
                "note": note,
                "is_demo": True,
                "created_by": TARGET_AUTHOR,
            }
        )
    return pd.DataFrame(rows, columns=TARGET_COLUMNS)
