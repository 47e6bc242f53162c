"""Work on this host's index in a background thread of the process that finds it is needed.

Each host has its own index directory, while the job queue is shared by every host (Redis in
production): a queued task could be taken by a worker on a host whose index is fine, leaving the
host whose index is missing without search. So the work runs here, in a thread of the process
that noticed: the index's file lock keeps two processes on one host from building at once, and
this module keeps each process to one thread per kind of work. A thread killed with its process
leaves at most an unfinished generation beside the index; the next request starts again."""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from flask import Flask, current_app

from dhr.extensions import db

from . import indexing, repeats

log = logging.getLogger(__name__)

_threads: dict[tuple[str, str], threading.Thread] = {}
_again: set[tuple[str, str]] = set()
_guard = threading.Lock()


def start(app: Flask, kind: str, work: Callable[[], object]) -> bool:
    """Run `work` in a thread with an app context. If this process is already doing this kind
    of work for this index, it does it once more when done instead (so what changed meanwhile
    is never missed, and a burst of asks costs one more round). Returns whether a thread started."""
    key = (kind, str(app.config["DHR_INDEX_DIR"]))
    with _guard:
        if key in _threads:
            _again.add(key)
            return False
        thread = threading.Thread(target=_run, args=(app, key, work), name=f"dhr-index-{kind}", daemon=True)
        _threads[key] = thread
        thread.start()
    return True


def _run(app: Flask, key: tuple[str, str], work: Callable[[], object]) -> None:
    while True:
        with app.app_context():
            try:
                work()
            except Exception:  # noqa: BLE001 - a thread's failure must be logged, never lost
                log.exception("background %s of the search index failed", key[0])
            finally:
                db.session.remove()
        with _guard:
            if key not in _again:
                del _threads[key]
                return
            _again.discard(key)


def wait(app: Flask, timeout: float = 120.0) -> bool:
    """Wait (at most `timeout` seconds) for this app's background index work; True if all done."""
    deadline = time.monotonic() + timeout
    root = str(app.config["DHR_INDEX_DIR"])
    while True:
        with _guard:
            running = [t for (_, r), t in _threads.items() if r == root]
        if not running:
            return True
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        running[0].join(remaining)


def _build_then_refresh() -> None:
    indexing.build_if_missing()
    repeats.refresh()


def build_in_background() -> None:
    """Start building this host's index (it is missing or of an older format)."""
    start(current_app._get_current_object(), "build", _build_then_refresh)


def require_index() -> None:
    """Raise IndexBeingBuilt, having started the build, if this host's index is missing or of an
    older format: the asker answers at once, and search returns when the build is done."""
    if not indexing.exists():
        build_in_background()
        raise indexing.IndexBeingBuilt("The search index is being built on this server")


def refresh_repeats_in_background() -> None:
    """Start recomputing the repeat-recommendations report, unless it is already being computed;
    a computation that finds the index moved on while it ran goes round again, so a burst of
    changes costs at most one more computation."""
    start(current_app._get_current_object(), "repeats", repeats.refresh)


def prepare(app: Flask) -> None:
    """At a worker's start: build this host's index if it is missing, catch it up, and bring the
    repeat report up to date, all in the background."""
    start(app, "build", _build_then_refresh)


def after_commit() -> None:
    """After a commit queued changes for search: catch this host's index up, and if that changed
    it, recompute the repeat report in the background."""
    if indexing.catch_up_quietly():
        refresh_repeats_in_background()


def index_health() -> tuple[str, str]:
    """'ok', 'degraded' (missing or of an older format, and now being built on this host) or
    'unavailable' (damaged), with the detail for the coordinator."""
    if not indexing.exists():
        build_in_background()
        return "degraded", "being built on this server"
    ok, detail = indexing.healthy()
    return ("ok" if ok else "unavailable"), detail
