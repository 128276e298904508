"""Messages of the question-oriented views: start page at a glance, 'are we on track?' on the
district page, the topic finder and the glossary."""

from __future__ import annotations

from dashboard.present.i18n import MESSAGES

_M: dict[str, tuple[str, str]] = {
    # --- district page: are we on track? ---
    "ot.heading": ("Sind wir in {name} auf Kurs?", "Is {name} on track?"),
    "ot.summary": (
        "{n} Zielwerte für {name}: {good} erreicht oder auf Kurs, {off} abseits oder in "
        "falscher Richtung, {none} noch nicht bewertbar.",
        "{n} target values for {name}: {good} reached or on track, {off} off track or in the "
        "wrong direction, {none} not assessable yet.",
    ),
    "ot.none": (
        "Für {name} gibt es noch keine Zielwerte mit Daten: weder eigene Zielwerte noch "
        "Indikatoren mit Zielrichtung und mindestens einem Wert.",
        "There are no targets with data for {name} yet: neither own targets nor indicators "
        "with a direction and at least one value.",
    ),
    "ot.conflicts": (
        "Genauer hinsehen bei {n} davon: auf Kurs, aber {name} steht ungünstiger da als die Stadt.",
        "Note {n} of them: on track, but {name} is worse off than the city.",
    ),
    "ot.same_as_ziele": (
        "Dieselben {n} Zielwerte zeigt der [Ziel-Ist-Vergleich für {name}](/ziele?gebiet={code}) "
        "(mit Richtungsbewertungen für Indikatoren ohne eigenen Zielwert).",
        "The same {n} target values are listed in [Targets and gaps for {name}]"
        "(/ziele?gebiet={code}) (with direction assessments for indicators without a target).",
    ),
    "ot.district_goals": ("Eigene Ziele des Stadtteils im Leitbild", "The district's own goals"),
    "ot.goal_status": ("Ziel {number}", "Goal {number}"),
    "ot.goal_no_indicator": (
        "Für dieses Ziel hat das Leitbild noch keinen Indikator, deshalb gibt es keinen Status. "
        "Am nächsten liegen: {nearest}.",
        "The strategy has no indicator for this goal yet, so there is no status. Nearest: "
        "{nearest}.",
    ),
    "ot.goal_no_values": (
        "Noch keine Daten für {name}: {indicators}.",
        "No data for {name} yet: {indicators}.",
    ),
    "ot.goal_descriptive": (
        "Beschreibt die Lage, ohne Zielrichtung (daher ohne Status): {indicators}.",
        "Describes the situation without a direction (so no status): {indicators}.",
    ),
    "ot.other_targets": (
        "Weitere Zielwerte und Richtungen für {name}",
        "Further targets and directions for {name}",
    ),
    "ot.target_line": ("Ziel: {target}", "Target: {target}"),
    "ot.value_line": ("{indicator}: {value} ({period})", "{indicator}: {value} ({period})"),
    "ot.sentence.reached": ("Das Ziel ist erreicht", "The target is reached"),
    "ot.sentence.on_track": (
        "Der Wert entwickelt sich so, dass das Ziel erreicht wird",
        "The value is moving so that the target will be reached",
    ),
    "ot.sentence.slightly_off": (
        "Der Wert bewegt sich in die richtige Richtung, aber zu langsam",
        "The value moves in the right direction, but too slowly",
    ),
    "ot.sentence.off_track": (
        "So wird das Ziel deutlich verfehlt",
        "At this pace the target will clearly be missed",
    ),
    "ot.sentence.wrong_direction": (
        "Der Wert entwickelt sich vom Ziel weg",
        "The value is moving away from the target",
    ),
    "ot.sentence.not_assessable": (
        "Noch nicht bewertbar (zu wenige oder verborgene Werte)",
        "Not assessable yet (too few or hidden values)",
    ),
    "ot.sentence.none": ("Noch keine Bewertung", "No assessment yet"),
    "ot.city.but": ("aber", "but"),
    "ot.city.and": ("und", "and"),
    "ot.city.phrase": (
        "{conj} {ratio} in der Stadt ({city}) – {judgement}",
        "{conj} {ratio} the city ({city}) – {judgement}",
    ),
    "ot.city.similar_phrase": (
        "{conj} etwa so hoch wie in der Stadt ({city})",
        "{conj} about as high as in the city ({city})",
    ),
    "ot.ratio.many": ("mehr als viermal so hoch wie", "more than four times as high as"),
    "ot.ratio.x4": ("etwa viermal so hoch wie", "about four times as high as"),
    "ot.ratio.x3": ("etwa dreimal so hoch wie", "about three times as high as"),
    "ot.ratio.x2": ("etwa doppelt so hoch wie", "about twice as high as"),
    "ot.ratio.higher": ("höher als", "higher than"),
    "ot.ratio.similar": ("etwa so hoch wie", "about as high as"),
    "ot.ratio.lower": ("niedriger als", "lower than"),
    "ot.ratio.half": ("etwa halb so hoch wie", "about half as high as"),
    "ot.ratio.fraction": ("weniger als halb so hoch wie", "less than half as high as"),
    "ot.judgement.worse": ("ungünstiger als der Stadtdurchschnitt", "worse than the city"),
    "ot.judgement.better": ("günstiger als der Stadtdurchschnitt", "better than the city"),
    "ot.col.status": ("Status (Ziel)", "Status (target)"),
    "ot.col.city": ("Vergleich mit der Stadt", "Compared with the city"),
    "ot.status_help": (
        "Zwei getrennte Urteile: der Status sagt, ob der Stadtteil seinen Zielwert erreicht "
        "(Wettermethode, siehe Glossar); der Vergleich mit der Stadt sagt, wo er heute im "
        "Verhältnis zur ganzen Stadt steht. Ein Ziel kann auf Kurs sein, während der Stadtteil "
        "noch weit hinter der Stadt liegt.",
        "Two separate judgements: the status says whether the district reaches its target "
        "(weather method, see glossary); the city comparison says where it stands today "
        "against the whole city. A target can be on track while the district is still far "
        "behind the city.",
    ),
    # --- goal names ---
    "goal.kind.leitziel": ("Leitziel", "Guiding goal"),
    "goal.kind.teilziel": ("Teilziel", "Sub-goal"),
    "goal.kind.umsetzungsperspektive": ("Umsetzungsperspektive", "Implementation idea"),
    "goal.kind.stadtteilziel": ("Stadtteilziel", "District goal"),
    # --- weekly review ---
    "rv.kpi.changes_help": (
        "Neue Maßnahmen, Statusänderungen, Bearbeitungen, Kommentare und Prüfungen im gewählten "
        "Zeitraum.",
        "New measures, status changes, edits, comments and reviews in the chosen period.",
    ),
    "rv.kpi.late_help": (
        "Offene Maßnahmen, deren geplantes Ende, geplanter Beginn oder nächster Schritt "
        "überschritten ist.",
        "Open measures past their planned end, planned start or next-step date.",
    ),
    "rv.kpi.due_help": (
        "Offene Maßnahmen, die seit mehr als {days} Tagen nicht geprüft wurden.",
        "Open measures not reviewed for more than {days} days.",
    ),
    "rv.kpi.goals_off": ("Ziele abseits", "Goals off track"),
    "rv.kpi.goals_off_help": (
        "Ziele (nicht Maßnahmen), deren Zielwerte deutlich abseits liegen oder sich in die "
        "falsche Richtung entwickeln (stadtweit, Wettermethode).",
        "Goals (not measures) whose targets are clearly off track or moving the wrong way "
        "(city-wide, weather method).",
    ),
    "rv.kpi.uncovered": ("davon ohne Maßnahme", "of which without a measure"),
    "rv.kpi.uncovered_help": (
        "Ziele abseits, die keine offene Maßnahme (geplant, laufend, pausiert) nennt: die "
        "zentrale Steuerungsfrage. Die Liste steht unten und im Protokoll.",
        "Off-track goals that no open measure (planned, running, paused) names: the central "
        "steering question. The list is below and in the minutes.",
    ),
    "rv.kpi.off_measures": ("Maßnahmen zu Zielen abseits", "Measures on off-track goals"),
    "rv.kpi.off_measures_help": (
        "Offene Maßnahmen, die mindestens ein Ziel abseits nennen.",
        "Open measures naming at least one off-track goal.",
    ),
    "rv.kpi.open": ("offene Maßnahmen", "open measures"),
    "rv.kpi.open_help": (
        "Geplant, laufend oder pausiert. Abgeschlossene und abgebrochene Maßnahmen zählen nicht "
        "mit ({closed} weitere).",
        "Planned, running or paused. Completed and stopped measures are not counted "
        "({closed} more).",
    ),
    "rv.uncovered.none": (
        "Jedes Ziel abseits hat mindestens eine offene Maßnahme.",
        "Every off-track goal has at least one open measure.",
    ),
    "rv.action.plan": ("Geplantes Ende", "Planned end"),
    "rv.action.plan_save": ("Geplantes Ende speichern", "Save planned end"),
    "rv.action.plan_saved": (
        "Geplantes Ende von „{title}“ gespeichert.",
        "Planned end of “{title}” saved.",
    ),
    # --- start page ---
    "start.mine": ("Mein Stadtteil", "My district"),
    "start.mine.pick": ("Stadtteil wählen", "Choose a district"),
    "start.mine.placeholder": ("Name oder Nummer eingeben", "Type a name or number"),
    "start.mine.help": (
        "Die Auswahl steht in der Adresse der Seite: als Lesezeichen gespeichert, öffnet die "
        "Startseite gleich mit Ihrem Stadtteil.",
        "The choice is kept in the page address: bookmarked, the start page opens with your "
        "district.",
    ),
    "start.district_line": (
        "**{name}**: {n} Zielwerte – {counts}.",
        "**{name}**: {n} target values – {counts}.",
    ),
    "start.open_district": ("{name}: Sind wir auf Kurs?", "{name}: are we on track?"),
    "start.glance": ("Das Leitbild auf einen Blick", "The strategy at a glance"),
    "start.glance.total": (
        "Das Migrationsleitbild hat **{n} Ziele**: {counts}.",
        "The migration strategy has **{n} goals**: {counts}.",
    ),
    "start.glance.counts": (
        "{good} auf Kurs, {off} abseits, {none} ohne Daten",
        "{good} on track, {off} off track, {none} without data",
    ),
    "start.glance.field": ("{n} Ziele – {counts}.", "{n} goals – {counts}."),
    "start.glance.help": (
        "Stadtweit. „Auf Kurs“ heißt: Zielwert erreicht oder die Entwicklung reicht dafür; "
        "„abseits“: zu langsam oder in die falsche Richtung; „ohne Daten“: noch kein Indikator "
        "oder zu wenige Werte (siehe Glossar).",
        "City-wide. “On track”: target reached or the trend is enough; “off track”: too slow "
        "or the wrong way; “without data”: no indicator yet or too few values (see glossary).",
    ),
    "start.open_fields": ("Alle Ziele nach Handlungsfeldern", "All goals by field of action"),
    "start.focus": ("Schwerpunkt-Stadtteile", "Focus districts"),
    "start.changed": ("Was sich seit letztem Monat geändert hat", "What changed since last month"),
    "start.changed.imports": (
        "{n} Datenimporte ({files})",
        "{n} data imports ({files})",
    ),
    "start.changed.imports_one": ("ein Datenimport ({files})", "one data import ({files})"),
    "start.changed.no_imports": ("keine neuen Daten importiert", "no new data imported"),
    "start.changed.measures": (
        "{n} Einträge zu Maßnahmen, davon {new} neue Maßnahmen und {status} Statusänderungen",
        "{n} entries on measures, {new} new measures and {status} status changes",
    ),
    "start.changed.since": ("seit {date}", "since {date}"),
    "start.open_review": ("Zum Wochenreview", "Open the weekly review"),
    "ux.flag_count": ("{n} Werte {flag}", "{n} values {flag}"),
    "ux.flag_count_one": ("1 Wert {flag}", "1 value {flag}"),
    "a11y.download": ("{kind} herunterladen: {title}", "Download {kind}: {title}"),
    "karte.display_options": (
        "Darstellung: Grenzen, Farbklassen, Beschriftung",
        "Display: boundaries, colour classes, labels",
    ),
    "a11y.slide_button": ("{action}: Folie {slide}", "{action}: slide {slide}"),
    # --- topic finder ---
    "topic.heading": ("Ihre Frage ist nicht dabei?", "Your question is not listed?"),
    "topic.input": ("Thema suchen", "Search a topic"),
    "topic.placeholder": ("z. B. Sprachförderung in der Kita", "e.g. language support in day care"),
    "topic.help": (
        "Sucht in den Zielen und Indikatoren des Leitbilds nach Ihrem Thema.",
        "Searches the strategy's goals and indicators for your topic.",
    ),
    "topic.nothing": (
        "Zu „{query}“ nennt das Leitbild kein Ziel und keinen Indikator.",
        "The strategy names no goal and no indicator for “{query}”.",
    ),
    "topic.no_indicator": (
        "Zu „{query}“ hat das Leitbild ein Ziel, aber **noch keinen Indikator**: {goals}. "
        "Dafür gibt es deshalb noch keine Zahlen und keinen Status.",
        "For “{query}” the strategy has a goal but **no indicator yet**: {goals}. So there are "
        "no figures and no status for it yet.",
    ),
    "topic.goals": ("Passende Ziele des Leitbilds: {goals}", "Matching strategy goals: {goals}"),
    "topic.nearest": (
        "Am nächsten liegen diese Indikatoren: {indicators}",
        "The nearest indicators are: {indicators}",
    ),
    "topic.goal_item": ("Handlungsfeld {field}, „{label}“", "field {field}, “{label}”"),
}

