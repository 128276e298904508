"""Messages of the progress methods: the method explanation and the limit and base-year rules."""

from __future__ import annotations

from dashboard.present.i18n import MESSAGES

METHOD_MESSAGES: dict[str, dict[str, str]] = {
    "zi.reason.baseline_after_data": {
        "de": "Nicht bewertbar: keine Werte ab dem Basisjahr {baseline} (der neueste Wert ist "
        "von {latest}).",
        "en": "Not assessable: no values from the base year {baseline} on (the newest value is "
        "from {latest}).",
    },
    "zi.note.limit": {
        "de": "Natürliche Grenze {limit}: Der Ausgangswert liegt nahe daran, deshalb sind die "
        "Schwellen mit dem Faktor {factor} verkleinert (wie bei Open SDG).",
        "en": "Natural limit {limit}: the starting value is close to it, so the thresholds are "
        "scaled by the factor {factor} (as in Open SDG).",
    },
    "zi.fired.reached_few_points": {
        "de": "Der neueste Wert ({value}, {period}) erfüllt das Ziel ({target}) schon. Für einen "
        "Trend gibt es noch zu wenige Werte ({found} von {needed}), aber ein erreichtes Ziel "
        "ist erreicht.",
        "en": "The newest value ({value}, {period}) already meets the target ({target}). There "
        "are too few values for a trend ({found} of {needed}), but a reached target is reached.",
    },
    "zi.fired.destatis.direction_at_limit": {
        "de": "Der Wert liegt an seiner natürlichen Grenze ({limit}) und hält sie; weiter geht "
        "es nicht: auf Kurs.",
        "en": "The value is at its natural limit ({limit}) and holds it; it cannot go further: "
        "on track.",
    },
    "zi.short.direction_at_limit": {
        "de": "an der natürlichen Grenze gehalten",
        "en": "held at its natural limit",
    },
    "zi.sum.direction_at_limit": {
        "de": "Kurz: Der Wert hält den bestmöglichen Stand.",
        "en": "In short: the value holds the best possible level.",
    },
    "zi.bullet.colour": {"de": "Farbe = Status:", "en": "Colour = status:"},
    # --- the method explanation on the Ziel-Ist page -----------------------------------------
    "zi.methods.title": {
        "de": "Wie wird bewertet? Die beiden Methoden und unsere Abweichungen",
        "en": "How is progress assessed? The two methods and where we differ",
    },
    "zi.methods.body": {
        "de": "**Tempo bis zum Ziel – Wettermethode (Standard, nach dem Statistischen "
        "Bundesamt).** Die "
        "durchschnittliche jährliche Veränderung der letzten {window} Jahre wird bis zum "
        "Zieljahr fortgeschrieben. Verfehlt diese Fortschreibung das Ziel um weniger als 5 % "
        "des heutigen Abstands: auf Kurs; um 5 bis 20 %: leicht abseits; um mehr als 20 %: "
        "deutlich abseits (die Richtung stimmt aber); entfernt sich der Wert vom Ziel: falsche "
        "Richtung. Ohne Zielwert zählen die durchschnittliche und die letzte Veränderung. "
        "Nötig sind mindestens {min_points} Werte.\n\n"
        "**Nötige Wachstumsrate – Open SDG (nach Statistics Canada).** Das jährliche Wachstum "
        "seit "
        "dem Basisjahr wird mit dem Wachstum verglichen, das für das Ziel bis zum Zieljahr nötig "
        "ist: ab 95 % davon auf Kurs, ab 60 % leicht abseits, ab 0 deutlich abseits, darunter "
        "falsche Richtung. Ohne Zielwert zählt das Wachstum selbst: ab 1,5 % pro Jahr auf Kurs, "
        "ab 0,5 % leicht abseits. Dazu ein Punktwert von −5 bis +5. Basisjahr ist das des "
        "Ziels, sonst das erste Jahr mit einem Wert (Open SDG: 2015).\n\n"
        "**Wo wir bewusst von den Vorlagen abweichen**\n"
        "- **Ziel schon erreicht:** Erfüllt der neueste Wert das Ziel, heißt es „Ziel erreicht“ "
        "– auch wenn es erst einen Wert gibt (wie bei Open SDG; die Wettermethode regelt den "
        "Fall nicht).\n"
        "- **Zielwert 0:** Open SDG rechnet dann mit 0,001 und verlangt so ein riesiges "
        "Wachstum. Wir vergleichen stattdessen die Veränderung pro Jahr in Einheiten (zum "
        "Beispiel Fälle pro Jahr) mit der nötigen Veränderung.\n"
        "- **Werte von 0 oder darunter:** Eine Wachstumsrate ist dann nicht bestimmbar. Open SDG "
        "ersetzt einen Ausgangswert 0 durch 0,001 und dreht bei negativen Werten das "
        "Vorzeichen um; wir rechnen mit der Veränderung in Einheiten.\n"
        "- **Ausgangswert 0 ohne Zielwert:** nicht bewertbar, denn eine Veränderung „von 0 aus“ "
        "lässt sich nicht in Prozent ausdrücken (Open SDG rechnet mit 0,001).\n"
        "- **Anteile in Stadtteilen:** Unterhalb der Gesamtstadt rechnen wir bei Anteilen und "
        "Quoten in Prozentpunkten statt mit Wachstumsraten (1 Prozentpunkt pro Jahr zählt wie "
        "1 % Wachstum), weil kleine Zahlen sonst große Sprünge vortäuschen. Das gilt auch für "
        "den Abstand bei Paritätszielen in Stadtteilen.\n"
        "- **Natürliche Grenzen:** Ein Anteil kann nicht über 100 % steigen und nicht unter 0 % "
        "fallen. Wie bei Open SDG werden ohne Zielwert die Schwellen nahe an 100 % verkleinert "
        "(Faktor 1 − (Ausgangswert ÷ 100)^4,44, bei 95 % etwa 0,20), und wer 100 % hält, ist "
        "auf Kurs. Die Grenze 0 % bei Anteilen, die sinken sollen, ändert nach dieser Formel "
        "nichts. Wir wenden den Faktor auch in Prozentpunkten (Stadtteile) an. Die "
        "Wettermethode hat ohne Zielwert keine Tempo-Schwellen, die man verkleinern könnte; "
        "dort gilt nur: Ein Wert, der an seiner natürlichen Grenze gehalten wird, ist auf Kurs "
        "statt „Stillstand“. Mit Zielwert spielt die Grenze in beiden Methoden keine Rolle.\n"
        "- **Basisjahr nach den Daten:** Liegt das Basisjahr eines Ziels nach dem neuesten Wert, "
        "ist das Ziel nicht bewertbar („keine Werte ab dem Basisjahr“), auch wenn ein älterer "
        "Wert das Ziel schon erfüllt. Wir bewerten keine Zeit vor dem Ziel.\n"
        "- **Zieljahr nicht nach dem Basisjahr:** nicht bewertbar, weil sich kein nötiges "
        "Wachstum berechnen lässt.\n"
        "- **Gar keine Veränderung (Wettermethode, ohne Zielwert):** „deutlich abseits "
        "(Stillstand)“, nicht „falsche Richtung“.\n"
        "- **Genaue Punktwerte:** Wir rechnen mit der genauen Formel; Open SDG rundet die "
        "Faktoren (7,1429 und 4,1667), was nur an den Grenzen der Stufen um Millionstel "
        "abweicht.\n"
        "- **Geheime Werte:** Werte, die wegen kleiner Fallzahlen geheim sind, zählen nie. Sind "
        "im betrachteten Zeitraum mehr Werte geheim als sichtbar, ist das Ziel nicht bewertbar, "
        "weil ein Trend nur aus den größeren, sichtbaren Werten verzerrt wäre.",
        "en": "**Pace to the target – weather method (default, as used by the Federal "
        "Statistical Office).** The "
        "average annual change of the last {window} years is continued to the target year. If "
        "this projection misses the target by less than 5 % of today's distance: on track; by "
        "5 to 20 %: slightly off; by more than 20 %: off track (but the direction is right); "
        "if the value moves away from the target: wrong direction. Without a target, the "
        "average and the latest change count. At least {min_points} values are needed.\n\n"
        "**Required growth rate – Open SDG (after Statistics Canada).** The annual growth "
        "since the "
        "base year is compared with the growth needed to reach the target by the target year: "
        "from 95 % of it on track, from 60 % slightly off, from 0 off track, below that wrong "
        "direction. Without a target the growth itself counts: from 1.5 % a year on track, "
        "from 0.5 % slightly off. Each assessment also gets a score from −5 to +5. The base "
        "year is the target's, otherwise the first year with a value (Open SDG: 2015).\n\n"
        "**Where we deliberately differ from the references**\n"
        "- **Target already reached:** if the newest value meets the target, it is 'target "
        "reached' – even with a single value (as in Open SDG; the weather method does not "
        "cover this case).\n"
        "- **Target 0:** Open SDG then computes with 0.001 and so asks for enormous growth. We "
        "compare the change per year in units (for example cases per year) with the change "
        "needed.\n"
        "- **Values of 0 or below:** no growth rate can be computed. Open SDG replaces a "
        "starting value of 0 by 0.001 and flips the sign for negative values; we use the "
        "change in units.\n"
        "- **Starting value 0 without a target:** not assessable, because a change 'from 0' "
        "cannot be expressed in per cent (Open SDG uses 0.001).\n"
        "- **Shares in districts:** below the whole city we use percentage points instead of "
        "growth rates for shares and rates (1 point a year counts like 1 % growth), because "
        "small numbers would otherwise suggest big jumps. The same holds for the distance in "
        "parity targets in districts.\n"
        "- **Natural limits:** a share cannot rise above 100 % or fall below 0 %. As in Open "
        "SDG, without a target the thresholds shrink near 100 % (factor 1 − (starting value ÷ "
        "100)^4.44, about 0.20 at 95 %), and holding 100 % is on track. The limit of 0 % for "
        "shares that should fall changes nothing under this formula. We apply the factor to "
        "percentage points (districts) too. The weather method has no speed thresholds "
        "without a target that could shrink; there, a value held at its natural limit is on "
        "track instead of 'standstill'. With a target, the limit plays no role in either "
        "method.\n"
        "- **Base year after the data:** if a target's base year lies after the newest value, "
        "the target is not assessable ('no values from the base year on'), even if an older "
        "value already meets it. We do not assess a time before the target.\n"
        "- **Target year not after the base year:** not assessable, because no growth needed "
        "can be computed.\n"
        "- **No change at all (weather method, without a target):** 'off track (standstill)', "
        "not 'wrong direction'.\n"
        "- **Exact scores:** we use the exact formula; Open SDG rounds the factors (7.1429 and "
        "4.1667), which differs only at the band edges by millionths.\n"
        "- **Secret values:** values kept secret because of small numbers never count. If more "
        "values are secret than visible in the period used, the target is not assessable, "
        "because a trend from the larger, visible values alone would be biased.",
    },
}

MESSAGES.update(METHOD_MESSAGES)
