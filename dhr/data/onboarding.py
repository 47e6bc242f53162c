"""Bringing a partnership's existing action plans and reports in at once: each file of a batch
(dhr.data.batch_files) is recognised (an action-plan spreadsheet, an overview report, an
executive summary), matched to its review by the reference in its name or else in its content
(reviews.ReferenceFinder), and planned: an action plan through the same checks as a single
import (dhr.data.action_plans), a report stored on its review. Nothing is saved here; `apply`
(dhr.data.onboarding_apply) saves what a plan says, checked again at that moment.

A file already as the service has it (the same plan, the same report on the same review)
changes nothing, so the same batch imported twice changes nothing the second time."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from sqlalchemy import select

from dhr.extensions import db
from dhr.wording import counted

from . import action_plans, documents, policy, reviews, uploads
from .batch_files import BatchEntry
from .extraction import Limits, extract_text
from .models import Document, Review, User
from .plan_parsed import ParsedPlan
from .plan_reading import header_row, read_table, text_of
from .vocab import DOCUMENT_KIND_LABELS, DocumentKind

PLAN = "plan"  # an action-plan spreadsheet, imported as the review's recommendations
NOT_RECOGNISED = "not_recognised"
KIND_LABELS = {PLAN: "Action plan", DocumentKind.OVERVIEW_REPORT: "Overview report",
               DocumentKind.EXECUTIVE_SUMMARY: "Executive summary",
               DocumentKind.ACTION_PLAN: "Action plan (document)", NOT_RECOGNISED: "Not recognised"}
REPORT_CHOICES = [DocumentKind.OVERVIEW_REPORT, DocumentKind.EXECUTIVE_SUMMARY, DocumentKind.ACTION_PLAN,
                  DocumentKind.OTHER]
READY, UNCHANGED, PROBLEM = "ready", "unchanged", "problem"
# A report's reference is on its first pages: only those are read to match it.
MATCHING_LIMITS = Limits(pdf_pages=3, seconds=3.0)
_ALLOWED = {"xlsx", "csv", "pdf", "docx", "text"}
NO_REVIEW = ("No review found: name the file with its review's reference (for example "
             "‘DHR-2019-04 action plan.xlsx’) or import the register of reviews first")


@dataclass
class BatchItem:
    """A file of the batch: what it is, the review it goes to, and what importing it would do."""

    name: str
    kind: str = NOT_RECOGNISED
    upload: Optional[uploads.CheckedUpload] = None
    reviews: list[Review] = field(default_factory=list)
    matched_by: str = ""  # "file name" or "content"
    problems: list[str] = field(default_factory=list)
    plan: Optional[ParsedPlan] = None
    summary: str = ""
    changes_nothing: bool = False  # already as the service has it
    table: Optional[list[list[object]]] = field(default=None, repr=False)  # an action plan's cells, read once

    @property
    def review(self) -> Optional[Review]:
        return self.reviews[0] if len(self.reviews) == 1 else None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind) or DOCUMENT_KIND_LABELS.get(self.kind, "Document")

    @property
    def is_report(self) -> bool:
        return self.kind not in (PLAN, NOT_RECOGNISED)

    @property
    def state(self) -> str:
        if self.problems or self.review is None or self.kind == NOT_RECOGNISED:
            return PROBLEM
        return UNCHANGED if self.changes_nothing else READY

    @property
    def match_words(self) -> str:
        if not self.reviews:
            return "No review found"
        if len(self.reviews) > 1:
            return f"{counted(len(self.reviews), 'review')} match: " + ", ".join(r.reference for r in self.reviews)
        return f"{self.reviews[0].reference} (by its {self.matched_by})"


@dataclass
class BatchPlan:
    items: list[BatchItem]

    def of_state(self, state: str) -> list[BatchItem]:
        return [item for item in self.items if item.state == state]

    @property
    def ready(self) -> list[BatchItem]:
        return self.of_state(READY)

    @property
    def has_work(self) -> bool:
        return bool(self.ready)


def _normalised_name(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", os.path.splitext(name)[0].lower()).split())


def report_kind(name: str, text: str) -> str:
    """What kind of report a file is, from its name, else from the words it opens with."""
    words, opening = _normalised_name(name), " ".join(text[:400].lower().split())
    for kind, said in ((DocumentKind.EXECUTIVE_SUMMARY, ("executive summary", "exec summary")),
                       (DocumentKind.ACTION_PLAN, ("action plan",))):
        if any(s in words for s in said):
            return kind
    if "executive summary" in opening and "overview" not in words:
        return DocumentKind.EXECUTIVE_SUMMARY
    return DocumentKind.OVERVIEW_REPORT


def _recognise(item: BatchItem, entry: BatchEntry) -> Optional[list[list[object]]]:
    """Check the file as a single upload is checked and name its kind; an action plan's table."""
    try:
        upload = uploads.check(entry.name, entry.content, allowed=_ALLOWED, max_bytes=documents.report_max_bytes())
    except uploads.UploadRefused as refused:
        item.problems.append(str(refused))
        return None
    is_text_report = upload.kind == "csv" and not entry.name.lower().endswith(".csv")
    item.upload = uploads.CheckedUpload(upload.filename, "text", upload.content) if is_text_report else upload
    if item.upload.kind in ("xlsx", "csv"):
        try:
            table = read_table(upload.content, item.upload.kind)
        except action_plans.ImportRefused as refused:
            item.problems.append(str(refused))
            return None
        if header_row(table) < 0:
            item.problems.append("The spreadsheet has no header row naming the Recommendation and Lead agency "
                                 "columns, so it is not read as an action plan")
            return None
        item.kind, item.table = PLAN, table
        return table
    item.kind = DocumentKind.OVERVIEW_REPORT  # named more exactly once its text is read (if it is)
    return None


