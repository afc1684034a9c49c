"""NIK and phone numbers never reach a log line: every record is masked where it is created (lokal-id's Samaran,
partial mode: ``1902********0001``, ``0812****7890``), whichever logger or handler writes it — the app's own logs,
gunicorn's access log (URLs with a searched NIK) and error log, tracebacks.

Samaran costs ~5 ms per line, so a cheap pre-check lets through every line without a run of nine or more digits
(a NIK has 16, a phone number 10–13; ids, counts and times in access lines have fewer).
"""

from __future__ import annotations

import contextlib
import logging
import re

from lokal.samaran.core import Samaran

MASKED = ("NIK", "KK", "PHONE")
MAYBE_NUMBER = re.compile(r"(?:\d[\s.\-]?){9,}")
_installed: dict[str, object] = {}


def mask(text: str, samaran: Samaran | None = None) -> str:
    """``text`` with NIK, KK and phone numbers partly masked (unchanged when it holds none)."""
    if not MAYBE_NUMBER.search(text):
        return text
    return (samaran or Samaran(mode="partial", types=MASKED)).mask(text).text


def _mask_record(record: logging.LogRecord, samaran: Samaran) -> None:
    message = record.getMessage()
    masked = mask(message, samaran)
    if masked != message:
        record.msg, record.args = masked, None
    if record.exc_info and MAYBE_NUMBER.search(str(record.exc_info[1])):
        record.exc_text = mask(logging.Formatter().formatException(record.exc_info), samaran)


def install() -> None:
    """Wrap the log record factory once per process (idempotent)."""
    if "factory" in _installed:
        return
    samaran = Samaran(mode="partial", types=MASKED)
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        # A line that cannot be formatted is left to logging's own error report.
        with contextlib.suppress(Exception):
            _mask_record(record, samaran)
        return record

    logging.setLogRecordFactory(factory)
    _installed["factory"] = factory
