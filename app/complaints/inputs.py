"""The intake's input models: what a filled Formulir Model A.1/B.1 hands to ``services.intake.create_complaint``,
validated and normalised (text trimmed, phone numbers in E.164 or refused, the NIK without spaces, empty form
rows dropped). They extend the tables' field sets (models.py), so no field is spelled twice."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, field_validator
from sqlmodel import Field

from app.complaints.models import ComplaintFields, EvidenceFile, EvidenceItemFields, WitnessFields
from app.complaints.vocab import EvidenceKind
from app.forms import phone_e164


def _e164_or_refuse(value: str) -> str:
    if not value:
        return ""
    e164 = phone_e164(value)
    if e164 is None:
        raise ValueError("not an Indonesian phone number")  # the forms refuse it first, in Indonesian
    return e164


class WitnessCreate(WitnessFields):
    model_config = ConfigDict(str_strip_whitespace=True)

    @field_validator("name", "address", mode="before")
    @classmethod
    def _text(cls, value: str | None) -> str:
        return value or ""  # a witness row left empty on the form

    @field_validator("phone", mode="before")
    @classmethod
    def _phone(cls, value: str | None) -> str:
        return _e164_or_refuse((value or "").strip())


class EvidenceItemCreate(EvidenceItemFields):
    model_config = ConfigDict(str_strip_whitespace=True)

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: str | None) -> str:
        return value or EvidenceKind.LAINNYA  # a described item whose kind was left open

    @field_validator("description", "medium", mode="before")
    @classmethod
    def _text(cls, value: str | None) -> str:
        return value or ""


class ComplaintCreate(ComplaintFields):
    """A complaint as intake hands it to ``create_complaint``: the form's fields, validated and normalised (text
    trimmed, phone numbers in E.164, the NIK without spaces), with the witnesses and stored files."""

    model_config = ConfigDict(str_strip_whitespace=True)

    truth_statement: bool = True
    temuan: bool = False  # a finding of Bawaslu's own supervisors (staff intake)
    a1_signed: bool = False  # staff intake: the reporter signed the A.1/B.1 in front of a Bawaslu officer
    witnesses: list[WitnessCreate] = Field(default_factory=list)
    evidence: list[EvidenceFile] = Field(default_factory=list)
    evidence_items: list[EvidenceItemCreate] = Field(default_factory=list)

    @field_validator("reporter_phone", "subject_phone", "proxy_phone", mode="before")
    @classmethod
    def _phones(cls, value: str | None) -> str:
        return _e164_or_refuse((value or "").strip())

    @field_validator("reporter_nik", mode="before")
    @classmethod
    def _nik(cls, value: str | None) -> str:
        return "".join((value or "").split())

    @field_validator("event_region_code", "election_id", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return value or None

    @field_validator("witnesses", mode="after")
    @classmethod
    def _named_witnesses(cls, value: list[WitnessCreate]) -> list[WitnessCreate]:
        return [w for w in value if w.name]  # an empty witness row of the form is no witness

    @field_validator("evidence_items", mode="after")
    @classmethod
    def _described_items(cls, value: list[EvidenceItemCreate]) -> list[EvidenceItemCreate]:
        return [item for item in value if item.description]  # an empty row of the form is no evidence
