"""A review's reports: upload (its text then read by a background job, which leads on to the
draft recommendations proposed from it), download, deletion, and the publication check that
gates publishing."""
from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from dhr import downloads, pipeline, quality
from dhr.access import refuse, roles
from dhr.data import agencies, documents, findings, policy, proposal_state, publication, reading, recommendations
from dhr.data.errors import DataError
from dhr.data.proposals import propose
from dhr.forms import by_ids
from dhr.pipeline import add_error, saving
from dhr.wording import counted

from . import forms
from . import reading as _reading_job  # noqa: F401  (registers the job that reads an uploaded report)
from .shared import agency_choices, bp, changeable_or_403, finding_choices, show_url, visible_or_404


@bp.route("/<int:review_id>/documents/new", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def upload(review_id: int):
    review = changeable_or_403(review_id)
    form = forms.DocumentForm()
    limit_mb = documents.report_max_bytes() / (1024 * 1024)
    if form.validate_on_submit():
        file = form.file.data
        with saving(form):
            try:
                document = documents.add_report(review, form.kind.data, file.filename, file.read(), current_user)
                job = reading.submit(document, current_user)
            except DataError as error:
                error.field = error.field or "file"
                raise
            return redirect(url_for("prepared.show", job_id=job.id))
    return render_template("reviews/upload.html", form=form, review=review, limit_mb=limit_mb)


@bp.route("/<int:review_id>/documents/<int:document_id>")
@roles(*policy.READERS_OF_REVIEWS)
def download(review_id: int, document_id: int):
    review = visible_or_404(review_id)
    document = documents.get_for_review(review, document_id) or abort(404)
    if not policy.may_see_document(current_user, document):
        refuse(f"document {document.id} is not for this user")
    return downloads.stored_file(document)


def _proposal_entries(form, offered, review, select_all: bool) -> None:
    by_number = {f.position: f.id for f in review.findings}
    for proposal in (o.proposal for o in offered):
        form.proposals.append_entry({
            "accept": select_all, "number": proposal.number, "text": proposal.text,
            "findings": [by_number[n] for n in proposal.findings if n in by_number],
            "lead_agency_id": proposal.lead_agency.id if proposal.lead_agency else None,
            "scope": proposal.scope, "action_to_take": proposal.action_to_take,
            "milestones": proposal.milestones,
            "target_date": proposal.target_date.isoformat() if proposal.target_date else "",
        })


def _accepted_details(chosen) -> list[recommendations.Details]:
    items = []
    for entry in chosen:
        try:
            target = dt.date.fromisoformat(entry.target_date.data) if entry.target_date.data else None
        except ValueError:
            target = None
        items.append(recommendations.Details(
            number=entry.number.data, text=entry.text.data, scope=entry.scope.data,
            lead_agency=agencies.get(entry.lead_agency_id.data) if entry.lead_agency_id.data else None,
            action_to_take=entry.action_to_take.data or "", milestones=entry.milestones.data or "",
            target_date=target, findings=by_ids(findings.get, entry.findings.data),
            intended_outcome=entry.intended_outcome.data or "", outcome_measure=entry.outcome_measure.data or "",
        ))
    return items


def _advise(review, entries, details: list[recommendations.Details]) -> list:
    """The quality advice on each proposal; saving a proposal records its advice, kept as
    written where every flag raised was shown with it."""
    advice = [quality.advice(d, review) for d in details]
    for entry, item, flags in zip(entries, details, advice, strict=True):
        item.quality_flags = [f.name for f in flags]
        item.quality_kept = bool(flags) and {f.name for f in flags} <= quality.shown(entry)
        entry.shown_flags.data = ",".join(item.quality_flags)
    return advice


def _place_proposal_error(form, chosen, error) -> None:
    """On the accepted proposal the refusal names (by its number), else the first."""
    bad = next((e for e in chosen if str(error).endswith(e.number.data.strip())), chosen[0])
    add_error(bad, error.field if hasattr(bad, error.field or "") else "number", str(error))
    form.proposals.errors = [e.errors for e in form.proposals.entries]


@bp.route("/<int:review_id>/documents/<int:document_id>/proposals", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def proposals(review_id: int, document_id: int):
    review = changeable_or_403(review_id)
    document = documents.get_for_review(review, document_id) or abort(404)
    job = reading.job_for(document)
    if job is not None:  # its text is not read yet: there is nothing to propose from
        return render_template("reviews/proposals_waiting.html", review=review, document=document, job=job,
                               own_job=policy.may_see_job(current_user, job))
    form = forms.ProposalsForm()
    sorted_out = proposal_state.sort_out(review, propose(document.extracted_text))
    if request.method == "GET":
        _proposal_entries(form, sorted_out.offered, review, request.args.get("select") == "all")
    for entry in form.proposals:
        entry.form.lead_agency_id.choices = agency_choices("Not yet agreed")
        entry.form.findings.choices = finding_choices(review)
    if request.method == "POST" and form.validate_on_submit():
        chosen = [e.form for e in form.proposals if e.form.accept.data]
        if not chosen:
            flash("No recommendations were selected, so none were saved", "info")
            return redirect(show_url(review, "recommendations"))
        items = _accepted_details(chosen)
        _advise(review, chosen, items)
        with saving(form, place=lambda error: _place_proposal_error(form, chosen, error)):
            recommendations.create_many(review, items, current_user)
            flash(f"{counted(len(items), 'recommendation')} saved from {document.filename}",
                  "success")
            pipeline.offer_suggested_themes(review)
            return redirect(show_url(review, "recommendations"))
    entries = [e.form for e in form.proposals]
    return render_template("reviews/proposals.html", form=form, review=review, document=document,
                           offered=sorted_out.offered, already_saved=sorted_out.already_saved,
                           has_errors=any(e.errors for e in form.proposals) or bool(form.errors),
                           advice=_advise(review, entries, _accepted_details(entries)))


@bp.route("/<int:review_id>/documents/<int:document_id>/delete", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def delete_document(review_id: int, document_id: int):
    review = changeable_or_403(review_id)
    document = documents.get_for_review(review, document_id) or abort(404)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        name = document.filename
        documents.delete(document)
        flash(f"{name} deleted", "success")
        return redirect(show_url(review, "documents"))
    return render_template("reviews/confirm_delete.html", form=form, review=review,
                           what=document.filename, text="", cancel=show_url(review, "documents"))


@bp.route("/<int:review_id>/publication-check", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def publication_check(review_id: int):
    review = changeable_or_403(review_id)
    result = publication.check(review)
    form = forms.PublicationAcceptForm()
    form.keys.choices = list(dict.fromkeys((f.key, f"{f.label}: {f.value}") for f in result.outstanding))
    if form.validate_on_submit():
        with saving(form):
            publication.accept(review, form.keys.data, form.reason.data)
            flash("The selected items are accepted for publication", "success")
            return redirect(url_for("reviews.publication_check", review_id=review.id))
    return render_template("reviews/publication_check.html", form=form, review=review, result=result)
