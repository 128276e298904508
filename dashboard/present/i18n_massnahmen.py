"""Messages of the measures register and the weekly review (German and English)."""

from __future__ import annotations

from dashboard.analysis.review import PROTOCOL_LABELS_DE
from dashboard.present.i18n import MESSAGES

_FIELDS: dict[str, tuple[str, str]] = {
    "title": ("Titel", "Title"),
    "description": ("Beschreibung", "Description"),
    "fields": ("Handlungsfelder", "Fields of action"),
    "goals": ("Ziele", "Goals"),
    "areas": ("Stadtteile", "Districts"),
    "organisation_id": ("Verantwortliche Organisation", "Responsible organisation"),
    "contact": ("Ansprechperson", "Contact"),
    "partners": ("Partner", "Partners"),
    "status": ("Status", "Status"),
    "planned_start": ("Geplanter Beginn", "Planned start"),
    "planned_end": ("Geplantes Ende", "Planned end"),
    "actual_start": ("Tatsächlicher Beginn", "Actual start"),
    "actual_end": ("Tatsächliches Ende", "Actual end"),
    "progress": ("Fortschritt", "Progress"),
    "reach": ("Reichweite", "Reach"),
    "budget": ("Budget (€)", "Budget (€)"),
    "origin": ("Herkunft", "Origin"),
    "last_reviewed": ("Zuletzt geprüft", "Last reviewed"),
    "next_step": ("Nächster Schritt", "Next step"),
    "next_step_date": ("Termin nächster Schritt", "Next step due"),
    "notes": ("Notizen", "Notes"),
    "archived": ("Archiviert", "Archived"),
}
_STATUSES: dict[str, tuple[str, str]] = {
    "geplant": ("geplant", "planned"),
    "laufend": ("laufend", "running"),
    "abgeschlossen": ("abgeschlossen", "completed"),
    "pausiert": ("pausiert", "paused"),
    "abgebrochen": ("abgebrochen", "cancelled"),
    "archiviert": ("archiviert", "archived"),
}
_EVENTS: dict[str, tuple[str, str]] = {
    "angelegt": ("angelegt", "created"),
    "status": ("Status geändert", "status changed"),
    "geändert": ("bearbeitet", "edited"),
    "geprüft": ("geprüft", "reviewed"),
    "kommentar": ("Kommentar", "comment"),
    "archiviert": ("archiviert", "archived"),
    "wiederhergestellt": ("wiederhergestellt", "restored"),
}
_FLAGS_SHORT: dict[str, tuple[str, str]] = {
    "overdue": ("überfällig", "overdue"),
    "started_late": ("Beginn verspätet", "late start"),
    "next_step_overdue": ("nächster Schritt fällig", "next step due"),
    "needs_review": ("Prüfung fällig", "review due"),
    "finished_late": ("verspätet abgeschlossen", "finished late"),
    "none": ("ohne Auffälligkeit", "no flag"),
}
_FLAGS_LONG: dict[str, tuple[str, str]] = {
    "overdue": (
        "überfällig seit {days} Tagen (geplantes Ende {date})",
        "overdue for {days} days (planned end {date})",
    ),
    "started_late": (
        "Beginn seit {days} Tagen überfällig (geplant {date})",
        "start {days} days late (planned {date})",
    ),
    "next_step_overdue": (
        "nächster Schritt seit {days} Tagen fällig",
        "next step due for {days} days",
    ),
    "needs_review": (
        "Prüfung fällig (zuletzt vor {days} Tagen)",
        "review due (last {days} days ago)",
    ),
    "needs_review_never": ("Prüfung fällig (noch nie geprüft)", "review due (never reviewed)"),
    "finished_late": (
        "{days} Tage nach dem geplanten Ende abgeschlossen",
        "completed {days} days after the planned end",
    ),
}
_CATEGORIES: dict[str, tuple[str, str]] = {
    "new": ("neu angelegt", "new"),
    "status": ("Statusänderungen", "status changes"),
    "edit": ("Bearbeitungen", "edits"),
    "comment": ("Kommentare", "comments"),
    "reviewed": ("geprüft", "reviewed"),
    "archived": ("archiviert", "archived"),
}

