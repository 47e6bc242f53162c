"""The index stays true: outbox crash-safety, two writers at once, rebuild and check, a broken index."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from dhr.extensions import db
from search import indexing, query

from .helpers import damage_index

ROOT = Path(__file__).resolve().parent.parent


def _child(app, body: str) -> subprocess.CompletedProcess:
    """Run `body` in a fresh process with its own app against the same database and index."""
    db.session.commit()
    script = textwrap.dedent(f"""
        import os, sys
        from dhr import create_app
        from dhr.extensions import db
        from dhr.data import commit
        from dhr.data.models import Finding, Review
        from search import indexing
        app = create_app({{"TESTING": True, "SQLALCHEMY_DATABASE_URI": {app.config['SQLALCHEMY_DATABASE_URI']!r},
                          "DHR_INDEX_DIR": {app.config['DHR_INDEX_DIR']!r}, "SECRET_KEY": "x"}})
        with app.app_context():
    """) + textwrap.indent(textwrap.dedent(body), "    ")
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_commit_then_crash_before_indexing_loses_nothing(app, learning_world, make_user):
    done = _child(app, f"""
        review = db.session.get(Review, {learning_world.r1.id})
        review.findings.append(Finding(position=50, text="Written by a worker that died: wombats."))
        db.session.commit()   # committed with its outbox row ...
        os._exit(3)           # ... and the process dies before the index hears of it
    """)
    assert done.returncode == 3, done.stderr
    db.session.rollback()
    assert indexing.compare()["missing"]  # the index has not seen it
    trainer = make_user("trainer")  # (this commit catches up, as any request's commit would)
    assert query.run(trainer, "wombats").total == 1
    assert not any(indexing.compare()[k] for k in ("missing", "extra", "stale"))


def test_two_processes_writing_at_once_converge(app, learning_world):
    body = """
        review = db.session.get(Review, {rid})
        for i in range(6):
            review.findings.append(Finding(position=100 + i, text="Concurrent {word} number %d" % i))
            commit()   # commit, then drain under the cross-process lock
        print("ok")
    """
    procs = []
    db.session.commit()
    for rid, word in ((learning_world.r1.id, "aardvark"), (learning_world.r2.id, "platypus")):
        script = body.format(rid=rid, word=word)
        procs.append(subprocess.Popen([sys.executable, "-c", _script(app, script)], cwd=ROOT,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and "ok" in out, err
    db.session.rollback()
    result = indexing.compare()
    assert not (result["missing"] or result["extra"] or result["stale"]), result


def _script(app, body: str) -> str:
    return textwrap.dedent(f"""
        from dhr import create_app
        from dhr.extensions import db
        from dhr.data import commit
        from dhr.data.models import Finding, Review
        app = create_app({{"TESTING": True, "SQLALCHEMY_DATABASE_URI": {app.config['SQLALCHEMY_DATABASE_URI']!r},
                          "DHR_INDEX_DIR": {app.config['DHR_INDEX_DIR']!r}, "SECRET_KEY": "x"}})
        with app.app_context():
    """) + textwrap.indent(textwrap.dedent(body), "    ")


def test_check_fails_when_the_index_differs_and_rebuild_mends_it(app, learning_world, runner):
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 0, result.output
    assert "The index matches the database." in result.output
    # change the database behind the index's back (no outbox row): check must notice
    db.session.execute(db.text("UPDATE finding SET text = 'silently changed' WHERE id = :i"),
                       {"i": learning_world.r1.findings[0].id})
    db.session.commit()
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert "out of date" in result.output
    old = indexing.current_dir()
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0 and "Indexed 15 documents." in result.output
    assert indexing.current_dir() != old and not old.exists()  # built aside and swapped
    assert runner.invoke(args=["search", "check"]).exit_code == 0


def test_a_broken_index_is_unavailable_not_an_error_and_rebuild_restores(app, learning_world, sign_in, runner):
    pages, _ = sign_in("trainer")
    pages.get("/search?q=DASH")
    damage_index()  # the format is current, so this is damage, not a missing index
    soup = pages.get("/search?q=DASH", expected_status=503)
    assert "Search is unavailable" in soup.get_text()
    pages.get(f"/learning/findings/{learning_world.r1.findings[0].id}")  # the rest of the app still works
    soup = pages.get(f"/learning/findings/{learning_world.r1.findings[0].id}/similar")
    assert "Similar learning is unavailable at the moment" in soup.get_text()
    assert runner.invoke(args=["search", "check"]).exit_code == 2
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    soup = pages.get("/search?q=DASH")
    assert soup.select(".app-learning-hit")


def test_a_rebuild_removes_what_a_killed_build_left_and_keeps_the_index(app, learning_world, runner):
    root = indexing.index_root()
    abandoned = root / "gen-1-killed"
    (abandoned / "half-written").mkdir(parents=True)
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    assert not abandoned.exists()
    assert [path.name for path in root.glob("gen-*")] == [indexing.current_dir().name]
    assert runner.invoke(args=["search", "check"]).exit_code == 0
