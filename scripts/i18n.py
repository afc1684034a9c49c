"""Message catalogs: one for the shared code and one per feature package, merged by Flask-Babel at run time.

    python scripts/i18n.py extract   # write each catalog's .pot
    python scripts/i18n.py update    # extract, then merge new msgids into the id/ .po files
    python scripts/i18n.py compile   # .po → .mo (built at set-up, never committed)
    python scripts/i18n.py check     # fail when a msgid in the code is missing or untranslated in id/
    python scripts/i18n.py fill F.json  # set Indonesian texts from {"English msgid": "Indonesian"}

A feature ``app/<name>/`` has a catalog when ``app/<name>/translations/`` exists; its messages come from
``app/<name>/**.py`` and ``templates/<name>/**.html``. Everything else belongs to ``app/translations``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
TEMPLATES = ROOT / "templates"
# Only Indonesian has catalogs: msgids are English, and Babel shows the msgid itself when a language has no
# catalog, so English needs none (an English catalog would only copy every msgid; tests/test_i18n.py checks
# that English pages still read right).
LOCALES = ("id",)
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "_n": (1, 2),
    "lazy_ngettext": (1, 2),
}
JINJA_OPTIONS = {"trimmed": "true", "extensions": "jinja2.ext.do"}
# Indonesian has one plural form (CLDR "other"); Babel's default header would wrongly give two.
PLURAL_FORMS = {"id": "nplurals=1; plural=0;"}


def features() -> list[str]:
    return sorted(p.parent.name for p in APP.glob("*/translations") if p.is_dir())


def catalog_dirs() -> dict[str, Path]:
    dirs = {"core": APP / "translations"}
    dirs.update({name: APP / name / "translations" for name in features()})
    return dirs


def _directory_filter(dirpath: str) -> bool:
    """Babel's default skips every folder starting with "_", and with it templates/_macros and _partials."""
    name = os.path.basename(dirpath)
    return not name.startswith(".") and name != "__pycache__"


def _extract_dir(base: Path, method: str, pattern: str, skip: set[str]) -> list[tuple]:
    if not base.is_dir():
        return []
    options = {pattern: JINJA_OPTIONS} if method == "jinja2" else {}

    def keep(path: str) -> bool:
        return path.split("/", 1)[0] not in skip

    found = []
    for filename, lineno, message, comments, context in extract_from_dir(
        str(base),
        method_map=[(pattern, method)],
        options_map=options,
        keywords=KEYWORDS,
        callback=None,
        strip_comment_tags=True,
        directory_filter=_directory_filter,
    ):
        if keep(filename):
            found.append((str((base / filename).relative_to(ROOT)), lineno, message, comments, context))
    return found


def extract(name: str) -> Catalog:
    catalog = Catalog(project="Sinergi", version="0.1", msgid_bugs_address="", charset="utf-8")
    if name == "core":
        skip = set(features())
        entries = _extract_dir(APP, "python", "**.py", skip) + _extract_dir(TEMPLATES, "jinja2", "**.html", skip)
    else:
        entries = _extract_dir(APP / name, "python", "**.py", set()) + _extract_dir(
            TEMPLATES / name, "jinja2", "**.html", set()
        )
    for filename, lineno, message, comments, context in entries:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _po_path(directory: Path, locale: str) -> Path:
    return directory / locale / "LC_MESSAGES" / "messages.po"


def _load(path: Path, locale: str) -> Catalog:
    if path.exists():
        with path.open("rb") as f:
            return read_po(f, locale=locale)
    return Catalog(locale=locale, project="Sinergi", charset="utf-8")


def _save(catalog: Catalog, path: Path, locale: str) -> None:
    catalog.fuzzy = False  # the header is maintained by this script, not a guess
    catalog.project, catalog.version = "Sinergi", "0.1"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=110, sort_output=True, omit_header=False, ignore_obsolete=True, include_lineno=False)
    text = path.read_text(encoding="utf-8")
    import re

    text = re.sub(r'"Plural-Forms: [^"]*\\n"', f'"Plural-Forms: {PLURAL_FORMS[locale]}\\\\n"', text)
    path.write_text(text, encoding="utf-8")


def update() -> None:
    for name, directory in catalog_dirs().items():
        template = extract(name)
        for locale in LOCALES:
            path = _po_path(directory, locale)
            catalog = _load(path, locale)
            created = catalog.creation_date
            catalog.update(template, no_fuzzy_matching=True)
            if path.exists():
                # Keep the header date: a changing timestamp makes every parallel branch conflict here.
                catalog.creation_date = created
            _save(catalog, path, locale)
        print(f"{name}: {len(template)} messages")


def compile_all() -> None:
    for directory in catalog_dirs().values():
        for locale in LOCALES:
            path = _po_path(directory, locale)
            if not path.exists():
                continue
            catalog = _load(path, locale)
            # Written aside and renamed: the two halves of `make test` (SQLite, PostgreSQL) run at the same time
            # and may compile while the other's server is reading the catalog.
            target = path.with_suffix(".mo")
            partial = target.with_name(f".{target.name}.{os.getpid()}")
            with partial.open("wb") as f:
                write_mo(f, catalog, use_fuzzy=False)
            os.replace(partial, target)


def problems() -> list[str]:
    """Every msgid in the code that lacks a non-fuzzy Indonesian translation (empty list when complete)."""
    found = []
    for name, directory in catalog_dirs().items():
        template = extract(name)
        catalog = _load(_po_path(directory, "id"), "id")
        for message in template:
            if not message.id:
                continue
            translated = catalog.get(message.id, message.context)
            strings = translated.string if translated else None
            ok = all(strings) if isinstance(strings, tuple | list) else bool(strings)
            if not ok or (translated and translated.fuzzy):
                key = message.id if isinstance(message.id, str) else message.id[0]
                found.append(f"{name}: {key!r} ({message.locations[0][0]})")
    return found


def fill(json_path: str) -> None:
    """Apply {msgid: Indonesian text} from a JSON file to whichever catalog holds each msgid."""
    import json

    wanted: dict[str, str] = json.loads(Path(json_path).read_text(encoding="utf-8"))
    applied = set()
    for directory in catalog_dirs().values():
        path = _po_path(directory, "id")
        if not path.exists():
            continue
        catalog = _load(path, "id")
        changed = False
        for message in catalog:
            key = message.id if isinstance(message.id, str) else message.id[0] if message.id else None
            if key in wanted:
                message.string = (wanted[key],) if isinstance(message.id, tuple | list) else wanted[key]
                message.flags.discard("fuzzy")
                applied.add(key)
                changed = True
        if changed:
            _save(catalog, path, "id")
    for key in sorted(set(wanted) - applied):
        print("not in any catalog:", key)


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "help"
    if command == "extract":
        for name in catalog_dirs():
            print(name, len(extract(name)))
    elif command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "fill":
        fill(argv[2])
    elif command == "check":
        missing = problems()
        for line in missing:
            print("untranslated:", line)
        return 1 if missing else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
