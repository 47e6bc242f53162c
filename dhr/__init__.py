"""The DHR learning and recommendations tracker."""
from __future__ import annotations

import gc
import logging
from pathlib import Path

from flask import Flask

from .config import from_environment
from .numbers import IdConverter

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        instance_relative_config=True,
        static_folder="static",
        static_url_path="/assets",
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(from_environment(Path(app.instance_path)))
    if test_config:
        app.config.update(test_config)

    app.url_map.converters["int"] = IdConverter
    _init_extensions(app)
    _init_templates(app)
    _register_blueprints(app)
    from .security import init_rate_limits

    init_rate_limits(app)  # after the blueprints: it limits the views they marked
    _register_cli(app)
    logging.basicConfig(level=logging.INFO)
    return app


def create_served_app(test_config: dict | None = None) -> Flask:
    """The app as a long-running server process holds it (wsgi.py for gunicorn). What is loaded
    at start-up (the app, its libraries: some 200,000 objects) is moved out of the garbage
    collector's sight, as it lives as long as the process; otherwise every few requests a full
    collection walks all of it, adding 100 ms or more to whichever request it falls in."""
    app = create_app(test_config)
    gc.collect()
    gc.freeze()
    return app


def _init_extensions(app: Flask) -> None:
    from .extensions import csrf, db, login_manager, migrate
    from .security import init_security

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to continue"
    login_manager.login_message_category = "info"
    init_security(app)
    from .pipeline import init_pipeline

    init_pipeline(app)
    from .background import init_background

    init_background(app)

    from search import host

    from . import data  # registers the audit and outbox hooks

    # After a commit that queued changes for search, this host's index catches up (and its
    # repeat-recommendations report is recomputed in the background).
    app.extensions[data.AFTER_SEARCH_CHANGES] = host.after_commit


def _init_templates(app: Flask) -> None:
    from .templating import init_templating

    init_templating(app)


def _register_blueprints(app: Flask) -> None:
    """Register the blueprint `bp` of every area package (dhr/<area>/routes.py)."""
    import importlib
    import pkgutil

    from .errors import register_error_handlers

    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.ispkg:
            continue
        try:
            routes = importlib.import_module(f"{__name__}.{module.name}.routes")
        except ModuleNotFoundError as missing:
            if missing.name == f"{__name__}.{module.name}.routes":
                continue  # a package without pages (the data layer, the demo set)
            raise
        app.register_blueprint(routes.bp)
    register_error_handlers(app)


def _register_cli(app: Flask) -> None:
    from .cli import register_commands

    register_commands(app)
