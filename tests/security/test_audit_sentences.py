"""Audit entries read as Indonesian sentences (issue 11 point 6): every action the code records has a sentence,
fields have Indonesian labels, values their labels, free text and identity are never stored."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from app.audit.sentences import SENTENCES, details, sentence
from app.audit.services import minimise

APP = Path(__file__).resolve().parents[2] / "app"
RECORDED = re.compile(r'action="([a-z_]+\.[a-z_]+)"[^)]*object_type=')


def recorded_actions() -> set[str]:
    found = set()
    for path in APP.rglob("*.py"):
        text = path.read_text()
        found |= set(RECORDED.findall(text))
        found |= set(re.findall(r'"((?:user|meeting|readiness)\.[a-z_]+)" if ', text))
        found |= set(re.findall(r'else "((?:user|meeting|readiness)\.[a-z_]+)"', text))
    return found


def test_every_recorded_action_has_a_sentence():
    actions = recorded_actions()
    assert len(actions) > 40
    assert sorted(actions - set(SENTENCES)) == []


def _entry(action, object_type="timeline_entry", object_id="12"):
    return SimpleNamespace(action=action, object_type=object_type, object_id=object_id)


def test_sentence_with_actor_agency_object_and_status(app):
    actor = SimpleNamespace(name="Budi", agency="POLRI")
    with app.test_request_context():
        text = sentence(_entry("timeline.status"), actor, {"after": {"kind": "kerawanan", "status": "ditangani"}})
        assert text == "Budi (Polri) mengubah status kerawanan #12 menjadi ditangani"
        assert sentence(_entry("some.new_action", "tps"), None, {}) == "Sistem mengubah TPS #12"


def test_details_have_labels_and_readable_values(app):
    data = {
        "before": {"status": "dilaporkan", "text_chars": 40, "important": False},
        "after": {"status": "ditangani", "text_chars": 40, "important": True, "letter_date": "2024-11-26"},
    }
    with app.test_request_context():
        rows = details(_entry("timeline.status"), data)
    assert rows == [
        ("Status", "Dilaporkan", "Ditangani"),
        ("Penting", "tidak", "ya"),
        ("Tanggal surat", None, "Selasa, 26 November 2024"),
    ]


def test_a_category_reads_as_its_label_never_as_its_code(app):
    """Issue 11 point 6: "English action codes ... never appear to users" — an incident category and a TPS's
    Polri security category are shown by their Indonesian labels; an unknown code by a neutral word."""
    data = {"before": {"category": "kurang_rawan"}, "after": {"category": "rawan"}}
    posted = {"after": {"category": "op.tps_terlambat_dibuka"}}
    with app.test_request_context():
        assert details(_entry("readiness.security", "tps"), data) == [("Kategori", "Kurang rawan", "Rawan")]
        [(label, _old, new)] = details(_entry("timeline.post"), posted)
        unknown = details(_entry("timeline.post"), {"after": {"category": "op.no_such_code"}})
    assert (label, new) == ("Kategori", "TPS terlambat dibuka")
    assert unknown == [("Kategori", None, "kategori lain")]


@pytest.mark.parametrize(
    ("data", "stored"),
    [
        ({"text": "rahasia", "status": "x"}, {"text_chars": 7, "status": "x"}),
        ({"message": "Ibu Siti", "reporter_name": "Siti", "reporter_nik": "1"}, {"message_chars": 8}),
        ({1: True, "2": False}, {1: True, "2": False}),  # indicator ids as keys
    ],
)
def test_stored_entries_keep_lengths_not_text_nor_identity(data, stored):
    assert minimise(data) == stored
