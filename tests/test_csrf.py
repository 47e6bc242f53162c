"""With CSRF protection on (as in production), every state-changing request without a valid
token is refused with a plain page, whoever sends it."""
from __future__ import annotations

from dhr.data.models import AuditEvent
from dhr.extensions import db

from .factories import TEST_PASSWORD
from .helpers import check_page
from .test_route_matrix import _routes, _url

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def test_every_state_changing_route_refuses_a_missing_token(app, client, route_world):
    admin = route_world.users["admin"]
    assert client.post("/sign-in", data={"email": admin.email, "password": TEST_PASSWORD}).status_code == 302
    app.config["WTF_CSRF_ENABLED"] = True
    audit_rows_before = db.session.query(AuditEvent).count()
    problems = []
    for rule, method in _routes(app):
        if method not in STATE_CHANGING:
            continue
        response = client.open(_url(rule, route_world.url_values()), method=method, data={"anything": "x"})
        if getattr(app.view_functions[rule.endpoint], "token_auth", False):
            # an API route: a request with no token is a browser's, refused as a JSON problem
            if response.status_code != 400 or response.mimetype != "application/problem+json":
                problems.append(f"{method} {rule.rule}: {response.status_code} {response.mimetype}")
            continue
        if response.status_code != 400 or "Your form could not be sent" not in response.get_data(as_text=True):
            problems.append(f"{method} {rule.rule}: {response.status_code}")
        else:
            check_page(response.get_data(as_text=True))
    assert problems == []
    assert db.session.query(AuditEvent).count() == audit_rows_before


def test_sign_in_form_carries_a_token_and_works_with_it(app, client, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    user = make_user("trainer")
    page = client.get("/sign-in").get_data(as_text=True)
    token = check_page(page).select_one("input[name=csrf_token]")["value"]
    refused = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    assert refused.status_code == 400
    accepted = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": token})
    assert accepted.status_code == 302
