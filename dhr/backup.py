"""`flask --app dhr backup FILE` and `restore FILE`: the database rows and uploaded files in one
archive, portable between SQLite and PostgreSQL (rows are written as JSON, table by table).

The archive is signed (dhr.backup_file) with the operator's backup key, or else the instance's
SECRET_KEY. Restore checks the signature, then that the archive holds only a backup's members
(manifest.json, database.json and uploads/<key> for the documents it lists, all plain files),
and only then writes anything."""
from __future__ import annotations

import datetime as dt
import io
import json
import tarfile
import zlib
from pathlib import Path

import click
from flask import current_app
from sqlalchemy import Date, DateTime, func, insert, select, text

from . import backup_file, dates
from .backup_file import Refused
from .data import audit, commit, tracking, uploads
from .data.account_models import AccountLink
from .data.job_models import Job
from .data.models import Document, SignInThrottle, UserSession
from .data.notification_models import Notification
from .extensions import db

FORMAT_VERSION = 1
MANIFEST, DATABASE, UPLOADS = "manifest.json", "database.json", "uploads/"
# Who is signed in, who is being slowed down and which downloads are being prepared belong to
# the running service, not to its records: a restore must never bring old sessions back to life
# (nor send again emails that went out after the backup was made, nor revive a password link).
NOT_BACKED_UP = frozenset({UserSession.__table__.name, SignInThrottle.__table__.name, Job.__table__.name,
                           Notification.__table__.name, AccountLink.__table__.name})


def _backed_up_tables():
    return [table for table in db.metadata.sorted_tables if table.name not in NOT_BACKED_UP]


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


def write_backup(target: Path, key: bytes) -> dict:
    tables = {}
    for table in _backed_up_tables():
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

    def write(out) -> None:
        with tarfile.open(fileobj=out, mode="w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            _add_bytes(archive, DATABASE, json.dumps(tables).encode())
            for key in keys:
                path = uploads.path_of(key)
                if path.exists():
                    _add_bytes(archive, f"{UPLOADS}{key}", path.read_bytes())

    backup_file.write_signed(target, key, write)
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


def _names_an_upload(key: str) -> bool:
    try:
        uploads.path_of(key)
    except uploads.UploadRefused:
        return False
    return True


def _members(archive: tarfile.TarFile, source: Path) -> dict[str, tarfile.TarInfo]:
    """The archive's members by name, if each is a plain file named as a backup's are."""
    found: dict[str, tarfile.TarInfo] = {}
    for member in archive.getmembers():
        name = member.name
        if not member.isreg():
            raise Refused(f"{source} holds {name!r}, which is not a plain file: nothing restored")
        upload = name.startswith(UPLOADS) and _names_an_upload(name[len(UPLOADS):])
        if name in found or not (name in (MANIFEST, DATABASE) or upload):
            raise Refused(f"{source} holds {name!r}, which is not part of a backup: nothing restored")
        found[name] = member
    if MANIFEST not in found or DATABASE not in found:
        raise Refused(f"{source} lacks its {MANIFEST} or {DATABASE}: nothing restored")
    return found


def _check_uploads(members: dict, tables: dict, source: Path) -> list[str]:
    """The uploaded files in the archive, each the file of a document the archive lists."""
    listed = {row.get("storage_key") for row in tables.get(Document.__table__.name, [])}
    files = [name[len(UPLOADS):] for name in members if name.startswith(UPLOADS)]
    for key in files:
        if key not in listed:
            raise Refused(f"{source} holds {UPLOADS}{key}, a file no document lists: nothing restored")
    return files


def _check_target(manifest: dict, source: Path) -> None:
    if manifest.get("format") != FORMAT_VERSION:
        raise Refused(f"{source} is not a backup this version can read")
    revision = _alembic_revision()
    if manifest.get("alembic_revision") != revision:
        raise Refused(
            f"The backup was taken at schema {manifest.get('alembic_revision')} but this database is at "
            f"{revision}: run 'flask --app dhr db upgrade' (or restore with the matching version)."
        )
    if not _database_is_empty():
        raise Refused("The database is not empty: restore only into a freshly migrated database.")


def _json(archive: tarfile.TarFile, member: tarfile.TarInfo):
    value = json.load(archive.extractfile(member))
    if not isinstance(value, dict):
        raise ValueError(f"{member.name} is not a JSON object")
    return value


def _restore(archive: tarfile.TarFile, source: Path) -> dict:
    """Check the archive, then write its rows and files; what was restored, and when it was taken."""
    members = _members(archive, source)
    manifest = _json(archive, members[MANIFEST])
    _check_target(manifest, source)
    tables = _json(archive, members[DATABASE])
    files = _check_uploads(members, tables, source)
    for table in _backed_up_tables():
        rows = tables.get(table.name, [])
        if rows:
            decoded = [{c.name: _decode(c, row.get(c.name)) for c in table.columns} for row in rows]
            db.session.execute(insert(table), decoded)
    _reset_sequences()
    uploads.upload_dir().mkdir(parents=True, exist_ok=True)
    for key in files:
        uploads.path_of(key).write_bytes(archive.extractfile(members[f"{UPLOADS}{key}"]).read())
    return {"taken": manifest.get("created_at"), "rows": sum(len(rows) for rows in tables.values()),
            "files": len(files)}


def read_backup(source: Path, key: bytes) -> dict:
    """Restore the signed archive in `source`; nothing is written unless every check passes."""
    with backup_file.verified(source, key) as payload:
        try:
            with tarfile.open(fileobj=payload, mode="r:gz") as archive:
                return _restore(archive, source)
        except (tarfile.TarError, EOFError, OSError, zlib.error, ValueError) as error:
            db.session.rollback()
            raise Refused(f"{source} is damaged ({error}): nothing restored") from None


def _key(key_file: Path | None) -> bytes:
    """The operator's backup key (a file, or DHR_BACKUP_KEY), or else the instance's SECRET_KEY."""
    if key_file is not None:
        secret = key_file.read_bytes().strip()
    else:
        secret = (current_app.config.get("DHR_BACKUP_KEY") or current_app.config["SECRET_KEY"]).encode()
    if not secret:
        raise click.ClickException(f"{key_file} is empty: give a file holding the backup key")
    return backup_file.signing_key(secret)


KEY_FILE = click.option("--key-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                        help="A file holding the key to sign or check the archive with "
                             "(default: DHR_BACKUP_KEY, or else the instance's SECRET_KEY).")


@click.command("backup")
@KEY_FILE
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(key_file: Path | None, target: Path) -> None:
    """Write the database and uploaded files to one signed archive, readable by its owner only."""
    manifest = write_backup(target, _key(key_file))
    total = sum(manifest["counts"].values())
    click.echo(f"Backed up {total} rows in {len(manifest['counts'])} tables and {manifest['files']} files to {target}")


@click.command("restore")
@KEY_FILE
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_command(key_file: Path | None, source: Path) -> None:
    """Restore an archive made by `backup` into an empty, migrated database; then rebuild the index."""
    from search import indexing

    restored = read_backup(source, _key(key_file))
    with tracking.acting_as("cli: restore"):
        audit.record("restore", "database", None, source=str(source), taken=restored["taken"])
        commit()
    indexing.rebuild()
    click.echo(f"Restored {restored['rows']} rows and {restored['files']} files from {source}; search index rebuilt.")


def register(app) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
