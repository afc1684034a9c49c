"""The desk's escalation rules: which apply to an incident, and the admin's changes to them (audited)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import User
from app.errors import DomainError
from app.escalation.models import EscalationRule
from app.escalation.settings import RuleSpec, settings
from app.escalation.vocab import SEVERITY_CODES, Condition, Target
from app.regions.models import Region
from app.regions.services import in_scope, parent_code


class RuleError(DomainError):
    """A refused rule set (``field`` is ``rules``, or ``rule-<n>-<field>`` for one row)."""


def chain(code: str) -> list[str]:
    out: list[str] = []
    c: str | None = code
    while c:
        out.append(c)
        c = parent_code(c)
    return out


def spec(rule: EscalationRule) -> RuleSpec:
    severities = tuple(s for s in rule.severities.split(",") if s)
    return RuleSpec(rule.level, severities, str(rule.condition), rule.minutes, str(rule.target))


def effective(session: Session, region_code: str, cache: dict | None = None) -> tuple[str | None, list[RuleSpec]]:
    """(the desk whose rules apply, the rules by level) for an incident in ``region_code``: the nearest region
    with rules of its own, else (None, the defaults)."""
    for code in chain(region_code):
        if cache is not None and code in cache:
            found = cache[code]
        else:
            found = [
                spec(r)
                for r in session.exec(
                    select(EscalationRule).where(EscalationRule.region_code == code).order_by(EscalationRule.level)
                ).all()
            ]
            if cache is not None:
                cache[code] = found
        if found:
            return code, found
    return None, list(settings().rules)


def _row(index: int, raw: dict) -> RuleSpec:
    """One row of the form, checked; messages name the row ("Baris 2: …")."""
    n = index + 1
    severities = tuple(s for s in SEVERITY_CODES if s in (raw.get("severities") or ()))
    if not severities:
        raise RuleError(f"rule-{n}", _l("Row %(n)s: choose at least one severity.", n=n))
    if raw.get("condition") not in {c.value for c in Condition}:
        raise RuleError(f"rule-{n}", _l("Row %(n)s: choose what the rule waits for.", n=n))
    if raw.get("target") not in {t.value for t in Target}:
        raise RuleError(f"rule-{n}", _l("Row %(n)s: choose whom to alert.", n=n))
    minutes = str(raw.get("minutes") or "").strip()
    if not minutes.isdigit() or not 1 <= int(minutes) <= settings().max_minutes:
        raise RuleError(f"rule-{n}", _l("Row %(n)s: minutes must be a whole number from 1 to 240.", n=n))
    return RuleSpec(n, severities, raw["condition"], int(minutes), raw["target"])


def check(rows: list[dict]) -> list[RuleSpec]:
    """The rows of the rules form as rules (levels in order). :raise RuleError:"""
    kept = [r for r in rows if not r.get("remove")]
    if len(kept) > settings().max_levels:
        raise RuleError("rules", _l("At most 5 levels."))
    specs = [_row(i, raw) for i, raw in enumerate(kept)]
    if [s.minutes for s in specs] != sorted(s.minutes for s in specs):
        raise RuleError("rules", _l("Put the levels in order of their minutes (the first alert comes first)."))
    return specs


def save(session: Session, region_code: str, specs: list[RuleSpec], *, actor: User, now: datetime) -> None:
    """Replace the desk's rules (an empty list: back to the nearest desk's or the defaults). :raise RuleError:"""
    region = session.get(Region, region_code)
    if region is None or region.level > 2 or not in_scope(region.code, actor.region_code):
        raise RuleError("rules", _l("Escalation rules belong to a kabupaten/kota or province desk in your scope."))
    before = [s.__dict__ for s in effective(session, region_code)[1]]
    for old in session.exec(select(EscalationRule).where(EscalationRule.region_code == region_code)).all():
        session.delete(old)
    session.flush()
    for s in specs:
        session.add(
            EscalationRule(
                region_code=region_code,
                level=s.level,
                severities="," + ",".join(s.severities) + ",",
                condition=s.condition,
                minutes=s.minutes,
                target=s.target,
                updated_by_id=actor.id,
                updated_at=now,
            )
        )
    session.flush()
    record(
        session,
        actor=actor,
        action="escalation.rules",
        object_type="escalation_rules",
        object_id=region_code,
        now=now,
        before={"levels": len(before)},
        after={"levels": len(specs), "rules": [_describe(s) for s in specs]},
        region_code=region_code,
    )


def _describe(s: RuleSpec) -> str:
    return f"{s.level}: {'/'.join(s.severities)} {s.condition} {s.minutes} min → {s.target}"
