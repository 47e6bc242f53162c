"""Backup and restore round-trip the database rows and the uploaded files."""
from __future__ import annotations

import io
import os
import stat
import tarfile

import pytest
from sqlalchemy import func, select

from dhr import backup_file
from dhr.data import uploads
from dhr.data.models import AuditEvent, Document, Recommendation, Review
from dhr.extensions import db
from tests.conftest import _empty_all_tables

from . import factories as make


def _snapshot():
    reviews = [(r.reference, r.summary, r.notified_on, r.published)
               for r in db.session.scalars(select(Review).order_by(Review.id))]
    recs = [(r.number, r.text, r.target_date, r.version)
            for r in db.session.scalars(select(Recommendation).order_by(Recommendation.id))]
    files = {d.storage_key: uploads.path_of(d.storage_key).read_bytes() for d in db.session.scalars(select(Document))}
    return reviews, recs, files


def test_backup_then_restore_into_an_empty_database_gives_back_everything(app, runner, route_world, tmp_path):
    before = _snapshot()
    archive = tmp_path / "backup.tar.gz"
    result = runner.invoke(args=["backup", str(archive)])
    assert result.exit_code == 0, result.output

    _empty_all_tables()
    for key in before[2]:
        uploads.remove(key)
    assert db.session.scalar(select(func.count(Review.id))) == 0

    result = runner.invoke(args=["restore", str(archive)])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert _snapshot() == before
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "restore")) is not None
    # New rows after a restore get fresh ids (sequences moved past the restored rows).
    new = make.review("BDHR2024/25-01", death_category="other", pseudonym="Cy", notified_on=before[0][0][2])
    assert new.id > 2


