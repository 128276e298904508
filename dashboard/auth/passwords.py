"""Local accounts: argon2 password hashes, login with lockout, no default password anywhere.

Unknown users, disabled and locked accounts take the same time as a wrong password (a hash is
always verified, against a dummy hash if needed) and get the same message, so the login form
does not tell which user names exist.
"""

from __future__ import annotations

import datetime as dt
import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from dashboard import config
from dashboard.auth.accounts import user_from_record
from dashboard.auth.roles import User
from dashboard.errors import PermissionDenied, UsageError
from dashboard.store import Store

MIN_LENGTH = 10
FAILED = (
    "Anmeldung fehlgeschlagen: Benutzername oder Passwort falsch, oder das Konto ist gesperrt "
    "(nach {n} Fehlversuchen für {minutes} Minuten)."
)

_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of a password that meets the minimum length."""
    if len(password) < MIN_LENGTH:
        raise UsageError(f"Das Passwort muss mindestens {MIN_LENGTH} Zeichen lang sein.")
    if password.strip() != password:
        raise UsageError("Das Passwort darf nicht mit Leerzeichen beginnen oder enden.")
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether the password matches the hash (False for a broken hash, never an exception)."""
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    # a random-looking but fixed input: nobody can log in with it, it only costs the same time
    return _HASHER.hash("dummy-password-for-unknown-users")


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def authenticate(
    store: Store, username: str, password: str, now: dt.datetime | None = None
) -> User:
    """The user for a correct password; counts failures and locks; raises PermissionDenied."""
    now = now or _now()
    max_failures = int(config.get("login_max_failures"))
    minutes = int(config.get("lockout_minutes"))
    record = store.user(username.strip()) if username.strip() else None
    stored = record.get("password_hash") if record else None
    matches = verify_password(stored or _dummy_hash(), password) and stored is not None
    locked_until = record.get("locked_until") if record else None
    locked = locked_until is not None and now < _as_datetime(locked_until)
    usable = record is not None and not record["disabled"] and not locked
    if not (matches and usable):
        if record is not None and not locked:
            until = now + dt.timedelta(minutes=minutes)
            store.record_login(record["username"], False, max_failures, until)
        raise PermissionDenied(FAILED.format(n=max_failures, minutes=minutes))
    store.record_login(record["username"], True, max_failures, None)
    store.log_access(record["username"], "login", "local")
    return user_from_record(record)


def _as_datetime(value: object) -> dt.datetime:
    return value.to_pydatetime() if hasattr(value, "to_pydatetime") else value  # type: ignore[return-value]