def _report_text(upload: uploads.CheckedUpload) -> str:
    try:
        return extract_text(upload, MATCHING_LIMITS).text
    except uploads.UploadRefused:
        return ""


def _match(item: BatchItem, finder: reviews.ReferenceFinder, content_text: Callable[[], str]) -> None:
    """The review the file's name names, or else the one its content names."""
    item.reviews, item.matched_by = finder.reviews_in(item.name), "file name"
    if not item.reviews:
        item.reviews, item.matched_by = finder.reviews_in(content_text()), "content"
    if not item.reviews:
        item.problems.append(NO_REVIEW)
    elif len(item.reviews) > 1:
        item.problems.append(f"{counted(len(item.reviews), 'review')} match "
                             f"({', '.join(r.reference for r in item.reviews)}): name the file with the reference "
                             "of the one review it belongs to")


def _table_text(table: list[list[object]]) -> str:
    return "\n".join(" ".join(text_of(cell) for cell in row) for row in table[:500])


def _plan_summary(plan: ParsedPlan) -> str:
    new = sum(row.is_new for row in plan.rows)
    changed = sum(not row.is_new and row.has_changes for row in plan.rows)
    unchanged = len(plan.rows) - new - changed
    counts = f"{counted(len(plan.rows), 'recommendation')}: {new} new, {changed} changed, {unchanged} unchanged"
    return counts if plan.has_changes else f"Nothing to change ({counts})"


def _plan_problems(plan: ParsedPlan) -> list[str]:
    found = list(plan.problems) + [f"Row {number}: {message}" for _, number, message in plan.row_errors]
    for name in plan.unknown_names.values():
        rows = ", ".join(str(n) for n in name.rows)
        found.append(f"Lead agency ‘{name.written}’ (row {rows}) is no agency the service knows"
                     + (f" (did you mean {name.suggestion}?)" if name.suggestion else "")
                     + ": add the agency, or import this action plan on its own to choose it")
    return found


def _plan_for(item: BatchItem, user: User) -> None:
    try:
        item.plan = action_plans.parse(item.upload.content, item.upload.kind, item.review, user, table=item.table)
    except action_plans.ImportRefused as refused:
        item.problems.append(str(refused))
        return
    item.problems += _plan_problems(item.plan)
    if not item.problems:
        item.summary, item.changes_nothing = _plan_summary(item.plan), not item.plan.has_changes


def _report_for(item: BatchItem, stored: set[tuple[int, str]]) -> None:
    key = (item.review.id, item.upload.sha256)
    if key in stored:
        item.summary, item.changes_nothing = f"Nothing to change: {item.review.reference} already has this file", True
        return
    stored.add(key)
    label = DOCUMENT_KIND_LABELS.get(item.kind, "document").lower()
    item.summary = f"Stored on {item.review.reference} as its {label}; its text read for draft recommendations"


def _stored_reports(items: list[BatchItem]) -> set[tuple[int, str]]:
    review_ids = {item.review.id for item in items if item.review is not None}
    found = db.session.execute(select(Document.review_id, Document.sha256).where(Document.review_id.in_(review_ids)))
    return {(review_id, sha) for review_id, sha in found}


def _plan_item(entry: BatchEntry, finder: reviews.ReferenceFinder) -> BatchItem:
    item = BatchItem(entry.name, problems=[entry.problem] if entry.problem else [])
    if entry.problem:
        return item
    table = _recognise(item, entry)
    if item.kind == NOT_RECOGNISED:
        return item
    text: list[str] = []

    def content_text() -> str:
        if not text:
            text.append(_table_text(table) if table is not None else _report_text(item.upload))
        return text[0]

    _match(item, finder, content_text)
    if item.is_report:
        item.kind = report_kind(item.name, content_text() if item.matched_by == "content" else "")
    return item


def plan(entries: list[BatchEntry], user: User, kinds: dict[int, str] | None = None) -> BatchPlan:
    """What importing the batch would do for `user`; `kinds` (a report's place in the batch ->
    a document kind) are the coordinator's choices of what a report is."""
    finder = reviews.reference_finder()
    items = [_plan_item(entry, finder) for entry in entries]
    for index, chosen in (kinds or {}).items():
        if 0 <= index < len(items) and items[index].is_report and chosen in REPORT_CHOICES:
            items[index].kind = chosen
    plans_for: dict[int, BatchItem] = {}
    stored = _stored_reports(items)
    for item in items:
        review = item.review
        if item.problems or review is None:
            continue
        if not policy.may_change_review(user, review):
            item.problems.append(f"{review.reference} is a review you may not change")
        elif item.kind == PLAN and review.id in plans_for:
            item.problems.append(f"{plans_for[review.id].name} in this batch is also an action plan for "
                                 f"{review.reference}: import one action plan for a review at a time")
        elif item.kind == PLAN:
            plans_for[review.id] = item
            _plan_for(item, user)
        else:
            _report_for(item, stored)
    return BatchPlan(items)
