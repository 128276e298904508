"""Messages of the goal pages (Ziel-Ist-Vergleich, Handlungsfelder) and the target form."""

from __future__ import annotations

from dashboard.present.i18n import MESSAGES

ZIELE_MESSAGES: dict[str, dict[str, str]] = {
    # --- statuses, methods, kinds ----------------------------------------------------------
    "zi.status.reached": {"de": "Ziel erreicht", "en": "target reached"},
    "zi.status.on_track": {"de": "auf Kurs", "en": "on track"},
    "zi.status.slightly_off": {"de": "leicht abseits", "en": "slightly off track"},
    "zi.status.off_track": {"de": "deutlich abseits", "en": "off track"},
    "zi.status.wrong_direction": {"de": "falsche Richtung", "en": "wrong direction"},
    "zi.status.not_assessable": {"de": "nicht bewertbar", "en": "not assessable"},
    "zi.status.none": {"de": "keine Bewertung", "en": "no assessment"},
    "zi.method.destatis": {
        "de": "Tempo bis zum Ziel (Wettermethode)",
        "en": "Pace to the target (weather method)",
    },
    "zi.method.cagr": {
        "de": "Nötige Wachstumsrate (Open SDG)",
        "en": "Required growth rate (Open SDG)",
    },
    "zi.type.absolute": {"de": "Zielwert", "en": "target value"},
    "zi.type.relative_change": {"de": "Veränderung in %", "en": "change in %"},
    "zi.type.parity": {"de": "Parität (gleicher Anteil)", "en": "parity (equal share)"},
    "zi.type.direction": {"de": "nur Richtung", "en": "direction only"},
    "zi.goalkind.leitziel": {"de": "Leitziel", "en": "Guiding goal"},
    "zi.goalkind.teilziel": {"de": "Teilziel", "en": "Sub-goal"},
    "zi.goalkind.umsetzungsperspektive": {
        "de": "Umsetzungsperspektive",
        "en": "Implementation idea",
    },
    "zi.goalkind.stadtteilziel": {"de": "Stadtteilziel", "en": "District goal"},
    "zi.measure.geplant": {"de": "geplant", "en": "planned"},
    "zi.measure.laufend": {"de": "laufend", "en": "running"},
    "zi.measure.abgeschlossen": {"de": "abgeschlossen", "en": "completed"},
    "zi.measure.pausiert": {"de": "pausiert", "en": "paused"},
    "zi.measure.abgebrochen": {"de": "abgebrochen", "en": "stopped"},
    "zi.flag.off_track_no_measure": {
        "de": "abseits des Ziels und keine laufende Maßnahme",
        "en": "off track and no running measure",
    },
    "zi.flag.completed_not_moving": {
        "de": "Maßnahmen abgeschlossen, aber die Indikatoren bewegen sich nicht",
        "en": "measures completed but the indicators do not move",
    },
    "zi.flag.no_indicator": {"de": "Ziel ohne Indikator", "en": "goal without any indicator"},
    "zi.unit.pp": {"de": "Prozentpunkte", "en": "percentage points"},
    "zi.per_year": {"de": "{value} pro Jahr", "en": "{value} per year"},
    # --- target descriptions ---------------------------------------------------------------
    "zi.target.until": {"de": "bis {period}", "en": "by {period}"},
    "zi.target.relative": {
        "de": "{change} % gegenüber {base} (= {level}) {until}",
        "en": "{change} % compared with {base} (= {level}) {until}",
    },
    "zi.target.parity": {"de": "gleich {reference} {until}", "en": "equal to {reference} {until}"},
    "zi.target.direction.up": {"de": "soll steigen", "en": "should rise"},
    "zi.target.direction.down": {"de": "soll sinken", "en": "should fall"},
    "zi.target.implicit.up": {
        "de": "kein Zielwert – soll steigen",
        "en": "no target – should rise",
    },
    "zi.target.implicit.down": {
        "de": "kein Zielwert – soll sinken",
        "en": "no target – should fall",
    },
    "zi.gap.reached": {"de": "erreicht", "en": "reached"},
    "zi.years.never": {"de": "nie", "en": "never"},
    # --- explanations ----------------------------------------------------------------------
    "zi.explain.status_is": {"de": "Status: **{status}**", "en": "Status: **{status}**"},
    "zi.explain.implicit": {
        "de": "Für diesen Indikator ist hier kein Zielwert vereinbart. Bewertet wird nur, ob er "
        "sich in die Richtung bewegt, die der Indikatorenkatalog als besser festlegt.",
        "en": "No target has been agreed for this indicator here. Only the direction is "
        "assessed that the indicator catalogue defines as better.",
    },
    "zi.explain.destatis.method": {
        "de": "Methode: Wettermethode des Statistischen Bundesamts. Die durchschnittliche "
        "Veränderung der letzten Jahre wird bis zum Zieljahr fortgeschrieben.",
        "en": "Method: weather method of the Federal Statistical Office (Destatis). The average "
        "change of recent years is continued up to the target year.",
    },
    "zi.explain.cagr.method": {
        "de": "Methode: Wachstumsraten nach Open SDG (Statistics Canada). Verglichen wird die "
        "Entwicklung seit {base} mit der Entwicklung, die zum Erreichen des Ziels nötig wäre.",
        "en": "Method: growth rates as in Open SDG (Statistics Canada). The development since "
        "{base} is compared with the development needed to reach the target.",
    },
    "zi.explain.points": {
        "de": "Verwendete Werte ({n}): {points}.",
        "en": "Values used ({n}): {points}.",
    },
    "zi.explain.points.parity": {
        "de": "Abstand zur Referenz in den verwendeten Jahren ({n}): {points}.",
        "en": "Distance to the reference in the years used ({n}): {points}.",
    },
    "zi.explain.mean_change.parity": {
        "de": "Der Abstand hat sich {first}–{last} im Durchschnitt um {change} pro Jahr verändert.",
        "en": "The distance changed by {change} per year on average {first}–{last}.",
    },
    "zi.explain.projection.parity": {
        "de": "Geht es so weiter, beträgt der Abstand {period} noch etwa {projection}. Ziel: "
        "kein Abstand.",
        "en": "If this continues, the distance will still be about {projection} in {period}. "
        "Target: no distance.",
    },
    "zi.unit.pp_short": {"de": "Pp.", "en": "pp"},
    "zi.explain.parity_index": {
        "de": "Bei Parität zählt hier das Verhältnis zum Referenzanteil (1,00 = gleich groß).",
        "en": "For parity, the ratio to the reference share counts here (1.00 = equal).",
    },
    "zi.explain.mean_change": {
        "de": "Durchschnittliche Veränderung {first}–{last}: {change} pro Jahr.",
        "en": "Average change {first}–{last}: {change} per year.",
    },
    "zi.explain.latest_change": {
        "de": "Letzte Veränderung: {change} pro Jahr.",
        "en": "Latest change: {change} per year.",
    },
    "zi.explain.direction_wanted.up": {
        "de": "Gewünscht ist, dass der Wert steigt.",
        "en": "The value should rise.",
    },
    "zi.explain.direction_wanted.down": {
        "de": "Gewünscht ist, dass der Wert sinkt.",
        "en": "The value should fall.",
    },
    "zi.explain.projection": {
        "de": "Geht es so weiter, liegt der Wert {period} bei etwa {projection}. Ziel: {target}.",
        "en": "If this continues, the value will be about {projection} in {period}. "
        "Target: {target}.",
    },
    "zi.explain.remaining": {
        "de": "Heute fehlen noch {gap} bis zum Ziel.",
        "en": "Today {gap} are still missing to reach the target.",
    },
    "zi.explain.miss": {
        "de": "Hochgerechnet würde das Ziel um {miss} verfehlt – das sind {ratio} des heutigen "
        "Abstands.",
        "en": "Projected, the target would be missed by {miss} – that is {ratio} of today's "
        "distance.",
    },
    "zi.explain.overshoot": {
        "de": "Hochgerechnet würde das Ziel sogar um {miss} übertroffen.",
        "en": "Projected, the target would even be exceeded by {miss}.",
    },
    "zi.explain.cagr.observed": {
        "de": "Beobachtet {first}–{last}: {rate}.",
        "en": "Observed {first}–{last}: {rate}.",
    },
    "zi.explain.cagr.required": {
        "de": "Nötig bis {period}: {rate}.",
        "en": "Needed until {period}: {rate}.",
    },
    "zi.explain.cagr.ratio": {
        "de": "Verhältnis beobachtet zu nötig: {ratio}.",
        "en": "Ratio of observed to needed: {ratio}.",
    },
    "zi.explain.cagr.growth": {
        "de": "Veränderung pro Jahr in gewünschter Richtung: {growth}.",
        "en": "Change per year in the desired direction: {growth}.",
    },
    "zi.explain.cagr.score": {
        "de": "Punktwert: {score} (Skala von −5 bis +5).",
        "en": "Score: {score} (scale from −5 to +5).",
    },
    "zi.rule.destatis.level": {
        "de": "Regel: Verfehlung unter {on} des heutigen Abstands → auf Kurs; bis {off} → "
        "leicht abseits; mehr → deutlich abseits; entfernt sich der Wert vom Ziel → falsche "
        "Richtung.",
        "en": "Rule: missing by less than {on} of today's distance → on track; up to {off} → "
        "slightly off; more → off track; moving away from the target → wrong direction.",
    },
    "zi.rule.destatis.direction": {
        "de": "Regel: Zeigen Durchschnitt und letzte Veränderung in die gewünschte Richtung → "
        "auf Kurs; nur der Durchschnitt → leicht abseits; nur die letzte Veränderung → "
        "deutlich abseits; keine von beiden → falsche Richtung.",
        "en": "Rule: average and latest change both in the desired direction → on track; only "
        "the average → slightly off; only the latest change → off track; neither → wrong "
        "direction.",
    },
    "zi.rule.cagr.target": {
        "de": "Regel: Verhältnis ab {on} → auf Kurs; ab {slight} → leicht abseits; ab {zero} → "
        "deutlich abseits; darunter → falsche Richtung.",
        "en": "Rule: ratio from {on} → on track; from {slight} → slightly off; from {zero} → "
        "off track; below → wrong direction.",
    },
    "zi.rule.cagr.no_target": {
        "de": "Regel ohne Zielwert: ab {on} pro Jahr → auf Kurs; ab {slight} → leicht abseits; "
        "ab 0 → deutlich abseits; darunter → falsche Richtung.",
        "en": "Rule without a target: from {on} per year → on track; from {slight} → slightly "
        "off; from 0 → off track; below → wrong direction.",
    },
    "zi.rule.cagr.no_target_pp": {
        "de": "Regel ohne Zielwert (in Prozentpunkten, 1 % = 1 Prozentpunkt): ab {on} pro Jahr "
        "→ auf Kurs; ab {slight} → leicht abseits; ab 0 → deutlich abseits; darunter → falsche "
        "Richtung.",
        "en": "Rule without a target (in percentage points, 1 % = 1 point): from {on} per year "
        "→ on track; from {slight} → slightly off; from 0 → off track; below → wrong direction.",
    },
    "zi.fired.destatis.projection.exceed": {
        "de": "Ergebnis: Das Ziel würde erreicht → auf Kurs.",
        "en": "Result: the target would be reached → on track.",
    },
    "zi.fired.destatis.projection.on_track": {
        "de": "Ergebnis: {ratio} liegt unter {on} → auf Kurs.",
        "en": "Result: {ratio} is below {on} → on track.",
    },
    "zi.fired.destatis.projection.slightly_off": {
        "de": "Ergebnis: {ratio} liegt zwischen {on} und {off} → leicht abseits.",
        "en": "Result: {ratio} is between {on} and {off} → slightly off.",
    },
    "zi.fired.destatis.projection.off_track": {
        "de": "Ergebnis: {ratio} liegt über {off} → deutlich abseits, auch wenn es in die "
        "richtige Richtung geht.",
        "en": "Result: {ratio} is above {off} → off track, although moving the right way.",
    },
    "zi.fired.destatis.moving_away": {
        "de": "Der Wert entfernt sich im Durchschnitt vom Ziel: falsche Richtung.",
        "en": "On average the value moves away from the target: wrong direction.",
    },
    "zi.fired.destatis.stagnation": {
        "de": "Der Wert hat sich im Durchschnitt nicht verändert: deutlich abseits.",
        "en": "On average the value has not changed: off track.",
    },
    "zi.fired.destatis.reached": {
        "de": "Das Ziel ({target}) ist schon erreicht, und die Entwicklung weist nicht davon weg.",
        "en": "The target ({target}) is already reached and the trend does not point away.",
    },
    "zi.fired.destatis.reached_but_worsening": {
        "de": "Das Ziel ({target}) ist erreicht, aber der Wert entwickelt sich im Durchschnitt "
        "davon weg: leicht abseits.",
        "en": "The target ({target}) is reached, but on average the value moves away from it: "
        "slightly off.",
    },
    "zi.fired.destatis.deadline_passed": {
        "de": "Das Zieljahr {period} ist vorbei und das Ziel nicht erreicht (es fehlen {gap}).",
        "en": "The target year {period} has passed and the target was missed (by {gap}).",
    },
    "zi.fired.destatis.direction_both": {
        "de": "Beide zeigen in die gewünschte Richtung.",
        "en": "Both point the right way.",
    },
    "zi.fired.destatis.direction_mean_only": {
        "de": "Nur der Durchschnitt zeigt in die gewünschte Richtung.",
        "en": "Only the average points the right way.",
    },
    "zi.fired.destatis.direction_latest_only": {
        "de": "Nur die letzte Veränderung zeigt in die gewünschte Richtung.",
        "en": "Only the latest change points the right way.",
    },
    "zi.fired.destatis.direction_flat": {
        "de": "Der Wert hat sich gar nicht verändert (Stillstand): deutlich abseits.",
        "en": "The value has not changed at all (standstill): off track.",
    },
    "zi.short.direction_flat": {"de": "Stillstand, keine Veränderung", "en": "standstill"},
    "zi.fired.destatis.direction_neither": {
        "de": "Keine von beiden zeigt in die gewünschte Richtung.",
        "en": "Neither points the right way.",
    },
    "zi.fired.cagr.reached": {
        "de": "Das Ziel ist erreicht (Punktwert +5).",
        "en": "The target is reached (score +5).",
    },
    # one-sentence summaries ("Kurz: …") in plain words
    "zi.sum.reached": {
        "de": "Kurz: Das Ziel ist bereits erreicht.",
        "en": "In short: the target is reached.",
    },
    "zi.sum.projection.on_track": {
        "de": "Kurz: Geht es im bisherigen Tempo weiter, wird das Ziel bis {period} erreicht.",
        "en": "In short: at the pace so far, the target will be reached by {period}.",
    },
    "zi.sum.projection.slightly_off": {
        "de": "Kurz: Im bisherigen Tempo wird das Ziel bis {period} knapp verfehlt.",
        "en": "In short: at the pace so far, the target will be narrowly missed by {period}.",
    },
    "zi.sum.projection.off_track": {
        "de": "Kurz: Es geht in die richtige Richtung, aber zu langsam für das Ziel bis {period}.",
        "en": "In short: moving the right way, but too slowly for the target by {period}.",
    },
    "zi.sum.moving_away": {
        "de": "Kurz: Der Wert entwickelt sich vom Ziel weg.",
        "en": "In short: the value is moving away from the target.",
    },
    "zi.sum.stagnation": {
        "de": "Kurz: Der Wert bewegt sich nicht; so wird das Ziel nicht erreicht.",
        "en": "In short: the value does not move; the target will not be reached like this.",
    },
    "zi.sum.reached_but_worsening": {
        "de": "Kurz: Das Ziel ist erreicht, der Wert entwickelt sich aber zurück.",
        "en": "In short: the target is reached, but the value is slipping back.",
    },
    "zi.sum.deadline_passed": {
        "de": "Kurz: Das Zieljahr ist vorbei, das Ziel wurde nicht erreicht.",
        "en": "In short: the target year has passed and the target was missed.",
    },
    "zi.sum.direction_both": {
        "de": "Kurz: Der Wert entwickelt sich wie gewünscht.",
        "en": "In short: the value develops as desired.",
    },
    "zi.sum.direction_mean_only": {
        "de": "Kurz: Im Durchschnitt wie gewünscht, im letzten Jahr aber nicht.",
        "en": "In short: as desired on average, but not in the last year.",
    },
    "zi.sum.direction_latest_only": {
        "de": "Kurz: Im Durchschnitt nicht wie gewünscht, im letzten Jahr aber schon.",
        "en": "In short: not as desired on average, but in the last year.",
    },
    "zi.sum.direction_neither": {
        "de": "Kurz: Der Wert entwickelt sich nicht wie gewünscht.",
        "en": "In short: the value does not develop as desired.",
    },
    "zi.sum.direction_flat": {
        "de": "Kurz: Der Wert bewegt sich nicht.",
        "en": "In short: the value does not move.",
    },
    "zi.sum.cagr.target.on_track": {
        "de": "Kurz: Das bisherige Tempo reicht für das Ziel bis {period}.",
        "en": "In short: the pace so far is enough for the target by {period}.",
    },
    "zi.sum.cagr.target.slightly_off": {
        "de": "Kurz: Es geht voran, aber etwas zu langsam für das Ziel bis {period}.",
        "en": "In short: progress, but somewhat too slow for the target by {period}.",
    },
    "zi.sum.cagr.target.off_track": {
        "de": "Kurz: Es geht kaum voran; für das Ziel bis {period} viel zu langsam.",
        "en": "In short: little progress; far too slow for the target by {period}.",
    },
    "zi.sum.cagr.target.wrong_direction": {
        "de": "Kurz: Der Wert entwickelt sich vom Ziel weg.",
        "en": "In short: the value is moving away from the target.",
    },
    "zi.sum.cagr.growth.on_track": {
        "de": "Kurz: Der Wert entwickelt sich deutlich in die gewünschte Richtung.",
        "en": "In short: the value clearly moves the desired way.",
    },
    "zi.sum.cagr.growth.slightly_off": {
        "de": "Kurz: Der Wert entwickelt sich leicht in die gewünschte Richtung.",
        "en": "In short: the value moves slightly the desired way.",
    },
    "zi.sum.cagr.growth.off_track": {
        "de": "Kurz: Der Wert bewegt sich kaum.",
        "en": "In short: the value barely moves.",
    },
    "zi.sum.cagr.growth.wrong_direction": {
        "de": "Kurz: Der Wert entwickelt sich nicht wie gewünscht.",
        "en": "In short: the value does not develop as desired.",
    },
    "zi.short.miss": {
        "de": "hochgerechnete Verfehlung {ratio} des Abstands",
        "en": "projected miss {ratio} of the distance",
    },
    "zi.short.moving_away": {"de": "entfernt sich vom Ziel", "en": "moving away from target"},
    "zi.short.stagnation": {"de": "keine Veränderung", "en": "no change"},
    "zi.short.reached": {"de": "Ziel erreicht", "en": "target reached"},
    "zi.short.reached_but_worsening": {
        "de": "erreicht, aber rückläufig",
        "en": "reached, but worsening",
    },
    "zi.short.deadline_passed": {"de": "Zieljahr verstrichen", "en": "target year passed"},
    "zi.short.direction_both": {
        "de": "Durchschnitt und letztes Jahr in Zielrichtung",
        "en": "average and last year the right way",
    },
    "zi.short.direction_mean_only": {
        "de": "nur der Durchschnitt in Zielrichtung",
        "en": "only the average the right way",
    },
    "zi.short.direction_latest_only": {
        "de": "nur das letzte Jahr in Zielrichtung",
        "en": "only last year the right way",
    },
    "zi.short.direction_neither": {
        "de": "weder Durchschnitt noch letztes Jahr in Zielrichtung",
        "en": "neither average nor last year the right way",
    },
    "zi.short.growth": {
        "de": "{growth} pro Jahr in Zielrichtung",
        "en": "{growth} per year the right way",
    },
    "zi.short.ratio": {
        "de": "Verhältnis beobachtet/nötig {ratio}",
        "en": "ratio observed/needed {ratio}",
    },
    "zi.reason.no_data": {
        "de": "Nicht bewertbar: Für dieses Gebiet gibt es keine veröffentlichbaren Werte.",
        "en": "Not assessable: there are no publishable values for this area.",
    },
    "zi.reason.too_few_points": {
        "de": "Nicht bewertbar: nur {found} verwendbare Werte, nötig sind mindestens {needed}.",
        "en": "Not assessable: only {found} usable values, at least {needed} are needed.",
    },
    "zi.reason.no_direction": {
        "de": "Nicht bewertbar: Für diesen Indikator ist keine gewünschte Richtung festgelegt.",
        "en": "Not assessable: no desired direction is defined for this indicator.",
    },
    "zi.reason.zero_baseline": {
        "de": "Nicht bewertbar: Der Ausgangswert ist 0, eine prozentuale Veränderung davon ist "
        "nicht bestimmbar. Bitte einen absoluten Zielwert verwenden.",
        "en": "Not assessable: the baseline is 0, so a percentage change cannot be computed. "
        "Please use an absolute target.",
    },
    "zi.reason.no_baseline": {
        "de": "Nicht bewertbar: Für die prozentuale Veränderung fehlt der Ausgangswert.",
        "en": "Not assessable: the baseline value for the percentage change is missing.",
    },
    "zi.reason.unknown_type": {
        "de": "Nicht bewertbar: unbekannte Zielart.",
        "en": "Not assessable: unknown target type.",
    },
    "zi.reason.target_period_not_after_base": {
        "de": "Nicht bewertbar: Das Zieljahr liegt nicht nach dem ersten verwendbaren Jahr.",
        "en": "Not assessable: the target year is not after the first usable year.",
    },
    "zi.reason.mostly_hidden": {
        "de": "Nicht bewertbar: {hidden} Werte sind wegen kleiner Fallzahlen geheim, nur "
        "{usable} verwendbar. Ein Trend nur aus den sichtbaren (größeren) Werten wäre verzerrt.",
        "en": "Not assessable: {hidden} values are secret because of small numbers, only "
        "{usable} usable. A trend from the visible (larger) values alone would be biased.",
    },
    "zi.reason.zero_base": {
        "de": "Nicht bewertbar: Der Ausgangswert ist 0, eine Wachstumsrate ist nicht bestimmbar.",
        "en": "Not assessable: the starting value is 0, so no growth rate can be computed.",
    },
    "zi.note.omitted": {
        "de": "Ausgelassen: {items}.",
        "en": "Left out: {items}.",
    },
    "zi.note.provisional": {
        "de": "Vorläufige Werte: {periods}.",
        "en": "Provisional values: {periods}.",
    },
    "zi.note.small_numbers": {
        "de": "Unsicher: kleine Fallzahl (Zähler {numerator}). Der Wert kann allein durch Zufall "
        "um etwa ±{se} schwanken.",
        "en": "Uncertain: small numbers (numerator {numerator}). The value can vary by about "
        "±{se} by chance alone.",
    },
    "zi.note.small_count": {
        "de": "Unsicher: kleine Anzahl ({value}). Sie kann allein durch Zufall um etwa ±{se} "
        "schwanken.",
        "en": "Uncertain: small count ({value}). It can vary by about ±{se} by chance alone.",
    },
    "zi.note.within_noise": {
        "de": "Die Veränderung ist kleiner als die zu erwartende Zufallsschwankung (±{noise} pro "
        "Jahr); der Status ist deshalb unsicher.",
        "en": "The change is smaller than the expected random variation (±{noise} per year); "
        "the status is therefore uncertain.",
    },
    "zi.note.short_window": {
        "de": "Berechnet aus {changes} statt {window} jährlichen Veränderungen (mehr Jahre gibt "
        "es noch nicht).",
        "en": "Computed from {changes} instead of {window} annual changes (no more years yet).",
    },
    "zi.note.pp_mode": {
        "de": "In Stadtteilen rechnet die Methode mit Prozentpunkten statt Wachstumsraten: Bei "
        "kleinen Zahlen würden Wachstumsraten große Sprünge vortäuschen.",
        "en": "In districts the method uses percentage points instead of growth rates: with "
        "small numbers, growth rates would suggest large jumps.",
    },
    "zi.note.nonpositive": {
        "de": "Werte von 0 oder darunter: Wachstumsraten sind nicht bestimmbar, deshalb wird mit "
        "Veränderungen in Einheiten gerechnet.",
        "en": "Values of 0 or below: growth rates cannot be computed, so changes in units are "
        "used.",
    },
    "zi.omit.missing": {"de": "kein Wert", "en": "no value"},
    "zi.omit.secret": {"de": "geheim, kleine Fallzahl", "en": "secret, small numbers"},
    "zi.omit.not_yet_available": {"de": "noch nicht verfügbar", "en": "not yet available"},
    "zi.omit.not_meaningful": {"de": "nicht sinnvoll", "en": "not meaningful"},
    "zi.omit.not_reliable": {"de": "nicht verlässlich", "en": "not reliable"},
    "zi.omit.not_available": {"de": "nicht vorhanden", "en": "not available"},
    "zi.omit.reference_missing": {"de": "Referenzwert fehlt", "en": "reference missing"},
    "zi.omit.reference_secret": {"de": "Referenzwert geheim", "en": "reference secret"},
    "zi.omit.reference_not_yet_available": {
        "de": "Referenzwert noch nicht verfügbar",
        "en": "reference not yet available",
    },
    "zi.omit.reference_not_meaningful": {
        "de": "Referenzwert nicht sinnvoll",
        "en": "reference not meaningful",
    },
    "zi.omit.reference_not_reliable": {
        "de": "Referenzwert nicht verlässlich",
        "en": "reference not reliable",
    },
    "zi.omit.reference_not_available": {
        "de": "Referenzwert nicht vorhanden",
        "en": "reference not available",
    },
    # --- charts ------------------------------------------------------------------------------
    "zi.heat.score": {"de": "Punktwert {score} (von −5 bis +5)", "en": "score {score} (−5 to +5)"},
    "zi.bullet.achieved": {"de": "geschafft", "en": "achieved"},
    "zi.bullet.expected": {"de": "zeitlicher Soll-Stand", "en": "where it should be by now"},
    "zi.bullet.axis": {
        "de": "Anteil des Weges vom Ausgangswert (0 %) zum Ziel (100 %)",
        "en": "share of the way from the baseline (0 %) to the target (100 %)",
    },
    "zi.bullet.hover": {
        "de": "<b>{label}</b><br>{status}<br>Stand {period}: {actual}<br>geschafft: "
        "{achieved} des Weges<br>zeitlicher Soll-Stand: {expected}",
        "en": "<b>{label}</b><br>{status}<br>{period}: {actual}<br>achieved: {achieved} of "
        "the way<br>time elapsed: {expected}",
    },
    "zi.traj.path": {"de": "Zielpfad", "en": "target path"},
    "zi.traj.projection": {"de": "Fortschreibung", "en": "projection"},
    "zi.traj.projection_text": {
        "de": "Fortschreibung {period}: {value}",
        "en": "projection {period}: {value}",
    },
    "zi.traj.target": {"de": "Ziel", "en": "target"},
    "zi.traj.target_text": {"de": "Ziel: {value}", "en": "target: {value}"},
    # --- Ziel-Ist-Vergleich page -------------------------------------------------------------
    "ziele.title": {"de": "Ziel-Ist-Vergleich", "en": "Targets and gaps"},
    "ziele.caption": {
        "de": "Wo steht jeder Stadtteil bei den Zielen des Leitbildes, wie weit ist es noch bis "
        "zum Ziel, und reicht das Tempo? Jeder Status ist unten erklärt.",
        "en": "Where does each district stand on the goals of the strategy, how far is it to "
        "the target, and is the pace enough? Every status is explained below.",
    },
    "ziele.filter.field": {"de": "Handlungsfeld", "en": "Field of action"},
    "ziele.filter.area": {"de": "Gebiet", "en": "Area"},
    "ziele.filter.status": {"de": "Status", "en": "Status"},
    "ziele.filter.method": {"de": "Bewertungsmethode", "en": "Assessment method"},
    "ziele.filter.implicit": {
        "de": "Indikatoren ohne Zielwert nach ihrer Richtung bewerten",
        "en": "Assess indicators without a target by their direction",
    },
    "ziele.implicit_help": {
        "de": "Für viele Indikatoren gibt es noch keinen vereinbarten Zielwert. Eingeschaltet "
        "wird für sie nur die Richtung bewertet (steigt/sinkt der Wert wie gewünscht?).",
        "en": "Many indicators have no agreed target yet. When on, only their direction is "
        "assessed (does the value rise or fall as desired?).",
    },
    "ziele.method_help": {
        "de": "Wettermethode (Standard): Fortschreibung des Trends der letzten fünf Jahre bis "
        "zum Zieljahr. Wachstumsraten: jährliches Wachstum seit dem Basisjahr im Vergleich "
        "zum nötigen Wachstum.",
        "en": "Weather method (default): the trend of the last five years continued to the "
        "target year. Growth rates: annual growth since the base year compared with the "
        "growth needed.",
    },
    "ziele.all_fields": {"de": "Alle Handlungsfelder", "en": "All fields"},
    "ziele.all_areas": {"de": "Alle Gebiete", "en": "All areas"},
    "ziele.all_statuses": {"de": "Alle", "en": "All"},
    "ziele.no_targets": {
        "de": "Noch keine Zielwerte und keine bewertbaren Indikatoren. Legen Sie unten "
        "Zielwerte an oder importieren Sie sie.",
        "en": "No targets and no assessable indicators yet. Create or import targets below.",
    },
    "ziele.matrix": {
        "de": "Stand nach Stadtteil und Handlungsfeld",
        "en": "Status by district and field",
    },
    "ziele.matrix_help": {
        "de": "Jede Zelle fasst alle Bewertungen eines Handlungsfelds in einem Gebiet zusammen. "
        "Ein Klick auf eine Zelle filtert die Tabelle darunter.",
        "en": "Each cell combines all assessments of a field in one area. Click a cell to "
        "filter the table below.",
    },
    "ziele.matrix_rule": {
        "de": "Zusammenfassung: Mittelwert der Punktwerte (siehe Seite Handlungsfelder).",
        "en": "Combined as the mean of the scores (see page Fields of action).",
    },
    "ziele.table": {"de": "Zielwerte und Abstände ({n})", "en": "Targets and gaps ({n})"},
    "ziele.table_limited": {
        "de": "Die Tabelle zeigt die ersten {shown} von {total} Zeilen (Zielwerte zuerst). "
        "Handlungsfeld, Gebiet oder Status eingrenzen; der Download enthält alle Zeilen.",
        "en": "The table shows the first {shown} of {total} rows (targets first). Narrow it "
        "by field, area or status; the download holds every row.",
    },
    "ziele.empty_filter": {
        "de": "Keine Zielwerte für diese Auswahl.",
        "en": "No targets for this selection.",
    },
    "ziele.detail": {"de": "Verlauf und Begründung", "en": "Trajectory and reasoning"},
    "ziele.pick": {"de": "Zielwert", "en": "Target"},
    "ziele.period": {"de": "Stand {period}", "en": "as of {period}"},
    "ziele.why": {"de": "Wie kommt der Status zustande?", "en": "How is the status derived?"},
    "ziele.history": {"de": "Status in früheren Jahren", "en": "Status in earlier years"},
    "ziele.history_help": {
        "de": "Jeder Punkt zeigt den Status, wie er mit den damals neuesten Daten ausgefallen "
        "wäre.",
        "en": "Each point shows the status as it would have been with the data then available.",
    },
    "ziele.values_per_year": {"de": "Werte und Abstände je Jahr", "en": "Values and gaps by year"},
    "ziele.bullets": {"de": "Wie viel des Weges ist geschafft?", "en": "How much of the way?"},
    "ziele.bullets_help": {
        "de": "Balken: geschaffter Anteil des Weges vom Ausgangswert zum Ziel. Strich: wo der "
        "Wert stehen müsste, wenn es gleichmäßig bis zum Zieljahr ginge.",
        "en": "Bar: share of the way from the baseline to the target achieved. Tick: where the "
        "value would be on an even path to the target year.",
    },
    "ziele.download_csv": {"de": "Tabelle als CSV", "en": "Table as CSV"},
    "ziele.download_xlsx": {"de": "Tabelle als Excel", "en": "Table as Excel"},
    "ziele.sheet": {"de": "Ziel-Ist-Vergleich", "en": "Targets and gaps"},
    "zi.col.indicator": {"de": "Indikator", "en": "Indicator"},
    "zi.col.area": {"de": "Gebiet", "en": "Area"},
    "zi.col.field_short": {"de": "Feld", "en": "Field"},
    "zi.col.target": {"de": "Ziel", "en": "Target"},
    "zi.col.actual": {"de": "Ist", "en": "Actual"},
    "zi.col.reference": {"de": "Referenz", "en": "Reference"},
    "zi.col.period": {"de": "Jahr", "en": "Year"},
    "zi.col.gap": {"de": "Abstand", "en": "Gap"},
    "zi.col.gap_help": {
        "de": "Wie viel noch fehlt (positiv = noch zu schaffen). Bei Parität in Prozentpunkten.",
        "en": "How much is still missing (positive = still to go). For parity in percentage "
        "points.",
    },
    "zi.col.gap_relative": {"de": "Abstand in %", "en": "Gap in %"},
    "zi.col.gap_relative_help": {
        "de": "Abstand im Verhältnis zum Zielwert (bei Parität: zum Referenzanteil).",
        "en": "Gap relative to the target value (for parity: to the reference share).",
    },
    "zi.col.trend": {"de": "Verlauf", "en": "Trend"},
    "zi.col.years": {"de": "Jahre bis zum Ziel", "en": "Years to target"},
    "zi.col.years_help": {
        "de": "Wie lange es beim durchschnittlichen Tempo der letzten Jahre noch dauert.",
        "en": "How long it takes at the average pace of recent years.",
    },
    "zi.col.reason": {"de": "Begründung", "en": "Reason"},
    # --- Handlungsfelder page ----------------------------------------------------------------
    "hf.title": {"de": "Handlungsfelder", "en": "Fields of action"},
    "hf.caption": {
        "de": "Das Leitbild als Baum: Handlungsfeld → Leitziel → Teilziel, jeweils mit Status, "
        "Indikatoren, Maßnahmen und Hinweisen. Die Zieltexte sind unsere Kurzfassungen; "
        "verbindlich ist das Leitbild selbst.",
        "en": "The strategy as a tree: field → guiding goal → sub-goal, each with status, "
        "indicators, measures and flags. Goal texts are our summaries; the strategy itself "
        "is authoritative.",
    },
    "hf.filter.field": {"de": "Handlungsfeld öffnen", "en": "Open field"},
    "hf.all_fields_open": {"de": "keines (alle zugeklappt)", "en": "none (all collapsed)"},
    "hf.filter.flags": {"de": "Nur Ziele mit Hinweisen", "en": "Only goals with flags"},
    "hf.filter.flags_help": {
        "de": "Zeigt nur Ziele, die Aufmerksamkeit brauchen (abseits ohne Maßnahme, Maßnahmen "
        "ohne Wirkung, Ziel ohne Indikator).",
        "en": "Shows only goals that need attention.",
    },
    "hf.rule_title": {"de": "So wird zusammengefasst", "en": "How statuses are combined"},
    "hf.rule": {
        "de": "1. Jedes Ziel sammelt die Bewertungen seiner Zielwerte und Indikatoren im "
        "gewählten Gebiet. Ein Teilziel zählt seine Unterpunkte mit, ein Leitziel die "
        "Teilziele, die es unterstützen, ein Handlungsfeld alle seine Ziele.\n"
        "2. Jede Bewertung zählt einmal mit Punkten: Ziel erreicht +5, auf Kurs +3,75, leicht "
        "abseits +1,25, deutlich abseits −1,25, falsche Richtung −3,75 (Wettermethode); bei "
        "der Methode Wachstumsraten der genaue Punktwert von −5 bis +5. „Nicht bewertbar“ "
        "wird gezählt, hat aber keine Punkte.\n"
        "3. Der Punktwert eines Ziels ist der Mittelwert. Ab 2,5 → auf Kurs, ab 0 → leicht "
        "abseits, ab −2,5 → deutlich abseits, darunter → falsche Richtung. „Ziel erreicht“ "
        "nur, wenn alle bewerteten Zielwerte erreicht sind.\n"
        "4. Maßnahmen stehen daneben (Anzahl nach Stand, Fortschritt der laufenden) und "
        "fließen nie in den Status ein.\n"
        "5. Hinweise: abseits (deutlich oder falsche Richtung) und keine laufende Maßnahme; "
        "Maßnahmen abgeschlossen, aber kein Indikator bewegt sich in die gewünschte Richtung; "
        "Ziel ohne Indikator.",
        "en": "1. Each goal collects the assessments of its targets and indicators in the "
        "chosen area. A sub-goal includes its sub-points, a guiding goal the sub-goals that "
        "support it, a field all its goals.\n"
        "2. Each assessment counts once with points: reached +5, on track +3.75, slightly off "
        "+1.25, off track −1.25, wrong direction −3.75 (weather method); with the growth rate "
        "method its exact score from −5 to +5. 'Not assessable' is counted without points.\n"
        "3. A goal's score is the mean. From 2.5 → on track, from 0 → slightly off, from −2.5 "
        "→ off track, below → wrong direction. 'Reached' only if all assessed targets are "
        "reached.\n"
        "4. Measures are shown beside it (count by status, progress of running ones) and never "
        "enter the status.\n"
        "5. Flags: off track (or wrong direction) and no running measure; measures completed "
        "but no indicator moves the desired way; goal without any indicator.",
    },
    "hf.overview": {"de": "Die 12 Handlungsfelder – {area}", "en": "The 12 fields – {area}"},
    "hf.col.score": {"de": "Punktwert", "en": "Score"},
    "hf.col.score_help": {
        "de": "Mittelwert der Punkte aller Bewertungen (−5 bis +5).",
        "en": "Mean of the points of all assessments (−5 to +5).",
    },
    "hf.col.assessments": {"de": "Bewertungen", "en": "Assessments"},
    "hf.col.running": {"de": "Maßnahmen laufend", "en": "Measures running"},
    "hf.col.completed": {"de": "abgeschlossen", "en": "completed"},
    "hf.col.coverage": {"de": "Ziele mit Bewertung", "en": "Goals assessed"},
    "hf.col.coverage_help": {
        "de": "Anteil der Ziele des Handlungsfelds, für die es in diesem Gebiet eine Bewertung "
        "gibt.",
        "en": "Share of the field's goals with an assessment in this area.",
    },
    "hf.tree": {"de": "Ziele im Einzelnen", "en": "Goals in detail"},
    "hf.no_assessment": {
        "de": "keine Bewertung (keine Daten oder kein Indikator)",
        "en": "no assessment (no data or no indicator)",
    },
    "hf.counts": {
        "de": "Punktwert {score} aus {n}: {parts}",
        "en": "score {score} from {n}: {parts}",
    },
    "hf.counts_only": {"de": "{n}: {parts}", "en": "{n}: {parts}"},
    "hf.n_one": {"de": "1 Bewertung", "en": "1 assessment"},
    "hf.n_many": {"de": "{n} Bewertungen", "en": "{n} assessments"},
    "hf.col.attention": {"de": "Worauf achten", "en": "What to watch"},
    "hf.col.attention_help": {
        "de": "Ziele abseits ohne laufende Maßnahme oder mit abgeschlossenen Maßnahmen ohne "
        "Bewegung der Indikatoren.",
        "en": "Goals off track without a running measure, or with completed measures while "
        "the indicators do not move.",
    },
    "hf.col.no_indicator": {"de": "Ziele ohne Indikator", "en": "Goals without indicator"},
    "hf.no_measures": {"de": "keine Maßnahmen verknüpft", "en": "no linked measures"},
    "hf.measures": {"de": "Maßnahmen: {parts}", "en": "Measures: {parts}"},
    "hf.progress": {
        "de": " (Ø Fortschritt der laufenden: {value} %)",
        "en": " (mean progress of running ones: {value} %)",
    },
    "hf.measures_beside": {
        "de": "Maßnahmen stehen neben dem Status und fließen nicht ein.",
        "en": "Measures are shown beside the status and do not enter it.",
    },
    "hf.coverage_line": {
        "de": "{goals} Ziele, davon {with_indicator} mit Indikator und {assessed} mit Bewertung.",
        "en": "{goals} goals, {with_indicator} with an indicator and {assessed} assessed.",
    },
    "hf.no_flags": {"de": "Keine Hinweise in diesem Handlungsfeld.", "en": "No flags here."},
    "hf.implicit": {"de": "ohne Zielwert", "en": "no target"},
    "hf.indicators_without": {
        "de": "Indikatoren ohne Bewertung hier: {names}",
        "en": "Indicators without assessment here: {names}",
    },
    "hf.linked_measures": {"de": "Maßnahmen: {titles}", "en": "Measures: {titles}"},
    "hf.coverage_title": {
        "de": "Abdeckung nach Stadtteil und Handlungsfeld",
        "en": "Coverage by district and field",
    },
    "hf.coverage_help": {
        "de": "Anteil der Ziele mit einer Bewertung – wie der Berichtsstand bei Open SDG. "
        "Niedrige Werte heißen: Hier fehlen Indikatoren, Daten oder Zielwerte.",
        "en": "Share of goals with an assessment, like Open SDG's reporting status. Low values "
        "mean indicators, data or targets are missing.",
    },
    # --- target form ---------------------------------------------------------------------------
    "tf.title": {"de": "Zielwerte verwalten", "en": "Manage targets"},
    "tf.caption": {
        "de": "Änderungen überschreiben nichts: Die alte Fassung wird mit Grund beendet und "
        "bleibt in der Historie. Stand: {today}.",
        "en": "Changes overwrite nothing: the old version is retired with a reason and stays "
        "in the history. As of {today}.",
    },
    "tf.tab.edit": {"de": "Ändern oder beenden", "en": "Edit or retire"},
    "tf.tab.new": {"de": "Neuer Zielwert", "en": "New target"},
    "tf.tab.import": {"de": "Import (CSV/XLSX)", "en": "Import (CSV/XLSX)"},
    "tf.tab.retired": {"de": "Beendete Zielwerte", "en": "Retired targets"},
    "tf.indicator": {"de": "Indikator", "en": "Indicator"},
    "tf.area": {"de": "Gebiet", "en": "Area"},
    "tf.all_districts": {"de": "alle Stadtteile", "en": "all districts"},
    "tf.group": {"de": "Gruppe", "en": "Group"},
    "tf.type": {"de": "Art des Ziels", "en": "Kind of target"},
    "tf.type_help": {
        "de": "Zielwert: fester Wert. Veränderung in %: gegenüber dem Ausgangsjahr. Parität: "
        "gleicher Anteil wie die Referenz. Nur Richtung: soll steigen oder sinken.",
        "en": "Target value: fixed value. Change in %: compared with the baseline year. "
        "Parity: same share as the reference. Direction only: should rise or fall.",
    },
    "tf.value": {"de": "Wert", "en": "Value"},
    "tf.value_help": {
        "de": "Zielwert bzw. Veränderung in Prozent (−15 = 15 % weniger). Leer bei Parität und "
        "Richtung.",
        "en": "Target value or change in per cent (−15 = 15 % less). Empty for parity and "
        "direction.",
    },
    "tf.target_period": {"de": "Zieljahr", "en": "Target year"},
    "tf.baseline_period": {"de": "Ausgangsjahr", "en": "Baseline year"},
    "tf.baseline_value": {"de": "Ausgangswert", "en": "Baseline value"},
    "tf.baseline_value_help": {
        "de": "Leer lassen: der Wert des Ausgangsjahrs aus den Daten wird verwendet.",
        "en": "Leave empty to use the value of the baseline year from the data.",
    },
    "tf.goal": {"de": "Ziel im Leitbild", "en": "Goal in the strategy"},
    "tf.no_goal": {"de": "keins", "en": "none"},
    "tf.reference": {"de": "Referenzindikator (Parität)", "en": "Reference indicator (parity)"},
    "tf.reference_help": {
        "de": "Womit verglichen wird. Derselbe Indikator und dieselbe Gruppe bedeutet: Vergleich "
        "mit der Stadt Münster insgesamt.",
        "en": "What to compare with. The same indicator and group means: compared with the "
        "city as a whole.",
    },
    "tf.reference_group": {"de": "Referenzgruppe", "en": "Reference group"},
    "tf.note": {"de": "Beschreibung", "en": "Description"},
    "tf.create": {"de": "Zielwert anlegen", "en": "Create target"},
    "tf.created": {"de": "Zielwert #{id} angelegt.", "en": "Target #{id} created."},
    "tf.need_reason": {
        "de": "Bitte Ihren Namen und einen Grund angeben.",
        "en": "Please give your name and a reason.",
    },
    "tf.problem": {
        "de": "„{column}“: erwartet {expected}, gefunden {found}.",
        "en": "'{column}': expected {expected}, found {found}.",
    },
    "tf.none_active": {"de": "Keine aktiven Zielwerte.", "en": "No active targets."},
    "tf.none_retired": {"de": "Noch keine beendeten Zielwerte.", "en": "No retired targets yet."},
    "tf.pick": {"de": "Zielwert auswählen", "en": "Choose a target"},
    "tf.history": {"de": "Historie dieses Zielwerts", "en": "History of this target"},
    "tf.reason": {"de": "Grund der Änderung", "en": "Reason for the change"},
    "tf.reason_help": {
        "de": "Pflicht: steht in der Historie bei der alten Fassung.",
        "en": "Required: stored with the old version in the history.",
    },
    "tf.save": {"de": "Änderung speichern", "en": "Save change"},
    "tf.retire": {"de": "Zielwert beenden", "en": "Retire target"},
    "tf.saved": {
        "de": "Gespeichert: #{old} ist beendet, die neue Fassung ist #{new}.",
        "en": "Saved: #{old} is retired, the new version is #{new}.",
    },
    "tf.retired": {"de": "Zielwert #{id} beendet.", "en": "Target #{id} retired."},
    "tf.conflict": {
        "de": "Dieser Zielwert wurde inzwischen von jemand anderem geändert oder beendet. "
        "Nichts wurde überschrieben. Die Seite zeigt jetzt den aktuellen Stand; bitte prüfen "
        "und erneut speichern.",
        "en": "Someone else changed or retired this target in the meantime. Nothing was "
        "overwritten. The page now shows the current state; please check and save again.",
    },
    "tf.import_help": {
        "de": "Spalten: indicator, area (leer = alle Stadtteile), group, type, value, "
        "reference_indicator, reference_group, baseline_period, baseline_value, target_period, "
        "goal, note. Alle Probleme werden aufgelistet; eine Datei mit Fehlern ändert nichts.",
        "en": "Columns: indicator, area (empty = all districts), group, type, value, "
        "reference_indicator, reference_group, baseline_period, baseline_value, target_period, "
        "goal, note. Every problem is listed; a file with errors changes nothing.",
    },
    "tf.file": {"de": "Datei", "en": "File"},
    "tf.too_large": {"de": "Die Datei ist größer als {mb} MB.", "en": "The file exceeds {mb} MB."},
    "tf.import_problems": {
        "de": "{errors} Fehler, {total} Hinweise insgesamt:",
        "en": "{errors} errors, {total} problems in total:",
    },
    "tf.import_refused": {
        "de": "Mit Fehlern wird nichts importiert. Bitte die Datei korrigieren.",
        "en": "Nothing is imported while there are errors. Please fix the file.",
    },
    "tf.import_ready": {"de": "{rows} Zielwerte geprüft.", "en": "{rows} targets checked."},
    "tf.import": {"de": "Importieren", "en": "Import"},
    "tf.imported": {
        "de": "Import fertig: {inserted} neu, {unchanged} schon vorhanden.",
        "en": "Import done: {inserted} new, {unchanged} already there.",
    },
    "tf.p.file": {"de": "Datei", "en": "File"},
    "tf.p.row": {"de": "Zeile", "en": "Row"},
    "tf.p.column": {"de": "Spalte", "en": "Column"},
    "tf.p.expected": {"de": "erwartet", "en": "expected"},
    "tf.p.found": {"de": "gefunden", "en": "found"},
    "tf.p.severity": {"de": "Art", "en": "Severity"},
    "tf.h.id": {"de": "Nr.", "en": "No."},
    "tf.h.target": {"de": "Zielwert", "en": "Target"},
    "tf.h.created": {"de": "angelegt", "en": "created"},
    "tf.h.by": {"de": "von", "en": "by"},
    "tf.h.type": {"de": "Art", "en": "Kind"},
    "tf.h.value": {"de": "Wert", "en": "Value"},
    "tf.h.baseline": {"de": "Ausgangsjahr", "en": "Baseline year"},
    "tf.h.target_period": {"de": "Zieljahr", "en": "Target year"},
    "tf.h.active": {"de": "aktiv", "en": "active"},
    "tf.h.yes": {"de": "ja", "en": "yes"},
    "tf.h.no": {"de": "nein", "en": "no"},
    "tf.h.retired": {"de": "beendet", "en": "retired"},
    "tf.h.retired_by": {"de": "beendet von", "en": "retired by"},
    "tf.h.reason": {"de": "Grund", "en": "Reason"},
}

MESSAGES.update(ZIELE_MESSAGES)
