"""Property-based tests of the whole API against its own OpenAPI document (schemathesis): every
operation, called in-process (WSGI) with a working token and data generated from the document,
answers as documented (status, content type, schema) and never with a server error."""
from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from dhr.api.openapi import document
from dhr.data import api_tokens, commit, national, progress

from . import factories as make

# Enough examples to find what the document allows and the API refuses, in well under a minute.
EXAMPLES = 25
# The secrets of the world's two tokens, so that schemathesis sends them as it makes each case.
TOKENS = {"local": "dhr_schema-test-local-agency-token", "national": "dhr_schema-test-national-body-token"}


@pytest.fixture
def api_world(app):
    """A local agency and a national body, each with a token, an action and a recommendation sent;
    the local agency's action has an update awaiting assessment (evidence may be attached to it)."""
    coordinator = make.admin(email="coordinator@example.org")
    police, home_office = make.agency("Northshire Police", "police"), make.agency("Home Office", "national")
    home_office.contact_email = "ho@example.org"
    national.set_up(commissioner="commissioner@example.org")
    review = make.review("DHR-2025-09", pseudonym="Eve", stage="drafting")
    ours = make.recommendation(review, "1", "Police should flag repeat callers.", lead=police)
    sent = make.recommendation(review, "2", "The Home Office should revise the checklist.", lead=home_office,
                               scope="national")
    national.send(sent, coordinator, dt.date.today())
    local = make.agency_user(police, email="police@example.org")
    progress.post_update(ours.actions[0], local, "Flags are live.", "on_track")
    for kind, user in (("local", local), ("national", make.agency_user(home_office, email="ho@example.org"))):
        token, _ = api_tokens.create(user, f"{kind} system", coordinator)
        token.token_hash = api_tokens.hash_of(TOKENS[kind])  # a secret known before the world is made
    commit()


# The document the app serves (a test in test_api_tokens.py checks it is the one at /api/v1/openapi.json).
schema = schemathesis.openapi.from_dict(document())


def _kind(case) -> str:
    return "national" if case.path.startswith("/recommendations") else "local"


@schema.auth(refresh_interval=None)
class WorkingToken:
    """Schemathesis's own way to send the token, so it knows the request is authenticated: a
    national body's for the recommendations, a local agency's for the rest."""

    def get(self, case, ctx):
        return TOKENS[_kind(case)]

    def set(self, case, data, ctx):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.usefixtures("api_world")
def test_every_operation_answers_as_its_document_says(case, app):
    case.operation.schema.app = app  # called in-process, on this test's app (WSGI)
    # A document cannot say "bytes that are really a PDF, Word document or image", so most files
    # it allows are refused (a documented 422); only that operation is spared the check that
    # schema-valid data is accepted. Every other check still applies to it.
    spared = [positive_data_acceptance] if case.path.endswith("/evidence") and case.method == "POST" else []
    case.call_and_validate(app=app, excluded_checks=spared)


def test_the_world_s_tokens_reach_its_records(client, api_world):
    """So the property-based test above is answered as these tokens' users, not refused."""
    for kind, path in (("local", "/api/v1/actions"), ("national", "/api/v1/recommendations")):
        answer = client.get(path, headers={"Authorization": f"Bearer {TOKENS[kind]}"})
        assert answer.status_code == 200 and answer.get_json()["total"] == 1, kind
