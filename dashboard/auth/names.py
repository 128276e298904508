"""User names: one canonical form (NFKC, case-folded), no invisible or mixed-script names.

``Admin`` next to ``admin``, ``adm\\u200bin`` (zero-width space) or ``аdmin`` (Cyrillic а)
look like one account to people reading a timeline; they are refused when an account is
created, and a login finds the account whatever case or width the name is typed in.
"""

from __future__ import annotations

import unicodedata

from dashboard.errors import ConflictError, UsageError
from dashboard.store import Store

# besides letters, marks and digits a name may hold these (e-mail addresses of the city login)
PUNCTUATION = frozenset(".-_@+'")


def canonical_username(name: str) -> str:
    """The stored form of a user name: NFKC, case-folded, without surrounding spaces."""
    folded = unicodedata.normalize("NFKC", name.strip()).casefold()
    return unicodedata.normalize("NFKC", folded)


def _script(ch: str) -> str | None:
    """The script of a letter or digit ('LATIN', 'CYRILLIC', …); None for ASCII digits."""
    if "0" <= ch <= "9":
        return None
    return unicodedata.name(ch, "UNKNOWN").split(" ")[0]


def username_problem(name: str) -> str | None:
    """Why a (canonical) user name is refused, or None."""
    if not name:
        return "Der Benutzername darf nicht leer sein."
    scripts: set[str] = set()
    for ch in name:
        category = unicodedata.category(ch)
        if category[0] in "LN":
            script = _script(ch)
            if script is not None:
                scripts.add(script)
        elif ch.isspace():
            return "Der Benutzername darf keine Leerzeichen enthalten."
        elif category[0] != "M" and ch not in PUNCTUATION:
            return (
                f"Der Benutzername enthält ein unzulässiges Zeichen (U+{ord(ch):04X}); erlaubt "
                f"sind Buchstaben, Ziffern und {' '.join(sorted(PUNCTUATION))}."
            )
    if len(scripts) > 1:
        return (
            "Der Benutzername mischt Schriften (" + ", ".join(sorted(scripts)).lower() + "); "
            "bitte nur eine Schrift verwenden."
        )
    return None


def resolve_username(store: Store, typed: str) -> str | None:
    """The stored name of the account a typed name means (any case or width), or None."""
    key = canonical_username(typed)
    if not key or username_problem(key) is not None:
        return None
    if store.user(key) is not None:
        return key
    # accounts created before names were normalised keep their spelling: compare canonically
    matches = [n for n in store.users()["username"] if canonical_username(str(n)) == key]
    return str(matches[0]) if len(matches) == 1 else None


def new_username(store: Store, typed: str) -> str:
    """The canonical name for a new account; refuses bad names and look-alikes of existing ones."""
    name = canonical_username(typed)
    problem = username_problem(name)
    if problem is not None:
        raise UsageError(problem)
    taken = [str(n) for n in store.users()["username"] if canonical_username(str(n)) == name]
    if taken:
        raise ConflictError(
            f"Das Konto „{taken[0]}“ gibt es schon (Groß-/Kleinschreibung zählt nicht)."
        )
    return name