_PAIRS: dict[str, tuple[str, str]] = {
    # measures page
    "mn.title": ("Maßnahmen", "Measures"),
    "mn.subtitle": (
        "Register der Maßnahmen zum Migrationsleitbild: wer was bis wann in welchem Stadtteil "
        "tut, mit vollständigem Verlauf.",
        "Register of the strategy's measures: who does what by when in which district, with "
        "the full history.",
    ),
    "mn.tab.register": ("Register", "Register"),
    "mn.tab.new": ("Neue Maßnahme", "New measure"),
    "mn.tab.transfer": ("Import und Export", "Import and export"),
    "mn.tab.overview": ("Überblick und Verlauf", "Overview and history"),
    "mn.tab.edit": ("Bearbeiten", "Edit"),
    "mn.tab.status": ("Status ändern", "Change status"),
    "mn.tab.archive": ("Archivieren", "Archive"),
    "mn.back": ("Alle Maßnahmen", "All measures"),
    "mn.not_found": ("Maßnahme {id} gibt es nicht.", "There is no measure {id}."),
    "mn.empty": (
        "Noch keine Maßnahmen. Legen Sie eine im Reiter „Neue Maßnahme“ an oder importieren Sie "
        "eine Liste.",
        "No measures yet. Create one in the tab “New measure” or import a list.",
    ),
    "mn.count": (
        "{shown} von {total} Maßnahmen · {late} verspätet oder überfällig · {due} Prüfung fällig",
        "{shown} of {total} measures · {late} late or overdue · {due} review due",
    ),
    "mn.register.hint": (
        "Zeile anklicken öffnet die Maßnahme mit Verlauf und Bearbeitung; die Spalten "
        "Stadtteil und Ziel führen zum Stadtteilprofil und zum Zielbaum.",
        "Click a row to open the measure with its history and editing; the district and goal "
        "columns lead to the district profile and the goal tree.",
    ),
    "mn.filter.search": ("Suche", "Search"),
    "mn.filter.search.placeholder": (
        "Titel, Beschreibung, Träger, Notizen, Nummer …",
        "Title, description, organisation, notes, number …",
    ),
    "mn.filter.all": ("alle", "all"),
    "mn.filter.lateness": ("Termine", "Deadlines"),
    "mn.filter.none": (
        "Keine Maßnahme passt zu diesen Filtern.",
        "No measure matches these filters.",
    ),
    "mn.filter.goal_preset": ("Gefiltert nach Ziel: {goals}", "Filtered by goal: {goals}"),
    "mn.col.id": ("Nr.", "No."),
    "mn.col.link.help": ("Maßnahme öffnen (neuer Tab)", "Open the measure (new tab)"),
    "mn.col.flags": ("Hinweise", "Flags"),
    "mn.col.district": ("Stadtteil", "District"),
    "mn.col.district.help": ("Zum Stadtteilprofil", "To the district profile"),
    "mn.col.goal": ("Ziel", "Goal"),
    "mn.col.goal.help": ("Zum Ziel im Zielbaum", "To the goal in the goal tree"),
    "mn.citywide": ("stadtweit", "city-wide"),
    "mn.no_goals": ("keinem Ziel zugeordnet", "not linked to a goal"),
    "mn.archived": ("archiviert", "archived"),
    "mn.version": ("Version", "Version"),
    "mn.timeline": ("Verlauf", "History"),
    "mn.timeline.empty": ("Noch keine Einträge.", "No entries yet."),
    "mn.changed": ("{field} geändert", "{field} changed"),
    "mn.yes": ("ja", "yes"),
    "mn.no": ("nein", "no"),
    "mn.comment": ("Kommentar (optional)", "Comment (optional)"),
    "mn.comment.add": ("Kommentar hinzufügen", "Add a comment"),
    "mn.comment.save": ("Kommentar speichern", "Save comment"),
    "mn.comment.saved": ("Kommentar gespeichert.", "Comment saved."),
    "mn.saved": ("Gespeichert (Version {version}).", "Saved (version {version})."),
    "mn.created": ("Maßnahme {id} „{title}“ angelegt.", "Measure {id} “{title}” created."),
    "mn.stale": (
        "Diese Maßnahme wurde inzwischen von jemand anderem gespeichert (jetzt Version "
        "{version}). Oben sehen Sie den gespeicherten Stand; die Formulare zeigen noch Ihren.",
        "Someone else saved this measure meanwhile (now version {version}). Above is the "
        "stored state; the forms still show yours.",
    ),
    "mn.stale.reload": ("Formulare neu laden", "Reload the forms"),
    # editor
    # form
    "mn.form.create": ("Maßnahme anlegen", "Create measure"),
    "mn.form.save": ("Änderungen speichern", "Save changes"),
    "mn.form.required": ("* Pflichtfeld", "* required"),
    "mn.form.expected": ("Erwartet: {text}", "Expected: {text}"),
    "mn.form.problem": ("{field}: erwartet {text}", "{field}: expected {text}"),
    "mn.form.has_problems": (
        "Nicht gespeichert: {n} Angaben passen noch nicht (Hinweise an den Feldern).",
        "Not saved: {n} entries need attention (see the notes at the fields).",
    ),
    "mn.form.nothing": ("Nichts geändert.", "Nothing changed."),
    "mf.areas.help": (
        "Leer lassen für stadtweite Maßnahmen.",
        "Leave empty for city-wide measures.",
    ),
    "mf.areas.placeholder": ("stadtweit", "city-wide"),
    "mf.goals.help": (
        "Ziele des Leitbilds, zu denen die Maßnahme beiträgt (Suche nach Nummer oder Text).",
        "Goals of the strategy the measure contributes to (search by number or text).",
    ),
    "mf.organisation_id.placeholder": (
        "auswählen oder neuen Namen eingeben",
        "choose or type a new name",
    ),
    "mf.status.via_action": (
        "Den Status ändern Sie im Reiter „Status ändern“ (mit Kommentar).",
        "Change the status in the tab “Change status” (with a comment).",
    ),
    "mf.reach.help": ("z. B. Teilnehmende", "e.g. participants"),
    # status change
    "mn.status.new": ("Neuer Status", "New status"),
    "mn.status.choose": ("auswählen", "choose"),
    "mn.status.day": ("Datum", "Date"),
    "mn.status.day.help": (
        "Wann der Status wechselte: wird Beginn bzw. Ende, falls noch nicht gesetzt.",
        "When the status changed: becomes the start or end if not set yet.",
    ),
    "mn.status.comment.placeholder": ("Grund, Beschluss …", "Reason, decision …"),
    "mn.status.implied": ("Wird mitgeändert: {fields}", "Also changes: {fields}"),
    "mn.status.comment_needed": (
        "Bitte einen Grund angeben (bei „pausiert“ und „abgebrochen“ nötig).",
        "Please give a reason (needed for “paused” and “cancelled”).",
    ),
    "mn.status.save": ("Status auf „{status}“ setzen", "Set status to “{status}”"),
    "mn.status.saved": ("Status „{status}“ gespeichert.", "Status “{status}” saved."),
    # archive
    "mn.archive.explain": (
        "Archivierte Maßnahmen verschwinden aus Register und Review, bleiben aber mit ihrem "
        "Verlauf erhalten und lassen sich wiederherstellen. Gelöscht wird nichts.",
        "Archived measures leave the register and the review but keep their history and can "
        "be restored. Nothing is deleted.",
    ),
    "mn.archive.reason": ("Grund", "Reason"),
    "mn.archive.confirm": ("Ja, diese Maßnahme archivieren", "Yes, archive this measure"),
    "mn.archive.button": ("Archivieren", "Archive"),
    "mn.archive.done": ("Maßnahme archiviert.", "Measure archived."),
    "mn.archive.is_archived": ("Diese Maßnahme ist archiviert.", "This measure is archived."),
    "mn.archive.restore": ("Wiederherstellen", "Restore"),
    "mn.archive.restored": ("Maßnahme wiederhergestellt.", "Measure restored."),
    # conflict
    "mn.conflict.title": (
        "Nicht gespeichert: Jemand anderes hat diese Maßnahme inzwischen gespeichert "
        "(Version {version}). Nichts wurde überschrieben.",
        "Not saved: someone else saved this measure meanwhile (version {version}). Nothing "
        "was overwritten.",
    ),
    "mn.conflict.explain": (
        "Vergleichen Sie Ihre Eingabe mit dem gespeicherten Stand. „Erneut anwenden“ speichert "
        "Ihre Änderungen auf dem neuen Stand; „Verwerfen“ lädt den gespeicherten Stand.",
        "Compare your entry with the stored state. “Re-apply” saves your changes on top of the "
        "new state; “Discard” loads the stored state.",
    ),
    "mn.conflict.field": ("Feld", "Field"),
    "mn.conflict.mine": ("Ihre Eingabe", "Your entry"),
    "mn.conflict.theirs": ("Gespeichert (Version {version})", "Stored (version {version})"),
    "mn.conflict.base": ("Ihr Ausgangsstand", "What you started from"),
    "mn.conflict.clash": ("beide geändert", "both changed"),
    "mn.conflict.overwrites": (
        "Erneutes Anwenden überschreibt diese gespeicherten Änderungen: {fields}",
        "Re-applying overwrites these stored changes: {fields}",
    ),
    "mn.conflict.reapply": ("Meine Änderungen erneut anwenden", "Re-apply my changes"),
    "mn.conflict.discard": ("Meine verwerfen, gespeicherten Stand laden", "Discard mine"),
    # import / export
    "mn.export.title": ("Export", "Export"),
    "mn.export.explain": (
        "Alle aktiven Maßnahmen; die Excel-Datei enthält den vollständigen Verlauf auf einem "
        "zweiten Blatt.",
        "All active measures; the Excel file holds the full history on a second sheet.",
    ),
    "mn.export.xlsx": ("Excel (mit Verlauf)", "Excel (with history)"),
    "mn.export.csv": ("CSV (Maßnahmen)", "CSV (measures)"),
    "mn.export.history_csv": ("CSV (Verlauf)", "CSV (history)"),
    "mn.import.title": ("Import", "Import"),
    "mn.import.explain": (
        "CSV oder Excel mit einer Zeile je Maßnahme (Spalten wie im Export). Es gelten dieselben "
        "Regeln wie im Formular; jede Abweichung wird mit Zeile und Spalte gemeldet. Eine Datei "
        "mit Fehlern ändert nichts; Maßnahmen mit schon vorhandenem Titel werden übersprungen.",
        "CSV or Excel with one row per measure (columns as in the export). The form's rules "
        "apply; every problem is reported with row and column. A file with errors changes "
        "nothing; measures whose title exists already are skipped.",
    ),
    "mn.import.file": ("Datei wählen", "Choose a file"),
    "mn.import.problems": (
        "{errors} Fehler und {warnings} Hinweise gefunden:",
        "{errors} errors and {warnings} notes found:",
    ),
    "mn.import.ok": (
        "Datei geprüft: {rows} Maßnahmen, keine Probleme.",
        "File checked: {rows} measures, no problems.",
    ),
    "mn.import.col.row": ("Zeile", "Row"),
    "mn.import.col.column": ("Spalte", "Column"),
    "mn.import.col.expected": ("erwartet", "expected"),
    "mn.import.col.found": ("gefunden", "found"),
    "mn.import.col.severity": ("Art", "Kind"),
    "mn.import.error": ("Fehler", "error"),
    "mn.import.warning": ("Hinweis", "note"),
    "mn.import.write": ("{rows} Maßnahmen importieren", "Import {rows} measures"),
    "mn.import.done": (
        "Importiert: {inserted} neu, {unchanged} schon vorhanden.",
        "Imported: {inserted} new, {unchanged} already present.",
    ),
}

