"""Who may use each route, declared on the route itself.

Every view is wrapped by exactly one of these decorators; a test walks the URL map and fails
for any view that declares nothing."""
from __future__ import annotations

from functools import wraps
from typing import Callable

from flask import abort, redirect, request, url_for
from flask_login import current_user

from dhr.data.vocab import Role

ALL_ROLES = tuple(r.value for r in Role)


def _declare(view: Callable, rule: tuple[str, ...] | str) -> None:
    view.access_rule = rule  # read by the route-declaration test and the route matrix


def public(view: Callable) -> Callable:
    """Anyone, signed in or not."""
    _declare(view, "public")
    return view


def roles(*allowed: str) -> Callable[[Callable], Callable]:
    """Signed-in users whose role is one of `allowed`; others get 403 and the refusal is audited."""
    unknown = set(allowed) - set(ALL_ROLES)
    if unknown:
        raise ValueError(f"Unknown roles {unknown}")

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
            if current_user.role not in allowed:
                refuse(f"role {current_user.role} may not use {request.endpoint}")
            return view(*args, **kwargs)

        _declare(guarded, tuple(allowed))
        return guarded

    return decorator


def signed_in(view: Callable) -> Callable:
    return roles(*ALL_ROLES)(view)


def refuse(reason: str) -> None:
    """Audit a refused attempt and answer 403."""
    from dhr.data import audit

    audit.record_now("access_denied", "route", None, path=request.path, method=request.method, reason=reason)
    abort(403)


def hide(entity_type: str, entity_id: int, reason: str) -> None:
    """Audit a refused attempt at someone else's record and answer 404, as if it were not there."""
    from dhr.data import audit

    audit.record_now("access_denied", entity_type, entity_id, path=request.path, method=request.method,
                     reason=reason)
    abort(404)
