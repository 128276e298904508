"""Messages of provenance columns, provenance lines on slides and local notes in exports."""

from __future__ import annotations

from dashboard.present.i18n import MESSAGES

PROVENANCE_MESSAGES: dict[str, dict[str, str]] = {
    "prov.col": {"de": "Herkunft", "en": "Provenance"},
    "prov.computed_from": {"de": "berechnet aus: {texts}", "en": "computed from: {texts}"},
    "prov.measure": {
        "de": "Maßnahmenregister, gemeldet von {organisation}, Stand {date}",
        "en": "Measure register, reported by {organisation}, as of {date}",
    },
    "prov.demo": {"de": "Demodaten", "en": "demo data"},
    "prov.slide_footer": {"de": "Herkunft: {text}", "en": "Provenance: {text}"},
    "prov.slide_notes": {"de": "Herkunft der Werte:", "en": "Provenance of the values:"},
    "notes.export.col": {"de": "Hinweise vor Ort", "en": "Local notes"},
    "notes.export.heading": {"de": "Einordnung vor Ort", "en": "Local context"},
    "notes.export.slide_heading": {"de": "Einordnung vor Ort:", "en": "Local context:"},
    "notes.export.line": {
        "de": "{subject}: {text} ({organisation}, {date})",
        "en": "{subject}: {text} ({organisation}, {date})",
    },
    "notes.export.row": {
        "de": "{text} ({organisation}, {date})",
        "en": "{text} ({organisation}, {date})",
    },
    "notes.export.district": {"de": "Stadtteil insgesamt", "en": "District as a whole"},
    "notes.export.none": {"de": "Keine Hinweise vor Ort.", "en": "No local notes."},
}

MESSAGES.update(PROVENANCE_MESSAGES)
