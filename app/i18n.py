"""Locale and time-zone selection, and the Indonesian formats used on every screen and PDF.

Times are stored in UTC and shown in the zone of the object's region (or the user's), with CLDR's short
zone names: ``Rabu, 27 November 2024 09.30 WITA``. Numbers follow the locale: ``79,80%``.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.numbers import format_decimal, format_percent
from flask import Flask, has_request_context, session
from flask_babel import get_locale
from flask_login import current_user

from app.regions.services import zone_for_code

LANGUAGES = ("id", "en")
FULL = "EEEE, d MMMM y HH.mm zzz"  # Rabu, 27 November 2024 09.30 WIB
DATE_FULL = "EEEE, d MMMM y"  # Rabu, 27 November 2024
TIME = "HH.mm zzz"  # 14.05 WIB
# The Indonesian names of the three zones, in every language: CLDR has them only in Indonesian, so English would
# print "+0700". ``zzz`` in a pattern is replaced by these.
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def translation_directories(app_dir: Path) -> list[str]:
    """The shared catalog plus one per feature package (``app/<feature>/translations``).

    Each feature keeps its own catalog so features can be built side by side without editing one file;
    Flask-Babel merges them.
    """
    dirs = [app_dir / "translations"]
    dirs += sorted(p for p in app_dir.glob("*/translations") if p.is_dir())
    return [str(d) for d in dirs]


def select_locale() -> str:
    """User setting → the visitor's own choice (session) → Indonesian.

    Not the browser's Accept-Language: the product speaks Indonesian, and a citizen whose phone happens to be
    set to English must still get the complaint status in Indonesian unless they choose otherwise.
    """
    if getattr(current_user, "is_authenticated", False) and current_user.language in LANGUAGES:
        return current_user.language
    if has_request_context():
        chosen = session.get("lang")
        if chosen in LANGUAGES:
            return chosen
    return "id"


def select_timezone() -> str:
    if getattr(current_user, "is_authenticated", False):
        return zone_for_code(current_user.region_code)
    return "Asia/Jakarta"


def _locale() -> str:
    try:
        return str(get_locale() or "id")
    except RuntimeError:  # outside an app context
        return "id"


def zone(region_code: str | None = None) -> ZoneInfo:
    """Zone of a region, else of the current user, else WIB."""
    if region_code:
        return ZoneInfo(zone_for_code(region_code))
    return ZoneInfo(select_timezone() if has_request_context() else "Asia/Jakarta")


def local(dt: datetime, region_code: str | None = None) -> datetime:
    return dt.astimezone(zone(region_code))


def local_date(moment: datetime, region_code: str | None = None) -> date:
    """The calendar day ``moment`` falls on in the region's zone: the one answer to "which day is it there"
    (a complaint's "today", a timeline day heading, a report's period). Pass the object's own region."""
    return local(moment, region_code).date()


def format_local(
    dt: datetime | None, region_code: str | None = None, fmt: str = FULL, locale: str | None = None
) -> str:
    if dt is None:
        return ""
    tz = zone(region_code)
    if "zzz" in fmt:
        fmt = fmt.replace("zzz", f"'{zone_name(tz.key)}'")
    return babel_format_datetime(dt, fmt, tzinfo=tz, locale=locale or _locale())


def zone_name(zone_key: str) -> str:
    """``Asia/Makassar`` → ``WITA`` (any language)."""
    return ZONE_NAMES.get(zone_key, zone_key)


def format_time(dt: datetime | None, region_code: str | None = None) -> str:
    return format_local(dt, region_code, TIME)


def format_day(value: date | datetime | None, region_code: str | None = None, locale: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_local(value, region_code, DATE_FULL, locale)
    return babel_format_date(value, DATE_FULL, locale=locale or _locale())


def percent(value: float | None, locale: str | None = None) -> str:
    """0.798 → ``79,80%``."""
    if value is None:
        return "–"
    return format_percent(value, "#,##0.00%", locale=locale or _locale())


def number(value: float | int | None, locale: str | None = None) -> str:
    """1234567 → ``1.234.567``."""
    if value is None:
        return "–"
    return format_decimal(value, locale=locale or _locale())


# Documents for the desk (notula, berita acara, laporan situasi, the printed A.1) are Indonesian whatever the
# reader's own language: these formats ignore the request's locale.
def id_day(value: date | datetime | None, region_code: str | None = None) -> str:
    return format_day(value, region_code, locale="id")


def id_time(value: datetime | None, region_code: str | None = None) -> str:
    return format_local(value, region_code, TIME, locale="id")


def id_date(value: date | None) -> str:
    """``27 November 2024`` (a date line such as "Belitung, 27 November 2024" above the signatures)."""
    return "" if value is None else babel_format_date(value, "d MMMM y", locale="id")


def id_local_date(value: datetime | None, region_code: str | None = None) -> str:
    return "" if value is None else id_date(local_date(value, region_code))


def init_app(app: Flask) -> None:
    from app.auth.models import Agency, Role
    from app.enums import label_filter
    from app.forms import phone_display

    app.jinja_env.add_extension("jinja2.ext.do")  # {% do %} in macros (templates/_macros/forms.html)
    app.jinja_env.filters.update(
        local_datetime=format_local,
        local_time=format_time,
        local_day=format_day,
        percent=percent,
        number=number,
        phone=phone_display,
        id_day=id_day,
        id_time=id_time,
        id_date=id_date,
        id_local_date=id_local_date,
        label=label_filter,
        zone_of=lambda region_code: zone_name(zone(region_code).key),  # "WIB" for a region's code
    )
    # The vocabularies every template names (a feature adds its own enums the same way in its register(app)).
    app.jinja_env.globals.update(Agency=Agency, Role=Role)
