"""Logins and roles (issue 7): accounts, scopes, claim mapping, access log."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.errors import ConflictError, LeitbildError
from dashboard.frames import nulls_as_none
from dashboard.store.db import Database, current_time, one_row

SQL_USER_BY_NAME = """
SELECT u.username, u.display_name, u.role, u.password_hash, u.disabled, u.failed_logins,
       u.locked_until, u.last_login,
       list(s.value ORDER BY s.value) FILTER (WHERE s.kind = 'area') AS areas,
       list(s.value ORDER BY s.value) FILTER (WHERE s.kind = 'field') AS fields
FROM app_user u LEFT JOIN user_scope s USING (username)
WHERE u.username = ?
GROUP BY ALL
"""
SQL_USERS = """
SELECT u.username, u.display_name, u.role, u.disabled, u.password_hash IS NOT NULL AS local,
       u.failed_logins, u.locked_until, u.last_login,
       coalesce(list(s.value ORDER BY s.value) FILTER (WHERE s.kind = 'area'), []) AS areas,
       coalesce(list(s.value ORDER BY s.value) FILTER (WHERE s.kind = 'field'), []) AS fields
FROM app_user u LEFT JOIN user_scope s USING (username)
GROUP BY ALL
ORDER BY u.username
"""
SQL_USER_INSERT = """
INSERT INTO app_user (username, display_name, role, password_hash) VALUES (?, ?, ?, ?)
"""
SQL_USER_SET_ROLE = "UPDATE app_user SET role = ?, updated_at = ? WHERE username = ?"
SQL_USER_SET_DISABLED = "UPDATE app_user SET disabled = ?, updated_at = ? WHERE username = ?"
SQL_USER_SET_PASSWORD = """
UPDATE app_user SET password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = ?
WHERE username = ?
"""
SQL_USER_SCOPE_DELETE = "DELETE FROM user_scope WHERE username = ?"
SQL_USER_SCOPE_INSERT = "INSERT INTO user_scope (username, kind, value) VALUES (?, ?, ?)"
SQL_USER_LOGIN_FAILED = """
UPDATE app_user
SET failed_logins = failed_logins + 1,
    locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END
