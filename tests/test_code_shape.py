"""Modules people can hold in their head, and layers that stay layers.

No application module over about 400 lines and no function over about 50 (the demo's text
corpus is data, and the generated migration is not application code). Views never commit or
touch the database session: the request pipeline commits, and the data layer reads."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPLICATION = ("dhr", "search", "exports")
DATA_NOT_CODE = {Path("dhr/demo/prose.py")}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50


def _modules():
    for package in APPLICATION:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "static" not in relative.parts and relative not in DATA_NOT_CODE:
                yield relative, path.read_text()


def test_no_application_module_is_over_400_lines():
    long = {str(name): text.count("\n") for name, text in _modules() if text.count("\n") > MAX_MODULE_LINES}
    assert long == {}


def test_no_function_is_over_50_lines():
    long = []
    for name, text in _modules():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{name}:{node.name} ({lines} lines)")
    assert long == []


def test_views_neither_commit_nor_use_the_session():
    offenders = []
    for name, text in _modules():
        is_view = name.parts[0] == "dhr" and len(name.parts) == 3 and name.name.endswith("routes.py")
        if is_view and ("commit(" in text or "db.session" in text):
            offenders.append(str(name))
    assert offenders == []


ROLE_CHECK = re.compile(r"\b(current_user|user)\.role (==|!=|in|not in) (\(|Role\.)|sees_unpublished")


def test_the_access_rules_are_written_once():
    """A user's role is compared with roles only in the policy module (routes declare theirs
    with @roles, naming the policy's role sets)."""
    offenders = [f"{name}: {match.group(0)}" for name, text in _modules()
                 if name not in (Path("dhr/data/policy/__init__.py"), Path("dhr/access.py"))
                 for match in ROLE_CHECK.finditer(text)]
    assert offenders == []


def test_code_states_its_own_rules_rather_than_citing_the_design_notes():
    """The design notes live outside the repository: a rule in code says what it is."""
    notes = "DESIGN" + ".md"
    templates = ((path.relative_to(ROOT), path.read_text()) for path in (ROOT / "templates").rglob("*.html"))
    places = [*_modules(), *templates]
    assert [str(name) for name, text in places if notes in text] == []
