"""Messages of the presentation (page, slides, exports), registered into the shared catalogue.

The slide explanations are plain language for a lay audience, written by us.
"""

from __future__ import annotations

from dashboard.present.i18n import MESSAGES

PRAESENTATION_MESSAGES: dict[str, dict[str, str]] = {
    # --- page ---------------------------------------------------------------------------------
    "pr.title": {"de": "Präsentation", "en": "Presentation"},
    "pr.caption": {
        "de": "Folien aus den aktuellen Daten für den jährlichen Austausch: zusammenstellen, "
        "speichern, vorführen und als PPTX oder PDF herunterladen.",
        "en": "Slides from the live data for the annual exchange: compose, save, present and "
        "download as PPTX or PDF.",
    },
    "pr.deck": {"de": "Präsentation", "en": "Deck"},
    "pr.deck.default": {"de": "Standard (immer verfügbar)", "en": "Default (always available)"},
    "pr.deck.help": {
        "de": "Gespeicherte Präsentationen; die Standardpräsentation ist immer da.",
        "en": "Saved decks; the default deck is always there.",
    },
    "pr.deck.unknown": {
        "de": "Eine Präsentation „{name}“ gibt es nicht; gezeigt wird die Standardpräsentation.",
        "en": "There is no deck “{name}”; showing the default deck.",
    },
    "pr.deck.title": {"de": "Titel der Präsentation", "en": "Deck title"},
    "pr.period": {"de": "Datenstand (Jahr)", "en": "Data year"},
    "pr.period.latest": {"de": "neuestes Jahr ({year})", "en": "latest year ({year})"},
    "pr.districts": {"de": "Stadtteile", "en": "Districts"},
    "pr.districts.help": {
        "de": "Für jeden gewählten Stadtteil gibt es eine Folie.",
        "en": "Each chosen district gets a slide.",
    },
    "pr.slides": {"de": "Folien", "en": "Slides"},
    "pr.slide.up": {"de": "Nach oben", "en": "Move up"},
    "pr.slide.down": {"de": "Nach unten", "en": "Move down"},
    "pr.slide.remove": {"de": "Entfernen", "en": "Remove"},
    "pr.slide.add": {"de": "Folie hinzufügen", "en": "Add a slide"},
    "pr.slide.add_button": {"de": "Hinzufügen", "en": "Add"},
    "pr.name": {"de": "Name zum Speichern", "en": "Name to save under"},
    "pr.save": {"de": "Speichern", "en": "Save"},
    "pr.saved": {
        "de": "Gespeichert: „{name}“ (Version {version}).",
        "en": "Saved: “{name}” (version {version}).",
    },
    "pr.reload": {"de": "Gespeicherte Fassung laden", "en": "Load the saved version"},
    "pr.delete": {"de": "Löschen", "en": "Delete"},
    "pr.deleted": {"de": "Gelöscht: „{name}“.", "en": "Deleted: “{name}”."},
    "pr.show": {"de": "Vorführen", "en": "Present"},
    "pr.preview": {"de": "Vorschau", "en": "Preview"},
    "pr.invalid": {
        "de": "Die Präsentation ist noch nicht gültig:",
        "en": "The deck is not valid yet:",
    },
    "pr.download": {"de": "Herunterladen", "en": "Download"},
    "pr.download.make": {"de": "Dateien erzeugen", "en": "Build files"},
    "pr.download.help": {
        "de": "Erzeugt PPTX und PDF aus den aktuellen Daten (dauert einige Sekunden).",
        "en": "Builds PPTX and PDF from the live data (takes a few seconds).",
    },
    "pr.download.pptx": {"de": "PowerPoint (PPTX)", "en": "PowerPoint (PPTX)"},
    "pr.download.pdf": {"de": "PDF", "en": "PDF"},
    "pr.back": {"de": "Zurück", "en": "Back"},
    "pr.next": {"de": "Weiter", "en": "Next"},
    "pr.exit": {"de": "Beenden", "en": "Exit"},
    "pr.method": {"de": "Methode", "en": "Method"},
    "pr.counter": {"de": "{n} / {total}", "en": "{n} / {total}"},
    "pr.keys": {
        "de": "Tasten: → weiter, ← zurück",
        "en": "Keys: → next, ← back",
    },
    # --- slide kinds (editor labels) ------------------------------------------------------------
    "pr.kind.title": {"de": "Titel", "en": "Title"},
    "pr.kind.overview": {"de": "Leitbild auf einen Blick", "en": "The Leitbild at a glance"},
    "pr.kind.field": {"de": "Handlungsfeld {ref}", "en": "Field of action {ref}"},
    "pr.kind.district": {"de": "Stadtteil {ref}", "en": "District {ref}"},
    "pr.kind.map": {"de": "Karte", "en": "Map"},
    "pr.kind.outlook": {"de": "Ausblick", "en": "Outlook"},
    # --- data status --------------------------------------------------------------------------
    "pr.status.demo": {
        "de": "Demodaten – erfundene Zahlen zur Vorführung, keine amtlichen Werte",
        "en": "Demo data – invented figures for demonstration, not official values",
    },
    "pr.status.mixed": {
        "de": "Teilweise Demodaten – nicht alle Zahlen sind amtlich",
        "en": "Partly demo data – not all figures are official",
    },
    "pr.status.real": {"de": "Amtliche und eigene Daten", "en": "Official and own data"},
    "pr.status.empty": {"de": "Noch keine Daten geladen", "en": "No data loaded yet"},
    "pr.footer": {"de": "Datenstand {period} · {status}", "en": "Data year {period} · {status}"},
    # --- title slide --------------------------------------------------------------------------
    "pr.t.title.explain": {
        "de": "Wo Münster bei den Zielen des Migrationsleitbilds steht – direkt aus den "
        "aktuellen Zahlen.",
        "en": "Where Münster stands on the goals of its migration strategy – straight from "
        "the current figures.",
    },
    "pr.t.title.subtitle": {
        "de": "Migrationsleitbild 2025–2030 · Jahresaustausch",
        "en": "Migration strategy 2025–2030 · annual exchange",
    },
    "pr.kf.period": {"de": "Datenstand", "en": "Data year"},
    "pr.kf.fields": {"de": "Handlungsfelder", "en": "Fields of action"},
    "pr.kf.measures": {"de": "Maßnahmen", "en": "Measures"},
    "pr.kf.targets": {"de": "Zielwerte", "en": "Targets"},
    "pr.m.title": {
        "de": "Alle Zahlen kommen aus der Datenbank des Leitbild-Monitors, mit derselben "
        "Geheimhaltung kleiner Zahlen wie auf dem Bildschirm (Werte unter 3 werden nicht "
        "gezeigt).",
        "en": "All figures come from the Leitbild Monitor's database, with the same protection "
        "of small numbers as on screen (values below 3 are not shown).",
    },
    # --- overview -----------------------------------------------------------------------------
    "pr.t.overview": {"de": "Das Leitbild auf einen Blick", "en": "The Leitbild at a glance"},
    "pr.t.overview.explain": {
        "de": "Für jedes der zwölf Handlungsfelder: Kommen wir unseren Zielen näher?",
        "en": "For each of the twelve fields of action: are we getting closer to our goals?",
    },
    "pr.kf.status_count": {"de": "{status}", "en": "{status}"},
    "pr.m.overview": {
        "de": "Jedes Ziel mit Kennzahl wird nach der Wetter-Methode von Destatis bewertet: Der "
        "Trend der letzten (bis zu) fünf Jahre wird bis zum Zieljahr fortgeschrieben. Ein "
        "Handlungsfeld fasst die Bewertungen seiner Ziele zusammen (Mittelwert der Punkte, "
        "Stufen wie bei Open SDG). Maßnahmen fließen nicht in die Bewertung ein.",
        "en": "Each goal with an indicator is assessed by Destatis' weather method: the trend of "
        "the last (up to) five years is projected to the target year. A field combines its "
        "goals' assessments (mean of the points, bands as in Open SDG). Measures do not enter "
        "the assessment.",
    },
    "pr.tile.items": {"de": "{n} Bewertungen", "en": "{n} assessments"},
    # --- field --------------------------------------------------------------------------------
    "pr.t.field": {"de": "{id} {title}", "en": "{id} {title}"},
    "pr.t.field.explain": {
        "de": "Wie sich die wichtigsten Zahlen entwickeln und was dafür getan wird.",
        "en": "How the key figures develop and what is being done about them.",
    },
    "pr.kf.field_status": {"de": "Gesamtstand", "en": "Overall"},
    "pr.kf.change": {"de": "{change} seit {since}", "en": "{change} since {since}"},
    "pr.kf.city_in": {"de": "Stadt, {period}", "en": "City, {period}"},
    "pr.measures.count": {
        "de": "{n} Maßnahmen, davon {running} laufend und {done} abgeschlossen",
        "en": "{n} measures: {running} running, {done} completed",
    },
    "pr.measures.item": {
        "de": "{title} ({status}, {progress} %)",
        "en": "{title} ({status}, {progress} %)",
    },
    "pr.measures.none": {"de": "Noch keine Maßnahmen erfasst.", "en": "No measures recorded yet."},
    "pr.m.field": {
        "de": "Kennzahlen: Werte der Stadt im Datenstand-Jahr und die Veränderung über fünf "
        "Jahre. Der Balken zeigt, wie viel des Wegs vom Ausgangswert zum Zielwert geschafft ist; "
        "der Strich, wo wir nach der verstrichenen Zeit sein sollten. Die Farbe ist der Status "
        "des Ziels: Er bewertet den Trend der letzten Jahre bis zum Zieljahr, nicht den Stand. "
        "Ein grüner Balken links von 0 % heißt also: noch unter dem Ausgangswert, aber zuletzt "
        "schnell genug in die richtige Richtung.",
        "en": "Key figures: the city's values in the data year and the change over five years. "
        "The bar shows how much of the way from baseline to target is done; the tick, where we "
        "should be given the time elapsed. The colour is the target's status: it judges the "
        "trend of recent years up to the target year, not the position. A green bar left of "
        "0 % therefore means: still below the baseline, but lately moving fast enough the "
        "right way.",
    },
    # --- district -----------------------------------------------------------------------------
    "pr.t.district": {"de": "Stadtteil {name}", "en": "District {name}"},
    "pr.t.district.explain": {
        "de": "Wer hier lebt, wie sich der Stadtteil verändert und was vor Ort passiert.",
        "en": "Who lives here, how the district changes and what happens locally.",
    },
    "pr.kf.population": {"de": "Einwohner*innen", "en": "Residents"},
    "pr.kf.share_mv": {
        "de": "Anteil mit Migrationsvorgeschichte",
        "en": "Share with migration history",
    },
    "pr.kf.city_ref": {"de": "Stadt: {value}", "en": "City: {value}"},
    "pr.kf.local_measures": {"de": "Maßnahmen vor Ort", "en": "Local measures"},
    "pr.kf.running": {"de": "{n} laufend", "en": "{n} running"},
    "pr.kf.goals": {"de": "Stadtteilziele", "en": "District goals"},
    "pr.m.district": {
        "de": "Einwohner*innen: wohnberechtigte Bevölkerung (Haupt- und Nebenwohnsitz). "
        "Migrationsvorgeschichte nach Melderegister. Die Linie zeigt den Stadtteil, gestrichelt "
        "die ganze Stadt.",
        "en": "Residents: population entitled to reside (main and secondary residence). "
        "Migration history from the population register. The line shows the district, dashed "
        "the whole city.",
    },
    # --- map ----------------------------------------------------------------------------------
    "pr.t.map": {
        "de": "Münster im Überblick: {indicator}",
        "en": "Münster at a glance: {indicator}",
    },
    "pr.t.map.explain": {
        "de": "Je dunkler ein Stadtteil, desto mehr Menschen mit Migrationsgeschichte leben dort.",
        "en": "The darker a district, the more people with a migration history live there.",
    },
    "pr.kf.highest": {"de": "Höchster Wert", "en": "Highest"},
    "pr.kf.lowest": {"de": "Niedrigster Wert", "en": "Lowest"},
    "pr.kf.city": {"de": "Stadt Münster", "en": "City of Münster"},
    "pr.map.legend": {"de": "{indicator} {period}", "en": "{indicator} {period}"},
    "pr.map.missing": {"de": "kein Wert / geheim", "en": "no value / secret"},
    "pr.m.map": {
        "de": "Stadtteile in fünf Klassen mit gleich vielen Stadtteilen (Quantile). Graue "
        "Stadtteile: kein Wert oder aus Datenschutzgründen geheim gehalten.",
        "en": "Districts in five classes holding equally many districts (quantiles). Grey: no "
        "value, or kept secret for privacy.",
    },
    "pr.m.map.tiles": {
        "de": "Kachelkarte: jedes Quadrat ist ein Stadtteil, ungefähr an seinem Ort.",
        "en": "Tile map: each square is one district, roughly where it lies.",
    },
    # --- outlook ------------------------------------------------------------------------------
    "pr.t.outlook": {"de": "Ausblick", "en": "Outlook"},
    "pr.t.outlook.explain": {
        "de": "Wo wir nachsteuern müssen und was als Nächstes ansteht.",
        "en": "Where we need to adjust course and what comes next.",
    },
    "pr.kf.years_left": {"de": "Jahre bis {year}", "en": "Years to {year}"},
    "pr.kf.attention": {"de": "Felder mit Handlungsbedarf", "en": "Fields needing action"},
    "pr.kf.planned": {"de": "Geplante Maßnahmen", "en": "Planned measures"},
    "pr.outlook.attention": {
        "de": "{field}: {status} – {measures} laufende Maßnahmen",
        "en": "{field}: {status} – {measures} running measures",
    },
    "pr.outlook.no_measure": {
        "de": "{n} Ziele sind abseits des Kurses, ohne dass eine Maßnahme läuft:",
        "en": "{n} goals are off track without a running measure:",
    },
    "pr.outlook.goal": {"de": "{goal} ({field})", "en": "{goal} ({field})"},
    "pr.outlook.more": {"de": "… und {n} weitere", "en": "… and {n} more"},
    "pr.outlook.all_good": {
        "de": "Kein Handlungsfeld ist deutlich abseits des Kurses.",
        "en": "No field of action is clearly off track.",
    },
    "pr.outlook.next": {
        "de": "Nächster Jahresaustausch: Bilanz mit den Daten für {year}.",
        "en": "Next annual exchange: review with the data for {year}.",
    },
    "pr.m.outlook": {
        "de": "Handlungsbedarf: Felder, deren Ziele deutlich abseits oder in die falsche "
        "Richtung laufen. Zieljahr des Leitbilds ist 2030.",
        "en": "Action needed: fields whose goals are clearly off track or moving the wrong "
        "way. The Leitbild's target year is 2030.",
    },
    "pr.hidden": {"de": "geheim", "en": "secret"},
    # --- exports ------------------------------------------------------------------------------
    "pr.export.slide": {"de": "Folie {n} von {total}", "en": "Slide {n} of {total}"},
    "pr.export.method": {"de": "Methode: {text}", "en": "Method: {text}"},
}

MESSAGES.update(PRAESENTATION_MESSAGES)
