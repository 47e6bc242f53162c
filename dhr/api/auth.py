"""Who an API request acts as: the user of the token in its Authorization header, never the
session cookie. A view declares the roles its token's user may hold (token_roles); a request
with no working token is refused (401) and a token that is not working is audited."""
from __future__ import annotations

from typing import Callable

from flask import current_app, g, request

from dhr.data import api_tokens, audit
from dhr.extensions import csrf, login_manager
from dhr.security import bearer_token, token_rate_limited

from .problems import Problem

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
LIMIT_KEY = "DHR_API_LIMIT"


def token_roles(*allowed: str, params: tuple[str, ...] = ()) -> Callable[[Callable], Callable]:
    """Requests with a working token whose user's role is one of `allowed`, taking only the query
    parameters `params`; limited per token."""

    def decorator(view: Callable) -> Callable:
        view.access_rule = tuple(allowed)  # read by the route-declaration test and the route matrix
        view.token_auth = True
        view.query_params = frozenset(params)
        return token_rate_limited(LIMIT_KEY)(view)

    return decorator


def _refused(token, reason: str) -> None:
    audit.record_now(api_tokens.REFUSED, "user_account", token.user_id if token else None, path=request.path,
                     method=request.method, why=reason, **({"client": token.name} if token else {}))


def _token_or_refuse():
    secret = bearer_token()
    if not secret:
        if request.method in STATE_CHANGING and current_app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect()  # a request without a token is a browser's: it gets no exemption
        raise Problem(401, "Send an API token in the Authorization header: 'Bearer <token>'.")
    token = api_tokens.find(secret)
    if token is None:
        _refused(None, "an unknown token")
        raise Problem(401, "This API token is not known.")
    reason = api_tokens.refusal(token)
    if reason:
        _refused(token, reason)
        raise Problem(401, "This API token no longer works: it was revoked or has expired, or its user's "
                           "account is no longer active. Ask the partnership coordinator for a new one.")
    return token


def authenticate() -> None:
    """Before every API view: the request acts as the token's user, or is refused."""
    view = current_app.view_functions.get(request.endpoint or "")
    g._login_user = login_manager.anonymous_user()  # the session cookie never signs an API request in
    if not getattr(view, "token_auth", False):
        return
    token = _token_or_refuse()
    unknown = sorted(set(request.args) - view.query_params)
    if unknown:
        raise Problem(400, f"This address takes no query parameter {unknown[0]!r}.")
    if token.user.role not in view.access_rule:
        _refused(token, f"role {token.user.role} may not use {request.endpoint}")
        raise Problem(403)
    api_tokens.touch(token)
    g._login_user = token.user
    g.api_token = token
