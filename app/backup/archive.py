"""Build and check the dated backup archive, and restore one into an empty instance."""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from app.backup import engines
from app.backup.engines import BackupError

FORMAT = 1


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def create(database_url: str, upload_dir: Path, out_dir: Path, *, now: datetime) -> Path:
    """Write ``sinergi-backup-<UTC>.tar.gz`` and its ``.sha256`` into ``out_dir``; returns the archive."""
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = out_dir / f"sinergi-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz"
    if archive.exists():
        raise BackupError(f"{archive} exists already")
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".backup-") as work:
        work_dir = Path(work)
        database_file = engines.dump(database_url, work_dir)
        files = _files(upload_dir)
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "engine": engines.engine_name(database_url),
            "database_file": database_file,
            "tables": engines.table_counts(database_url),
            "files": {str(p.relative_to(upload_dir)): sha256_of(p) for p in files},
        }
        (work_dir / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
        partial = archive.with_name(archive.name + ".part")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work_dir / "manifest.json", arcname="manifest.json")
            tar.add(work_dir / database_file, arcname=f"database/{database_file}")
            for path in files:
                tar.add(path, arcname=f"uploads/{path.relative_to(upload_dir)}")
        partial.rename(archive)  # never a half-written archive under the final name
    archive.with_name(archive.name + ".sha256").write_text(f"{sha256_of(archive)}  {archive.name}\n")
    return archive


def verify(archive: Path) -> None:
    """The archive matches its ``.sha256`` file (refuses a missing one)."""
    checksum = archive.with_name(archive.name + ".sha256")
    if not checksum.is_file():
        raise BackupError(f"{checksum.name} is missing: the archive cannot be checked")
    expected = checksum.read_text().split()[0].lower()
    if sha256_of(archive) != expected:
        raise BackupError(f"{archive.name} does not match its SHA-256 checksum: the archive is damaged")


def restore(archive: Path, database_url: str, upload_dir: Path, *, force: bool = False) -> dict:
    """Check, unpack and load ``archive``; refuses a non-empty database or upload folder unless ``force``."""
    verify(archive)
    target_engine = engines.engine_name(database_url)
    occupied = [
        what
        for what, empty in (("database", engines.is_empty(database_url)), ("upload folder", not _files(upload_dir)))
        if not empty
    ]
    if occupied and not force:
        raise BackupError(f"the instance is not empty ({' and '.join(occupied)}); restore with --force to replace it")
    upload_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=upload_dir.parent, prefix=".restore-") as work:
        work_dir = Path(work)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work_dir, filter="data")  # no absolute paths, links out or device files
        manifest = json.loads((work_dir / "manifest.json").read_text())
        if manifest.get("format") != FORMAT or manifest["engine"] != target_engine:
            raise BackupError(
                f"this archive holds a {manifest.get('engine')} database; the instance uses "
                f"{target_engine} (restore into the same kind of database)"
            )
        _check_files(work_dir / "uploads", manifest["files"])
        engines.load(database_url, work_dir / "database" / manifest["database_file"], replace=bool(occupied))
        _replace_uploads(work_dir / "uploads", upload_dir)
    counts = engines.table_counts(database_url)
    if counts != manifest["tables"]:
        raise BackupError("the restored database does not hold the rows the archive lists")
    return manifest


def _check_files(unpacked: Path, listed: dict[str, str]) -> None:
    found = {str(p.relative_to(unpacked)): sha256_of(p) for p in _files(unpacked)}
    if found != listed:
        raise BackupError("the uploaded files in the archive do not match its manifest")


def _replace_uploads(unpacked: Path, upload_dir: Path) -> None:
    for old in upload_dir.iterdir():
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    if unpacked.is_dir():
        for item in unpacked.iterdir():
            shutil.move(str(item), upload_dir / item.name)
