"""The glossary: every method term of the app explained in one place (German and English).

Shown as a section on the start page and as a popover in the sidebar of every page.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.present.i18n import MESSAGES

# term → (German term, German text, English term, English text), in reading order
TERMS: dict[str, tuple[str, str, str, str]] = {
    "status": (
        "Status eines Ziels",
        "Sagt, ob ein Zielwert erreicht wird: ✓ erreicht, ☀ auf Kurs, ◐ leicht abseits "
        "(richtige Richtung, zu langsam), ☁ deutlich abseits, ⚡ falsche Richtung, ○ nicht "
        "bewertbar (zu wenige oder verborgene Werte).",
        "Status of a goal",
        "Says whether a target will be met: ✓ reached, ☀ on track, ◐ slightly off (right "
        "direction, too slow), ☁ off track, ⚡ wrong direction, ○ not assessable (too few or "
        "hidden values).",
    ),
    "city_gap": (
        "Vergleich mit der Stadt",
        "Ein zweites, getrenntes Urteil: wo der Stadtteil heute im Verhältnis zur ganzen Stadt "
        "steht. Ein Ziel kann auf Kurs sein, obwohl der Stadtteil noch weit hinter der Stadt "
        "liegt.",
        "Compared with the city",
        "A second, separate judgement: where the district stands today against the whole city. "
        "A target can be on track while the district is still far behind the city.",
    ),
    "destatis": (
        "Wettermethode (Destatis)",
        "So bewertet das Statistische Bundesamt die Nachhaltigkeitsziele: Das Tempo der "
        "letzten Jahre wird bis zum Zieljahr fortgeschrieben und mit dem Zielwert verglichen. "
        "Die Symbole sind Wettersymbole (Sonne = auf Kurs, Gewitter = falsche Richtung).",
        "Weather method (Destatis)",
        "How the Federal Statistical Office assesses the sustainability goals: the pace of the "
        "last years is carried forward to the target year and compared with the target. The "
        "symbols are weather symbols (sun = on track, thunderstorm = wrong direction).",
    ),
    "cagr": (
        "Wachstumsraten (Open SDG)",
        "Zweite Methode, wie sie Open-SDG-Plattformen nutzen: Die jährliche Wachstumsrate seit "
        "dem Basisjahr wird mit der Rate verglichen, die zum Ziel nötig wäre.",
        "Growth rates (Open SDG)",
        "Second method, as used by Open SDG platforms: the annual growth rate since the base "
        "year is compared with the rate the target needs.",
    ),
    "score": (
        "Punktwert",
        "Zahl von −5 bis +5 hinter einem Status (+5 erreicht, +3,75 auf Kurs, +1,25 leicht "
        "abseits, −1,25 deutlich abseits, −3,75 falsche Richtung). Der Status eines "
        "Handlungsfelds ist der Mittelwert seiner Punktwerte.",
        "Score",
        "Number from −5 to +5 behind a status (+5 reached, +3.75 on track, +1.25 slightly off, "
        "−1.25 off track, −3.75 wrong direction). A field's status is the mean of its scores.",
    ),
    "direction": (
        "Richtungsbewertung",
        "Für Indikatoren ohne eigenen Zielwert: bewertet wird nur, ob sich der Wert in die "
        "gewünschte Richtung bewegt („kein Zielwert – soll steigen“).",
        "Direction assessment",
        "For indicators without a target of their own: only whether the value moves the "
        "desired way is assessed (“no target – should rise”).",
    ),
    "parity": (
        "Parität",
        "Zielwert „gleich wie …“: der Wert einer Gruppe soll den einer Vergleichsgruppe "
        "erreichen (z. B. Kinder mit und ohne Migrationsvorgeschichte).",
        "Parity",
        "Target “equal to …”: a group's value should reach that of a reference group (e.g. "
        "children with and without migration history).",
    ),
    "pp": (
        "Prozentpunkte (Pp.)",
        "Abstand zwischen zwei Prozentwerten: von 20 % auf 25 % sind es 5 Prozentpunkte.",
        "Percentage points (pp)",
        "Difference between two percentages: from 20 % to 25 % is 5 percentage points.",
    ),
    "mv": (
        "Migrationsvorgeschichte (MV)",
        "Ausländische Einwohnende und Deutsche, die selbst oder deren Eltern zugewandert sind "
        "(Definition des Melderegisters Münster).",
        "Migration history",
        "Foreign residents and Germans who immigrated themselves or whose parents did "
        "(definition of Münster's population register).",
    ),
    "mso": (
        "Migrantenselbstorganisationen (MSO)",
        "Vereine und Initiativen, die von Zugewanderten selbst getragen werden.",
        "Migrant organisations",
        "Associations and initiatives run by immigrants themselves.",
    ),
    "integrationsrat": (
        "Integrationsrat (Int.-Rat)",
        "Gewähltes Gremium der Stadt Münster, das die Interessen Zugewanderter vertritt.",
        "Integration council",
        "Elected body of the city of Münster representing immigrants' interests.",
    ),
    "flags": (
        "Kennzeichen der Werte",
        "Amtliche Hinweise zu einem Wert: vorläufig (kann sich noch ändern), geheim (wegen "
        "kleiner Zahlen verborgen, nie als 0 gezeigt), korrigiert, geschätzt, nicht sinnvoll.",
        "Value flags",
        "Official notes on a value: provisional (may still change), secret (hidden because of "
        "small numbers, never shown as 0), corrected, estimated, not meaningful.",
    ),
    "suppression": (
        "Geheimhaltung kleiner Zahlen",
        "Zahlen unter 3 Personen und Anteile aus weniger als 20 Personen werden nicht gezeigt, "
        "damit niemand erkennbar wird.",
        "Suppression of small numbers",
        "Counts below 3 people and shares from fewer than 20 people are not shown, so that no "
        "one can be identified.",
    ),
    "quantile": (
        "Gleich viele Gebiete je Farbe (Quantile)",
        "Kartenfarben, bei denen jede Farbstufe gleich viele Stadtteile enthält.",
        "Equally many areas per colour (quantiles)",
        "Map colours where every colour step holds the same number of districts.",
    ),
    "base_map": (
        "Kartengrundlage",
        "Die Gebietsgrenzen der Karte: amtliche Stadtteilgrenzen oder die schematische "
        "Kachelkarte (ein gleich großes Feld je Stadtteil).",
        "Base map",
        "The boundaries on the map: official district boundaries or the schematic tile map "
        "(one equal tile per district).",
    ),
    "social_index": (
        "Sozialindex",
        "Fasst einige Kernindikatoren der sozialen Lage zu einer Zahl zusammen (0 = wie die "
        "Stadt). Er beschreibt Lebenslagen im Stadtteil, keine Menschen.",
        "Social index",
        "Combines a few core indicators of the social situation into one number (0 = like the "
        "city). It describes living conditions in the district, not people.",
    ),
    "goal_kinds": (
        "Leitziel, Teilziel, Umsetzungsperspektive, Stadtteilziel",
        "Die Ebenen des Leitbilds: Leitziele sagen, wohin es gehen soll; Teilziele machen sie "
        "konkret; Umsetzungsperspektiven nennen Wege; Stadtteilziele gelten für einen "
        "Stadtteil (welche Stadtteile eigene Ziele haben, zeigt die Seite Ziele).",
        "Goal levels",
        "The strategy's levels: guiding goals say where to go; sub-goals make them concrete; "
        "implementation ideas name ways; district goals apply to one district (the page Goals "
        "shows which districts have their own).",
    ),
    "demo": (
        "Demodaten",
        "Erzeugte Beispielzahlen zum Ausprobieren, keine amtlichen Werte. Sie sind überall "
        "als Demodaten gekennzeichnet.",
        "Demo data",
        "Generated example figures for trying things out, not official values. They are "
        "labelled as demo data everywhere.",
    ),
}

MESSAGES.update(
    {
        "glossary.title": {"de": "Glossar: was die Begriffe bedeuten", "en": "Glossary"},
        "glossary.button": {"de": "Glossar", "en": "Glossary"},
    }
)


def entries(lang: str) -> list[tuple[str, str]]:
    """(term, explanation) in the language, in reading order."""
    return [(de, de_text) if lang == "de" else (en, en_text)
            for de, de_text, en, en_text in TERMS.values()]  # fmt: skip


def markdown(lang: str) -> str:
    """The glossary as a Markdown definition list."""
    return "\n".join(f"- **{term}**: {text}" for term, text in entries(lang))


def section(tr: Callable[..., str], lang: str) -> None:
    """The glossary as a folded section of a page."""
    with st.expander(tr("glossary.title"), icon=":material/menu_book:"):
        st.markdown(markdown(lang))


def popover(tr: Callable[..., str], lang: str) -> None:
    """The glossary behind a button (in the sidebar of every page)."""
    with st.popover(tr("glossary.button"), icon=":material/menu_book:", width="stretch"):
        st.markdown(f"**{tr('glossary.title')}**")
        st.markdown(markdown(lang))
