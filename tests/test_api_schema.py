"""Property-based tests of the whole API against its own OpenAPI document (schemathesis): every
operation, called in-process (WSGI) with a working token and data generated from the document,
answers as documented (status, content type, schema) and never with a server error."""
from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from dhr.api.openapi import document
from dhr.data import api_tokens, commit, national

from . import factories as make

# Enough examples to find what the document allows and the API refuses, in well under a minute.
EXAMPLES = 25


@pytest.fixture
def api_world(app):
    """A local agency and a national body, each with a token, an action and a recommendation sent."""
    coordinator = make.admin(email="coordinator@example.org")
    police, home_office = make.agency("Northshire Police", "police"), make.agency("Home Office", "national")
    home_office.contact_email = "ho@example.org"
    national.set_up(commissioner="commissioner@example.org")
    review = make.review("DHR-2025-09", pseudonym="Eve", stage="drafting")
    make.recommendation(review, "1", "Police should flag repeat callers.", lead=police)
    sent = make.recommendation(review, "2", "The Home Office should revise the checklist.", lead=home_office,
                               scope="national")
    national.send(sent, coordinator, dt.date.today())
    _, local = api_tokens.create(make.agency_user(police, email="police@example.org"), "Police system", coordinator)
    _, body = api_tokens.create(make.agency_user(home_office, email="ho@example.org"), "Home Office system",
                                coordinator)
    commit()
    return {"local": local, "national": body}


# The document the app serves (a test in test_api_tokens.py checks it is the one at /api/v1/openapi.json).
schema = schemathesis.openapi.from_dict(document())


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_its_document_says(case, app, api_world):
    case.operation.schema.app = app  # called in-process, on this test's app (WSGI)
    kind = "national" if case.path.startswith("/recommendations") else "local"
    case.call_and_validate(headers={"Authorization": f"Bearer {api_world[kind]}"}, app=app)
