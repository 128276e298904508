"""One translation function for every UI string (German default, English available)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DEFAULT_LANGUAGE = "de"
LANGUAGES = {"de": "Deutsch", "en": "English"}

MESSAGES: dict[str, dict[str, str]] = {
    "app.title": {"de": "Leitbild-Monitor Münster", "en": "Leitbild Monitor Münster"},
    "app.subtitle": {
        "de": "Migrationsleitbild 2025–2030: Stand der Ziele in den Stadtteilen",
        "en": "Migration strategy 2025–2030: progress by district",
    },
    "nav.start": {"de": "Start", "en": "Home"},
    "nav.section.overview": {"de": "Überblick", "en": "Overview"},
    "nav.section.analysis": {"de": "Analyse", "en": "Analysis"},
    "nav.section.goals": {"de": "Ziele", "en": "Goals"},
    "nav.section.work": {"de": "Umsetzung", "en": "Implementation"},
    "nav.karte": {"de": "Karte", "en": "Map"},
    "nav.stadtteil": {"de": "Stadtteil", "en": "District"},
    "nav.ziele": {"de": "Ziel-Ist-Vergleich", "en": "Targets and gaps"},
    "nav.handlungsfelder": {"de": "Handlungsfelder", "en": "Fields of action"},
    "nav.massnahmen": {"de": "Maßnahmen", "en": "Measures"},
    "nav.review": {"de": "Wochenreview", "en": "Weekly review"},
    "nav.praesentation": {"de": "Präsentation", "en": "Presentation"},
    "nav.section.share": {"de": "Teilen", "en": "Share"},
    "data.demo": {"de": "Demodaten", "en": "Demo data"},
    "data.demo_help": {
        "de": "Die angezeigten Werte sind generierte Demodaten, keine amtlichen Zahlen "
        "(außer den im Leitbild genannten Eckwerten). Echte Daten lassen sich auf der Seite "
        "„Daten“ oder über die Kommandozeile importieren.",
        "en": "The values shown are generated demo data, not official figures (apart from "
        "the key figures stated in the Leitbild). Real data can be imported on the page “Data” "
        "or on the command line.",
    },
    "data.real": {"de": "Echte Daten", "en": "Real data"},
    "data.mixed": {"de": "Echte Daten, teils Demodaten", "en": "Real data, partly demo data"},
    "data.mixed_help": {
        "de": "Welche Werte Demodaten sind, steht in der Spalte „Herkunft“ der Tabellen und "
        "Downloads und im Tooltip der Karte.",
        "en": "Which values are demo data is shown in the column “Provenance” of the tables "
        "and downloads and in the map's tooltip.",
    },
    "data.empty": {
        "de": "Noch keine Daten geladen. Starten Sie mit `make run` (lädt Demodaten) oder "
        "importieren Sie Daten mit `python -m dashboard import …`.",
        "en": "No data loaded yet. Start with `make run` (loads demo data) or import data with "
        "`python -m dashboard import …`.",
    },
    "start.loaded": {"de": "Was geladen ist", "en": "What is loaded"},
    "start.districts": {"de": "Stadtteile", "en": "Districts"},
    "start.indicators": {"de": "Indikatoren mit Daten", "en": "Indicators with data"},
    "start.indicators_help": {
        "de": "{with_data} von {total} Indikatoren des Katalogs haben Werte.",
        "en": "{with_data} of {total} catalogue indicators have values.",
    },
    "start.periods": {"de": "Zeitraum", "en": "Period"},
    "start.measures": {"de": "Maßnahmen", "en": "Measures"},
    "start.targets": {"de": "Zielwerte", "en": "Targets"},
    "start.goals": {"de": "Ziele im Leitbild", "en": "Goals in the strategy"},
    "start.last_import": {"de": "Letzter Import", "en": "Last import"},
    "start.none": {"de": "keiner", "en": "none"},
    "start.fields": {"de": "Handlungsfelder des Leitbilds", "en": "Fields of action"},
    "start.imports": {"de": "Importprotokoll", "en": "Import log"},
    "start.no_imports": {"de": "Noch keine Importe.", "en": "No imports yet."},
    "start.geometry": {"de": "Kartengrundlagen", "en": "Map layers"},
    "col.field": {"de": "Nr.", "en": "No."},
    "col.title": {"de": "Handlungsfeld", "en": "Field of action"},
    "col.kind": {"de": "Art", "en": "Kind"},
    "col.leitziele": {"de": "Leitziele", "en": "Guiding goals"},
    "col.teilziele": {"de": "Teilziele", "en": "Sub-goals"},
    "col.umsetzung": {"de": "Umsetzungsperspektiven", "en": "Implementation ideas"},
    "col.stadtteilziele": {"de": "Stadtteilziele", "en": "District goals"},
    "col.indicators": {"de": "Indikatoren", "en": "Indicators"},
    "col.when": {"de": "Zeitpunkt", "en": "When"},
    "col.who": {"de": "Wer", "en": "Who"},
    "col.file": {"de": "Datei", "en": "File"},
    "col.importkind": {"de": "Art", "en": "Kind"},
    "col.rows": {"de": "Zeilen", "en": "Rows"},
    "col.inserted": {"de": "neu", "en": "new"},
    "col.updated": {"de": "geändert", "en": "changed"},
    "col.status": {"de": "Status", "en": "Status"},
    "col.layer": {"de": "Ebene", "en": "Layer"},
    "col.areas": {"de": "Gebiete", "en": "Areas"},
    "kind.uebergreifend": {"de": "übergreifend", "en": "cross-cutting"},
    "kind.schwerpunkt": {"de": "Schwerpunkt 2025–2030", "en": "Focus 2025–2030"},
    "kind.lebensfeld": {"de": "Lebensfeld", "en": "Area of life"},
    "layer.kacheln": {"de": "Kachelkarte (schematisch)", "en": "Tile map (schematic)"},
    "layer.amtlich_stadtteile": {"de": "Amtliche Stadtteile", "en": "Official districts"},
    "layer.amtlich_bezirke": {"de": "Amtliche Bezirke", "en": "Official boroughs"},
    "error.generic": {
        "de": "Das hat nicht geklappt: {message}",
        "en": "That did not work: {message}",
    },
    "lang.label": {"de": "Sprache", "en": "Language"},
}


# Translations kept as data: dashboard/locales/<language>/<topic>.yaml, flat "key: text" maps.
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


def load_locale_files(directory: Path = LOCALES_DIR) -> dict[str, dict[str, str]]:
    """Messages from the locale files, keyed like MESSAGES; a key defined twice is an error."""
    messages: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        for path in sorted((directory / lang).glob("*.yaml")):
            for key, text in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
                entry = messages.setdefault(str(key), {})
                if lang in entry:
                    raise ValueError(f"{path.name}: key {key} defined twice for {lang}")
                entry[lang] = str(text)
    return messages


_FROM_FILES = load_locale_files()
if duplicated := sorted(set(_FROM_FILES) & set(MESSAGES)):
    raise ValueError(f"keys in both the locale files and i18n.py: {duplicated}")
MESSAGES.update(_FROM_FILES)


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: Any) -> str:
    """The text for ``key`` in ``lang`` (German fallback), with ``{placeholders}`` filled."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