MESSAGES.update({key: {"de": de, "en": en} for key, (de, en) in _M.items()})

_PROTOCOL_EXTRA_EN: dict[str, str] = {
    "ov.measures": "{n} open measures (planned, running or paused)",
    "ov.measures.one": "1 open measure (planned, running or paused)",
    "ov.entries": "{n} entries in the period",
    "ov.entries.one": "1 entry in the period",
    "ov.cat.new": "{n} new measures",
    "ov.cat.new.one": "1 new measure",
    "ov.cat.status": "{n} status changes",
    "ov.cat.status.one": "1 status change",
    "ov.cat.edit": "{n} edits",
    "ov.cat.edit.one": "1 edit",
    "ov.cat.comment": "{n} comments",
    "ov.cat.comment.one": "1 comment",
    "ov.cat.reviewed": "{n} reviews",
    "ov.cat.reviewed.one": "1 review",
    "ov.cat.archived": "{n} archived",
    "ov.cat.archived.one": "1 archived",
    "ov.late": "{n} measures late or overdue",
    "ov.late.one": "1 measure late or overdue",
    "ov.due": "{n} measures due for review",
    "ov.due.one": "1 measure due for review",
    "ov.off_track": "{n} measures on off-track goals",
    "ov.off_track.one": "1 measure on off-track goals",
    "ov.uncovered": "{n} off-track goals without a measure",
    "ov.uncovered.one": "1 off-track goal without a measure",
    "uncovered": "Off-track goals without a measure",
    "uncovered_explain": (
        "Goals whose targets are clearly off track or moving the wrong way, and which no open "
        "measure names."
    ),
    "no_uncovered": "Every off-track goal has at least one open measure.",
}


def _register_protocol_extra() -> None:
    from dashboard.analysis.review import PROTOCOL_EXTRA_DE

    MESSAGES.update(
        {
            f"rv.p.{k}": {"de": de, "en": _PROTOCOL_EXTRA_EN[k]}
            for k, de in PROTOCOL_EXTRA_DE.items()
        }
    )


_register_protocol_extra()
