"""Local notes: content rules, the checked writes, what each reader sees, and the history."""

from __future__ import annotations

import pytest

from dashboard.auth.roles import User
from dashboard.domain.notes import HIDDEN, REVIEWED, VISIBLE, NoteTarget, note_problems
from dashboard.errors import LeitbildError, PermissionDenied, ValidationError
from dashboard.services import notes as svc
from dashboard.store import Store
from dashboard.store.notes import NoteConflictError, NoteRepository

COERDE = NoteTarget("61", indicator_id="arbeitslose_je100", period=2024)
NETWORK_COERDE = User("netz61", "Netzwerk Coerde", "editor", areas=frozenset({"61"}))
NETWORK_NORD = User("nord", "Bezirk Nord", "editor", areas=frozenset({"B3"}))
NETWORK_BERG_FIDEL = User("netz91", "Netzwerk Berg Fidel", "editor", areas=frozenset({"91"}))
FIELD_EDITOR = User("arbeit", "Team Arbeit", "editor", fields=frozenset({"7.1"}))
KI = User("ki", "KI-Team", "admin")


@pytest.mark.parametrize(
    ("text", "organisation", "target", "columns"),
    [
        ("Kita an der X-Straße geschlossen", "Netzwerk Coerde", COERDE, []),
        ("ok", "Netzwerk Coerde", COERDE, ["Text"]),
        ("x" * 1001, "Netzwerk Coerde", COERDE, ["Text"]),
        ("Zeile 1\nZeile 2", "Netzwerk Coerde", COERDE, []),
        ("Text mit\u200bNullbreite", "Netzwerk Coerde", COERDE, ["Text"]),
        ("Text mit \u202eUmkehr", "Netzwerk Coerde", COERDE, ["Text"]),
        ("Gültiger Text", "N", COERDE, ["Organisation"]),
        ("Gültiger Text", "Netz\nwerk", COERDE, ["Organisation"]),
        ("Gültiger Text", "Netzwerk", NoteTarget("61", period=2024), ["Jahr"]),
        ("Gültiger Text", "Netzwerk", NoteTarget("61", "anteil_mv", goal_id="6.3-L2"), ["Bezug"]),
    ],
)
def test_note_problems(text: str, organisation: str, target: NoteTarget, columns: list) -> None:
    assert [p.column for p in note_problems(text, organisation, target)] == columns


def test_network_writes_for_its_district_only(demo_store: Store) -> None:
    note = svc.write_note(demo_store, NETWORK_COERDE, COERDE, "  Kita geschlossen  ", "Netzwerk")
    assert note["text"] == "Kita geschlossen" and note["status"] == VISIBLE
    # the borough's network covers Coerde; another district's network and a field scope do not
    svc.write_note(demo_store, NETWORK_NORD, NoteTarget("61"), "Aus Sicht des Bezirks", "Nord")
    for user in (NETWORK_BERG_FIDEL, FIELD_EDITOR, None):
        with pytest.raises(PermissionDenied):
            svc.write_note(demo_store, user, COERDE, "Fremder Hinweis", "Netzwerk")
    with pytest.raises(ValidationError):
        svc.write_note(demo_store, NETWORK_COERDE, COERDE, "", "Netzwerk")
    with pytest.raises(LeitbildError):
        svc.write_note(demo_store, KI, NoteTarget("999"), "Unbekanntes Gebiet", "KI")
    assert len(NoteRepository(demo_store).notes(statuses=(VISIBLE, REVIEWED, HIDDEN))) == 2


def test_hidden_notes_are_kept_but_not_shown(demo_store: Store) -> None:
    note = svc.write_note(demo_store, NETWORK_COERDE, COERDE, "Wird ausgeblendet", "Netzwerk")
    with pytest.raises(PermissionDenied):
        svc.moderate_note(demo_store, NETWORK_COERDE, int(note["id"]), 1, "hide")
    version = svc.moderate_note(demo_store, KI, int(note["id"]), 1, "hide")
    assert version == 2
    assert svc.notes_for(demo_store, None, "61").empty
    assert svc.notes_for(demo_store, NETWORK_COERDE, "61").empty
    seen_by_ki = svc.notes_for(demo_store, KI, "61")
    assert list(seen_by_ki["status"]) == [HIDDEN] and list(seen_by_ki["author"]) == ["netz61"]
    history = NoteRepository(demo_store).history(int(note["id"]))
    assert list(history["new_status"]) == [VISIBLE, HIDDEN]
    assert list(history["actor"]) == ["netz61", "ki"]
    with pytest.raises(NoteConflictError):  # a stale moderation is refused
        svc.moderate_note(demo_store, KI, int(note["id"]), 1, "show")


def test_viewers_see_organisation_not_account(demo_store: Store) -> None:
    svc.write_note(demo_store, NETWORK_COERDE, COERDE, "Sprachcafé neu eröffnet", "Netzwerk Coerde")
    shown = svc.notes_for(demo_store, None, "61", "arbeitslose_je100")
    assert list(shown["organisation"]) == ["Netzwerk Coerde"]
    assert "author" not in shown.columns
    assert svc.note_counts(demo_store, "arbeitslose_je100") == {"61": 1}
    assert svc.note_counts(demo_store, "anteil_mv") == {}