WHERE username = ?
"""
SQL_USER_LOGIN_OK = """
UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login = ? WHERE username = ?
"""
SQL_CLAIM_ROLES = """
SELECT claim_value, role, areas, fields FROM role_claim_map
WHERE claim_value IN (SELECT unnest(?::VARCHAR[]))
ORDER BY claim_value
"""
SQL_CLAIM_MAP_ALL = "SELECT claim_value, role, areas, fields FROM role_claim_map ORDER BY 1"
SQL_CLAIM_MAP_UPSERT = """
INSERT OR REPLACE INTO role_claim_map (claim_value, role, areas, fields) VALUES (?, ?, ?, ?)
"""
SQL_ACCESS_LOG_INSERT = """
INSERT INTO access_log (happened_at, username, action, detail) VALUES (?, ?, ?, ?)
"""
SQL_ACCESS_LOG = """
SELECT happened_at, username, action, detail FROM access_log ORDER BY id DESC LIMIT ?
"""


def _user_record(cur: duckdb.DuckDBPyConnection, username: str) -> dict[str, object] | None:
    """The account row as a dict (None if unknown); missing values None, scopes as lists.

    Plain Python values, not a DataFrame: every page run reads the logged-in account again
    (so a disabled account is out at once), on the review once per listed measure.
    """
    result = cur.execute(SQL_USER_BY_NAME, [username])
    names = [column[0] for column in result.description]
    found = result.fetchall()  # read to the end: the cursor is reused in a transaction
    if not found:
        return None
    record = dict(zip(names, found[0], strict=True))
    for key in ("areas", "fields"):
        record[key] = [] if record[key] is None else list(record[key])
    return record


class AccountRepository(Database):
    """Accounts, their scopes and the access log."""

    def user(self, username: str) -> dict[str, object] | None:
        """One account with its password hash, lockout state and scopes (areas, fields)."""
        with self.cursor() as cur:
            return _user_record(cur, username)

    def users(self) -> pd.DataFrame:
        """All accounts without password hashes (username, role, scopes, lockout state)."""
        return self._frame(SQL_USERS)

    def add_user(
        self,
        username: str,
        display_name: str,
        role: str,
        password_hash: str | None,
        areas: list[str],
        fields: list[str],
    ) -> None:
        """Create an account (hash None: login only through the city's identity provider)."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            if one_row(cur.execute(SQL_USER_BY_NAME, [username])) is not None:
                raise ConflictError(f"Das Konto „{username}“ gibt es schon.")
            cur.execute(SQL_USER_INSERT, [username, display_name, role, password_hash])
            self._write_scopes(cur, username, areas, fields)

        self.transaction(work)

    @staticmethod
    def _write_scopes(
        cur: duckdb.DuckDBPyConnection, username: str, areas: list[str], fields: list[str]
    ) -> None:
        cur.execute(SQL_USER_SCOPE_DELETE, [username])
        for kind, values in (("area", areas), ("field", fields)):
            for value in sorted(set(values)):
                cur.execute(SQL_USER_SCOPE_INSERT, [username, kind, value])

    def set_user_role(
        self, username: str, role: str, areas: list[str] | None, fields: list[str] | None
    ) -> None:
        """Change an account's role; scopes are replaced when given (None keeps them)."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            current = cur.execute(SQL_USER_BY_NAME, [username]).df()
            if current.empty:
                raise LeitbildError(f"Das Konto „{username}“ gibt es nicht.")
            cur.execute(SQL_USER_SET_ROLE, [role, current_time(), username])
            if areas is not None or fields is not None:
                row = nulls_as_none(current).iloc[0]
                keep_areas = [] if row["areas"] is None else list(row["areas"])
                keep_fields = [] if row["fields"] is None else list(row["fields"])
                self._write_scopes(
                    cur,
                    username,
                    keep_areas if areas is None else areas,
                    keep_fields if fields is None else fields,
                )

        self.transaction(work)

    def set_user_disabled(self, username: str, disabled: bool) -> None:
        """Disable (or enable) an account; a disabled account cannot log in any more."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            if one_row(cur.execute(SQL_USER_BY_NAME, [username])) is None:
                raise LeitbildError(f"Das Konto „{username}“ gibt es nicht.")
            cur.execute(SQL_USER_SET_DISABLED, [disabled, current_time(), username])

        self.transaction(work)

    def set_user_password(self, username: str, password_hash: str) -> None:
        """Store a new password hash (and lift a lockout)."""
        self.transaction(
            lambda cur: cur.execute(
                SQL_USER_SET_PASSWORD, [password_hash, current_time(), username]
            )
        )

    def record_login(self, username: str, ok: bool, max_failures: int, lock_until: object) -> None:
        """Count a failed login (locking the account at ``max_failures``) or reset on success."""
        if ok:
            sql, params = SQL_USER_LOGIN_OK, [current_time(), username]
        else:
            sql, params = SQL_USER_LOGIN_FAILED, [max_failures, lock_until, username]
        self.transaction(lambda cur: cur.execute(sql, params))

    def begin_login(
        self, username: str, now: object, max_failures: int, lock_until: object
    ) -> tuple[dict[str, object] | None, bool]:
        """The account and whether its password may be checked; counts the attempt as failed.

        Lock check and count happen in one transaction (issue 20): parallel attempts cannot
        check more passwords than ``max_failures``. A locked account is not counted (False).
        """

        def work(cur: duckdb.DuckDBPyConnection) -> tuple[dict[str, object] | None, bool]:
            record = _user_record(cur, username)
            if record is None:
                return None, False
            locked = record["locked_until"]
            if locked is not None and pd.Timestamp(now) < pd.Timestamp(locked):
                return record, False
            cur.execute(SQL_USER_LOGIN_FAILED, [max_failures, lock_until, username])
            return record, True

        return self.transaction(work)

    def claim_roles(self, values: list[str]) -> pd.DataFrame:
        """Rows of the claim → role mapping whose claim value is one of ``values``."""
        return self._frame(SQL_CLAIM_ROLES, [values])

    def claim_map(self) -> pd.DataFrame:
        """The whole claim → role mapping table."""
        return self._frame(SQL_CLAIM_MAP_ALL)

    def map_claim(self, value: str, role: str, areas: list[str], fields: list[str]) -> None:
        """Map a claim value (e.g. a group of the city's login) to a role and scope."""
        self.transaction(
            lambda cur: cur.execute(
                SQL_CLAIM_MAP_UPSERT, [value, role, sorted(areas), sorted(fields)]
            )
        )

    def log_access(self, username: str, action: str, detail: str | None = None) -> None:
        """Record a login, logout or raw-value view in the access log."""
        self.transaction(
            lambda cur: cur.execute(
                SQL_ACCESS_LOG_INSERT, [current_time(), username, action, detail]
            )
        )

    def access_log(self, limit: int = 100) -> pd.DataFrame:
        """The newest access log entries."""
        return self._frame(SQL_ACCESS_LOG, [limit])