def test_restore_refuses_a_database_that_is_not_empty(app, runner, route_world, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    assert runner.invoke(args=["backup", str(archive)]).exit_code == 0
    result = runner.invoke(args=["restore", str(archive)])
    assert result.exit_code != 0
    assert "not empty" in result.output


# --- the archive is private, signed, and checked before anything is restored -------------------

def _refused(result, *words: str) -> None:
    """Refused with a one-line message (no traceback) and a non-zero exit."""
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    for word in words:
        assert word in lines[0], result.output


def _emptied(app) -> set[str]:
    """Empty the database and the upload directory, as a fresh host is; returns what the upload
    directory holds afterwards."""
    keys = list(db.session.scalars(select(Document.storage_key)))
    _empty_all_tables()
    for key in keys:
        uploads.remove(key)
    return set(os.listdir(app.config["DHR_UPLOAD_DIR"]))


def _nothing_restored(app, upload_files: set[str]) -> None:
    db.session.rollback()
    for table in db.metadata.sorted_tables:
        assert db.session.scalar(select(func.count()).select_from(table)) == 0, table.name
    assert set(os.listdir(app.config["DHR_UPLOAD_DIR"])) == upload_files


def test_the_archive_is_created_readable_by_its_owner_only(runner, route_world, tmp_path):
    fresh = tmp_path / "fresh.tar.gz"
    assert runner.invoke(args=["backup", str(fresh)]).exit_code == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    existing = tmp_path / "existing.tar.gz"
    existing.write_bytes(b"yesterday's backup")
    existing.chmod(0o644)
    assert runner.invoke(args=["backup", str(existing)]).exit_code == 0
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600 and existing.read_bytes() != b"yesterday's backup"


def test_backup_refuses_to_write_through_a_symbolic_link(runner, route_world, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    link = tmp_path / "backup.tar.gz"
    link.symlink_to(victim)
    _refused(runner.invoke(args=["backup", str(link)]), "symbolic link")
    assert victim.read_bytes() == b"precious" and link.is_symlink()
    dangling = tmp_path / "dangling.tar.gz"
    dangling.symlink_to(tmp_path / "not-yet.txt")
    _refused(runner.invoke(args=["backup", str(dangling)]), "symbolic link")
    assert not (tmp_path / "not-yet.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []
    _refused(runner.invoke(args=["backup", str(tmp_path / "no-such-folder" / "backup.tar.gz")]), "Cannot write")


def test_a_tampered_archive_is_refused_and_nothing_is_restored(app, runner, route_world, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    assert runner.invoke(args=["backup", str(archive)]).exit_code == 0
    content = bytearray(archive.read_bytes())
    content[len(content) // 2] ^= 0x01
    archive.write_bytes(bytes(content))
    upload_files = _emptied(app)
    _refused(runner.invoke(args=["restore", str(archive)]), "signature")
    _nothing_restored(app, upload_files)


def test_an_archive_signed_with_another_key_is_refused(app, runner, route_world, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    ours, theirs = tmp_path / "ours.key", tmp_path / "theirs.key"
    ours.write_text("the operator's backup key\n")
    theirs.write_text("somebody else's key\n")
    assert runner.invoke(args=["backup", "--key-file", str(ours), str(archive)]).exit_code == 0
    upload_files = _emptied(app)
    _refused(runner.invoke(args=["restore", "--key-file", str(theirs), str(archive)]), "signature")
    _refused(runner.invoke(args=["restore", str(archive)]), "signature")  # the instance's own key
    app.config["DHR_BACKUP_KEY"] = "somebody else's key"
    _refused(runner.invoke(args=["restore", str(archive)]), "signature")
    _nothing_restored(app, upload_files)
    app.config["DHR_BACKUP_KEY"] = "the operator's backup key"  # the same key, from the environment
    result = runner.invoke(args=["restore", str(archive)])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count(Review.id))) == 2


def test_restore_refuses_what_is_not_a_signed_backup(app, runner, route_world, tmp_path):
    genuine = tmp_path / "backup.tar.gz"
    assert runner.invoke(args=["backup", str(genuine)]).exit_code == 0
    unsigned = tmp_path / "unsigned.tar.gz"
    with tarfile.open(unsigned, "w:gz") as archive:
        archive.add(genuine, arcname="manifest.json")
    not_archives = {
        "empty": b"",
        "text": b"not a backup at all\n",
        "truncated": genuine.read_bytes()[: genuine.stat().st_size // 2],
        "header only": genuine.read_bytes().split(b"\n", 1)[0] + b"\n",
        "unsigned": unsigned.read_bytes(),
    }
    upload_files = _emptied(app)
    for name, content in not_archives.items():
        source = tmp_path / f"{name}.tar.gz"
        source.write_bytes(content)
        result = runner.invoke(args=["restore", str(source)])
        _refused(result)
        _nothing_restored(app, upload_files)


def _member(name: str, kind: bytes = tarfile.REGTYPE, content: bytes = b"evil", linkname: str = ""):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, linkname
    info.size = len(content) if kind == tarfile.REGTYPE else 0
    return info, content


def _resigned(genuine, target, extra: tuple[tarfile.TarInfo, bytes], key: bytes) -> None:
    """A copy of a genuine backup with one more member, properly signed: only the member
    checks stand between it and the disk."""
    with backup_file.verified(genuine, key) as payload, tarfile.open(fileobj=payload, mode="r:gz") as source:
        members = [(info, source.extractfile(info).read()) for info in source.getmembers()]

    def write(out):
        with tarfile.open(fileobj=out, mode="w:gz") as archive:
            for info, content in [*members, extra]:
                archive.addfile(info, io.BytesIO(content) if info.isreg() else None)

    backup_file.write_signed(target, key, write)


@pytest.mark.parametrize("evil", [
    ("../evil.txt",),
    ("{tmp}/evil-absolute.txt",),
    ("uploads/../../evil.txt",),
    ("uploads/../evil.txt",),
    ("uploads/link.txt", tarfile.SYMTYPE, b"", "/etc/passwd"),
    ("uploads/hard.txt", tarfile.LNKTYPE, b"", "database.json"),
    ("uploads/device", tarfile.CHRTYPE, b""),
    ("uploads/fifo", tarfile.FIFOTYPE, b""),
    ("uploads", tarfile.DIRTYPE, b""),
    ("uploads/not-a-document.txt",),
    ("extra.json",),
    ("database.json", tarfile.REGTYPE, b"{}"),
], ids=lambda evil: evil[0])
def test_restore_refuses_an_archive_with_a_member_that_is_not_part_of_a_backup(app, runner, route_world, tmp_path,
                                                                             evil):
    genuine, crafted = tmp_path / "backup.tar.gz", tmp_path / "crafted.tar.gz"
    assert runner.invoke(args=["backup", str(genuine)]).exit_code == 0
    name, *rest = evil
    _resigned(genuine, crafted, _member(name.format(tmp=tmp_path), *rest),
              backup_file.signing_key(app.config["SECRET_KEY"].encode()))
    upload_files = _emptied(app)
    _refused(runner.invoke(args=["restore", str(crafted)]), "nothing restored")
    _nothing_restored(app, upload_files)
    assert not any(p.name.startswith("evil") for p in tmp_path.rglob("*"))


def test_a_signed_archive_that_is_damaged_inside_is_refused(app, runner, route_world, tmp_path):
    genuine = tmp_path / "backup.tar.gz"
    assert runner.invoke(args=["backup", str(genuine)]).exit_code == 0
    key = backup_file.signing_key(app.config["SECRET_KEY"].encode())
    payload = genuine.read_bytes()[backup_file.HEADER_LENGTH:]
    not_json = io.BytesIO()
    with tarfile.open(fileobj=not_json, mode="w:gz") as archive:
        for name in ("manifest.json", "database.json"):
            info, content = _member(name, content=b"{not json")
            archive.addfile(info, io.BytesIO(content))
    upload_files = _emptied(app)
    for name, content in {"not gzip": b"plain bytes", "cut short": payload[: len(payload) // 2],
                          "not json": not_json.getvalue()}.items():
        damaged = tmp_path / f"{name}.tar.gz"
        backup_file.write_signed(damaged, key, lambda out, content=content: out.write(content))
        _refused(runner.invoke(args=["restore", str(damaged)]), "damaged", "nothing restored")
        _nothing_restored(app, upload_files)


def test_a_restore_never_brings_a_signed_in_session_back(app, client, runner, route_world, tmp_path):
    from .factories import TEST_PASSWORD

    admin = route_world.users["admin"]
    assert client.post("/sign-in", data={"email": admin.email, "password": TEST_PASSWORD}).status_code == 302
    assert client.get("/reviews/").status_code == 200
    archive = tmp_path / "backup.tar.gz"
    assert runner.invoke(args=["backup", str(archive)]).exit_code == 0
    _emptied(app)
    result = runner.invoke(args=["restore", str(archive)])
    assert result.exit_code == 0, result.output
    # The same browser, with the cookie it had when the backup was taken, is signed out.
    assert client.get("/reviews/").status_code == 302
