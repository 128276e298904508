"""Messages of the login, the roles and the raw-value view (German and English)."""

from __future__ import annotations

from dashboard.present.i18n import MESSAGES

_PAIRS: dict[str, tuple[str, str]] = {
    "auth.login": ("Anmelden", "Log in"),
    "auth.login.title": ("Anmeldung", "Login"),
    "auth.login.required": (
        "Dieser Leitbild-Monitor ist nur nach Anmeldung sichtbar.",
        "This Leitbild Monitor is visible only after logging in.",
    ),
    "auth.oidc": ("Anmelden mit Stadt-Login", "Log in with the city login"),
    "auth.or_local": ("oder mit lokalem Konto:", "or with a local account:"),
    "auth.username": ("Benutzername", "User name"),
    "auth.password": ("Passwort", "Password"),
    "auth.submit": ("Anmelden", "Log in"),
    "auth.logout": ("Abmelden", "Log out"),
    "auth.logged_in": ("Angemeldet: **{name}**", "Logged in: **{name}**"),
    "auth.role": ("Rolle: {role}", "Role: {role}"),
    "auth.scope": ("Zuständig für: {scope}", "Responsible for: {scope}"),
    "auth.scope.all": ("alle Gebiete und Handlungsfelder", "all areas and fields"),
    "auth.role.viewer": ("Lesen", "Viewer"),
    "auth.role.editor": ("Redaktion", "Editor"),
    "auth.role.admin": ("Administration", "Administrator"),
    "auth.role.steward": ("Datenpflege", "Data steward"),
    "auth.anonymous": (
        "Nur Ansicht. Zum Bearbeiten bitte anmelden.",
        "View only. Please log in to edit.",
    ),
    "auth.hint.login": (
        "Nur Ansicht: Zum Bearbeiten melden Sie sich bitte links in der Seitenleiste an. Jede "
        "Änderung wird mit Ihrer Anmeldung im Verlauf vermerkt.",
        "View only: to edit, please log in in the sidebar on the left. Every change is "
        "recorded in the history with your login.",
    ),
    "auth.hint.role": (
        "Ihre Rolle erlaubt hier nur das Ansehen.",
        "Your role allows viewing only here.",
    ),
    "auth.hint.scope": (
        "Diese Maßnahme liegt außerhalb Ihrer Zuständigkeit; Sie können sie nur ansehen.",
        "This measure is outside your responsibility; you can only view it.",
    ),
    "auth.hint.admin": (
        "Nur Administratorinnen und Administratoren können das ändern.",
        "Only administrators can change this.",
    ),
    "auth.as": ("Wird gespeichert als **{name}**.", "Saved as **{name}**."),
    "auth.oidc.unmapped": (
        "Ihr Stadt-Login ist keiner Rolle zugeordnet: Sie können lesen, aber nichts ändern.",
        "Your city login has no role assigned: you can read but not change anything.",
    ),
    "auth.oidc.disabled": (
        "Ihr Konto ist gesperrt. Bitte wenden Sie sich an die Administration.",
        "Your account is disabled. Please contact the administrators.",
    ),
    "auth.raw.toggle": (
        "Rohwerte ohne Geheimhaltung zeigen (nur Admin, wird protokolliert)",
        "Show raw values without disclosure control (admin only, logged)",
    ),
    "auth.raw.help": (
        "Zeigt die gespeicherten Werte ohne Unterdrückung kleiner Fallzahlen. Jeder Abruf wird "
        "mit Ihrem Namen im Zugriffsprotokoll vermerkt. Nicht für Präsentationen oder Exporte.",
        "Shows the stored values without suppressing small counts. Every view is recorded "
        "with your name in the access log. Not for presentations or exports.",
    ),
    "auth.raw.title": ("Rohwerte (nicht veröffentlichen)", "Raw values (do not publish)"),
    "auth.raw.warning": (
        "Achtung: Rohwerte ohne Geheimhaltung. Nicht weitergeben, nicht präsentieren. Dieser "
        "Abruf wurde protokolliert.",
        "Caution: raw values without disclosure control. Do not share or present. This view "
        "has been logged.",
    ),
}

MESSAGES.update({k: {"de": de, "en": en} for k, (de, en) in _PAIRS.items()})
