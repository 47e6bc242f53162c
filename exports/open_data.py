"""The CSV flavour of open data: one CSV per table (reviews, findings, recommendations, actions)
in a zip, each row keyed by the review's reference (and the recommendation's number), the same
columns as the JSON format's fields; lists (themes, supporting agencies) are joined with "; "."""
from __future__ import annotations

import io
import zipfile

from . import tables

REVIEW_HEADERS = ("reference", "review_type", "death_category", "year", "pseudonym", "summary", "stage",
                  "stages", "published_on", "published_url", "themes")
FINDING_HEADERS = ("review_reference", "number", "text", "early_learning", "themes")
RECOMMENDATION_HEADERS = ("review_reference", "number", "text", "scope", "addressee", "supporting", "status",
                          "target_date", "completed_on", "intended_outcome", "outcome_measure", "themes",
                          "answers_findings")
ACTION_HEADERS = ("review_reference", "recommendation_number", "action", "text", "lead_agency", "milestones",
                  "target_date", "completed_on", "status", "outcome")


def _joined(values) -> str:
    return "; ".join(str(v) for v in values)


def _stages(review: dict) -> str:
    return _joined(f"{s['stage']} ({s['reached']})" for s in review.get("stages", []))


def _tables(doc: dict) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {"reviews": [], "findings": [], "recommendations": [], "actions": []}
    for review in doc["reviews"]:
        ref = review["reference"]
        found["reviews"].append((ref, review["review_type"], review["death_category"], review["year"],
                                 review.get("pseudonym", ""), review.get("summary", ""), review["stage"],
                                 _stages(review), review.get("published_on"), review.get("published_url", ""),
                                 _joined(review.get("themes", []))))
        for finding in review["findings"]:
            found["findings"].append((ref, finding["number"], finding["text"], bool(finding.get("early_learning")),
                                      _joined(finding.get("themes", []))))
        for rec in review["recommendations"]:
            found["recommendations"].append((
                ref, rec["number"], rec["text"], rec["scope"], rec.get("addressee"), _joined(rec.get("supporting", [])),
                rec["status"], rec.get("target_date"), rec.get("completed_on"), rec.get("intended_outcome", ""),
                rec.get("outcome_measure", ""), _joined(rec.get("themes", [])),
                _joined(rec.get("answers_findings", []))))
            for number, action in enumerate(rec.get("actions", []), start=1):
                found["actions"].append((ref, rec["number"], number, action["text"], action.get("lead_agency"),
                                         action.get("milestones", ""), action.get("target_date"),
                                         action.get("completed_on"), action["status"], action.get("outcome", "")))
    return found


HEADERS = {"reviews": REVIEW_HEADERS, "findings": FINDING_HEADERS, "recommendations": RECOMMENDATION_HEADERS,
           "actions": ACTION_HEADERS}


def to_zip(doc: dict) -> bytes:
    """The document's tables as CSV files in a zip (with a note of the source and version)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        source = doc["source"]
        archive.writestr("README.txt", f"{doc['format']} {doc['format_version']}\n"
                                       f"Partnership: {source['partnership']}\nGenerated on: {source['generated_on']}\n"
                                       "Tables: reviews.csv, findings.csv, recommendations.csv, actions.csv\n")
        for name, rows in _tables(doc).items():
            archive.writestr(f"{name}.csv", tables.to_csv(HEADERS[name], rows))
    return buffer.getvalue()
