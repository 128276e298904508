"""Roles and permissions: the table of who may do what, on which measure (pure)."""

from __future__ import annotations

import pytest

from dashboard.auth.roles import ACTIONS, User, can, in_scope, require, with_ancestors
from dashboard.errors import LeitbildError, PermissionDenied

PARENTS = {"0": None, "B3": "0", "B6": "0", "61": "B3", "91": "B6", "1": "B1", "B1": "0"}
VIEWER = User("vera", "Vera", "viewer")
COERDE = User("cora", "Cora", "editor", areas=frozenset({"61"}))
NORD = User("nora", "Nora", "editor", areas=frozenset({"B3"}))
WORK = User("walt", "Walt", "editor", fields=frozenset({"7.1"}))
CITY = User("stadt", "Stadt", "editor", areas=frozenset({"0"}))
NOBODY = User("leer", "Leer", "editor")  # an editor without scope (the CLI refuses these)
ADMIN = User("ada", "Ada", "admin")


def scope(areas: list[str], fields: list[str] = ()) -> dict:
    """A measure's scope as the guard passes it (areas with their ancestors)."""
    return {"areas": with_ancestors(areas, PARENTS), "fields": list(fields)}


@pytest.mark.parametrize(
    ("user", "action", "record", "allowed"),
    [
        (None, "measure.edit", scope(["61"]), False),
        (VIEWER, "measure.edit", scope(["61"]), False),
        (COERDE, "measure.edit", scope(["61"]), True),
        (COERDE, "measure.edit", scope(["91"]), False),
        (COERDE, "measure.edit", scope(["91", "61"]), True),  # one matching area is enough
        (COERDE, "measure.edit", scope(["B3"]), False),  # the whole Bezirk is not theirs
        (COERDE, "measure.edit", scope(["0"]), False),  # nor the whole city
        (COERDE, "measure.edit", scope([]), False),  # no areas = city-wide
        (NORD, "measure.edit", scope(["61"]), True),  # a Bezirk covers its Stadtteile
        (NORD, "measure.review", scope(["91"]), False),
        (WORK, "measure.edit", scope(["91"], ["7.1"]), True),  # by field
        (WORK, "measure.edit", scope([], ["8.2"]), False),
        (WORK, "measure.edit", scope(["0"], ["7.1"]), True),
        (CITY, "measure.edit", scope(["91"]), True),  # "0" covers every area
        (CITY, "measure.edit", scope([]), True),
        (NOBODY, "measure.edit", scope(["61"], ["7.1"]), False),
        (ADMIN, "measure.archive", scope([]), True),
        (COERDE, "protocol.save", None, True),  # not scoped
        (COERDE, "deck.save", None, True),
        (VIEWER, "protocol.save", None, False),
        (COERDE, "target.edit", None, False),
        (COERDE, "import", None, False),
        (CITY, "user.manage", None, False),  # admin-only stays admin-only
        (ADMIN, "target.edit", None, True),
        (ADMIN, "raw.view", None, True),
        (COERDE, "raw.view", None, False),
        (None, "raw.view", None, False),
    ],
)
def test_can(user: User | None, action: str, record: dict | None, allowed: bool) -> None:
    kwargs = record or {}
    assert can(user, action, **kwargs) is allowed
    if allowed:
        assert require(user, action, **kwargs) is user
    else:
        with pytest.raises(PermissionDenied):
            require(user, action, **kwargs)


@pytest.mark.parametrize(
    ("user", "action", "allowed"),
    [
        (COERDE, "measure.create", True),  # somewhere at all: shows the form
        (NOBODY, "measure.create", False),
        (VIEWER, "measure.create", False),
        (ADMIN, "measure.create", True),
        (None, "measure.create", False),
    ],
)
def test_can_anywhere(user: User | None, action: str, allowed: bool) -> None:
    assert can(user, action) is allowed


@pytest.mark.parametrize(
    ("user", "fragment"),
    [
        (None, "bitte zuerst anmelden"),
        (VIEWER, "Ihre Rolle „viewer“"),
        (COERDE, "außerhalb Ihrer Zuständigkeit (Gebiete: 61"),
    ],
)
def test_denials_say_why(user: User | None, fragment: str) -> None:
    with pytest.raises(PermissionDenied, match="Maßnahme bearbeiten") as err:
        require(user, "measure.edit", with_ancestors(["91"], PARENTS), [])
    assert fragment in err.value.user_message()
    assert isinstance(err.value, LeitbildError)


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (["61"], {"61", "B3", "0"}),
        (["1"], {"1", "B1", "0"}),
        (["0"], {"0"}),
        ([], set()),
        (["99"], {"99"}),  # unknown codes are kept, never expanded
    ],
)
def test_with_ancestors(codes: list[str], expected: set[str]) -> None:
    assert with_ancestors(codes, PARENTS) == expected


def test_in_scope_and_unknown_inputs() -> None:
    assert in_scope(ADMIN) and not in_scope(COERDE)
    with pytest.raises(KeyError):
        can(ADMIN, "measure.delete")  # a typo in an action is a bug, never a silent denial
    with pytest.raises(ValueError, match="unknown role"):
        User("x", "X", "superuser")
    assert User("x", "X", "editor").actor == "x"


def test_every_action_names_a_known_role() -> None:
    assert {a.min_role for a in ACTIONS.values()} <= {"viewer", "editor", "admin"}
    admin_only = {n for n, a in ACTIONS.items() if a.min_role == "admin"}
    assert {"target.edit", "import", "user.manage", "raw.view"} <= admin_only