_PROTOCOL_EN: dict[str, str] = {
    "title": "Weekly review of measures – {date}",
    "window": "Period: {start} to {end}",
    "author": "Minutes: {author}",
    "overview": "Overview",
    "overview_line": (
        "{measures} active measures; {changes} entries in the period ({new} new, {status} "
        "status changes, {edit} edits, {comment} comments, {reviewed} reviewed); {late} late or "
        "overdue; {due} review due; {off_track} with goals off track."
    ),
    "items": "Decisions and changes per measure",
    "no_items": "No measure changed in the period.",
    "pending": "Further attention needed (unchanged in the period)",
    "no_pending": "No further measure needs attention.",
    "notes": "Notes and further decisions",
    "status_line": "Status: {status}, progress {progress} %",
    "changes": "In the period",
    "attention": "Attention",
    "next_step": "Next step",
    "no_next_step": "no next step set",
    "until": "by {date}",
    "off_track_goals": "Goals off track: {goals}",
    "flag.overdue": "overdue for {days} days (planned end {date})",
    "flag.started_late": "start {days} days late (planned {date})",
    "flag.next_step_overdue": "next step due for {days} days",
    "flag.needs_review": "review due (last {days} days ago)",
    "flag.needs_review_never": "review due (never reviewed)",
    "flag.finished_late": "completed {days} days after the planned end",
}

