"""Users of the desk: an agency, a role inside it and a region scope."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlmodel import Field, SQLModel

from app.enums import EnumColumns, LabelledEnum, enum_field


class Agency(LabelledEnum):
    POLRI = "POLRI", _l("Polri")
    KEJAKSAAN = "KEJAKSAAN", _l("Kejaksaan")
    KPU = "KPU", _l("KPU")
    BAWASLU = "BAWASLU", _l("Bawaslu")
    TNI = "TNI", _l("TNI")
    PEMDA = "PEMDA", _l("Pemda")
    LAINNYA = "LAINNYA", _l("Other agency")

    @property
    def long_name(self) -> str:
        return str(AGENCY_LONG_NAMES[self])


AGENCY_LONG_NAMES = {
    Agency.POLRI: _l("Indonesian National Police"),
    Agency.KEJAKSAAN: _l("Public Prosecution Service"),
    Agency.KPU: _l("General Elections Commission"),
    Agency.BAWASLU: _l("Election Supervisory Agency"),
    Agency.TNI: _l("Indonesian National Armed Forces"),
    Agency.PEMDA: _l("Regional Government"),
    Agency.LAINNYA: _l("Other agency"),
}


class Role(LabelledEnum):
    PETUGAS = "petugas", _l("Field officer")
    OPERATOR = "operator", _l("Desk operator")
    PIMPINAN = "pimpinan", _l("Head")
    SEKRETARIAT = "sekretariat", _l("Secretariat")
    ADMIN = "admin", _l("Administrator")


class User(EnumColumns, UserMixin, SQLModel, table=True):
    """An account. ``region_code`` is the scope: the user sees that region and everything below it."""

    __tablename__ = "user_account"  # "user" is reserved in PostgreSQL

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=120)
    email: str | None = Field(default=None, max_length=254, unique=True)
    phone: str | None = Field(default=None, max_length=20)  # E.164 (+628…), normalised with lokal-id
    position: str = Field(default="", max_length=120)  # jabatan, e.g. "Kasat Intelkam"
    rank_id: str = Field(default="", max_length=60)  # pangkat/NIP/NRP for signature blocks
    agency: Agency = enum_field(Agency, 16, index=True)
    role: Role = enum_field(Role, 16)
    region_code: str = Field(foreign_key="region.code", index=True, max_length=13)
    active: bool = Field(default=True)
    language: str = Field(default="id", max_length=5)
    password_hash: str = Field(max_length=255)
    # Changes when the password changes or the account is deactivated: old sessions stop working.
    session_token: str = Field(max_length=64)
    created_at: datetime | None = None
    last_login_at: datetime | None = None

    def get_id(self) -> str:  # Flask-Login: tie the session to the current token, not just the id
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active


class LoginThrottle(SQLModel, table=True):
    """Failed logins per account (``user:<name>``) or per address (``ip:<addr>``), shared by all processes."""

    key: str = Field(primary_key=True, max_length=300)
    failures: int = Field(default=0)
    last_failure_at: datetime | None = None
    blocked_until: datetime | None = None


class UserLogin(SQLModel, table=True):
    """One login on one device: the session cookie and its remember-me cookie both name it.

    Logging out ends this row, so a copied session or remember-me cookie stops working server-side; the
    user's ``session_token`` (rotated on password change, deactivation and "log out everywhere") ends them all.
    """

    __tablename__ = "user_login"

    id: str = Field(primary_key=True, max_length=32)  # random, unguessable
    user_id: int = Field(foreign_key="user_account.id", index=True)
    created_at: datetime
    ended_at: datetime | None = None
