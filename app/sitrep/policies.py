"""Who reads, makes, edits and signs situation reports.

A report is the desk's (Permendagri 9/2005 on the Desk Pilkada: the desk reports daily to the Minister of Home
Affairs through the governor). It is read by every desk member in its region and by the province above it
(field officers excepted: they report, they do not read the desk's reports). The desk head (Pemda pimpinan)
or the secretariat makes, edits and signs it; whether a report may still be edited is the service's check, so
that a signed report answers with a clear message rather than a refusal.
"""

from __future__ import annotations

from app.auth.models import Agency, Role, User
from app.authz import Policies, sees_region
from app.sitrep.models import SitrepReport

policies = Policies()


def is_desk_writer(user: User) -> bool:
    return user.role == Role.SEKRETARIAT.value or (
        user.agency == Agency.PEMDA.value and user.role == Role.PIMPINAN.value
    )


@policies.rule("sitrep.list")
def list_(user: User, _obj) -> bool:
    return user.role != Role.PETUGAS.value


@policies.rule("sitrep.view")
def view(user: User, report) -> bool:
    return user.role != Role.PETUGAS.value and report is not None and sees_region(user, report.region_code)


@policies.rule("sitrep.generate")
def generate(user: User, region_code) -> bool:
    """``region_code``: the desk the report is for (the user's own kabupaten/kota, or one below the user)."""
    code = region_code if isinstance(region_code, str) else user.region_code
    return is_desk_writer(user) and code.count(".") == 1 and sees_region(user, code)


@policies.rule("sitrep.edit")
def edit(user: User, report) -> bool:
    return report is not None and is_desk_writer(user) and sees_region(user, report.region_code)


@policies.rule("sitrep.sign")
def sign(user: User, report) -> bool:
    return edit(user, report)


policies.viewable("sitrep_report", SitrepReport, "sitrep.view")
