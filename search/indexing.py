"""Keeping the index true to the database.

The database is the source of truth. Each change writes a SearchOutbox row in its own
transaction; after commit (and before any search answers) the process drains the rows it has
not yet applied into its index, holding a cross-process file lock and using a writer with a
timeout. Each index directory records how far through the outbox it is, so several workers
sharing a directory, or several hosts each with their own, all converge.

Outbox ids come from a sequence, and on PostgreSQL a transaction that took a lower id can
commit after one that took a higher id. A drain therefore remembers the ids it skipped over
("gaps") and looks for them again until they appear or are old enough to be rollbacks."""
from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from flask import current_app
from sqlalchemy import func, or_, select
from whoosh import index as whoosh_index
from whoosh.index import LockError

from dhr.data.models import SearchOutbox
from dhr.extensions import db

from . import documents
from .schema import INDEX_FORMAT, build_schema

log = logging.getLogger(__name__)

WRITER_TIMEOUT_SECONDS = 30.0
GAP_PATIENCE_SECONDS = 600
POSITION_FILE = "outbox_position.json"
FORMAT_FILE = "index_format"


class IndexUnavailable(RuntimeError):
    """The index is missing or unreadable; search says so and the rest of the app carries on."""


class IndexBeingBuilt(IndexUnavailable):
    """The index is missing (or of an older format) and is being built on this host."""


def index_root() -> Path:
    return Path(current_app.config["DHR_INDEX_DIR"])


def _current_link() -> Path:
    return index_root() / "current"


def current_dir() -> Path:
    return _current_link().resolve()


@contextmanager
def exclusive_lock() -> Iterator[None]:
    """A lock shared by every process using this index root (fcntl is per open file)."""
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / "drain.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def exists() -> bool:
    """Cheap (no schema unpickling): the current link resolves to a directory with a TOC file,
    built for this version of the schema (an index from an older release counts as missing, so
    `search catch-up` rebuilds it). A damaged index that passes this is caught when it is opened."""
    link = _current_link()
    try:
        return (link / FORMAT_FILE).read_text() == INDEX_FORMAT and any(
            name.endswith(".toc") for name in os.listdir(link)
        )
    except OSError:
        return False


def open_index():
    if not exists():
        raise IndexUnavailable("The search index has not been built")
    try:
        return whoosh_index.open_dir(str(current_dir()))
    except Exception as error:  # a damaged index must not take the service down
        raise IndexUnavailable(f"The search index cannot be opened: {error}") from error


def _read_position(directory: Path) -> dict:
    try:
        return json.loads((directory / POSITION_FILE).read_text())
    except (FileNotFoundError, ValueError):
        return {"last_id": 0, "gaps": {}}


def _write_position(directory: Path, position: dict) -> None:
    tmp = directory / f".{POSITION_FILE}.{uuid.uuid4().hex}"
    tmp.write_text(json.dumps(position))
    os.replace(tmp, directory / POSITION_FILE)


def _review_ids_in_index(ix, keys: list[str]) -> set[int]:
    """The reviews that indexed documents belonged to (for rows deleted from the database)."""
    found: set[int] = set()
    with ix.searcher() as searcher:
        for key in keys:
            stored = searcher.document(key=key)
            if stored and stored.get("review_id"):
                found.add(int(stored["review_id"]))
    return found


def _apply(ix, writer, changes: set[tuple[str, int]]) -> None:
    """Re-index the whole family of every review touched by `changes`."""
    review_ids: set[int] = set()
    gone: list[str] = []
    for entity_type, entity_id in changes:
        review_id = documents.review_id_of(entity_type, entity_id)
        if review_id is None:
            gone.append(f"{entity_type}:{entity_id}")
        else:
            review_ids.add(review_id)
    review_ids |= _review_ids_in_index(ix, gone)
    for key in gone:
        writer.delete_by_term("key", key)
    for review_id, docs in documents.families(review_ids):
        writer.delete_by_term("review_id", str(review_id))
        for doc in docs:
            writer.add_document(**doc)


def catch_up() -> int:
    """Apply every committed outbox row this index has not seen. Returns how many were applied."""
    if not exists():
        raise IndexUnavailable("The search index has not been built")
    with exclusive_lock():
        directory = current_dir()
        position = _read_position(directory)
        last_id = position["last_id"]
        gaps = {int(k): v for k, v in position.get("gaps", {}).items()}
        condition = SearchOutbox.id > last_id
        if gaps:
            condition = or_(condition, SearchOutbox.id.in_(list(gaps)))
        rows = db.session.execute(
            select(SearchOutbox.id, SearchOutbox.entity_type, SearchOutbox.entity_id)
            .where(condition)
            .order_by(SearchOutbox.id)
        ).all()
        db.session.rollback()  # end the read so long-lived sessions see new commits
        if not rows:
            return 0
        ix = open_index()
        writer = ix.writer(timeout=WRITER_TIMEOUT_SECONDS)
        try:
            _apply(ix, writer, {(r.entity_type, r.entity_id) for r in rows})
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        finally:
            db.session.rollback()
        now = time.time()
        seen = {r.id for r in rows}
        for gap_id in seen:
            gaps.pop(gap_id, None)
        new_last = max(last_id, max(seen))
        for missing in range(last_id + 1, new_last):
            if missing not in seen:
                gaps[missing] = now
        gaps = {k: v for k, v in gaps.items() if now - v < GAP_PATIENCE_SECONDS}
        _write_position(directory, {"last_id": new_last, "gaps": gaps})
        return len(rows)


