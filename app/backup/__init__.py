"""Backups: ``flask --app wsgi backup create [--out DIR]`` and ``flask --app wsgi backup restore ARCHIVE``.

One dated archive ``sinergi-backup-<UTC time>.tar.gz`` holds ``manifest.json``, the database (SQLite copied with
its online backup API while the app runs; PostgreSQL as a ``pg_dump`` custom-format dump) and every uploaded file
(``uploads/``). Next to it ``<archive>.sha256`` (the ``sha256sum`` format) lets the restore, or an operator with
``sha256sum -c``, check that the archive arrived whole. Secrets (``SECRET_KEY``, VAPID keys) are not in it: they
live in the environment file and are kept separately.
"""
