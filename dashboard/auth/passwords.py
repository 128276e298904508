"""Local accounts: argon2 password hashes, login with lockout, no default password anywhere.

Unknown users, disabled and locked accounts take the same time as a wrong password (a hash is
always verified, against a dummy hash if needed) and get the same message, so the login form
does not tell which user names exist.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from dashboard import config
from dashboard.auth.accounts import user_from_record
from dashboard.auth.names import resolve_username
from dashboard.auth.roles import User
from dashboard.errors import PermissionDenied, UsageError
from dashboard.store import Store

MIN_LENGTH = 10
FAILED = (
    "Anmeldung fehlgeschlagen: Benutzername oder Passwort falsch, oder das Konto ist gesperrt "
    "(nach {n} Fehlversuchen für {minutes} Minuten)."
)

_HASHER = PasswordHasher()
# each argon2 check takes ~64 MB for ~0.1 s, and each login a few database cursors: a burst
# of logins waits here instead of taking the server's memory (30 parallel attempts once
# raised it from 0.26 to 1.15 GB)
MAX_PARALLEL_CHECKS = 2
_LOGINS = threading.BoundedSemaphore(MAX_PARALLEL_CHECKS)


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
    """The user for a correct password; counts failures and locks; raises PermissionDenied.

    The attempt is counted (and the lock checked) in one transaction *before* the password is
    checked, so parallel attempts cannot check more passwords than the limit allows; a
    correct password resets the count afterwards. At most MAX_PARALLEL_CHECKS logins run at
    a time; the others wait.
    """
    with _LOGINS:
        return _authenticate(store, username, password, now)


def _authenticate(store: Store, username: str, password: str, now: dt.datetime | None) -> User:
    now = now or _now()
    max_failures = int(config.get("login_max_failures"))
    minutes = int(config.get("lockout_minutes"))
    name = resolve_username(store, username)
    until = now + dt.timedelta(minutes=minutes)
    record, counted = store.begin_login(name, now, max_failures, until) if name else (None, False)
    stored = record.get("password_hash") if record and counted else None
    matches = verify_password(stored or _dummy_hash(), password) and stored is not None
    if not (matches and record is not None and not record["disabled"]):
        raise PermissionDenied(FAILED.format(n=max_failures, minutes=minutes))
    store.record_login(str(record["username"]), True, max_failures, None)
    store.log_access(str(record["username"]), "login", "local")
    return user_from_record(record)
