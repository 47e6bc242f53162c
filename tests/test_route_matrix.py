"""Every route × every role (and signed out) gets the answer its declaration promises.

Generated from the app's URL map: a new route without a declared rule fails here, and a route
whose declared roles are not what it enforces fails too."""
from __future__ import annotations

import pytest
from werkzeug.routing import Rule

from dhr.access import ALL_ROLES

from .factories import TEST_PASSWORD

SKIPPED_ENDPOINTS = {"static"}
ROLE_REFUSED = 403
# An API route authenticates by token only: without one (a signed-in browser too) it answers 401.
NO_TOKEN = 401


def _routes(app) -> list[tuple[Rule, str]]:
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            routes.append((rule, method))
    return routes


def _url(rule: Rule, values: dict) -> str:
    missing = [name for name in rule.arguments if name not in values]
    assert not missing, f"{rule.rule}: teach route_world (tests/conftest.py) a value for {missing}"
    return rule.build({name: values[name] for name in rule.arguments}, append_unknown=False)[1]


def _call(client, method: str, url: str):
    return client.open(url, method=method, data={})


def _by_token(app, rule: Rule) -> bool:
    return getattr(app.view_functions[rule.endpoint], "token_auth", False)


def test_every_route_declares_a_known_rule(app):
    for rule, _ in _routes(app):
        declared = getattr(app.view_functions[rule.endpoint], "access_rule", None)
        assert declared == "public" or (isinstance(declared, tuple) and set(declared) <= set(ALL_ROLES)), rule.rule


def test_signed_out_visitors_are_sent_to_sign_in_except_on_public_routes(app, client, route_world):
    values = route_world.url_values()
    for rule, method in _routes(app):
        if app.view_functions[rule.endpoint].access_rule == "public":
            continue
        response = _call(client, method, _url(rule, values))
        if _by_token(app, rule):
            assert response.status_code == NO_TOKEN, f"{method} {rule.rule}: {response.status_code}"
            continue
        assert response.status_code == 302, f"{method} {rule.rule}: {response.status_code}"
        assert response.headers["Location"].startswith("/sign-in"), rule.rule


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_is_refused_or_served_as_declared(app, client, route_world, role):
    user = route_world.users[role]
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    values = route_world.url_values()
    problems = []
    for rule, method in _routes(app):
        if rule.endpoint == "auth.sign_out":
            continue  # would end this test's session
        declared = app.view_functions[rule.endpoint].access_rule
        response = _call(client, method, _url(rule, values))
        if _by_token(app, rule):  # the session cookie never signs an API request in (tests/test_api.py)
            if response.status_code != NO_TOKEN:
                problems.append(f"{method} {rule.rule}: expected 401 without a token, got {response.status_code}")
            continue
        allowed = declared == "public" or role in declared
        if not allowed and response.status_code != ROLE_REFUSED:
            problems.append(f"{method} {rule.rule}: expected 403 for {role}, got {response.status_code}")
        if allowed and (response.status_code == ROLE_REFUSED or response.status_code >= 500):
            problems.append(f"{method} {rule.rule}: {role} is declared allowed but got {response.status_code}")
    assert problems == []
