"""Security headers, the client's address, sign-in rate limits, and sessions: how one begins
and ends, and how a signed-in user is loaded from the session cookie."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Callable
from urllib.parse import urlsplit

from flask import Flask, abort, g, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import login_user, logout_user
from flask_talisman import Talisman
from sqlalchemy.exc import OperationalError
from werkzeug.middleware.proxy_fix import ProxyFix

from .data import sessions

# The key in the (signed) session cookie that holds the server-side session's token.
SESSION_TOKEN = "session_token"

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

# Requests here authenticate by token, never by the session cookie, so no cookie is set for them.
COOKIELESS_PREFIX = "/api/"

talisman = Talisman()


class _CookielessForTokens(SecureCookieSessionInterface):
    """The signed cookie session, never written back on a token-authenticated path."""

    def save_session(self, app, session, response) -> None:
        if request.path.startswith(COOKIELESS_PREFIX):
            return
        super().save_session(app, session, response)


def init_security(app: Flask) -> None:
    from .data import users
    from .extensions import db, login_manager

    talisman.init_app(
        app,
        force_https=app.config["DHR_FORCE_HTTPS"],
        strict_transport_security=app.config["DHR_FORCE_HTTPS"],
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=True,
        session_cookie_samesite="Lax",
        frame_options="DENY",
        content_security_policy=CONTENT_SECURITY_POLICY,
        content_security_policy_nonce_in=["script-src"],
        referrer_policy="strict-origin-when-cross-origin",
        x_content_type_options=True,
    )
    app.permanent_session_lifetime = dt.timedelta(seconds=app.config["PERMANENT_SESSION_LIFETIME"])
    proxies = app.config["DHR_TRUSTED_PROXIES"]
    if proxies:
        # Each proxy in front appends the address it was reached from: trust that many, no more.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    @login_manager.user_loader
    def load_user(user_id: str):
        if not user_id.isdigit() or g.get("database_down"):
            return None
        try:
            user = users.get(int(user_id))
            return user if sessions.is_live(user, session.get(SESSION_TOKEN)) else None
        except OperationalError:
            # The database is down: answer "temporarily unavailable", and let that page
            # draw as if signed out rather than failing again here.
            db.session.rollback()
            g.database_down = True
            abort(503)

    app.session_interface = _CookielessForTokens()

    @app.before_request
    def keep_session_sliding():
        if not request.path.startswith(COOKIELESS_PREFIX):
            session.permanent = True

    @app.after_request
    def no_store_for_signed_in_pages(response):
        if "Cache-Control" not in response.headers and not response.direct_passthrough:
            response.headers["Cache-Control"] = "no-store"
        return response


def local_path(target: str | None) -> str | None:
    """`target` if it is a path on this site (a form's "come back here"), else None: never
    another site, so no form can be used to send someone elsewhere. Browsers drop tabs and line
    breaks from a URL and read a backslash as a slash, so "/\t/elsewhere" is refused too."""
    if not target or not target.startswith("/") or any(c.isspace() or c == "\\" for c in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc or target.startswith("//") else target


def client_address() -> str:
    """The address sign-in limits and throttles count by: the peer, or what trusted proxies say."""
    return get_remote_address()


def begin_session(user) -> None:
    """Sign the user in with a new server-side session; whatever session the browser carried in ends."""
    sessions.end(session.get(SESSION_TOKEN))
    session.clear()
    session[SESSION_TOKEN] = sessions.start(user, request.user_agent.string)
    login_user(user)


def end_session() -> None:
    sessions.end(session.get(SESSION_TOKEN))
    logout_user()
    session.clear()


def current_session_token() -> str | None:
    return session.get(SESSION_TOKEN)


def rate_limited(config_key: str) -> Callable[[Callable], Callable]:
    """Mark a view's POSTs as limited per client address by the limit in config[config_key]
    (e.g. "20 per minute"); init_rate_limits applies it."""

    def mark(view: Callable) -> Callable:
        view.rate_limit = config_key
        return view

    return mark


def bearer_token() -> str:
    """The token a request carries in its Authorization header ("Bearer <token>"), or ""."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def token_key() -> str:
    """What an API limit counts by: the token sent (as its hash), or the address without one."""
    token = bearer_token()
    return "token:" + hashlib.sha256(token.encode()).hexdigest() if token else "address:" + client_address()


def token_rate_limited(config_key: str) -> Callable[[Callable], Callable]:
    """Mark a view's requests (every method) as limited per API token by config[config_key]."""

    def mark(view: Callable) -> Callable:
        view.token_rate_limit = config_key
        return view

    return mark


def init_rate_limits(app: Flask) -> None:
    """Give the app its own limiter, so each app's storage (memory, or Redis shared by workers)
    is its own, and apply it to the views marked rate_limited or token_rate_limited."""
    limiter = Limiter(key_func=client_address, default_limits=[])
    limiter.init_app(app)
    app.extensions["dhr.limiter"] = limiter  # the limits hold it only weakly
    for endpoint, view in list(app.view_functions.items()):
        config_key = getattr(view, "rate_limit", None)
        if config_key:
            limit = limiter.limit(lambda key=config_key: app.config[key], methods=["POST"])
            app.view_functions[endpoint] = limit(view)
        token_limit = getattr(view, "token_rate_limit", None)
        if token_limit:
            # one count per token across every marked view
            limit = limiter.shared_limit(lambda key=token_limit: app.config[key], "dhr-api", key_func=token_key)
            app.view_functions[endpoint] = limit(view)