_positions: dict[str, tuple[tuple, dict]] = {}
_NEWEST_OUTBOX_ID = select(func.max(SearchOutbox.id))  # built once: Core execution, primary-key index


def _position_unlocked(directory: str) -> dict | None:
    """The position file as it is now, without the lock (it is replaced atomically, so any
    read is a whole position; an older one only makes the caller take the slow path). Parsed
    again only when the file has been replaced (new inode or mtime)."""
    path = os.path.join(directory, POSITION_FILE)
    try:
        st = os.stat(path)
    except OSError:
        return None
    stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
    cached = _positions.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        with open(path) as handle:
            position = json.load(handle)
    except (OSError, ValueError):
        return None
    if len(_positions) > 8:
        _positions.clear()
    _positions[path] = (stamp, position)
    return position


def up_to_date(directory: str) -> bool:
    """True when this index already holds every committed outbox row: no ids skipped over that
    may still commit, and the outbox's highest id is one the index has applied. One indexed
    `SELECT max(id)` and a stat of the position file; no lock, nothing cached across commits."""
    position = _position_unlocked(directory)
    if position is None or position.get("gaps"):
        return False
    newest = db.session.connection().execute(_NEWEST_OUTBOX_ID).scalar()
    return (newest or 0) <= position.get("last_id", 0)


def catch_up_if_needed(directory: str | None = None) -> None:
    """The request path's catch-up: a cheap check, and the full drain (file lock, position,
    writer) only when there is something new or a gap to look for again."""
    try:
        if directory is None:
            directory = os.path.realpath(_current_link())
        if up_to_date(directory):
            return
    except OSError:
        pass
    catch_up_quietly()


def catch_up_quietly() -> int:
    """catch_up for the request path: a broken index is logged, never a failed request.
    Returns how many changes were applied."""
    try:
        return catch_up()
    except IndexUnavailable:
        return 0
    except (LockError, OSError) as error:
        log.warning("search index catch-up deferred: %s", error)
        return 0


def rebuild(progress: Callable[[int], None] | None = None, limitmb: int = 256, procs: int = 1) -> int:
    """Build a fresh index beside the current one and swap it in atomically."""
    with exclusive_lock():
        count = _build_locked(progress, limitmb, procs)
    catch_up()
    return count


def build_if_missing() -> int | None:
    """Build the index if it is still missing (or of an older format) once the lock is ours, so
    however many processes ask, one builds and the rest find it built. Then catch up. Returns
    how many documents were indexed, or None if the index was already there."""
    with exclusive_lock():
        count = None if exists() else _build_locked()
    catch_up()
    return count


def position_key() -> str:
    """Where this index is: its generation and how far through the outbox it has applied."""
    if not exists():
        raise IndexUnavailable("The search index has not been built")
    directory = current_dir()
    return f"{directory.name}:{_read_position(directory)['last_id']}"


def _build_locked(progress: Callable[[int], None] | None = None, limitmb: int = 256, procs: int = 1) -> int:
    """Build and swap in a fresh index; the caller holds the lock."""
    root = index_root()
    _remove_abandoned_generations(root)
    start_position = db.session.scalar(select(func.max(SearchOutbox.id))) or 0
    generation = root / f"gen-{int(time.time() * 1000)}-{uuid.uuid4().hex[:6]}"
    generation.mkdir()
    ix = whoosh_index.create_in(str(generation), build_schema())
    writer = ix.writer(timeout=WRITER_TIMEOUT_SECONDS, limitmb=limitmb, procs=procs,
                       multisegment=procs > 1)
    count = 0
    for doc in documents.all_documents():
        writer.add_document(**doc)
        count += 1
        if progress:
            progress(1)
    writer.commit()
    db.session.rollback()
    _write_position(generation, {"last_id": start_position, "gaps": {}})
    (generation / FORMAT_FILE).write_text(INDEX_FORMAT)
    old = current_dir() if _current_link().is_symlink() else None
    tmp_link = root / f".current-{uuid.uuid4().hex}"
    tmp_link.symlink_to(generation.name)
    os.replace(tmp_link, _current_link())
    if old and old != generation and old.exists():
        shutil.rmtree(old, ignore_errors=True)
    return count


def _remove_abandoned_generations(root: Path) -> None:
    """Generations a build killed part-way left behind. Only a lock holder builds, so with the
    lock held every generation but the current one is abandoned."""
    current = current_dir() if _current_link().is_symlink() else None
    for generation in root.glob("gen-*"):
        if generation.is_dir() and generation.resolve() != current:
            shutil.rmtree(generation, ignore_errors=True)


def compare() -> dict:
    """Compare the index with the database: keys missing from the index, keys that should
    not be there, and documents whose content differs (by digest)."""
    expected = {doc["key"]: doc["digest"] for doc in documents.all_documents()}
    db.session.rollback()
    with open_index().searcher() as searcher:
        actual = {fields["key"]: fields.get("digest") for fields in searcher.all_stored_fields()}
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    stale = sorted(k for k in set(expected) & set(actual) if expected[k] != actual[k])
    return {"expected": len(expected), "indexed": len(actual), "missing": missing, "extra": extra, "stale": stale}


def count_documents() -> int:
    with open_index().searcher() as searcher:
        return searcher.doc_count()


def healthy() -> tuple[bool, str]:
    try:
        ix = open_index()
        with ix.searcher() as searcher:
            return True, f"{searcher.doc_count()} documents"
    except IndexUnavailable as error:
        return False, str(error)
