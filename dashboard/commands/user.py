"""``python -m dashboard user add|set-role|set-password|disable|enable|list|map-claim``.

Passwords are read from a prompt (getpass, asked twice) or with ``--password-stdin`` from
standard input (for automation); never from the command line, where they would end up in the
shell history and the process list.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from dashboard.auth.accounts import check_new_account
from dashboard.auth.names import new_username, resolve_username
from dashboard.auth.passwords import hash_password
from dashboard.auth.roles import ROLES
from dashboard.errors import UsageError
from dashboard.store import Store

NAME = "user"


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``user`` command and its sub-commands."""
    parser = sub.add_parser("user", help="Konten und Rollen verwalten (lokale Anmeldung)")
    actions = parser.add_subparsers(dest="user_command", required=True)

    def scope(p: argparse.ArgumentParser) -> None:
        p.add_argument("--area", action="append", default=None, help="Gebietsschlüssel (mehrfach)")
        p.add_argument("--field", action="append", default=None, help="Handlungsfeld (mehrfach)")

    add = actions.add_parser("add", help="Konto anlegen (Passwort per Abfrage)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--display-name", default=None, help="angezeigter Name")
    scope(add)
    secret = add.add_mutually_exclusive_group()
    secret.add_argument("--password-stdin", action="store_true", help="Passwort von stdin lesen")
    secret.add_argument(
        "--no-password",
        action="store_true",
        help="ohne Passwort: nur Anmeldung über das Stadt-Login (Name = E-Mail-Adresse)",
    )
    role = actions.add_parser("set-role", help="Rolle (und Zuständigkeit) ändern")
    role.add_argument("username")
    role.add_argument("role", choices=ROLES)
    scope(role)
    password = actions.add_parser("set-password", help="Passwort neu setzen (hebt Sperre auf)")
    password.add_argument("username")
    password.add_argument("--password-stdin", action="store_true")
    for name, text in (("disable", "Konto sperren"), ("enable", "Konto wieder freigeben")):
        actions.add_parser(name, help=text).add_argument("username")
    actions.add_parser("list", help="Konten auflisten")
    claim = actions.add_parser("map-claim", help="Wert des Rollen-Claims einer Rolle zuordnen")
    claim.add_argument("value", help="z. B. eine Gruppe aus dem Stadt-Login")
    claim.add_argument("role", choices=ROLES)
    scope(claim)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Passwort: ")
    if getpass.getpass("Passwort wiederholen: ") != first:
        raise UsageError("Die Passwörter stimmen nicht überein.")
    return first


def _check_scope(store: Store, areas: list[str], fields: list[str]) -> None:
    known_areas = set(store.catalogue("area")["code"])
    known_fields = set(store.catalogue("field")["id"])
    unknown = [a for a in areas if a not in known_areas]
    unknown += [f for f in fields if f not in known_fields]
    if unknown:
        raise UsageError(f"Unbekannte Gebiete/Handlungsfelder: {', '.join(unknown)}")


def _add(store: Store, args: argparse.Namespace) -> int:
    areas, fields = args.area or [], args.field or []
    check_new_account(args.role, areas, fields)
    _check_scope(store, areas, fields)
    username = new_username(store, args.username)
    password_hash = None if args.no_password else hash_password(_password(args.password_stdin))
    display = args.display_name or args.username.strip()
    store.add_user(username, display, args.role, password_hash, areas, fields)
    print(f"Konto „{username}“ angelegt ({args.role}).")
    return 0


def _set_role(store: Store, args: argparse.Namespace) -> int:
    record = store.user(args.username)
    if record is None:
        raise UsageError(f"Das Konto „{args.username}“ gibt es nicht.")
    areas = record["areas"] if args.area is None else args.area
    fields = record["fields"] if args.field is None else args.field
    check_new_account(args.role, areas, fields)
    _check_scope(store, areas, fields)
    store.set_user_role(args.username, args.role, args.area, args.field)
    print(f"Konto „{args.username}“: Rolle {args.role}.")
    return 0


def _list(store: Store) -> int:
    users = store.users()
    if users.empty:
        print("Keine Konten. Anlegen: python -m dashboard user add NAME --role admin")
        return 0
    for row in users.to_dict("records"):
        scope = ", ".join([*row["areas"], *row["fields"]]) or "–"
        state = "gesperrt" if row["disabled"] else "aktiv"
        login = "Passwort" if row["local"] else "Stadt-Login"
        print(f"{row['username']}\t{row['role']}\t{state}\t{login}\t{scope}")
    claims = store.claim_map()
    for row in claims.to_dict("records"):
        scope = ", ".join([*row["areas"], *row["fields"]]) or "–"
        print(f"claim:{row['claim_value']}\t{row['role']}\t\t\t{scope}")
    return 0


def run(store: Store, args: argparse.Namespace) -> int:
    """Run one ``user`` sub-command; returns the exit code."""
    command = args.user_command
    if command == "add":
        return _add(store, args)
    if command in ("set-role", "set-password", "disable", "enable"):
        args.username = resolve_username(store, args.username) or args.username
    if command == "set-role":
        return _set_role(store, args)
    if command == "set-password":
        if store.user(args.username) is None:
            raise UsageError(f"Das Konto „{args.username}“ gibt es nicht.")
        store.set_user_password(args.username, hash_password(_password(args.password_stdin)))
        print(f"Passwort von „{args.username}“ neu gesetzt.")
        return 0
    if command in ("disable", "enable"):
        store.set_user_disabled(args.username, command == "disable")
        print(f"Konto „{args.username}“ {'gesperrt' if command == 'disable' else 'freigegeben'}.")
        return 0
    if command == "map-claim":
        areas, fields = args.area or [], args.field or []
        check_new_account(args.role, areas, fields)
        _check_scope(store, areas, fields)
        store.map_claim(args.value, args.role, areas, fields)
        print(f"Claim-Wert „{args.value}“ → {args.role}.")
        return 0
    return _list(store)
