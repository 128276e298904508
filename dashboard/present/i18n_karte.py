"""Messages of the map page (Karte), registered into the shared catalogue on import."""

from __future__ import annotations

from dashboard.present.i18n import MESSAGES

KARTE_MESSAGES: dict[str, dict[str, str]] = {
    "karte.title": {"de": "Karte", "en": "Map"},
    "karte.caption": {
        "de": "Wo steht jeder Stadtteil? Ein Indikator auf der Karte, die Stadt als Referenz.",
        "en": "Where does each district stand? One indicator on the map, the city as reference.",
    },
    "karte.field": {"de": "Handlungsfeld", "en": "Field of action"},
    "karte.indicator": {"de": "Indikator", "en": "Indicator"},
    "karte.about": {"de": "Definition", "en": "Definition"},
    "karte.about.definition": {"de": "Definition", "en": "Definition"},
    "karte.about.source": {"de": "Quelle", "en": "Source"},
    "karte.about.unit": {"de": "Einheit", "en": "Unit"},
    "karte.about.direction": {"de": "Bewertung", "en": "Reading"},
    "karte.about.aggregate": {"de": "Zusammenfassung", "en": "Aggregation"},
    "karte.direction.higher_better": {
        "de": "höher ist besser (niedrige Werte rot)",
        "en": "higher is better (low values red)",
    },
    "karte.direction.lower_better": {
        "de": "niedriger ist besser (hohe Werte rot)",
        "en": "lower is better (high values red)",
    },
    "karte.direction.neutral": {
        "de": "neutral: ohne Wertung, daher ohne Rot",
        "en": "neutral: not judged, hence no red",
    },
    "karte.aggregate.sum": {
        "de": "Summe der Stadtteile",
        "en": "sum of the districts",
    },
    "karte.aggregate.ratio": {
        "de": "Quotient der summierten Zähler und Nenner (kein Mittelwert von Anteilen)",
        "en": "ratio of the summed numerators and denominators (never a mean of shares)",
    },
    "karte.aggregate.none": {
        "de": "nicht zusammenfassbar (nur gespeicherte Werte)",
        "en": "not aggregable (stored values only)",
    },
    "karte.period": {"de": "Jahr", "en": "Year"},
    "karte.group": {"de": "Gruppe", "en": "Group"},
    "karte.geometry": {"de": "Grenzen auf der Karte", "en": "Boundaries on the map"},
    "karte.geometry.amtlich": {"de": "Amtliche Grenzen", "en": "Official boundaries"},
    "karte.geometry.kacheln": {"de": "Kachelkarte", "en": "Tile map"},
    "karte.geometry.help": {
        "de": "Amtliche Grenzen zeigen die wirkliche Lage und Größe. Die Kachelkarte zeigt "
        "jeden Stadtteil als gleich großes Quadrat in ungefährer Lage, so bleiben auch die "
        "kleinen Stadtteile der Altstadt gut sichtbar und anklickbar.",
        "en": "Official boundaries show real position and size. The tile map shows every "
        "district as an equal square in its approximate position, so the small inner-city "
        "districts stay visible and clickable.",
    },
    "karte.geometry.missing": {
        "de": "Amtliche Grenzen sind noch nicht importiert; gezeigt wird die Kachelkarte.",
        "en": "Official boundaries have not been imported yet; showing the tile map.",
    },
    "karte.level": {"de": "Ebene", "en": "Level"},
    "karte.level.stadtteile": {"de": "Stadtteile", "en": "Districts"},
    "karte.level.teilbereiche": {"de": "Teilbereiche", "en": "Sub-areas"},
    "karte.level.stadtbezirke": {"de": "Stadtbezirke", "en": "Boroughs"},
    "karte.level.stadtzellen": {"de": "Stadtzellen", "en": "City cells"},
    "karte.level.help": {
        "de": "Stadtteile (45), Teilbereiche (die 4 Teilbereiche von Mitte und die 5 übrigen "
        "Stadtbezirke) oder Stadtbezirke (6). Zusammengefasst wird nur, was sich "
        "zusammenfassen lässt: Anzahlen als Summe, Anteile als Quotient der Summen.",
        "en": "Districts (45), sub-areas (the 4 sub-areas of Mitte and the 5 other boroughs) "
        "or boroughs (6). Only what can be aggregated is: counts as sums, shares as the "
        "ratio of sums.",
    },
    "karte.level.unavailable": {
        "de": "Dieser Indikator lässt sich nicht auf Bezirke zusammenfassen; gezeigt werden "
        "die Stadtteile.",
        "en": "This indicator cannot be aggregated to boroughs; showing districts.",
    },
    "karte.method": {"de": "Klassenbildung", "en": "Classification"},
    "karte.method.quantile": {
        "de": "gleich viele Gebiete je Farbe",
        "en": "equally many per colour",
    },
    "karte.method.equal": {"de": "Gleiche Abstände", "en": "Equal intervals"},
    "karte.method.natural": {"de": "Natürliche Brüche (Jenks)", "en": "Natural breaks (Jenks)"},
    "karte.method.stddev": {
        "de": "Standardabweichung um den Stadtwert",
        "en": "Standard deviations around the city",
    },
    "karte.method.diverging": {
        "de": "Abweichung vom Stadtwert",
        "en": "Deviation from the city",
    },
    "karte.method.help": {
        "de": "Quantile: gleich viele Gebiete je Klasse. Gleiche Abstände: gleich breite "
        "Klassen von Minimum bis Maximum. Natürliche Brüche: Klassen an den größten Sprüngen "
        "(Fisher-Jenks). Standardabweichung: Klassen je eine Standardabweichung breit um den "
        "Stadtwert. Abweichung vom Stadtwert: gleich breite Klassen symmetrisch um den "
        "Stadtwert. Werte gleich einer Klassengrenze gehören zur unteren Klasse.",
        "en": "Quantiles: equally many areas per class. Equal intervals: classes of equal "
        "width from minimum to maximum. Natural breaks: classes at the largest jumps "
        "(Fisher-Jenks). Standard deviation: classes one standard deviation wide around the "
        "city value. Deviation from the city: equal-width classes symmetric around the city "
        "value. A value equal to a bound belongs to the lower class.",
    },
    "karte.classes": {"de": "Klassen", "en": "Classes"},
    "karte.labels": {"de": "Beschriftung", "en": "Labels"},
    "karte.empty": {
        "de": "Für „{indicator}“ liegen noch keine Werte vor. Werte kommen über den Import "
        "(`python -m dashboard import …`).",
        "en": "There are no values for “{indicator}” yet. Values come in through an import "
        "(`python -m dashboard import …`).",
    },
    "karte.empty_period": {
        "de": "Für „{indicator}“ gibt es {period} in der Gruppe „{group}“ keine Werte der "
        "gewählten Ebene.",
        "en": "There are no values for “{indicator}” in {period} for the group “{group}” at "
        "the chosen level.",
    },
    "karte.no_indicators": {
        "de": "Im Katalog gibt es keine Indikatoren auf Stadtteilebene.",
        "en": "The catalogue has no indicators at district level.",
    },
    "karte.legend.range": {"de": "{low} – {high}", "en": "{low} – {high}"},
    "karte.legend.upto": {"de": "bis {high}", "en": "up to {high}"},
    "karte.legend.from": {"de": "{low} und mehr", "en": "{low} and more"},
    "karte.legend.missing": {"de": "geheim / keine Angabe", "en": "secret / no value"},
    "karte.legend.city": {"de": "Stadt: {value}", "en": "City: {value}"},
    "karte.legend.mean": {"de": "Mittelwert: {value}", "en": "Mean: {value}"},
    "karte.legend.marker_city": {"de": "◀ Stadt", "en": "◀ city"},
    "karte.legend.marker_mean": {"de": "◀ Mittelwert", "en": "◀ mean"},
    "karte.unit.pp": {"de": "Prozentpunkte", "en": "percentage points"},
    "karte.hover.rank": {
        "de": "Rang {rank} von {total} (1 = höchster Wert)",
        "en": "Rank {rank} of {total} (1 = highest)",
    },
    "karte.hover.diff": {
        "de": "{diff} gegenüber der Stadt ({city})",
        "en": "{diff} vs. city ({city})",
    },
    "karte.hover.share_of_city": {"de": "{share} der Stadt insgesamt", "en": "{share} of the city"},
    "karte.hover.flag": {"de": "Kennzeichen: {flag}", "en": "Flag: {flag}"},
    "karte.hover.hidden": {
        "de": "Wert geheim gehalten (zu kleine Fallzahl)",
        "en": "Value withheld (too few cases)",
    },
    "karte.hover.missing": {"de": "Kein Wert vorhanden", "en": "No value available"},
    "karte.hover.provenance": {"de": "Herkunft: {text}", "en": "Provenance: {text}"},
    "karte.hover.computed": {
        "de": "aus den Stadtteilen berechnet",
        "en": "computed from the districts",
    },
    "karte.flag.secret": {"de": "geheim", "en": "secret"},
    "karte.flag.provisional": {"de": "vorläufig", "en": "provisional"},
    "karte.flag.corrected": {"de": "berichtigt", "en": "corrected"},
    "karte.flag.estimated": {"de": "geschätzt", "en": "estimated"},
    "karte.flag.not_yet_available": {"de": "noch nicht verfügbar", "en": "not yet available"},
    "karte.flag.not_meaningful": {"de": "nicht sinnvoll", "en": "not meaningful"},
    "karte.flag.not_reliable": {
        "de": "Aussagewert eingeschränkt",
        "en": "limited reliability",
    },
    "karte.flag.not_available": {"de": "keine Angabe", "en": "not available"},
    "karte.note.hidden": {
        "de": "Grau schraffiert: {n} {areas} ohne Wert. Geheim gehalten werden Fallzahlen "
        "unter {min_count} und Anteile mit einem Nenner unter {min_den}, dazu Zellen, aus "
        "denen sie sich errechnen ließen; sie werden nie als 0 gezeigt.",
        "en": "Grey hatched: {n} {areas} without a value. Counts below {min_count} and shares "
        "with a denominator below {min_den} are withheld, as are cells they could be "
        "recomputed from; they are never shown as 0.",
    },
    "karte.note.click": {
        "de": "Klick auf einen Stadtteil öffnet sein Profil.",
        "en": "Click a district to open its profile.",
    },
    "karte.note.tiles": {
        "de": "Kachelkarte: jeder Stadtteil als gleich großes Quadrat in ungefährer Lage.",
        "en": "Tile map: every district as an equal square in its approximate position.",
    },
    "karte.note.unlabelled": {
        "de": "Zu klein für eine Beschriftung: {codes}. Der Mauszeiger zeigt sie an; die "
        "Kachelkarte zeigt alle Stadtteile gleich groß.",
        "en": "Too small to label: {codes}. Hovering shows them; the tile map shows every "
        "district at the same size.",
    },
    "karte.note.counts": {
        "de": "Absolute Zahlen hängen von der Größe der Gebiete ab; die Klassen zentrieren "
        "deshalb auf den Mittelwert der Gebiete statt auf die Stadt.",
        "en": "Absolute numbers depend on the size of the areas; centred classes therefore "
        "use the mean of the areas instead of the city.",
    },
    "karte.note.computed": {
        "de": "{n} {areas} aus den Stadtteilen berechnet (Summe bzw. Quotient der Summen).",
        "en": "{n} {areas} computed from the districts (sum or ratio of sums).",
    },
    "karte.side.city": {"de": "Stadt Münster", "en": "City of Münster"},
    "karte.side.highest": {"de": "Höchster Wert", "en": "Highest value"},
    "karte.side.lowest": {"de": "Niedrigster Wert", "en": "Lowest value"},
    "karte.side.spread": {"de": "Spannweite", "en": "Range"},
    "karte.side.areas": {"de": "Gebiete mit Wert", "en": "Areas with a value"},
    "karte.table": {"de": "Tabelle zur Karte", "en": "Table behind the map"},
    "karte.table.help": {
        "de": "Dieselben Werte wie in der Karte, sortierbar per Klick auf die Spaltenköpfe.",
        "en": "The same values as on the map; click a column header to sort.",
    },
    "karte.col.code": {"de": "Nr.", "en": "No."},
    "karte.col.name": {"de": "Gebiet", "en": "Area"},
    "karte.col.value": {"de": "Wert", "en": "Value"},
    "karte.col.numerator": {"de": "Zähler", "en": "Numerator"},
    "karte.col.denominator": {"de": "Nenner", "en": "Denominator"},
    "karte.col.rank": {"de": "Rang", "en": "Rank"},
    "karte.col.diff": {"de": "Abweichung zur Stadt", "en": "Difference to the city"},
    "karte.col.share_of_city": {"de": "Anteil an der Stadt (%)", "en": "Share of the city (%)"},
    "karte.col.class": {"de": "Klasse", "en": "Class"},
    "karte.col.flag": {"de": "Kennzeichen", "en": "Flag"},
    "karte.col.provenance": {"de": "Herkunft", "en": "Provenance"},
    "karte.download.csv": {"de": "CSV herunterladen", "en": "Download CSV"},
    "karte.download.xlsx": {"de": "Excel herunterladen", "en": "Download Excel"},
    "karte.notes.indicator": {"de": "Indikator", "en": "Indicator"},
    "karte.notes.definition": {"de": "Definition", "en": "Definition"},
    "karte.notes.source": {"de": "Quelle", "en": "Source"},
    "karte.notes.period": {"de": "Jahr", "en": "Year"},
    "karte.notes.group": {"de": "Gruppe", "en": "Group"},
    "karte.notes.level": {"de": "Ebene", "en": "Level"},
    "karte.notes.method": {"de": "Klassenbildung", "en": "Classification"},
    "karte.notes.reference": {"de": "Referenz", "en": "Reference"},
    "karte.notes.privacy": {"de": "Geheimhaltung", "en": "Disclosure control"},
    "karte.notes.privacy_text": {
        "de": "Fallzahlen unter {min_count} und Anteile mit Nenner unter {min_den} sind "
        "unterdrückt (Kennzeichen geheim), ebenso Zellen, aus denen sie sich errechnen ließen.",
        "en": "Counts below {min_count} and shares with a denominator below {min_den} are "
        "withheld (flag secret), as are cells they could be recomputed from.",
    },
    "karte.notes.sheet": {"de": "Hinweise", "en": "Notes"},
    "karte.notes.topic": {"de": "Thema", "en": "Topic"},
    "karte.notes.note": {"de": "Hinweis", "en": "Note"},
    "karte.areas.one": {"de": "Gebiet", "en": "area"},
    "karte.areas.many": {"de": "Gebiete", "en": "areas"},
    "karte.view": {"de": "Ansicht", "en": "View"},
    "karte.view.indikator": {"de": "Indikator", "en": "Indicator"},
    "karte.view.sozialindex": {"de": "Sozialindex", "en": "Social index"},
    "karte.view.help": {
        "de": "Ein Indikator oder der Sozialindex der Stadtteile (Klassen des "
        "Unterstützungsbedarfs).",
        "en": "One indicator or the social index of the Stadtteile (classes of need for support).",
    },
    "karte.social.title": {
        "de": "<b>Sozialindex</b> {period}",
        "en": "<b>Social index</b> {period}",
    },
    "karte.social.missing": {"de": "nicht im Index", "en": "not in the index"},
    "karte.social.method": {
        "de": "Wie der Index berechnet wird",
        "en": "How the index is computed",
    },
    "karte.social.hover": {
        "de": "Index: <b>{index}</b> Standardabweichungen<br>{klass}<br>Rang {rank} von {total}",
        "en": "Index: <b>{index}</b> standard deviations<br>{klass}<br>Rank {rank} of {total}",
    },
    "karte.social.reason.small_population": {
        "de": "nicht im Index: weniger als {n} Einwohnende",
        "en": "not in the index: fewer than {n} residents",
    },
    "karte.social.reason.too_few_values": {
        "de": "nicht im Index: zu wenige Kernindikatoren mit Wert",
        "en": "not in the index: too few core indicators with a value",
    },
    "karte.social.reason.none": {
        "de": "nicht im Index: kein Wert",
        "en": "not in the index: no value",
    },
    "karte.social.note": {
        "de": "Sozialindex nur auf Ebene der Stadtteile. Rot = höherer Unterstützungsbedarf im "
        "Vergleich zur Stadt; der Index beschreibt Lebenslagen, keine Menschen.",
        "en": "Social index at Stadtteil level only. Red = higher need for support than the city "
        "as a whole; the index describes living conditions, not people.",
    },
    "karte.social.left_out": {
        "de": "Grau ({reason}): {areas}.",
        "en": "Grey ({reason}): {areas}.",
    },
    "karte.social.unavailable": {
        "de": "Der Sozialindex lässt sich mit den geladenen Daten nicht berechnen: es fehlen die "
        "Kernindikatoren {missing}.",
        "en": "The social index cannot be computed with the loaded data: the core indicators "
        "{missing} are missing.",
    },
}

MESSAGES.update(KARTE_MESSAGES)
