"""Bringing in another partnership's open data (or an extract prepared in the same format from
the Home Office DHR Library) as external learning: read and checked against the format's JSON
Schema (every problem named by where it is, nothing saved), its theme names matched to ours
(names and synonyms; a name the coordinator mapped before is remembered), then saved in one
transaction, replacing whatever came before from the same source."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import jsonschema
from sqlalchemy import select

from dhr.extensions import db

from . import audit, open_data
from .external_models import (
    ExternalFinding,
    ExternalRecommendation,
    ExternalReview,
    ExternalSource,
    ExternalThemeMapping,
)
from .models import Theme

MAX_PROBLEMS = 30
MAX_BYTES = 50 * 1024 * 1024


@dataclass
class Read:
    doc: dict | None = None
    problems: list[str] = field(default_factory=list)


def key(name: str) -> str:
    return " ".join((name or "").lower().split())[:200]


def _where(path) -> str:
    """A place in the document in words: "Review 2 (DHR-2021-01), recommendation 3, action 1"."""
    parts, items = [], list(path)
    words = {"reviews": "Review", "findings": "finding", "recommendations": "recommendation", "actions": "action"}
    index = 0
    while index < len(items):
        item = items[index]
        if item in words and index + 1 < len(items) and isinstance(items[index + 1], int):
            parts.append(f"{words[item]} {items[index + 1] + 1}")
            index += 2
            continue
        parts.append(f"‘{item}’")
        index += 1
    return ", ".join(parts) if parts else "The file"


def _schema_problems(doc) -> list[str]:
    validator = jsonschema.Draft202012Validator(open_data.schema())
    errors = sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
    problems = []
    for error in errors:
        where = _where(error.absolute_path)
        if where.startswith("Review ") and isinstance(doc, dict):
            number = int(where.split(",")[0].split()[1]) - 1
            reviews = doc.get("reviews")
            ref = reviews[number].get("reference") if isinstance(reviews, list) and isinstance(
                reviews[number], dict) else None
            if isinstance(ref, str):
                where = where.replace(f"Review {number + 1}", f"Review {number + 1} ({ref[:40]})", 1)
        problems.append(f"{where}: {error.message[:300]}")
    if len(problems) > MAX_PROBLEMS:
        problems = problems[:MAX_PROBLEMS] + [f"and {len(problems) - MAX_PROBLEMS:,} more problems"]
    return problems


def read(content: bytes) -> Read:
    """The document in an uploaded file, or every problem with it."""
    if not content:
        return Read(problems=["The selected file is empty"])
    if len(content) > MAX_BYTES:
        return Read(problems=[f"The file must be smaller than {MAX_BYTES // (1024 * 1024)} MB"])
    try:
        doc = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Read(problems=["The file is not text in UTF-8: choose the open data JSON file"])
    except json.JSONDecodeError as error:
        return Read(problems=[f"The file is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"])
    problems = _schema_problems(doc)
    if not problems:
        references = [r["reference"] for r in doc["reviews"]]
        twice = sorted({r for r in references if references.count(r) > 1})
        problems = [f"Review {ref} is in the file more than once" for ref in twice]
    return Read(doc=None if problems else doc, problems=problems)


def theme_names(doc: dict) -> list[str]:
    """Every theme name the document uses, once each (by key), as first written."""
    seen: dict[str, str] = {}
    for review in doc["reviews"]:
        for item in [*review["findings"], *review["recommendations"]]:
            for name in item.get("themes", []):
                seen.setdefault(key(name), " ".join(name.split()))
    return [seen[k] for k in sorted(seen)]


def our_theme_keys() -> dict[str, Theme]:
    """Our themes by the key of their name and of each synonym."""
    found: dict[str, Theme] = {}
    for theme in db.session.scalars(select(Theme).where(Theme.retired_at.is_(None))):
        for synonym in (theme.synonyms or "").replace(";", ",").split(","):
            if synonym.strip():
                found.setdefault(key(synonym), theme)
    for theme in db.session.scalars(select(Theme).where(Theme.retired_at.is_(None))):
        found[key(theme.name)] = theme
    return found


def remembered() -> dict[str, ExternalThemeMapping]:
    return {m.written: m for m in db.session.scalars(select(ExternalThemeMapping))}


def unknown_themes(doc: dict) -> list[str]:
    """Theme names that are neither ours (by name or synonym) nor mapped before."""
    ours, mapped = our_theme_keys(), remembered()
    return [name for name in theme_names(doc) if key(name) not in ours and key(name) not in mapped]


def remember(mapping: dict[str, int | None]) -> None:
    """Keep the coordinator's choice for each theme name (None: leave it unmapped)."""
    known = remembered()
    for name, theme_id in mapping.items():
        entry = known.get(key(name)) or ExternalThemeMapping(written=key(name))
        entry.theme_id = theme_id
        db.session.add(entry)
    db.session.flush()


def _resolver():
    ours, mapped = our_theme_keys(), remembered()

    def themes_of(names: list[str]) -> list[Theme]:
        found: dict[int, Theme] = {}
        for name in names:
            theme = ours.get(key(name)) or (mapped[key(name)].theme if key(name) in mapped else None)
            if theme is not None:
                found[theme.id] = theme
        return list(found.values())

    return themes_of


def _review(entry: dict, themes_of) -> ExternalReview:
    review = ExternalReview(
        reference=entry["reference"], review_type=entry["review_type"], death_category=entry["death_category"],
        year=entry["year"], pseudonym=entry.get("pseudonym", ""), summary=entry.get("summary", ""),
        stage=entry["stage"], published_url=entry.get("published_url", ""))
    for finding in entry["findings"]:
        review.findings.append(ExternalFinding(number=finding["number"], text=finding["text"],
                                               theme_names="; ".join(finding.get("themes", [])),
                                               themes=themes_of(finding.get("themes", []))))
    for position, rec in enumerate(entry["recommendations"], start=1):
        review.recommendations.append(ExternalRecommendation(
            position=position, number=rec["number"], text=rec["text"], scope=rec["scope"],
            addressee=rec.get("addressee") or "", status=rec["status"],
            theme_names="; ".join(rec.get("themes", [])), themes=themes_of(rec.get("themes", [])),
            actions=rec.get("actions", [])))
    return review


def save(doc: dict, filename: str, user_id: int | None) -> ExternalSource:
    """Save the document as external learning (the caller commits), replacing its source's last import."""
    partnership = " ".join(doc["source"]["partnership"].split())
    before = db.session.scalar(select(ExternalSource).where(ExternalSource.partnership == partnership))
    if before is not None:
        db.session.delete(before)
        db.session.flush()
    source = ExternalSource(partnership=partnership, generated_on=dt.date.fromisoformat(doc["source"]["generated_on"]),
                            format_version=doc["format_version"], filename=(filename or "")[:255],
                            imported_by_id=user_id)
    themes_of = _resolver()
    source.reviews = [_review(entry, themes_of) for entry in doc["reviews"]]
    db.session.add(source)
    db.session.flush()
    audit.record("external_import", "external_source", source.id, partnership=partnership,
                 reviews=len(source.reviews), replaced=before is not None)
    return source


def forget(source: ExternalSource) -> None:
    db.session.delete(source)
    db.session.flush()


def sources() -> list[ExternalSource]:
    return list(db.session.scalars(select(ExternalSource).order_by(ExternalSource.partnership)))


def get_source(source_id: int) -> ExternalSource | None:
    return db.session.get(ExternalSource, source_id)


def get_review(review_id: int) -> ExternalReview | None:
    return db.session.get(ExternalReview, review_id)


