"""German words of the review protocol (the UI passes its translations over them)."""

from __future__ import annotations

PROTOCOL_LABELS_DE: dict[str, str] = {
    "title": "Wochenreview Maßnahmen – {date}",
    "window": "Zeitraum: {start} bis {end}",
    "author": "Protokoll: {author}",
    "overview": "Überblick",
    "overview_line": (
        "{measures} aktive Maßnahmen; im Zeitraum {changes} Einträge ({new} neu, {status} "
        "Statusänderungen, {edit} Bearbeitungen, {comment} Kommentare, {reviewed} geprüft); "
        "{late} verspätet oder überfällig; {due} Prüfung fällig; {off_track} mit Zielen "
        "nicht auf Kurs."
    ),
    "items": "Beschlüsse und Änderungen je Maßnahme",
    "no_items": "Im Zeitraum wurde keine Maßnahme geändert.",
    "pending": "Weiterer Handlungsbedarf (im Zeitraum unverändert)",
    "no_pending": "Keine weitere Maßnahme mit Handlungsbedarf.",
    "notes": "Notizen und weitere Beschlüsse",
    "status_line": "Status: {status}, Fortschritt {progress} %",
    "changes": "Im Zeitraum",
    "attention": "Handlungsbedarf",
    "next_step": "Nächster Schritt",
    "no_next_step": "kein nächster Schritt festgelegt",
    "until": "bis {date}",
    "off_track_goals": "Ziele nicht auf Kurs: {goals}",
    "flag.overdue": "überfällig seit {days} Tagen (geplantes Ende {date})",
    "flag.started_late": "Beginn seit {days} Tagen überfällig (geplant {date})",
    "flag.next_step_overdue": "nächster Schritt seit {days} Tagen fällig",
    "flag.needs_review": "Prüfung fällig (zuletzt vor {days} Tagen)",
    "flag.needs_review_never": "Prüfung fällig (noch nie geprüft)",
    "flag.finished_late": "{days} Tage nach dem geplanten Ende abgeschlossen",
}


# Overview parts with singular and plural ('1 Statusänderung', '2 Statusänderungen') and the
# section of off-track goals without a measure.
PROTOCOL_EXTRA_DE: dict[str, str] = {
    "ov.measures": "{n} offene Maßnahmen (geplant, laufend oder pausiert)",
    "ov.measures.one": "1 offene Maßnahme (geplant, laufend oder pausiert)",
    "ov.entries": "{n} Einträge im Zeitraum",
    "ov.entries.one": "1 Eintrag im Zeitraum",
    "ov.cat.new": "{n} neue Maßnahmen",
    "ov.cat.new.one": "1 neue Maßnahme",
    "ov.cat.status": "{n} Statusänderungen",
    "ov.cat.status.one": "1 Statusänderung",
    "ov.cat.edit": "{n} Bearbeitungen",
    "ov.cat.edit.one": "1 Bearbeitung",
    "ov.cat.comment": "{n} Kommentare",
    "ov.cat.comment.one": "1 Kommentar",
    "ov.cat.reviewed": "{n} Prüfungen",
    "ov.cat.reviewed.one": "1 Prüfung",
    "ov.cat.archived": "{n} archiviert",
    "ov.cat.archived.one": "1 archiviert",
    "ov.late": "{n} Maßnahmen verspätet oder überfällig",
    "ov.late.one": "1 Maßnahme verspätet oder überfällig",
    "ov.due": "bei {n} Maßnahmen ist die Prüfung fällig",
    "ov.due.one": "bei 1 Maßnahme ist die Prüfung fällig",
    "ov.off_track": "{n} Maßnahmen zu Zielen abseits",
    "ov.off_track.one": "1 Maßnahme zu Zielen abseits",
    "ov.uncovered": "{n} Ziele abseits ohne Maßnahme",
    "ov.uncovered.one": "1 Ziel abseits ohne Maßnahme",
    "uncovered": "Ziele abseits ohne Maßnahme",
    "uncovered_explain": (
        "Ziele, deren Zielwerte deutlich abseits liegen oder sich in die falsche Richtung "
        "entwickeln, und die keine offene Maßnahme nennt."
    ),
    "no_uncovered": "Jedes Ziel abseits hat mindestens eine offene Maßnahme.",
}
