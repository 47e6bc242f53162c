"""Backup and restore round-trip the database rows and the uploaded files."""
from __future__ import annotations

from sqlalchemy import func, select

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
