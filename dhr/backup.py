"""`flask --app dhr backup FILE` and `restore FILE`: the database rows and uploaded files in one
archive, portable between SQLite and PostgreSQL (rows are written as JSON, table by table)."""
from __future__ import annotations

import datetime as dt
import io
import json
import tarfile
from pathlib import Path

import click
from sqlalchemy import Date, DateTime, func, insert, select, text

from . import dates
from .data import audit, commit, tracking, uploads
from .data.models import Document
from .extensions import db

FORMAT_VERSION = 1


class RestoreRefused(click.ClickException):
    pass


def _encode(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _decode(column, value):
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return dates.parse_iso(value, with_time=True)
    if isinstance(column.type, Date):
        return dates.parse_iso(value)
    return value


def _alembic_revision() -> str | None:
    try:
        return db.session.scalar(text("SELECT version_num FROM alembic_version"))
    except Exception:  # no alembic table: a database made without migrations
        db.session.rollback()
        return None


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(dt.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def write_backup(target: Path) -> dict:
    tables = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(select(table)).mappings().all()
        tables[table.name] = [{k: _encode(v) for k, v in row.items()} for row in rows]
    keys = list(db.session.scalars(select(Document.storage_key)))
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": dt.datetime.now(dt.timezone.utc).isoformat(),
        "alembic_revision": _alembic_revision(),
        "counts": {name: len(rows) for name, rows in tables.items()},
        "files": len(keys),
    }
    with tarfile.open(target, "w:gz") as archive:
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
        _add_bytes(archive, "database.json", json.dumps(tables).encode())
        for key in keys:
            path = uploads.path_of(key)
            if path.exists():
                archive.add(path, arcname=f"uploads/{key}")
    return manifest


def _database_is_empty() -> bool:
    return all(
        (db.session.scalar(select(func.count()).select_from(table)) or 0) == 0 for table in db.metadata.sorted_tables
    )


def _reset_sequences() -> None:
    if db.engine.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" in table.c and table.c.id.autoincrement is not False and len(table.primary_key.columns) == 1:
            db.session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )


def read_backup(source: Path) -> dict:
    with tarfile.open(source, "r:gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT_VERSION:
            raise RestoreRefused(f"{source} is not a backup this version can read")
        revision = _alembic_revision()
        if manifest["alembic_revision"] != revision:
            raise RestoreRefused(
                f"The backup was taken at schema {manifest['alembic_revision']} but this database is at "
                f"{revision}: run 'flask --app dhr db upgrade' (or restore with the matching version)."
            )
        if not _database_is_empty():
            raise RestoreRefused("The database is not empty: restore only into a freshly migrated database.")
        tables = json.load(archive.extractfile("database.json"))
        for table in db.metadata.sorted_tables:
            rows = tables.get(table.name, [])
            if rows:
                decoded = [{c.name: _decode(c, row.get(c.name)) for c in table.columns} for row in rows]
                db.session.execute(insert(table), decoded)
        _reset_sequences()
        upload_root = uploads.upload_dir()
        upload_root.mkdir(parents=True, exist_ok=True)
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("uploads/"):
                key = Path(member.name).name
                uploads.path_of(key).write_bytes(archive.extractfile(member).read())
    return manifest


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(target: Path) -> None:
    """Write the database and uploaded files to one .tar.gz archive."""
    manifest = write_backup(target)
    total = sum(manifest["counts"].values())
    click.echo(f"Backed up {total} rows in {len(manifest['counts'])} tables and {manifest['files']} files to {target}")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_command(source: Path) -> None:
    """Restore an archive made by `backup` into an empty, migrated database; then rebuild the index."""
    from search import indexing

    manifest = read_backup(source)
    with tracking.acting_as("cli: restore"):
        audit.record("restore", "database", None, source=str(source), taken=manifest["created_at"])
        commit()
    indexing.rebuild()
    total = sum(manifest["counts"].values())
    click.echo(f"Restored {total} rows and {manifest['files']} files from {source}; search index rebuilt.")


def register(app) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
