"""Messages whose content comes from the catalogue (which districts have goals, …)."""

from __future__ import annotations

from dashboard.present.i18n import MESSAGES

CATALOGUE_MESSAGES: dict[str, dict[str, str]] = {
    "catalogue.goals.empty": {
        "de": "Das Leitbild nennt eigene Stadtteilziele bisher für {districts}. Für {name} "
        "gelten die stadtweiten Ziele der Handlungsfelder; weitere Stadtteile können mit ihren "
        "Netzwerken eigene Ziele ergänzen.",
        "en": "So far the strategy names district goals for {districts}. For {name} the "
        "city-wide goals of the fields of action apply; more districts can add their own goals "
        "with their networks.",
    },
    "catalogue.goals.none": {
        "de": "Das Leitbild nennt bisher keine eigenen Stadtteilziele. Für {name} gelten die "
        "stadtweiten Ziele der Handlungsfelder.",
        "en": "So far the strategy names no district goals. For {name} the city-wide goals of "
        "the fields of action apply.",
    },
    "catalogue.goals.count": {"de": "{name} ({n} Ziele)", "en": "{name} ({n} goals)"},
    "catalogue.goals.count_one": {"de": "{name} (1 Ziel)", "en": "{name} (1 goal)"},
    "catalogue.and": {"de": "und", "en": "and"},
}

MESSAGES.update(CATALOGUE_MESSAGES)
