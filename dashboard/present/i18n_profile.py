"""Messages of the district profile page (Stadtteil), German and English."""

from __future__ import annotations

from dashboard.present.i18n import MESSAGES

PROFILE_MESSAGES: dict[str, dict[str, str]] = {
    "stadtteil.title": {"de": "Stadtteilprofil", "en": "District profile"},
    "stadtteil.caption": {
        "de": "Wo steht ein Stadtteil im Vergleich zur Stadt und zu seinem Stadtbezirk, wie "
        "entwickelt er sich, welche Ziele und Maßnahmen gibt es?",
        "en": "Where does a district stand compared with the city and its borough, how is it "
        "developing, which goals and measures exist?",
    },
    "stadtteil.pick": {"de": "Stadtteil", "en": "District"},
    "stadtteil.pick_help": {
        "de": "Name oder Nummer eintippen, z. B. „Berg“ oder „91“.",
        "en": "Type a name or number, e.g. 'Berg' or '91'.",
    },
    "stadtteil.pick_placeholder": {"de": "Stadtteil wählen …", "en": "Choose a district …"},
    "stadtteil.unknown": {
        "de": "Einen Stadtteil „{code}“ gibt es nicht. Bitte wählen Sie einen Stadtteil aus "
        "der Liste (Name oder Nummer).",
        "en": "There is no district '{code}'. Please choose a district from the list (name or "
        "number).",
    },
    "stadtteil.choose": {
        "de": "Bitte wählen Sie oben einen Stadtteil.",
        "en": "Please choose a district above.",
    },
    "stadtteil.no_data": {
        "de": "Für {name} liegen noch keine Werte vor. Importieren Sie Daten oder starten Sie mit "
        "den Demodaten.",
        "en": "There are no values for {name} yet. Import data or start with the demo data.",
    },
    "stadtteil.unknown_compare": {
        "de": "Nicht erkannt und daher nicht im Vergleich: {codes}",
        "en": "Not recognised and therefore not compared: {codes}",
    },
    "stadtteil.period": {"de": "Stand", "en": "Period"},
    "stadtteil.period_latest": {"de": "jeweils neuester Stand", "en": "latest for each"},
    "stadtteil.period_help": {
        "de": "Ohne Auswahl zeigt jeder Indikator seinen neuesten Wert für den Stadtteil.",
        "en": "Without a choice every indicator shows its latest value for the district.",
    },
    "stadtteil.group": {"de": "Bevölkerungsgruppe", "en": "Population group"},
    "stadtteil.group_help": {
        "de": "Indikatoren ohne diese Gruppe werden ausgeblendet.",
        "en": "Indicators without this group are hidden.",
    },
    "stadtteil.share_link": {
        "de": "Die Adresse dieser Seite hält die Auswahl fest und lässt sich teilen.",
        "en": "The address of this page keeps the selection and can be shared.",
    },
    # key facts
    "stadtteil.fact.population": {"de": "Einwohnende", "en": "Residents"},
    "stadtteil.fact.mv_share": {
        "de": "mit Migrationsvorgeschichte",
        "en": "with migration history",
    },
    "stadtteil.fact.city_delta": {"de": "Stadt {value}", "en": "city {value}"},
    "stadtteil.fact.bezirk": {"de": "Stadtbezirk", "en": "Borough"},
    "stadtteil.fact.latest": {"de": "Neuester Stand", "en": "Latest period"},
    "stadtteil.fact.as_of": {"de": "Stand {period}", "en": "as of {period}"},
    "stadtteil.fact.flags": {
        "de": "Hinweise zu den Werten {period}: {flags}",
        "en": "Flags {period}: {flags}",
    },
    "stadtteil.fact.no_flags": {
        "de": "Keine Kennzeichen (alle Werte endgültig) im Jahr {period}.",
        "en": "No flags (all values final) in {period}.",
    },
    "stadtteil.flag.secret": {"de": "geheim", "en": "secret"},
    "stadtteil.flag.provisional": {"de": "vorläufig", "en": "provisional"},
    "stadtteil.flag.corrected": {"de": "berichtigt", "en": "corrected"},
    "stadtteil.flag.estimated": {"de": "geschätzt", "en": "estimated"},
    "stadtteil.flag.not_yet_available": {"de": "noch nicht verfügbar", "en": "not yet available"},
    "stadtteil.flag.not_meaningful": {"de": "nicht sinnvoll", "en": "not meaningful"},
    "stadtteil.flag.not_reliable": {"de": "nicht sicher genug", "en": "not reliable"},
    "stadtteil.flag.not_available": {"de": "nicht vorhanden", "en": "not available"},
    "stadtteil.value.hidden": {"de": "geheim", "en": "secret"},
    "stadtteil.value.hidden_help": {
        "de": "„geheim“: Der Wert beruht auf sehr wenigen Personen und wird zum Schutz der "
        "Privatsphäre nicht gezeigt (wie in der amtlichen Statistik). Er zählt nie als 0.",
        "en": "'secret': the value rests on very few people and is not shown, to protect "
        "privacy (as in official statistics). It never counts as 0.",
    },
    # indicators vs city
    "stadtteil.profile.heading": {
        "de": "Im Vergleich zur Stadt und zum Stadtbezirk",
        "en": "Compared with the city and the borough",
    },
    "stadtteil.profile.summary": {
        "de": "{name} im Vergleich zur Stadt: besser bei **{better}**, ähnlich bei **{similar}**, "
        "schlechter bei **{worse}** Indikatoren; dazu **{neutral}** beschreibende Indikatoren "
        "ohne Wertung.",
        "en": "{name} compared with the city: better on **{better}**, similar on **{similar}**, "
        "worse on **{worse}** indicators; plus **{neutral}** descriptive indicators without a "
        "judgement.",
    },
    "stadtteil.profile.only_neutral": {
        "de": "Für {name} liegen bisher nur beschreibende Indikatoren ohne Wertung vor (z. B. der "
        "Anteil mit Migrationsvorgeschichte). Besser oder schlechter lässt sich erst mit "
        "weiteren Daten sagen.",
        "en": "So far there are only descriptive indicators without a judgement for {name} (e.g. "
        "the share with migration history). Better or worse can only be said with more data.",
    },
    "stadtteil.profile.how_to_read": {
        "de": "So lesen: Die Mitte ist der Wert der Stadt Münster. Der Punkt zeigt den "
        "Stadtteil, die Raute den Stadtbezirk, der graue Balken die Spannweite aller Stadtteile "
        "(dunkler: die mittlere Hälfte). **Rechts ist immer besser** – bei Indikatoren, bei denen "
        "weniger besser ist (z. B. SGB-II-Quote), ist die Achse gedreht. Dunkelgraue "
        "Punkte (ohne Wertung, „höher ▶“): rechts = höher. „Ähnlich“ heißt: höchstens 5 % vom "
        "Stadtwert entfernt.",
        "en": "How to read: the middle is the city of Münster. The dot shows the district, the "
        "diamond the borough, the grey bar the range of all districts (darker: the middle "
        "half). **Right is always better** – for indicators where less is better (e.g. the "
        "SGB II rate) the axis is turned. Dark grey dots (no judgement, 'higher ▶'): right = "
        "higher. 'Similar' means within 5 % of the city value.",
    },
    "stadtteil.standout.heading": {"de": "Was auffällt", "en": "What stands out"},
    "stadtteil.standout.worse": {
        "de": "Am deutlichsten schlechter als die Stadt:",
        "en": "Most clearly worse than the city:",
    },
    "stadtteil.standout.better": {"de": "Besser als die Stadt:", "en": "Better than the city:"},
    "stadtteil.standout.none": {"de": "keine Indikatoren", "en": "no indicators"},
    "stadtteil.standout.item": {
        "de": "{indicator} {value} (Stadt {city})",
        "en": "{indicator} {value} (city {city})",
    },
    "stadtteil.profile.empty_group": {
        "de": "Für die Gruppe „{group}“ liegen für {name} keine Werte vor.",
        "en": "There are no values for the group '{group}' in {name}.",
    },
    "stadtteil.profile.counts": {
        "de": "Anzahlen (hängen von der Größe des Stadtteils ab, daher ohne Vergleich)",
        "en": "Counts (depend on the size of the district, so not compared)",
    },
    "stadtteil.profile.table": {"de": "Alle Werte als Tabelle", "en": "All values as a table"},
    "stadtteil.spine.axis": {
        "de": "Lage unter allen Stadtteilen (Mitte = Stadt Münster)",
        "en": "Position among all districts (middle = city of Münster)",
    },
    "stadtteil.spine.neutral_suffix": {"de": "(höher ▶)", "en": "(higher ▶)"},
    "stadtteil.spine.worse": {"de": "◀ schlechter", "en": "◀ worse"},
    "stadtteil.spine.better": {"de": "besser ▶", "en": "better ▶"},
    "stadtteil.spine.city": {"de": "Stadt", "en": "City"},
    "stadtteil.spine.range": {"de": "Spannweite der Stadtteile", "en": "Range of the districts"},
    "stadtteil.spine.iqr": {
        "de": "mittlere Hälfte der Stadtteile",
        "en": "Middle half of the districts",
    },
    "stadtteil.spine.bezirk": {"de": "Stadtbezirk {name}", "en": "Borough {name}"},
    "stadtteil.spine.hover": {
        "de": "{indicator} ({period})<br>{district}: {value}<br>Stadt: {city}<br>{bezirk}: "
        "{bezirk_value}<br>{assessment} · Rang {rank}",
        "en": "{indicator} ({period})<br>{district}: {value}<br>City: {city}<br>{bezirk}: "
        "{bezirk_value}<br>{assessment} · rank {rank}",
    },
    "stadtteil.spine.label": {"de": "{value} · Stadt {city}", "en": "{value} · city {city}"},
    "stadtteil.assess.better": {"de": "besser als die Stadt", "en": "better than the city"},
    "stadtteil.assess.similar": {"de": "ähnlich wie die Stadt", "en": "similar to the city"},
    "stadtteil.assess.worse": {"de": "schlechter als die Stadt", "en": "worse than the city"},
    "stadtteil.assess.neutral": {"de": "ohne Wertung", "en": "no judgement"},
    "stadtteil.assess.hidden": {"de": "geheim", "en": "secret"},
    "stadtteil.assess.unknown": {"de": "kein Vergleich", "en": "no comparison"},
    "stadtteil.gap.converging": {
        "de": "Abstand zur Stadt kleiner",
        "en": "gap to the city narrowing",
    },
    "stadtteil.gap.diverging": {"de": "Abstand zur Stadt größer", "en": "gap to the city widening"},
    "stadtteil.gap.stable": {"de": "Abstand etwa gleich", "en": "gap about the same"},
    "stadtteil.rank.of": {"de": "{rank} von {n}", "en": "{rank} of {n}"},
    "stadtteil.unit.pp": {"de": "Pp.", "en": "pp"},
    "stadtteil.col.indicator": {"de": "Indikator", "en": "Indicator"},
    "stadtteil.col.field_short": {"de": "Handlungsfeld", "en": "Field"},
    "stadtteil.col.period": {"de": "Stand", "en": "Period"},
    "stadtteil.col.value": {"de": "Wert", "en": "Value"},
    "stadtteil.col.city": {"de": "Stadt", "en": "City"},
    "stadtteil.col.bezirk": {"de": "Stadtbezirk", "en": "Borough"},
    "stadtteil.col.diff_city": {"de": "Abstand zur Stadt", "en": "Difference to city"},
    "stadtteil.col.assessment": {"de": "Bewertung", "en": "Assessment"},
    "stadtteil.col.rank": {"de": "Rang unter den Stadtteilen", "en": "Rank among districts"},
    "stadtteil.col.gap_trend": {"de": "Entwicklung (5 Jahre)", "en": "Development (5 years)"},
    "stadtteil.col.area": {"de": "Gebiet", "en": "Area"},
    "stadtteil.col.distance": {"de": "Abstand (0 = gleich)", "en": "Distance (0 = equal)"},
    "stadtteil.col.measure": {"de": "Maßnahme", "en": "Measure"},
    "stadtteil.col.m_status": {"de": "Status", "en": "Status"},
    "stadtteil.col.organisation": {"de": "Verantwortlich", "en": "Responsible"},
    "stadtteil.col.end": {"de": "Geplantes Ende", "en": "Planned end"},
    "stadtteil.col.progress": {"de": "Fortschritt", "en": "Progress"},
    "stadtteil.col.goals": {"de": "Ziele", "en": "Goals"},
    "stadtteil.col.goal": {"de": "Ziel", "en": "Goal"},
    "stadtteil.col.goal_indicators": {"de": "Gemessen mit", "en": "Measured by"},
    # trends
    "stadtteil.trends.heading": {"de": "Entwicklung über die Zeit", "en": "Development over time"},
    "stadtteil.trends.pick": {"de": "Indikator", "en": "Indicator"},
    "stadtteil.trends.caption": {
        "de": "Linie: {name}; gestrichelt: Stadt Münster; gepunktet: Stadtbezirk. Lücken sind "
        "fehlende oder geheime Werte.",
        "en": "Line: {name}; dashed: city of Münster; dotted: borough. Gaps are missing or "
        "secret values.",
    },
    "stadtteil.trends.empty": {
        "de": "Für diesen Indikator gibt es im Stadtteil noch keine Zeitreihe.",
        "en": "There is no time series for this indicator in the district yet.",
    },
    "stadtteil.trends.hover": {"de": "{area} {period}: {value}", "en": "{area} {period}: {value}"},
    # goals and measures
    "stadtteil.goals.heading": {
        "de": "Ziele des Leitbilds für {name}",
        "en": "Strategy goals for {name}",
    },
    "stadtteil.goals.empty": {
        "de": "Das Migrationsleitbild nennt eigene Stadtteilziele bisher für Berg Fidel (4 Ziele) "
        "und Coerde (2 Ziele). Für {name} gelten die stadtweiten Ziele der Handlungsfelder; "
        "weitere Stadtteile können mit ihren Netzwerken eigene Ziele ergänzen.",
        "en": "So far the strategy names district goals for Berg Fidel (4 goals) and Coerde "
        "(2 goals). For {name} the city-wide goals of the fields of action apply; more "
        "districts can add their own goals with their networks.",
    },
    "stadtteil.goals.no_data": {
        "de": "{indicator} (noch keine Daten)",
        "en": "{indicator} (no data yet)",
    },
    "stadtteil.goals.none_measured": {"de": "noch ohne Indikator", "en": "no indicator yet"},
    "stadtteil.measures.heading": {
        "de": "Maßnahmen im Stadtteil",
        "en": "Measures in the district",
    },
    "stadtteil.measures.empty": {
        "de": "Für {name} sind noch keine Maßnahmen erfasst.",
        "en": "No measures have been recorded for {name} yet.",
    },
    "stadtteil.measures.count": {
        "de": "{n} Maßnahmen nennen {name} ausdrücklich.",
        "en": "{n} measures name {name} explicitly.",
    },
    "stadtteil.measures.citywide": {
        "de": "Auch stadtweite Maßnahmen zeigen ({n})",
        "en": "Also show city-wide measures ({n})",
    },
    "stadtteil.measures.citywide_heading": {
        "de": "Stadtweite Maßnahmen (ohne Stadtteilbezug, gelten auch hier)",
        "en": "City-wide measures (no district named, apply here too)",
    },
    "stadtteil.measures.citywide_empty": {
        "de": "Keine stadtweiten Maßnahmen erfasst.",
        "en": "No city-wide measures recorded.",
    },
    # comparison and similar districts
    "stadtteil.compare.heading": {
        "de": "Vergleich mit anderen Gebieten",
        "en": "Comparison with other areas",
    },
    "stadtteil.compare.pick": {
        "de": "Vergleichen mit (bis zu drei)",
        "en": "Compare with (up to three)",
    },
    "stadtteil.compare.caption": {
        "de": "Gleiche Skala wie oben: Mitte = Stadt, rechts = besser (Zeilen mit „höher ▶“ ohne "
        "Wertung: rechts = höher). Die Tabelle darunter zeigt die Werte.",
        "en": "Same scale as above: middle = city, right = better (rows marked 'higher ▶' carry "
        "no judgement: right = higher). The table below shows the values.",
    },
    "stadtteil.compare.empty": {
        "de": "Für diese Auswahl gibt es keine vergleichbaren Werte.",
        "en": "There are no comparable values for this selection.",
    },
    "stadtteil.similar.heading": {"de": "Ähnliche Stadtteile", "en": "Similar districts"},
    "stadtteil.similar.caption": {
        "de": "Stadtteile mit ähnlicher Ausgangslage, gemessen an: {indicators}. Ergebnisse wie "
        "Kita-Besuch oder Schulübergänge zählen bewusst nicht mit – so zeigt der Vergleich, wer "
        "bei ähnlicher Lage anderes erreicht. Abstand: mittlere Abweichung in "
        "Standardabweichungen (0 = gleich).",
        "en": "Districts with a similar starting point, measured by: {indicators}. Outcomes such "
        "as Kita attendance or school transitions are deliberately left out – so the comparison "
        "shows who achieves something different from a similar position. Distance: mean "
        "deviation in standard deviations (0 = equal).",
    },
    "stadtteil.similar.empty": {
        "de": "Ähnliche Stadtteile lassen sich mit den geladenen Daten nicht bestimmen.",
        "en": "Similar districts cannot be determined with the loaded data.",
    },
    "stadtteil.similar.self": {"de": "gewählt", "en": "selected"},
    "stadtteil.similar.use": {
        "de": "Die zwei ähnlichsten in den Vergleich übernehmen",
        "en": "Compare with the two most similar",
    },
    # social index
    "stadtteil.index.heading": {"de": "Sozialindex", "en": "Social index"},
    "stadtteil.index.value": {"de": "Sozialindex {period}", "en": "Social index {period}"},
    "stadtteil.col.provenance": {"de": "Herkunft", "en": "Provenance"},
    "stadtteil.index.composition": {
        "de": "Zusammensetzung: {indicators} – nur Indikatoren der sozialen Lage, ohne Anteil mit "
        "Migrationsvorgeschichte.{thin}",
        "en": "Composition: {indicators} – social situation only, without the share with "
        "migration history.{thin}",
    },
    "stadtteil.index.thin": {
        "de": " Dünner als das Sozialmonitoring der Stadt (Methode unten).",
        "en": " Thinner than the city's Sozialmonitoring (method below).",
    },
    "stadtteil.index.value_help": {
        "de": "0 = wie die Stadt insgesamt; positiv = höherer Unterstützungsbedarf, in "
        "Standardabweichungen.",
        "en": "0 = like the city as a whole; positive = higher need for support, in standard "
        "deviations.",
    },
    "stadtteil.index.class": {"de": "Klasse", "en": "Class"},
    "stadtteil.index.rank": {"de": "Rang (1 = höchster Bedarf)", "en": "Rank (1 = highest need)"},
    "stadtteil.index.dynamics": {"de": "Dynamik seit {period}", "en": "Dynamics since {period}"},
    "stadtteil.index.dynamics_none": {"de": "Dynamik", "en": "Dynamics"},
    "stadtteil.index.contrib": {
        "de": "Beitrag der Kernindikatoren",
        "en": "Contribution of the indicators",
    },
    "stadtteil.index.method": {
        "de": "Wie der Index berechnet wird",
        "en": "How the index is computed",
    },
    "stadtteil.index.unavailable": {
        "de": "Der Sozialindex lässt sich mit den geladenen Daten nicht berechnen: es fehlen "
        "{missing}.",
        "en": "The social index cannot be computed with the loaded data: {missing} are missing.",
    },
    "stadtteil.index.small": {
        "de": "{name} hat weniger als {n} Einwohnende und bleibt im Index außen vor.",
        "en": "{name} has fewer than {n} residents and is left out of the index.",
    },
    "stadtteil.index.too_few": {
        "de": "Für {name} sind zu wenige Kernindikatoren sichtbar (z. B. geheim gehalten).",
        "en": "Too few core indicators are visible for {name} (e.g. kept secret).",
    },
    "stadtteil.index.hover": {
        "de": "{name}: {value} ({klass})",
        "en": "{name}: {value} ({klass})",
    },
    "stadtteil.index.axis": {
        "de": "Sozialindex (0 = Stadt; höher = mehr Bedarf)",
        "en": "Social index (0 = city; higher = more need)",
    },
    "stadtteil.index.contrib_axis": {
        "de": "Beitrag zum Index (Summe = Index)",
        "en": "Contribution to the index (sum = index)",
    },
    "stadtteil.class.very_low": {"de": "sehr geringer Bedarf", "en": "very low need"},
    "stadtteil.class.low": {"de": "geringer Bedarf", "en": "low need"},
    "stadtteil.class.average": {"de": "durchschnittlich", "en": "average"},
    "stadtteil.class.high": {"de": "erhöhter Bedarf", "en": "raised need"},
    "stadtteil.class.very_high": {"de": "hoher Bedarf", "en": "high need"},
    "stadtteil.dyn.rising": {"de": "Bedarf steigt", "en": "need rising"},
    "stadtteil.dyn.falling": {"de": "Bedarf sinkt", "en": "need falling"},
    "stadtteil.dyn.stable": {"de": "stabil", "en": "stable"},
}

MESSAGES.update(PROFILE_MESSAGES)
