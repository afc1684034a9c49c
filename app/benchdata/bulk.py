"""Bulk inserts: COPY on PostgreSQL, executemany on SQLite, with ids chosen here.

Rows are dicts; columns the generator does not name get the model's default (so a column another feature adds
with a default does not break the generator). Ids are allocated in blocks under a table lock, so rows can
refer to each other (follow-ups to their post) before they are written; the PostgreSQL sequence is moved past
the block afterwards.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Iterable

from sqlalchemy import Table, func, select, text
from sqlmodel import Session, SQLModel


def _table(model_or_table) -> Table:
    return model_or_table if isinstance(model_or_table, Table) else model_or_table.__table__


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _defaults(table: Table) -> dict:
    out = {}
    for column in table.columns:
        default = column.default
        if default is None or default.is_sequence:
            continue
        if default.is_scalar:
            out[column.name] = default.arg
        elif default.is_callable:
            try:
                out[column.name] = default.arg(None)
            except (TypeError, KeyError, AttributeError):  # context-dependent defaults: the generator fills them
                continue
    return out


def reserve_ids(session: Session, model, count: int) -> int:
    """The first of ``count`` fresh ids for ``model`` (the table stays locked until the transaction ends)."""
    table = _table(model)
    if is_postgres(session):
        session.exec(text(f'LOCK TABLE "{table.name}" IN SHARE ROW EXCLUSIVE MODE'))
    top = session.exec(select(func.max(table.c.id))).one()[0] or 0
    if is_postgres(session):
        sequence = session.exec(text("SELECT pg_get_serial_sequence(:t, 'id')"), params={"t": table.name}).one()[0]
        last = f"SELECT last_value FROM {sequence}"  # noqa: S608 (a sequence name from the catalog)
        top = max(top, session.exec(text(last)).one()[0])
    return top + 1


def _sync_sequence(session: Session, table: Table) -> None:
    if is_postgres(session) and "id" in table.c:
        top = f'SELECT COALESCE(MAX(id), 0) FROM "{table.name}"'  # noqa: S608 (a model's table name)
        session.exec(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), GREATEST(({top}), 1))"))


def insert_rows(session: Session, model, rows: Iterable[dict]) -> int:
    """Write ``rows`` into the model's table in the session's transaction. Returns how many."""
    table = _table(model)
    rows = list(rows)
    if not rows:
        return 0
    defaults = _defaults(table)
    given = set().union(*rows)
    names = [c.name for c in table.columns if c.name in given or c.name in defaults]
    json_columns = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
    if is_postgres(session):
        _copy(session, table, names, rows, defaults, json_columns)
    else:
        merged = [{**defaults, **row} for row in rows]
        session.connection().execute(table.insert(), [{n: r.get(n) for n in names} for r in merged])
    _sync_sequence(session, table)
    return len(rows)


def fast_load(session: Session) -> None:
    """PostgreSQL: skip the per-row foreign-key triggers for this transaction (the generator writes consistent
    rows by construction); needs a superuser, else it is a no-op and the load is slower."""
    if not is_postgres(session):
        return
    dbapi = session.connection().connection.driver_connection
    try:
        with dbapi.transaction():
            dbapi.execute("SET LOCAL session_replication_role = replica")
    except Exception:  # noqa: BLE001 - not a superuser: keep the triggers
        return


def _copy(session, table: Table, names: list[str], rows: list[dict], defaults: dict, json_columns: set) -> None:
    dbapi = session.connection().connection.driver_connection
    columns = ", ".join(f'"{n}"' for n in names)
    fill = {n: defaults.get(n) for n in names}
    pick = operator.itemgetter(*names) if len(names) > 1 else (lambda r: (r[names[0]],))
    as_json = [n for n in names if n in json_columns]
    with dbapi.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            values = {**fill, **row}
            for name in as_json:
                if values[name] is not None:
                    values[name] = json.dumps(values[name])
            copy.write_row(pick(values))


def analyze(session: Session) -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL ANALYZE, SQLite ANALYZE)."""
    session.exec(text("ANALYZE"))


def all_models() -> dict[str, Table]:
    return dict(SQLModel.metadata.tables)
