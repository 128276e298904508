"""Messages of downloads (CSV/XLSX of shown tables) and the district profile report (PDF)."""

from __future__ import annotations

from dashboard.present.i18n import MESSAGES

EXPORT_MESSAGES: dict[str, dict[str, str]] = {
    # --- downloads of shown tables and charts -----------------------------------------------
    "dl.csv": {"de": "CSV", "en": "CSV"},
    "dl.xlsx": {"de": "XLSX", "en": "XLSX"},
    "dl.csv_help": {
        "de": "Die angezeigten Werte als CSV (Rohzahlen, Dezimalpunkt)",
        "en": "The values shown as CSV (raw numbers, decimal point)",
    },
    "dl.xlsx_help": {
        "de": "Die angezeigten Werte als Excel-Datei mit Blatt „Hinweise“ (Quellen, Stand)",
        "en": "The values shown as an Excel file with a 'Hinweise' sheet (sources, data status)",
    },
    "dl.sheet.notes": {"de": "Hinweise", "en": "Notes"},
    "dl.notes.topic": {"de": "Thema", "en": "Topic"},
    "dl.notes.note": {"de": "Hinweis", "en": "Note"},
    "dl.notes.view": {"de": "Inhalt", "en": "Content"},
    "dl.notes.source": {"de": "Quelle", "en": "Source"},
    "dl.notes.source_default": {
        "de": "Leitbild-Monitor Münster",
        "en": "Leitbild Monitor Münster",
    },
    "dl.notes.as_of": {"de": "Stand", "en": "Data status"},
    "dl.notes.as_of_text": {
        "de": "Daten {periods}; letzter Import {imported}; exportiert am {today}",
        "en": "Data {periods}; last import {imported}; exported on {today}",
    },
    "dl.notes.data": {"de": "Datenart", "en": "Kind of data"},
    "dl.notes.data.demo": {
        "de": "DEMODATEN: generierte Werte, keine amtlichen Zahlen",
        "en": "DEMO DATA: generated values, not official figures",
    },
    "dl.notes.data.mixed": {
        "de": "Echte Daten und DEMODATEN gemischt",
        "en": "Real data mixed with DEMO DATA",
    },
    "dl.notes.data.real": {"de": "Echte Daten", "en": "Real data"},
    "dl.notes.data.empty": {"de": "Keine Daten geladen", "en": "No data loaded"},
    "dl.notes.privacy": {"de": "Geheimhaltung", "en": "Disclosure control"},
    "dl.notes.privacy_text": {
        "de": "Fallzahlen unter {min_count} und Anteile mit Nenner unter {min_den} sind "
        "unterdrückt (leere Zelle, Kennzeichen „secret“), ebenso Zellen, aus denen sie sich "
        "errechnen ließen. Eine leere Zelle heißt nicht 0: Dahinter kann jede Zahl stehen, "
        "auch 0.",
        "en": "Counts below {min_count} and shares with a denominator below {min_den} are "
        "suppressed (empty cell, flag 'secret'), as are cells they could be recomputed from. "
        "An empty cell does not mean 0: it can stand for any number, 0 included.",
    },
    "dl.notes.numbers": {"de": "Zahlenformat", "en": "Number format"},
    "dl.notes.numbers_text": {
        "de": "Rohwerte mit Dezimalpunkt; Texte, die mit =, +, - oder @ beginnen, sind mit "
        "einem Apostroph entschärft.",
        "en": "Raw values with a decimal point; texts starting with =, +, - or @ are "
        "neutralised with an apostrophe.",
    },
    "dl.col.indicator_id": {"de": "Indikator-ID", "en": "Indicator ID"},
    "dl.col.year": {"de": "Jahr", "en": "Year"},
    "dl.col.unit": {"de": "Einheit", "en": "Unit"},
    "dl.col.flag": {"de": "Kennzeichen", "en": "Flag"},
    "dl.col.code": {"de": "Gebietsnummer", "en": "Area code"},
    "dl.col.population": {"de": "Einwohner*innen", "en": "Residents"},
    "dl.col.index": {"de": "Index", "en": "Index"},
    "dl.col.index_sd": {
        "de": "Index in Standardabweichungen",
        "en": "Index in standard deviations",
    },
    "dl.col.class": {"de": "Klasse", "en": "Class"},
    "dl.col.rank": {"de": "Rang", "en": "Rank"},
    "dl.col.dynamics": {"de": "Veränderung", "en": "Change"},
    "dl.col.left_out": {"de": "Nicht berechnet, weil", "en": "Not computed because"},
    "dl.col.contribution": {"de": "Beitrag zum Index", "en": "Contribution to the index"},
    "dl.col.field": {"de": "Handlungsfeld", "en": "Field of action"},
    "dl.col.status": {"de": "Status", "en": "Status"},
    "dl.col.score": {"de": "Punktwert", "en": "Score"},
    "dl.col.assessments": {"de": "Bewertungen", "en": "Assessments"},
    "dl.col.actual": {"de": "Ist", "en": "Actual"},
    "dl.col.reference": {"de": "Referenz", "en": "Reference"},
    "dl.col.target_level": {"de": "Zielwert", "en": "Target level"},
    "dl.col.target": {"de": "Ziel", "en": "Target"},
    "dl.col.gap": {"de": "Abstand", "en": "Gap"},
    "dl.col.gap_relative": {"de": "Abstand in % des Ziels", "en": "Gap in % of the target"},
    "dl.col.achieved": {"de": "Anteil des Wegs erreicht", "en": "Share of the way achieved"},
    "dl.col.expected": {"de": "Anteil des Wegs erwartet", "en": "Share of the way expected"},
    "dl.col.coverage": {"de": "Anteil bewerteter Ziele (%)", "en": "Share of goals assessed (%)"},
    # --- titles of downloads on the pages (file names and the sheet's "Inhalt")
    "dl.title.profile": {"de": "Stadtteilprofil {name}", "en": "District profile {name}"},
    "dl.title.counts": {"de": "Anzahlen {name}", "en": "Counts {name}"},
    "dl.title.trend": {"de": "Entwicklung {indicator}", "en": "Trend {indicator}"},
    "dl.title.measures": {"de": "Maßnahmen {name}", "en": "Measures {name}"},
    "dl.title.measures_citywide": {"de": "Stadtweite Maßnahmen", "en": "City-wide measures"},
    "dl.title.compare": {"de": "Vergleich {name}", "en": "Comparison {name}"},
    "dl.title.similar": {"de": "Ähnliche Stadtteile {name}", "en": "Similar districts {name}"},
    "dl.title.social_index": {"de": "Sozialindex {period}", "en": "Social index {period}"},
    "dl.title.contributions": {"de": "Indexbeiträge {name}", "en": "Index contributions {name}"},
    "dl.title.fields": {"de": "Handlungsfelder", "en": "Fields of action"},
    "dl.title.imports": {"de": "Importprotokoll", "en": "Import log"},
    "dl.title.layers": {"de": "Kartengrundlagen", "en": "Map layers"},
    "dl.title.matrix": {
        "de": "Matrix Stadtteile x Handlungsfelder",
        "en": "Matrix districts x fields",
    },
    "dl.title.targets": {"de": "Ziel-Ist-Vergleich", "en": "Targets and gaps"},
    "dl.title.trajectory": {"de": "Verlauf {indicator}", "en": "Trajectory {indicator}"},
    "dl.title.history": {"de": "Statusverlauf {indicator}", "en": "Status history {indicator}"},
    "dl.title.bullets": {"de": "Abstand zum Ziel", "en": "Distance to target"},
    "dl.title.overview": {"de": "Handlungsfelder {area}", "en": "Fields of action {area}"},
    "dl.title.coverage": {"de": "Abdeckung je Stadtteil", "en": "Coverage per district"},
    "dl.title.register": {"de": "Maßnahmenregister", "en": "Register of measures"},
    "dl.title.changes": {"de": "Änderungen im Zeitraum", "en": "Changes in the period"},
    "dl.title.review_counts": {
        "de": "Maßnahmen nach Status und Handlungsfeld",
        "en": "Measures by status and field",
    },
    "dl.title.target_history": {"de": "Versionen Zielwert {id}", "en": "Versions of target {id}"},
    "dl.title.retired": {"de": "Zurückgezogene Zielwerte", "en": "Retired targets"},
    "dl.title.social_map": {"de": "Sozialindex Karte {period}", "en": "Social index map {period}"},
    # --- district profile report (PDF) ----------------------------------------------------------
    "rp.download": {"de": "Profil als PDF", "en": "Profile as PDF"},
    "rp.download_help": {
        "de": "Druckbarer Bericht (A4) mit Karte, Kennzahlen, Zielen, Maßnahmen und Quellen",
        "en": "Printable report (A4) with map, key figures, goals, measures and sources",
    },
    "rp.building": {"de": "Bericht wird erstellt …", "en": "Building the report …"},
    "rp.title": {"de": "Stadtteilprofil {name}", "en": "District profile {name}"},
    "rp.subtitle": {
        "de": "Stadtteil {code} im Stadtbezirk {bezirk} · Leitbild-Monitor Münster",
        "en": "District {code} in the borough of {bezirk} · Leitbild Monitor Münster",
    },
    "rp.subtitle_nobezirk": {
        "de": "Stadtteil {code} · Leitbild-Monitor Münster",
        "en": "District {code} · Leitbild Monitor Münster",
    },
    "rp.status": {
        "de": "Datenstand: Beobachtungen {periods}; letzter Import {imported}; "
        "Bericht erstellt am {today}.",
        "en": "Data status: observations {periods}; last import {imported}; "
        "report made on {today}.",
    },
    "rp.period_chosen": {
        "de": "Berichtsjahr: {period} (sonst jeweils das jüngste Jahr).",
        "en": "Reporting year: {period} (otherwise the latest year of each indicator).",
    },
    "rp.period_latest": {
        "de": "Je Indikator das jüngste Jahr mit Daten.",
        "en": "The latest year with data for each indicator.",
    },
    "rp.demo_banner": {
        "de": "DEMODATEN – generierte Werte, keine amtlichen Zahlen (außer den im Leitbild "
        "genannten Eckwerten). Nicht für Entscheidungen verwenden.",
        "en": "DEMO DATA – generated values, not official figures (apart from the key figures "
        "stated in the Leitbild). Do not use for decisions.",
    },
    "rp.mixed_banner": {
        "de": "Achtung: Echte Daten und DEMODATEN gemischt.",
        "en": "Caution: real data mixed with DEMO DATA.",
    },
    "rp.demo_footer": {"de": "DEMODATEN", "en": "DEMO DATA"},
    "rp.footer": {
        "de": "Leitbild-Monitor Münster · Stadtteilprofil {name} · Seite {page} von {pages}",
        "en": "Leitbild Monitor Münster · District profile {name} · page {page} of {pages}",
    },
    "rp.map.heading": {"de": "Lage im Stadtgebiet", "en": "Location in the city"},
    "rp.map.caption_official": {
        "de": "Amtliche Stadtteilgrenzen; dunkel: {name}, mittel: Stadtbezirk {bezirk}.",
        "en": "Official district boundaries; dark: {name}, medium: borough {bezirk}.",
    },
    "rp.map.caption_tiles": {
        "de": "Schematische Kachelkarte (ein Quadrat je Stadtteil, nicht flächentreu); "
        "dunkel: {name}, mittel: Stadtbezirk {bezirk}.",
        "en": "Schematic tile map (one square per district, not to scale); dark: {name}, "
        "medium: borough {bezirk}.",
    },
    "rp.map.missing": {
        "de": "Die Karte fehlt in diesem Bericht: Für die Bildausgabe wird Chromium benötigt "
        "(kaleido), das auf diesem Rechner nicht gestartet werden konnte.",
        "en": "The map is missing from this report: rendering images needs Chromium "
        "(kaleido), which could not be started on this computer.",
    },
    "rp.map.no_geometry": {
        "de": "Für diesen Stadtteil liegt keine Geometrie vor.",
        "en": "There is no geometry for this district.",
    },
    "rp.facts.heading": {"de": "Auf einen Blick", "en": "At a glance"},
    "rp.facts.population": {"de": "Einwohner*innen", "en": "Residents"},
    "rp.facts.mv_share": {
        "de": "Anteil mit Migrationsvorgeschichte",
        "en": "Share with migration history",
    },
    "rp.facts.city": {"de": "Stadt Münster", "en": "City of Münster"},
    "rp.facts.assessment": {
        "de": "{better} Indikatoren besser, {similar} ähnlich, {worse} schlechter als die "
        "Stadt; {neutral} ohne Wertung.",
        "en": "{better} indicators better, {similar} similar, {worse} worse than the city; "
        "{neutral} without judgement.",
    },
    "rp.indicators.heading": {
        "de": "Kennzahlen im Vergleich mit Stadt und Stadtbezirk",
        "en": "Key indicators compared with the city and the borough",
    },
    "rp.indicators.intro": {
        "de": "Abstand = Stadtteil minus Stadt (bei Anteilen in Prozentpunkten, Pp.). Die "
        "Bewertung berücksichtigt, ob ein höherer Wert besser oder schlechter ist; Anzahlen "
        "werden nicht bewertet, weil sie von der Größe des Gebiets abhängen.",
        "en": "Difference = district minus city (for shares in percentage points, pp). The "
        "judgement considers whether a higher value is better or worse; counts are not judged "
        "because they depend on the size of the area.",
    },
    "rp.col.indicator": {"de": "Indikator", "en": "Indicator"},
    "rp.col.period": {"de": "Jahr", "en": "Year"},
    "rp.col.bezirk": {"de": "Bezirk {name}", "en": "Borough {name}"},
    "rp.col.city": {"de": "Stadt", "en": "City"},
    "rp.col.diff": {"de": "Abstand", "en": "Difference"},
    "rp.col.assessment": {"de": "Bewertung", "en": "Judgement"},
    "rp.col.goal": {"de": "Ziel", "en": "Goal"},
    "rp.col.status": {"de": "Stand", "en": "Status"},
    "rp.col.field": {"de": "Handlungsfeld", "en": "Field of action"},
    "rp.col.assessments": {"de": "Bewertungen", "en": "Assessments"},
    "rp.col.measures": {"de": "Maßnahmen", "en": "Measures"},
    "rp.col.title": {"de": "Maßnahme", "en": "Measure"},
    "rp.col.organisation": {"de": "Verantwortlich", "en": "Responsible"},
    "rp.col.timeframe": {"de": "Zeitraum", "en": "Time frame"},
    "rp.col.progress": {"de": "Fortschritt", "en": "Progress"},
    "rp.col.source": {"de": "Quelle", "en": "Source"},
    "rp.assess.better": {"de": "besser", "en": "better"},
    "rp.assess.similar": {"de": "ähnlich", "en": "similar"},
    "rp.assess.worse": {"de": "schlechter", "en": "worse"},
    "rp.assess.neutral": {"de": "ohne Wertung", "en": "no judgement"},
    "rp.assess.hidden": {"de": "geheim", "en": "secret"},
    "rp.assess.unknown": {"de": "–", "en": "–"},
    "rp.goals.heading": {"de": "Ziele für {name}", "en": "Goals for {name}"},
    "rp.goals.intro": {
        "de": "Stadtteilziele des Migrationsleitbilds (Handlungsfeld 6.3) mit dem Stand nach "
        "der Wetter-Methode (Destatis) und den Indikatoren, die sie messen.",
        "en": "District goals of the migration strategy (field 6.3) with their status by the "
        "weather method (Destatis) and the indicators that measure them.",
    },
    "rp.goals.none": {
        "de": "Das Leitbild nennt für {name} keine eigenen Stadtteilziele.",
        "en": "The strategy names no district goals of its own for {name}.",
    },
    "rp.goals.indicators": {"de": "Gemessen mit: {items}", "en": "Measured by: {items}"},
    "rp.goals.no_indicator": {
        "de": "Noch kein Indikator verknüpft.",
        "en": "No indicator linked yet.",
    },
    "rp.goals.no_data": {"de": "{indicator}: keine Daten", "en": "{indicator}: no data"},
    "rp.fields.heading": {
        "de": "Handlungsfelder im Stadtteil",
        "en": "Fields of action in the district",
    },
    "rp.fields.intro": {
        "de": "Stand je Handlungsfeld aus allen Zielwerten und Richtungsbewertungen, die für "
        "{name} vorliegen; Maßnahmen: im Stadtteil und stadtweit.",
        "en": "Status per field from all targets and direction assessments available for "
        "{name}; measures: in the district and city-wide.",
    },
    "rp.fields.none": {
        "de": "Für {name} liegen noch keine Zielbewertungen und keine Maßnahmen vor.",
        "en": "There are no goal assessments and no measures for {name} yet.",
    },
    "rp.measures.heading": {"de": "Maßnahmen in {name}", "en": "Measures in {name}"},
    "rp.measures.none": {
        "de": "Für {name} sind keine eigenen Maßnahmen erfasst.",
        "en": "No measures of its own are recorded for {name}.",
    },
    "rp.measures.citywide": {
        "de": "Dazu kommen {n} stadtweite Maßnahmen, die alle Stadtteile betreffen.",
        "en": "In addition, {n} city-wide measures concern all districts.",
    },
    "rp.sources.heading": {"de": "Quellen", "en": "Sources"},
    "rp.sources.provenance": {
        "de": "Herkunft des Werts: {text}",
        "en": "Value's provenance: {text}",
    },
    "rp.sources.measures": {
        "de": "Maßnahmen und Ziele: Eingaben des Kommunalen Integrationszentrums im "
        "Leitbild-Monitor; Zielstruktur: Migrationsleitbild Münster 2025–2030.",
        "en": "Measures and goals: entries of the Kommunales Integrationszentrum in the "
        "Leitbild Monitor; goal structure: Münster migration strategy 2025–2030.",
    },
    "rp.notes.heading": {"de": "Hinweise", "en": "Notes"},
    "rp.notes.hidden": {
        "de": "„geheim“: Der Wert ist zum Schutz einzelner Personen unterdrückt (Fallzahl "
        "unter {min_count}, Nenner unter {min_den} oder aus anderen Zellen rückrechenbar). "
        "Ein unterdrückter Wert heißt nicht 0: Dahinter kann jede Zahl stehen, auch 0. In "
        "diesem Bericht betroffen: {items}.",
        "en": "'secret': the value is suppressed to protect individuals (count below "
        "{min_count}, denominator below {min_den} or recomputable from other cells). A "
        "suppressed value does not mean 0: it can stand for any number, 0 included. Affected "
        "in this report: {items}.",
    },
    "rp.notes.no_hidden": {
        "de": "Geheimhaltung: Fallzahlen unter {min_count} und Anteile mit Nenner unter "
        "{min_den} werden unterdrückt („geheim“, nicht als 0 zu lesen); in diesem Bericht ist "
        "kein Wert betroffen.",
        "en": "Disclosure control: counts below {min_count} and shares with a denominator "
        "below {min_den} are suppressed ('secret', not to be read as 0); no value in this "
        "report is affected.",
    },
    "rp.notes.flags": {
        "de": "Kennzeichen der amtlichen Statistik: {items}.",
        "en": "Flags of the official statistics: {items}.",
    },
    "rp.notes.method": {
        "de": "Stand der Ziele: Fortschreibung der mittleren jährlichen Veränderung der "
        "letzten (bis zu) fünf Jahre bis zum Zieljahr (Wetter-Methode nach Destatis); ohne "
        "Zielwert wird nur die Richtung bewertet.",
        "en": "Goal status: the average annual change of the last (up to) five years projected "
        "to the target year (Destatis weather method); without a target only the direction "
        "is judged.",
    },
}

MESSAGES.update(EXPORT_MESSAGES)