_REVIEW: dict[str, tuple[str, str]] = {
    "rv.title": ("Wochenreview", "Weekly review"),
    "rv.subtitle": (
        "Stand {today}: was sich geändert hat, was verspätet ist, was geprüft werden muss – mit "
        "Schnellaktionen direkt an jeder Maßnahme und dem Protokoll zum Herunterladen.",
        "As of {today}: what changed, what is late, what needs a review – with quick actions at "
        "each measure and the minutes to download.",
    ),
    "rv.window": ("Zeitraum", "Period"),
    "rv.window.help": (
        "Standard: die letzten 7 Tage bis heute (beide Tage eingeschlossen).",
        "Default: the last 7 days up to today (both days included).",
    ),
    "rv.review_days": ("Prüfung fällig nach … Tagen", "Review due after … days"),
    "rv.review_days.help": (
        "Offene Maßnahmen, die so lange nicht geprüft wurden (oder nie), gelten als "
        "„Prüfung fällig“. Voreinstellung aus der Einstellung LEITBILD_REVIEW_AFTER_DAYS.",
        "Open measures not reviewed for this long (or never) are “review due”. Default from "
        "the setting LEITBILD_REVIEW_AFTER_DAYS.",
    ),
    "rv.m.changes": ("Einträge im Zeitraum", "Entries in the period"),
    "rv.m.late": ("verspätet oder überfällig", "late or overdue"),
    "rv.m.due": ("Prüfung fällig", "review due"),
    "rv.m.off_track": ("Ziele nicht auf Kurs", "goals off track"),
    "rv.m.active": ("aktive Maßnahmen", "active measures"),
    "rv.changed": ("Was sich geändert hat ({start} – {end})", "What changed ({start} – {end})"),
    "rv.changed.none": ("Im Zeitraum wurde nichts geändert.", "Nothing changed in the period."),
    "rv.changed.filter": ("Nur zeigen", "Show only"),
    "rv.late": ("Verspätet oder überfällig", "Late or overdue"),
    "rv.late.none": ("Keine Maßnahme ist verspätet.", "No measure is late."),
    "rv.due": (
        "Prüfung fällig – nicht geprüft seit {days} Tagen",
        "Review due – not reviewed for {days} days",
    ),
    "rv.due.none": (
        "Alle offenen Maßnahmen sind aktuell geprüft.",
        "Every open measure has been reviewed recently.",
    ),
    "rv.off_track": (
        "Maßnahmen zu Zielen, die nicht auf Kurs sind",
        "Measures for goals that are off track",
    ),
    "rv.off_track.none": (
        "Keine weitere offene Maßnahme gehört zu einem Ziel, das nicht auf Kurs ist.",
        "No further open measure belongs to a goal that is off track.",
    ),
    "rv.off_track.unavailable": (
        "Die Bewertung der Ziele ist gerade nicht verfügbar; alles andere im Review gilt.",
        "The goal assessment is unavailable right now; the rest of the review holds.",
    ),
    "rv.off_track.goals": ("Ziel nicht auf Kurs: {goals}", "goal off track: {goals}"),
    "rv.above": ("{n} davon stehen schon weiter oben.", "{n} of them are listed above already."),
    "rv.counts": ("Maßnahmen nach Handlungsfeld und Status", "Measures by field and status"),
    "rv.counts.explain": (
        "Eine Maßnahme in zwei Handlungsfeldern zählt in beiden Zeilen; die Zeile „gesamt“ "
        "zählt jede Maßnahme einmal.",
        "A measure in two fields counts in both rows; the row “total” counts each measure once.",
    ),
    "rv.total": ("gesamt", "total"),
    "rv.col.at": ("Zeitpunkt", "When"),
    "rv.col.measure": ("Maßnahme", "Measure"),
    "rv.col.actor": ("Wer", "Who"),
    "rv.col.kind": ("Art", "Kind"),
    "rv.col.what": ("Was", "What"),
    "rv.col.comment": ("Kommentar", "Comment"),
    "rv.no_next_step": ("kein nächster Schritt", "no next step"),
    "rv.open_measure": ("Maßnahme öffnen (Verlauf, Bearbeiten)", "Open measure (history, edit)"),
    "rv.action.review": ("Geprüft", "Reviewed"),
    "rv.action.review_note": ("Notiz zur Prüfung (optional)", "Review note (optional)"),
    "rv.action.reviewed": ("Als geprüft markieren", "Mark as reviewed"),
    "rv.action.reviewed.done": ("„{title}“ als geprüft markiert.", "“{title}” marked as reviewed."),
    "rv.action.step": ("Nächster Schritt", "Next step"),
    "rv.action.step_past": ("Das Datum liegt in der Vergangenheit.", "The date is in the past."),
    "rv.action.step_save": ("Schritt speichern", "Save step"),
    "rv.action.step_saved": (
        "Nächster Schritt für „{title}“ gespeichert.",
        "Next step for “{title}” saved.",
    ),
    "rv.action.status": ("Status ändern", "Change status"),
    "rv.protocol": ("Protokoll", "Minutes"),
    "rv.protocol.explain": (
        "Das Protokoll fasst den Zeitraum zusammen: Beschlüsse und Änderungen je Maßnahme (auch "
        "die hier im Review erledigten), offener Handlungsbedarf und Ihre Notizen. Es wird je "
        "Datum in der Datenbank gespeichert; erneutes Speichern am selben Tag ersetzt es.",
        "The minutes sum up the period: decisions and changes per measure (including those made "
        "here), open issues and your notes. They are stored per date; saving again on the same "
        "day replaces them.",
    ),
    "rv.protocol.notes": ("Notizen und weitere Beschlüsse", "Notes and further decisions"),
    "rv.protocol.notes.placeholder": (
        "z. B. Teilnehmende, Absprachen, Themen für nächste Woche (Markdown möglich)",
        "e.g. attendees, agreements, topics for next week (Markdown allowed)",
    ),
    "rv.protocol.preview": ("Vorschau", "Preview"),
    "rv.protocol.md": ("Markdown herunterladen", "Download Markdown"),
    "rv.protocol.docx": ("Word (DOCX) herunterladen", "Download Word (DOCX)"),
    "rv.protocol.save": ("Protokoll speichern", "Save minutes"),
    "rv.protocol.saved": ("Protokoll vom {date} gespeichert.", "Minutes of {date} saved."),
    "rv.protocol.exists": (
        "Für heute gespeichert von {who} (Version {version}, {at}).",
        "Saved for today by {who} (version {version}, {at}).",
    ),
    "rv.protocol.earlier": ("Gespeicherte Protokolle ({n})", "Saved minutes ({n})"),
    "rv.protocol.earlier.team": (
        "Gespeicherte Protokolle ({n}) nennen die Beteiligten und sind nach der Anmeldung mit "
        "Redaktionsrechten zu sehen.",
        "Saved minutes ({n}) name the people involved and are shown after logging in with "
        "editor rights.",
    ),
    "rv.protocol.date": ("Datum", "Date"),
    "rv.protocol.by": (
        "Gespeichert von {who}, Version {version}",
        "Saved by {who}, version {version}",
    ),
}

MESSAGES.update({f"mf.{k}": {"de": de, "en": en} for k, (de, en) in _FIELDS.items()})
MESSAGES.update({f"status.{k}": {"de": de, "en": en} for k, (de, en) in _STATUSES.items()})
MESSAGES.update({f"event.{k}": {"de": de, "en": en} for k, (de, en) in _EVENTS.items()})
MESSAGES.update({f"flag.short.{k}": {"de": de, "en": en} for k, (de, en) in _FLAGS_SHORT.items()})
MESSAGES.update({f"flag.long.{k}": {"de": de, "en": en} for k, (de, en) in _FLAGS_LONG.items()})
MESSAGES.update({f"rv.cat.{k}": {"de": de, "en": en} for k, (de, en) in _CATEGORIES.items()})
MESSAGES.update({k: {"de": de, "en": en} for k, (de, en) in _PAIRS.items()})
MESSAGES.update(
    {f"rv.p.{k}": {"de": de, "en": _PROTOCOL_EN[k]} for k, de in PROTOCOL_LABELS_DE.items()}
)
MESSAGES.update({k: {"de": de, "en": en} for k, (de, en) in _REVIEW.items()})
