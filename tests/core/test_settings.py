"""One way to read a feature's settings (app/settings.py): config over environment over default, with the
feature's prefix, values brought to the default's type."""

from __future__ import annotations

from dataclasses import dataclass

from app.settings import load_settings


@dataclass(frozen=True)
class Probe:
    hours: int = 8
    lifetime: float = 30.0
    enabled: bool = True
    places: tuple[str, ...] = ("a",)
    label: str = "x"


def test_defaults_without_config_or_app():
    assert load_settings(Probe, prefix="PROBE_") == Probe()


def test_config_key_is_prefix_and_field_name_and_wins_over_environment(monkeypatch):
    monkeypatch.setenv("SINERGI_PROBE_HOURS", "12")
    monkeypatch.setenv("SINERGI_PROBE_LABEL", "from-env")
    got = load_settings(Probe, {"PROBE_HOURS": 6, "HOURS": 99}, prefix="PROBE_")
    assert got.hours == 6  # config wins; the unprefixed key is somebody else's
    assert got.label == "from-env"


def test_values_take_the_defaults_type(monkeypatch):
    monkeypatch.setenv("SINERGI_PROBE_ENABLED", "off")
    monkeypatch.setenv("SINERGI_PROBE_LIFETIME", "2.5")
    got = load_settings(Probe, {"PROBE_PLACES": ["b", "c"], "PROBE_HOURS": "4"}, prefix="PROBE_")
    assert got.enabled is False
    assert got.lifetime == 2.5
    assert got.places == ("b", "c")  # a JSON list becomes the tuple a frozen dataclass can hash
    assert got.hours == 4


def test_reads_the_current_apps_config(app):
    from app.duty.settings import settings

    app.config["DUTY_SHIFT_HOURS"] = 12
    with app.app_context():
        assert settings().shift_hours == 12
