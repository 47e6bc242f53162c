"""The PDFs of many reviews (the board report, an agency's progress report, case-study packs),
built the same way in a request or in the background. Small ones are made while the person
waits; anything over INLINE_LIMIT items is a background job, done as the person who asked
(each job asks the access policy again, as the page did)."""
from __future__ import annotations

from dhr import dates
from dhr.background import Prepared, job_kind
from dhr.data import (
    agencies,
    board_messages,
    board_paper,
    briefings,
    collections,
    figure_words,
    figures,
    policy,
    qa_panel,
    reporting,
    scoping,
    themes,
)
from dhr.data.errors import DataError
from dhr.data.policy import links
from dhr.downloads import safe_file_name
from exports import charts, pdf

# Items a PDF may hold and still be made in the request (well under a second to render).
INLINE_LIMIT = 40
MAX_PACK_FINDINGS = collections.MAX_FINDINGS
PDF = "application/pdf"


def _prepared(content: bytes, name: str) -> Prepared:
    return Prepared(content, f"{safe_file_name(name, 'download')}.pdf", PDF)


# ------------------------------------------------------------------ the board report

def filters_params(filters: figures.Filters) -> dict:
    """A board report's filters as a job keeps them."""
    return {"start": filters.start.isoformat() if filters.start else None,
            "end": filters.end.isoformat() if filters.end else None, "agency_id": filters.agency_id}


def filters_from(params: dict) -> figures.Filters:
    return figures.Filters(start=dates.parse_iso(params.get("start")), end=dates.parse_iso(params.get("end")),
                           agency_id=params.get("agency_id"))


def _no_progress(done: int, total: int, label: str) -> None:
    return None


def board_context(user, filters: figures.Filters, agency_name: str | None = None,
                  step=_no_progress) -> tuple[dict, bool]:
    """What the board paper shows, and whether it must carry the marking; `step` is told each
    stage (a background job shows them)."""
    step(1, 4, "Working out the figures")
    board = figures.board_figures(user, filters)
    paper = board_paper.board_paper(user, filters, board.data.today)
    groups, unlisted = board_paper.overdue_groups(paper)
    immediate = scoping.immediate_summary(user, filters.agency_id, board.data.today)
    step(2, 4, "Drawing the charts")
    summaries = {name: figure_words.summary(b) for name, b in board.breakdowns.items()}
    chart_uris = {name: charts.data_uri(charts.breakdown_chart(b, summaries[name]))
                  for name, b in board.breakdowns.items()}
    sensitive = board.data.includes_unpublished or any(
        not policy.shown_publicly(a.recommendation.review)
        for a in [*(a for g in groups for a in g.actions), *immediate.listed])
    return dict(
        board=board, paper=paper, messages=board_messages.key_messages(paper), charts=chart_uris,
        summaries=summaries, groups=groups, unlisted=unlisted, immediate=immediate,
        themes=figures.ranked_themes(board.data),
        rag_rule=board_paper.RAG_RULE, per_agency=board_paper.OVERDUE_PER_AGENCY,
        ratings_listed=board_paper.RATINGS_LISTED,
        description=filters.describe(agency_name), agency_name=agency_name,
        learning_shared=briefings.in_period(user, paper.period.start, paper.period.end),
        qa_outstanding=qa_panel.outstanding_count(),
    ), sensitive


BOARD_TITLE = "Board paper: reviews and recommendations"


def board_report(user, filters: figures.Filters, agency_name: str | None = None,
                 step=_no_progress) -> tuple[bytes, bool]:
    """The board paper PDF for a period and agency; whether it carries the marking."""
    context, sensitive = board_context(user, filters, agency_name, step)
    step(3, 4, "Laying out the paper")
    return pdf.render_pdf("pdf/board_report.html", title=BOARD_TITLE, sensitive=sensitive, **context), sensitive


@job_kind("board_report")
def board_report_job(user, params: dict, progress) -> Prepared:
    if user.role not in policy.BOARD:
        raise DataError("Only the partnership may download the board report")
    filters = filters_from(params["filters"])
    agency = agencies.get(filters.agency_id) if filters.agency_id else None
    content, _ = board_report(user, filters, agency.name if agency else None, progress)
    return _prepared(content, "board-paper")


# ------------------------------------------------------------------ one review

