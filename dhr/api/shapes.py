"""The JSON each API record is answered with (the OpenAPI document's schemas describe them).
Only what the token's user may see on the web pages: a recommendation's review by its reference
and pseudonym, an action's own updates (the agency leads or supports it)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from flask import url_for

from dhr.data import national
from dhr.data.vocab import ASSESSMENT_LABELS, NATIONAL_RESPONSE_LABELS, NATIONAL_STANDING_LABELS, STATUS_LABELS


def _when(value: Optional[dt.date]) -> Optional[str]:
    """A date, or a moment (stored in UTC without its zone) with its zone: RFC 3339 either way."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=dt.timezone.utc).isoformat()
    return value.isoformat() if value is not None else None


def _review(rec) -> dict:
    return {"reference": rec.review.reference, "pseudonym": rec.review.pseudonym or ""}


def update(row) -> dict:
    return {
        "id": row.id, "created_at": _when(row.created_at), "narrative": row.narrative,
        "proposed_status": row.proposed_status,
        "assessment": row.assessment, "assessment_label": ASSESSMENT_LABELS.get(row.assessment, row.assessment),
        "assessment_message": row.assessment_message or "", "assessed_at": _when(row.assessed_at),
        "evidence_count": len(row.evidence),
    }


def evidence(document, action_id: int) -> dict:
    """An evidence file's facts and the address it is downloaded from."""
    return {
        "id": document.id, "filename": document.filename, "content_type": document.content_type,
        "size_bytes": document.size_bytes, "sha256": document.sha256, "uploaded_at": _when(document.uploaded_at),
        "download": url_for("api.get_evidence", action_id=action_id, update_id=document.update_id,
                            document_id=document.id),
    }


def action(row, with_updates: bool = False) -> dict:
    rec = row.recommendation
    shown = {
        "id": row.id, "number": row.number, "text": row.text or "", "milestones": row.milestones or "",
        "lead_agency": row.lead_agency.name if row.lead_agency else None,
        "target_date": _when(row.target_date), "status": row.status,
        "status_label": STATUS_LABELS.get(row.status, row.status),
        "completed_on": _when(row.completed_on), "outcome": row.outcome or "", "agreed": row.agreed_at is not None,
        "recommendation": {"id": rec.id, "number": rec.number, "text": rec.text or "", "review": _review(rec)},
    }
    if with_updates:
        shown["updates"] = [update(u) for u in sorted(row.updates, key=lambda u: (u.created_at, u.id))]
    return shown


def referral(rec) -> dict:
    sent = rec.referral
    standing = national.standing(rec)
    return {
        "id": rec.id, "number": rec.number, "text": rec.text or "", "review": _review(rec),
        "sent_on": _when(sent.sent_on), "respond_by": _when(sent.respond_by),
        "standing": standing, "standing_label": NATIONAL_STANDING_LABELS.get(standing, standing),
        "response": sent.response, "response_label": NATIONAL_RESPONSE_LABELS.get(sent.response),
        "response_narrative": sent.response_narrative or "", "responded_at": _when(sent.responded_at),
    }


def page(found, items: list[dict]) -> dict:
    return {"items": items, "page": found.number, "per_page": found.size, "total": found.total}
