"""Messages of the page Daten (uploads with preview, import log, undo)."""

from __future__ import annotations

from dashboard.present.i18n import MESSAGES

DATEN_MESSAGES: dict[str, dict[str, str]] = {
    "dt.title": {"de": "Daten", "en": "Data"},
    "dt.caption": {
        "de": "Statistiktabellen, Beobachtungen, Gebietsgrenzen, Zielwerte und Maßnahmen "
        "hochladen. Erst kommt die Vorschau – was neu ist, was sich ändert und jedes Problem –, "
        "dann „Importieren“ oder „Verwerfen“. Jeder Import lässt sich rückgängig machen.",
        "en": "Upload statistics tables, observations, boundaries, targets and measures. First "
        "the preview shows what is new, what changes and every problem; then “Import” or "
        "“Discard”. Every import can be undone.",
    },
    "dt.need_role": {
        "de": "Daten ändern dürfen die Rollen Datenpflege und Administration.",
        "en": "Changing data needs the role data steward or administrator.",
    },
    "dt.tab.upload": {"de": "Hochladen", "en": "Upload"},
    "dt.tab.log": {"de": "Importprotokoll", "en": "Import log"},
    "dt.kind": {"de": "Art der Datei", "en": "Kind of file"},
    "dt.kind.stats": {
        "de": "Statistiktabelle (Layout des Statistikamts)",
        "en": "Statistics table (statistics office layout)",
    },
    "dt.kind.observations": {
        "de": "Beobachtungen (Langformat, eine Zeile je Wert)",
        "en": "Observations (long format, one row per value)",
    },
    "dt.kind.areas": {"de": "Gebietsgrenzen (Geometrie)", "en": "Area boundaries (geometry)"},
    "dt.kind.targets": {"de": "Zielwerte", "en": "Targets"},
    "dt.kind.measures": {"de": "Maßnahmen", "en": "Measures"},
    "dt.kind.undo": {"de": "Rücknahme", "en": "Undo"},
    "dt.short.stats": {"de": "Statistiktabelle", "en": "Statistics table"},
    "dt.short.observations": {"de": "Beobachtungen", "en": "Observations"},
    "dt.short.areas": {"de": "Geometrie", "en": "Geometry"},
    "dt.short.targets": {"de": "Zielwerte", "en": "Targets"},
    "dt.short.measures": {"de": "Maßnahmen", "en": "Measures"},
    "dt.kind.demo": {"de": "Demodaten", "en": "Demo data"},
    "dt.file": {"de": "Datei", "en": "File"},
    "dt.sheets": {"de": "Blätter der Arbeitsmappe", "en": "Sheets of the workbook"},
    "dt.sheets_help": {
        "de": "Mehrere Blätter werden zusammen geprüft und importiert (je Blatt ein Eintrag im "
        "Importprotokoll).",
        "en": "Several sheets are checked and imported together (one import log entry each).",
    },
    "dt.indicator": {"de": "Indikator für „{part}“", "en": "Indicator for “{part}”"},
    "dt.indicator.choose": {"de": "bitte wählen", "en": "please choose"},
    "dt.period": {
        "de": "Jahr für „{part}“ (nur nötig, wenn weder Spalten noch Titel ein Jahr nennen)",
        "en": "Year for “{part}” (only when neither the columns nor the title name one)",
    },
    "dt.period.none": {"de": "aus der Tabelle", "en": "from the table"},
    "dt.group": {
        "de": "Gruppe der ganzen Tabelle „{part}“ (nur wenn Blatt und Titel sie nicht nennen)",
        "en": "Group of the whole table “{part}” (only when sheet and title do not name it)",
    },
    "dt.group.none": {"de": "aus der Tabelle", "en": "from the table"},
    "dt.need_indicator": {
        "de": "Bitte für jedes Blatt den Indikator wählen; dann folgt die Vorschau.",
        "en": "Please choose the indicator for every sheet; then the preview follows.",
    },
    "dt.too_large": {
        "de": "Die Datei ist größer als {mb} MB und wird nicht gelesen.",
        "en": "The file is larger than {mb} MB and is not read.",
    },
    "dt.preview": {"de": "Vorschau: {part}", "en": "Preview: {part}"},
    "dt.layout": {"de": "Erkannter Aufbau", "en": "Detected layout"},
    "dt.layout.item": {"de": "Merkmal", "en": "Item"},
    "dt.layout.value": {"de": "erkannt", "en": "detected"},
    "dt.layout.sheet": {"de": "Blatt", "en": "Sheet"},
    "dt.layout.indicators": {"de": "Indikator", "en": "Indicator"},
    "dt.layout.unit": {"de": "Einheit des Indikators", "en": "Unit of the indicator"},
    "dt.layout.unit_in_file": {"de": "Einheit in der Tabelle", "en": "Unit in the table"},
    "dt.layout.skipped_totals": {
        "de": "Summenspalten (nicht importiert)",
        "en": "Total columns (not imported)",
    },
    "dt.layout.file_group": {"de": "Gruppe der ganzen Tabelle", "en": "Group of the whole table"},
    "dt.layout.series_break": {"de": "Zeitreihenbruch ab", "en": "Series break from"},
    "dt.layout.periods": {"de": "Jahre", "en": "Years"},
    "dt.layout.groups": {"de": "Gruppen", "en": "Groups"},
    "dt.layout.areas": {"de": "Gebiete erkannt", "en": "Areas matched"},
    "dt.layout.title": {"de": "Titel", "en": "Title"},
    "dt.layout.year_columns": {"de": "Jahresspalten", "en": "Year columns"},
    "dt.layout.category_columns": {"de": "Kategorienspalten", "en": "Category columns"},
    "dt.layout.source": {"de": "Quelle", "en": "Source"},
    "dt.layout.notes": {"de": "Anmerkungen", "en": "Notes"},
    "dt.layout.check": {"de": "Prüfung", "en": "Check"},
    "dt.layout.rows": {"de": "Zeilen", "en": "Rows"},
    "dt.layout.layer": {"de": "Kartenebene", "en": "Map layer"},
    "dt.level1.stadt": {"de": "Stadt", "en": "city"},
    "dt.level1.stadtbezirk": {"de": "Stadtbezirk", "en": "borough"},
    "dt.level1.stadtteil": {"de": "Stadtteil", "en": "district"},
    "dt.level1.nicht_zuzuordnen": {"de": "nicht zuzuordnen", "en": "not assignable"},
    "dt.level.stadt": {"de": "Stadt", "en": "city"},
    "dt.level.stadtbezirk": {"de": "Stadtbezirke", "en": "boroughs"},
    "dt.level.stadtteil": {"de": "Stadtteile", "en": "districts"},
    "dt.level.nicht_zuzuordnen": {"de": "nicht zuzuordnen", "en": "not assignable"},
    "dt.change": {"de": "Was sich ändert", "en": "What changes"},
    "dt.change.none": {
        "de": "Keine Änderung: alle Werte sind schon so gespeichert.",
        "en": "No change: every value is already stored like this.",
    },
    "dt.changed_values": {
        "de": "Geänderte Werte (bisher → neu)",
        "en": "Changed values (before → after)",
    },
    "dt.no_changed_values": {
        "de": "Kein gespeicherter Wert wird überschrieben.",
        "en": "No stored value is overwritten.",
    },
    "dt.problems": {"de": "Probleme und Hinweise", "en": "Problems and warnings"},
    "dt.no_problems": {"de": "Keine Probleme gefunden.", "en": "No problems found."},
    "dt.refused": {
        "de": "{errors} Fehler: so wird nichts importiert. Bitte die Datei korrigieren und neu "
        "hochladen.",
        "en": "{errors} errors: nothing will be imported like this. Please correct the file and "
        "upload it again.",
    },
    "dt.refused1": {
        "de": "1 Fehler: so wird nichts importiert. Bitte die Datei korrigieren und neu hochladen.",
        "en": "1 error: nothing will be imported like this. Please correct the file and upload "
        "it again.",
    },
    "dt.no_diff": {
        "de": "{rows} Zeilen geprüft. Für diese Art zeigt die Vorschau nur die Prüfung.",
        "en": "{rows} rows checked. For this kind the preview shows the check only.",
    },
    "dt.import": {"de": "Importieren", "en": "Import"},
    "dt.discard": {"de": "Verwerfen", "en": "Discard"},
    "dt.discarded": {
        "de": "Verworfen; nichts wurde geändert.",
        "en": "Discarded; nothing was changed.",
    },
    "dt.imported": {
        "de": "Importiert: {file} – {inserted} neu, {updated} geändert, {unchanged} unverändert.",
        "en": "Imported: {file} – {inserted} new, {updated} changed, {unchanged} unchanged.",
    },
    "dt.undo": {"de": "Rückgängig machen", "en": "Undo"},
    "dt.undo.choose": {"de": "Import zum Rückgängigmachen", "en": "Import to undo"},
    "dt.undo.help": {
        "de": "Stellt die Werte wieder her, die der Import ersetzt hat, und entfernt die, die "
        "er neu angelegt hat – alles oder nichts. Die Rücknahme wird selbst protokolliert.",
        "en": "Restores the values the import replaced and removes those it added – all or "
        "nothing. The undo is logged itself.",
    },
    "dt.undo.none": {
        "de": "Kein Import, der sich rückgängig machen ließe.",
        "en": "No import that could be undone.",
    },
    "dt.undone": {
        "de": "Rückgängig gemacht: {file} – wiederhergestellt: {restored}, entfernt: {removed}.",
        "en": "Undone: {file} – restored: {restored}, removed: {removed}.",
    },
    "dt.option": {
        "de": "Nr. {id} · {file} · {when} · {who}",
        "en": "No. {id} · {file} · {when} · {who}",
    },
    "dt.h.id": {"de": "Nr.", "en": "No."},
    "dt.h.when": {"de": "Zeitpunkt", "en": "When"},
    "dt.h.who": {"de": "Wer", "en": "Who"},
    "dt.h.file": {"de": "Datei", "en": "File"},
    "dt.h.kind": {"de": "Art", "en": "Kind"},
    "dt.h.rows": {"de": "Zeilen", "en": "Rows"},
    "dt.h.new": {"de": "neu", "en": "new"},
    "dt.h.changed": {"de": "geändert", "en": "changed"},
    "dt.h.unchanged": {"de": "unverändert", "en": "unchanged"},
    "dt.h.problems": {"de": "Probleme", "en": "Problems"},
    "dt.h.status": {"de": "Status", "en": "Status"},
    "dt.h.sha256": {"de": "SHA-256", "en": "SHA-256"},
    "dt.h.indicator": {"de": "Indikator", "en": "Indicator"},
    "dt.h.period": {"de": "Jahr", "en": "Year"},
    "dt.h.area": {"de": "Gebiet", "en": "Area"},
    "dt.h.group": {"de": "Gruppe", "en": "Group"},
    "dt.h.before": {"de": "bisher", "en": "before"},
    "dt.h.after": {"de": "neu", "en": "after"},
    "dt.h.severity": {"de": "Art", "en": "Severity"},
    "dt.h.row": {"de": "Zeile", "en": "Row"},
    "dt.h.column": {"de": "Spalte", "en": "Column"},
    "dt.h.expected": {"de": "erwartet", "en": "expected"},
    "dt.h.found": {"de": "gefunden", "en": "found"},
    "dt.h.where": {"de": "Datei", "en": "File"},
    "dt.sev.error": {"de": "Fehler", "en": "error"},
    "dt.sev.warning": {"de": "Hinweis", "en": "warning"},
    "dt.status.ok": {"de": "importiert", "en": "imported"},
    "dt.status.unverändert": {"de": "unverändert", "en": "unchanged"},
    "dt.status.abgelehnt": {"de": "abgelehnt", "en": "refused"},
    "dt.status.undone": {
        "de": "rückgängig gemacht ({when}, {who})",
        "en": "undone ({when}, {who})",
    },
    "dt.status.undoes": {
        "de": "nimmt Nr. {id} zurück: {restored} wiederhergestellt, {removed} entfernt",
        "en": "undoes no. {id}: {restored} restored, {removed} removed",
    },
    "dt.log.empty": {"de": "Noch keine Importe.", "en": "No imports yet."},
    "dt.log.problems": {
        "de": "Probleme und Hinweise der Importe",
        "en": "Problems and warnings of the imports",
    },
    "dt.log.problems_of": {"de": "Import", "en": "Import"},
    "dt.flag.secret": {"de": "geheim", "en": "secret"},
}

MESSAGES.update(DATEN_MESSAGES)