def review_summary(review, recommendations=None) -> bytes:
    """The learning summary of a review, with the part of its action plan the reader may see
    (and each finding naming those of its recommendations that answer it)."""
    shown = review.recommendations if recommendations is None else recommendations
    return pdf.render_pdf("pdf/review_summary.html", title=f"Learning summary: {review.reference}",
                          sensitive=not policy.shown_publicly(review), review=review, recommendations=shown,
                          answering=links.within(shown, review.findings))


def action_plan(review, recommendations=None) -> bytes:
    """A review's action plan, or the part of it the reader may see."""
    return pdf.render_pdf("pdf/action_plan.html", title=f"Action plan: {review.reference}",
                          sensitive=not policy.shown_publicly(review), landscape=True, review=review,
                          recommendations=review.recommendations if recommendations is None else recommendations)


# ------------------------------------------------------------------ agency progress

def progress_items(sections) -> int:
    return sum(len(section.items) for section in sections)


def agency_progress(agency, sections=None) -> tuple[bytes, bool]:
    sections = reporting.agency_progress(agency.id) if sections is None else sections
    sensitive = any(not policy.shown_publicly(item.action.recommendation.review) for s in sections for item in s.items)
    content = pdf.render_pdf("pdf/agency_progress.html", title=f"Progress report: {agency.name}",
                             sensitive=sensitive, agency=agency, sections=sections, landscape=True)
    return content, sensitive


@job_kind("agency_progress")
def agency_progress_job(user, params: dict, progress) -> Prepared:
    agency = agencies.get(params["agency_id"])
    if agency is None or not policy.may_see_agency_progress(user, agency.id):
        raise DataError("You may no longer download this agency's progress report")
    progress(1, 3, "Gathering the recommendations")
    sections = reporting.agency_progress(agency.id)
    progress(2, 3, f"Laying out {progress_items(sections)} recommendations")
    content, _ = agency_progress(agency, sections)
    return _prepared(content, f"{agency.name}-progress-report")


# ------------------------------------------------------------------ case-study packs

def case_study_pack(title: str, cases, theme=None, left_out: int = 0) -> tuple[bytes, bool]:
    """A pack of at most MAX_PACK_FINDINGS case studies (the newest), saying how many it left out."""
    over = max(0, len(cases) - MAX_PACK_FINDINGS)
    cases = cases[:MAX_PACK_FINDINGS]
    sensitive = any(not policy.shown_publicly(case.review) for case in cases)
    content = pdf.render_pdf("pdf/case_studies.html", title=title, sensitive=sensitive, cases=cases,
                             theme=theme, left_out=left_out, over_limit=over, limit=MAX_PACK_FINDINGS)
    return content, sensitive


def theme_cases(user, theme_id: int, include_unpublished: bool):
    return reporting.theme_case_studies(theme_id, include_unpublished=include_unpublished
                                        and policy.may_include_unpublished(user))


def collection_cases(user, collection, include_unpublished: bool):
    return reporting.collection_case_studies(collection, include_unpublished=include_unpublished
                                             and policy.may_include_unpublished(user))


@job_kind("theme_pack")
def theme_pack_job(user, params: dict, progress) -> Prepared:
    theme = themes.get(params["theme_id"])
    if theme is None:
        raise DataError("The theme no longer exists")
    progress(1, 3, "Gathering the findings")
    cases = theme_cases(user, theme.id, params.get("include_unpublished", False))
    progress(2, 3, f"Laying out {min(len(cases), MAX_PACK_FINDINGS)} findings")
    content, _ = case_study_pack(f"Case studies: {theme.name}", cases, theme=theme)
    return _prepared(content, f"case-studies-{theme.name}")


@job_kind("collection_pack")
def collection_pack_job(user, params: dict, progress) -> Prepared:
    collection = collections.get(params["collection_id"])
    if collection is None or not policy.may_see_collection(user, collection):
        raise DataError("The collection no longer exists")
    progress(1, 3, "Gathering the findings")
    cases, left_out = collection_cases(user, collection, params.get("include_unpublished", False))
    progress(2, 3, f"Laying out {min(len(cases), MAX_PACK_FINDINGS)} findings")
    content, _ = case_study_pack(f"Case studies: {collection.name}", cases, left_out=left_out)
    return _prepared(content, f"case-studies-{collection.name}")
