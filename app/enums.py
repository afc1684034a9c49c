"""Enums that carry their Indonesian labels, and a column type that stores them as plain strings.

::

    class Kind(LabelledEnum):
        LAPORAN = "laporan", _l("Report")      # msgid in English, translated through the catalogs

    Kind.LAPORAN.label            # "Laporan" in Indonesian
    class Entry(EnumColumns, SQLModel, table=True):
        kind: Kind = enum_field(Kind, 20)   # a VARCHAR(20) column; rows load as Kind members

Members are ``str`` (``StrEnum``), so ``entry.kind == "laporan"`` and templates comparing strings keep working,
and nothing changes in the database or the migrations: the column stays VARCHAR (SQLModel would otherwise make
a native ENUM). A value the enum no longer knows (an old row) loads as the plain string instead of failing.
"""

from __future__ import annotations

import contextlib
import enum
from typing import Any

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field
from wtforms.fields.choices import SelectChoice


class LabelledEnum(enum.StrEnum):
    """A ``StrEnum`` whose members are declared as ``NAME = "value", _l("English label")``."""

    def __new__(cls, value: str, label: Any = None):
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        return str(self._label) if self._label is not None else self.value

    @classmethod
    def label_of(cls, value: Any, default: str | None = None) -> str:
        """The label of ``value`` (a member or its string); ``default`` (or the value) for an unknown one."""
        try:
            return cls(value).label
        except ValueError:
            return default if default is not None else ("" if value is None else str(value))

    @property
    def lazy_label(self) -> Any:
        """The label as declared (a lazy string): for choices built at import time, translated when shown."""
        return self._label if self._label is not None else self.value

    @classmethod
    def choices(cls, members: Any = None) -> list[SelectChoice]:
        """``SelectField`` choices in declaration order (or of ``members``), translated when rendered."""
        return [SelectChoice(m.value, m.lazy_label) for m in (members or cls)]


def label_filter(value: Any, enum_class: type[LabelledEnum]) -> str:
    """``{{ entry.kind|label(Kind) }}``: the label of a member or of its string value (templates)."""
    return enum_class.label_of(value)


class EnumText(TypeDecorator):
    """VARCHAR(length) holding an enum's values; reads them back as members (unknown values as strings)."""

    impl = String
    cache_ok = True

    def __init__(self, enum_class: type[enum.Enum], length: int):
        super().__init__(length)
        self.enum_class = enum_class

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return value.value if isinstance(value, enum.Enum) else str(value)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        try:
            return self.enum_class(value)
        except ValueError:
            return value

    def coerce_compared_value(self, op, value):
        return String(self.impl.length)


class EnumColumns:
    """Mixin for tables with ``enum_field`` columns (list it before ``SQLModel``): a value assigned as a string
    becomes the member at once, so ``User(role="admin").role.label`` works before the row is saved and loaded,
    and code never has to ask whether it holds a member or a string. (SQLModel writes assigned values into the
    instance as given, after SQLAlchemy's attribute events, so the coercion has to happen here.)"""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, str) and not isinstance(value, enum.Enum):
            table = getattr(type(self), "__table__", None)
            column = table.columns.get(name) if table is not None else None
            if column is not None and isinstance(column.type, EnumText):
                with contextlib.suppress(ValueError):  # an unknown value stays a string, as when it is loaded
                    value = column.type.enum_class(value)
        super().__setattr__(name, value)


def enum_field(enum_class: type[enum.Enum], length: int, **kwargs: Any) -> Any:
    """A SQLModel field of ``enum_class`` stored as VARCHAR(length)."""
    return Field(sa_type=EnumText(enum_class, length), max_length=length, **kwargs)
