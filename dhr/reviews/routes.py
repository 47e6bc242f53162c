"""Reviews: the list, the review page, and the chair's management of a review — its details,
stages and pauses, findings, recommendations, reports and the publication check.

Who may change what: the coordinator (admin) edits every review; a chair edits the reviews
they chair (other chairs get an audited 403). Trainers see published reviews only, and
agencies the reviews `visible_to` lets them see; both read-only."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from dhr import dates
from dhr.access import refuse, roles
from dhr.data import agencies, commit, documents, findings, lifecycle, publication, recommendations, reviews, themes
from dhr.data.uploads import UploadRefused
from dhr.data.vocab import (
    REVIEW_TYPE_LABELS,
    STAGE_LABELS,
    STAGE_ORDER,
    Role,
    Stage,
)
from dhr.extensions import db

from . import forms

bp = Blueprint("reviews", __name__, url_prefix="/reviews")

EDITORS = (Role.ADMIN, Role.CHAIR)


# --- helpers ------------------------------------------------------------------------------

def _visible(review_id: int):
    review = reviews.get_visible(current_user, review_id)
    if review is None:
        abort(404)
    return review


def _editable(review_id: int):
    review = reviews.get(review_id)
    if review is None:
        abort(404)
    if not reviews.can_edit(current_user, review):
        refuse(f"{current_user.role} {current_user.id} does not chair review {review.id}")
    return review


def _agency_choices(blank: str | None = None) -> list[tuple]:
    choices = [(a.id, a.name) for a in agencies.all_agencies()]
    return ([("", blank)] if blank is not None else []) + choices


def _theme_choices(selected=()) -> list[tuple]:
    offered = themes.all_themes()
    ids = {t.id for t in offered}
    extra = [t for t in selected if t.id not in ids]  # a retired theme already on the item stays
    return [(t.id, t.name + (" (retired)" if t.retired else "")) for t in [*offered, *extra]]


def _by_ids(getter, ids) -> list:
    return [row for row in (getter(i) for i in ids or []) if row is not None]


def _field_error(form, field_name: str | None, message: str) -> None:
    field = getattr(form, field_name, None) if field_name else None
    if field is None:
        field = next(f for f in form if f.type not in ("CSRFTokenField", "SubmitField", "HiddenField"))
    field.errors = list(field.errors) + [message]


def _show_url(review, anchor: str | None = None) -> str:
    return url_for("reviews.show", review_id=review.id) + (f"#{anchor}" if anchor else "")


# --- list and page ------------------------------------------------------------------------

@bp.route("/")
@roles(Role.ADMIN, Role.CHAIR, Role.TRAINER)
def index():
    args = request.args
    year = args.get("year", "")
    chair = args.get("chair", "")
    filters = {
        "stage": args.get("stage", "") if args.get("stage", "") in {s.value for s in Stage} else "",
        "review_type": args.get("type", "") if args.get("type", "") in {t.value for t in REVIEW_TYPE_LABELS} else "",
        "year": int(year) if year.isdigit() else None,
        "lateness": args.get("lateness", "") if args.get("lateness") in ("late", "on-time") else "",
        "chair_id": int(chair) if chair.isdigit() else None,
        "sort": args.get("sort", "notified-desc") if args.get("sort") in reviews.SORTS else "notified-desc",
    }
    found = reviews.filtered(current_user, **filters)
    today = dt.date.today()
    return render_template(
        "reviews/index.html",
        reviews=found,
        filters=filters,
        standings={r.id: lifecycle.standing(r, today) for r in found},
        years=reviews.years(current_user),
        chairs=reviews.chairs() if current_user.role in EDITORS else [],
        stages=[*STAGE_ORDER, Stage.NOT_COMMISSIONED],
        can_create=current_user.role in EDITORS,
        review_types=[(k.value, v) for k, v in REVIEW_TYPE_LABELS.items()],
    )


@bp.route("/<int:review_id>")
@roles(Role.ADMIN, Role.CHAIR, Role.TRAINER, Role.AGENCY)
def show(review_id: int):
    review = _visible(review_id)
    today = dt.date.today()
    editable = reviews.can_edit(current_user, review)
    return render_template(
        "reviews/show.html",
        review=review,
        editable=editable,
        sees_restricted=current_user.role in EDITORS,
        deadlines=lifecycle.deadlines(review, today),
        timeline=lifecycle.timeline(review, today, include_notes=current_user.sees_unpublished),
        next_stage=lifecycle.next_stage(review),
        paused_days=lifecycle.paused_days(review, today),
        history=reviews.history(review) if current_user.role in EDITORS else [],
        confirm_form=forms.ConfirmForm(),
    )


# --- details ------------------------------------------------------------------------------

def _review_form(review=None) -> forms.ReviewForm:
    form = forms.ReviewForm(obj=review)
    if current_user.role == Role.ADMIN:
        form.chair_id.choices = [("", "Not yet appointed")] + [(u.id, u.name) for u in reviews.chairs()]
    else:
        form.chair_id.choices = [(current_user.id, current_user.name)]
        form.chair_id.description = "You chair the reviews you create; the coordinator can reassign them"
    form.panel_agencies.choices = _agency_choices()
    form.own_themes.choices = _theme_choices(review.own_themes if review else ())
    if review is not None and request.method == "GET":
        form.panel_agencies.data = [a.id for a in review.panel_agencies]
        form.own_themes.data = [t.id for t in review.own_themes]
    return form


def _review_values(form) -> dict:
    chair = db.session.get(reviews.User, form.chair_id.data) if form.chair_id.data else None
    if current_user.role == Role.CHAIR:
        chair = current_user
    return dict(
        reference=form.reference.data, notified_on=form.notified_on.data, chair=chair,
        review_type=form.review_type.data, death_category=form.death_category.data, pseudonym=form.pseudonym.data,
        summary=form.summary.data, restricted_notes=form.restricted_notes.data,
        never_publish_terms=form.never_publish_terms.data,
        panel_agencies=_by_ids(agencies.get, form.panel_agencies.data),
        own_themes=_by_ids(themes.get, form.own_themes.data),
    )


@bp.route("/new", methods=["GET", "POST"])
@roles(Role.ADMIN, Role.CHAIR)
def new():
    form = _review_form()
    if request.method == "GET" and current_user.role == Role.CHAIR:
        form.chair_id.data = current_user.id
    if form.validate_on_submit():
        try:
            review = reviews.create(**_review_values(form))
            commit()
        except reviews.ReviewError as error:
            db.session.rollback()
            _field_error(form, error.field, str(error))
        else:
            flash(f"Review {review.reference} created", "success")
            return redirect(_show_url(review))
    return render_template("reviews/form.html", form=form, review=None)


@bp.route("/<int:review_id>/edit", methods=["GET", "POST"])
@roles(*EDITORS)
def edit(review_id: int):
    review = _editable(review_id)
    form = _review_form(review)
    if form.validate_on_submit():
        try:
            values = _review_values(form)
            if current_user.role == Role.CHAIR:
                values["chair"] = review.chair  # only the coordinator reassigns a review
            reviews.update(review, **values)
            commit()
        except reviews.ReviewError as error:
            db.session.rollback()
            review = _editable(review_id)
            _field_error(form, error.field, str(error))
        else:
            flash("Review details saved", "success")
            return redirect(_show_url(review))
    return render_template("reviews/form.html", form=form, review=review)


# --- stages and pauses --------------------------------------------------------------------

@bp.route("/<int:review_id>/stage", methods=["GET", "POST"])
@roles(*EDITORS)
def stage(review_id: int):
    review = _editable(review_id)
    target = lifecycle.next_stage(review)
    if target is None:
        flash("This review has no further stage", "info")
        return redirect(_show_url(review))
    deciding = target == Stage.DECISION
    form = forms.DecisionForm() if deciding else forms.StageForm()
    check = publication.check(review) if target == Stage.PUBLISHED else None
    if form.validate_on_submit():
        try:
            if deciding and form.outcome.data == "not_commissioned":
                lifecycle.not_commissioned(review, form.on.data, form.reason.data)
            else:
                lifecycle.advance(review, target, form.on.data, publication_cleared=bool(check and check.passes))
                if deciding:
                    review.decision_reason = (form.reason.data or "").strip()
                    home_office = form.home_office_notified_on.data
                    if home_office:
                        if home_office < form.on.data:
                            raise lifecycle.LifecycleError(
                                "The date the Home Office was told must be on or after the decision date")
                        if home_office > dt.date.today():
                            raise lifecycle.LifecycleError(
                                "The date the Home Office was told must be today or in the past")
                        review.home_office_notified_on = home_office
            commit()
        except lifecycle.LifecycleError as error:
            db.session.rollback()
            review = _editable(review_id)
            message = str(error)
            field = "home_office_notified_on" if "Home Office" in message else (
                "reason" if "reason" in message else "on")
            _field_error(form, field, message)
        else:
            flash(f"Stage recorded: {STAGE_LABELS[Stage(review.stage)]}", "success")
            return redirect(_show_url(review, "timeline"))
    return render_template("reviews/stage.html", form=form, review=review, target=target, deciding=deciding,
                           check=check, floor=lifecycle.latest_date(review))


@bp.route("/<int:review_id>/pause", methods=["GET", "POST"])
@roles(*EDITORS)
def pause(review_id: int):
    review = _editable(review_id)
    form = forms.PauseForm()
    if form.validate_on_submit():
        try:
            lifecycle.start_pause(review, form.started_on.data, form.reason.data, form.note.data)
            commit()
        except lifecycle.LifecycleError as error:
            db.session.rollback()
            review = _editable(review_id)
            _field_error(form, "reason" if "Only" in str(error) or "already" in str(error) else "started_on", str(error))
        else:
            flash("Pause recorded", "success")
            return redirect(_show_url(review, "timeline"))
    return render_template("reviews/pause.html", form=form, review=review)


@bp.route("/<int:review_id>/pause/end", methods=["GET", "POST"])
@roles(*EDITORS)
def end_pause(review_id: int):
    review = _editable(review_id)
    if not review.is_paused:
        flash("The review is not paused", "info")
        return redirect(_show_url(review))
    form = forms.EndPauseForm()
    if form.validate_on_submit():
        try:
            lifecycle.end_pause(review, form.ended_on.data)
            commit()
        except lifecycle.LifecycleError as error:
            db.session.rollback()
            review = _editable(review_id)
            _field_error(form, "ended_on", str(error))
        else:
            flash("End of pause recorded", "success")
            return redirect(_show_url(review, "timeline"))
    return render_template("reviews/end_pause.html", form=form, review=review)


# --- findings -----------------------------------------------------------------------------

def _finding_form(finding=None) -> forms.FindingForm:
    form = forms.FindingForm(obj=finding)
    form.themes.choices = _theme_choices(finding.themes if finding else ())
    form.agencies.choices = _agency_choices()
    if finding is not None and request.method == "GET":
        form.themes.data = [t.id for t in finding.themes]
        form.agencies.data = [a.id for a in finding.agencies]
    return form


@bp.route("/<int:review_id>/findings/new", methods=["GET", "POST"])
@roles(*EDITORS)
def new_finding(review_id: int):
    review = _editable(review_id)
    form = _finding_form()
    if form.validate_on_submit():
        try:
            findings.create(review, form.text.data, _by_ids(themes.get, form.themes.data),
                            _by_ids(agencies.get, form.agencies.data))
            commit()
        except findings.FindingError as error:
            db.session.rollback()
            _field_error(form, "text", str(error))
        else:
            flash("Finding added", "success")
            return redirect(_show_url(review, "findings"))
    return render_template("reviews/finding.html", form=form, review=review, finding=None)


@bp.route("/<int:review_id>/findings/<int:finding_id>/edit", methods=["GET", "POST"])
@roles(*EDITORS)
def edit_finding(review_id: int, finding_id: int):
    review = _editable(review_id)
    finding = findings.get_for_review(review, finding_id) or abort(404)
    form = _finding_form(finding)
    if form.validate_on_submit():
        try:
            findings.update(finding, form.text.data, _by_ids(themes.get, form.themes.data),
                            _by_ids(agencies.get, form.agencies.data))
            commit()
        except findings.FindingError as error:
            db.session.rollback()
            _field_error(form, "text", str(error))
        else:
            flash(f"Finding {finding.position} saved", "success")
            return redirect(_show_url(review, "findings"))
    return render_template("reviews/finding.html", form=form, review=review, finding=finding)


@bp.route("/<int:review_id>/findings/<int:finding_id>/move", methods=["POST"])
@roles(*EDITORS)
def move_finding(review_id: int, finding_id: int):
    review = _editable(review_id)
    finding = findings.get_for_review(review, finding_id) or abort(404)
    form = forms.ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        findings.move(finding, request.form.get("direction", ""))
        commit()
    except findings.FindingError as error:
        db.session.rollback()
        flash(str(error), "info")
    return redirect(_show_url(review, "findings"))


@bp.route("/<int:review_id>/findings/<int:finding_id>/delete", methods=["GET", "POST"])
@roles(*EDITORS)
def delete_finding(review_id: int, finding_id: int):
    review = _editable(review_id)
    finding = findings.get_for_review(review, finding_id) or abort(404)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        position = finding.position
        findings.delete(finding)
        commit()
        flash(f"Finding {position} deleted", "success")
        return redirect(_show_url(review, "findings"))
    return render_template("reviews/confirm_delete.html", form=form, review=review,
                           what=f"finding {finding.position}", text=finding.text)


# --- recommendations ----------------------------------------------------------------------

def _recommendation_form(rec=None) -> forms.RecommendationForm:
    form = forms.RecommendationForm(obj=rec)
    form.lead_agency_id.choices = _agency_choices("Not yet agreed")
    form.supporting_agencies.choices = _agency_choices()
    form.themes.choices = _theme_choices(rec.themes if rec else ())
    if rec is not None and request.method == "GET":
        form.supporting_agencies.data = [a.id for a in rec.supporting_agencies]
        form.themes.data = [t.id for t in rec.themes]
    return form


def _recommendation_details(form) -> recommendations.Details:
    return recommendations.Details(
        number=form.number.data, text=form.text.data, scope=form.scope.data,
        lead_agency=agencies.get(form.lead_agency_id.data) if form.lead_agency_id.data else None,
        supporting_agencies=_by_ids(agencies.get, form.supporting_agencies.data),
        action_to_take=form.action_to_take.data, milestones=form.milestones.data,
        target_date=form.target_date.data, strategy_priority=form.strategy_priority.data,
        themes=_by_ids(themes.get, form.themes.data),
    )


@bp.route("/<int:review_id>/recommendations/new", methods=["GET", "POST"])
@roles(*EDITORS)
def new_recommendation(review_id: int):
    review = _editable(review_id)
    form = _recommendation_form()
    if request.method == "GET":
        form.number.data = str(len(review.recommendations) + 1)
    if form.validate_on_submit():
        try:
            rec = recommendations.create(review, _recommendation_details(form))
            commit()
        except recommendations.RecommendationError as error:
            db.session.rollback()
            review = _editable(review_id)
            _field_error(form, error.field, str(error))
        else:
            flash(f"Recommendation {rec.number} added", "success")
            return redirect(_show_url(review, "recommendations"))
    return render_template("reviews/recommendation.html", form=form, review=review, rec=None)


@bp.route("/<int:review_id>/recommendations/<int:rec_id>/edit", methods=["GET", "POST"])
@roles(*EDITORS)
def edit_recommendation(review_id: int, rec_id: int):
    review = _editable(review_id)
    rec = recommendations.get_for_review(review, rec_id) or abort(404)
    form = _recommendation_form(rec)
    if form.validate_on_submit():
        try:
            recommendations.update(rec, _recommendation_details(form))
            commit()
        except recommendations.RecommendationError as error:
            db.session.rollback()
            review = _editable(review_id)
            rec = recommendations.get_for_review(review, rec_id)
            _field_error(form, error.field, str(error))
        else:
            flash(f"Recommendation {rec.number} saved", "success")
            return redirect(_show_url(review, "recommendations"))
    return render_template("reviews/recommendation.html", form=form, review=review, rec=rec)


@bp.route("/<int:review_id>/recommendations/<int:rec_id>/delete", methods=["GET", "POST"])
@roles(*EDITORS)
def delete_recommendation(review_id: int, rec_id: int):
    review = _editable(review_id)
    rec = recommendations.get_for_review(review, rec_id) or abort(404)
    form = forms.ConfirmForm()
    problem = None
    if form.validate_on_submit():
        number = rec.number
        try:
            recommendations.delete(rec)
            commit()
        except recommendations.RecommendationError as error:
            db.session.rollback()
            problem = str(error)
            review = _editable(review_id)
            rec = recommendations.get_for_review(review, rec_id)
        else:
            flash(f"Recommendation {number} deleted", "success")
            return redirect(_show_url(review, "recommendations"))
    return render_template("reviews/confirm_delete.html", form=form, review=review,
                           what=f"recommendation {rec.number}", text=rec.text, problem=problem)


# --- documents ----------------------------------------------------------------------------

@bp.route("/<int:review_id>/documents/new", methods=["GET", "POST"])
@roles(*EDITORS)
def upload(review_id: int):
    review = _editable(review_id)
    form = forms.DocumentForm()
    limit_mb = documents.report_max_bytes() / (1024 * 1024)
    if form.validate_on_submit():
        file = form.file.data
        try:
            document = documents.add_report(review, form.kind.data, file.filename, file.read(), current_user)
        except UploadRefused as error:
            db.session.rollback()
            review = _editable(review_id)
            _field_error(form, "file", str(error))
        else:
            key = document.storage_key
            try:
                commit()
            except Exception:
                documents.forget_file(key)
                raise
            if not document.extracted_text:
                flash("The file was saved, but no text could be found in it (a scanned image?)", "info")
                return redirect(_show_url(review, "documents"))
            return redirect(url_for("reviews.proposals", review_id=review.id, document_id=document.id))
    return render_template("reviews/upload.html", form=form, review=review, limit_mb=limit_mb)


@bp.route("/<int:review_id>/documents/<int:document_id>")
@roles(Role.ADMIN, Role.CHAIR, Role.TRAINER, Role.AGENCY)
def download(review_id: int, document_id: int):
    review = _visible(review_id)
    document = documents.get_for_review(review, document_id) or abort(404)
    from dhr.data.uploads import path_of

    path = path_of(document.storage_key)
    if not path.exists():
        abort(404)
    return send_file(path, mimetype=document.content_type, as_attachment=True, download_name=document.filename)


@bp.route("/<int:review_id>/documents/<int:document_id>/proposals", methods=["GET", "POST"])
@roles(*EDITORS)
def proposals(review_id: int, document_id: int):
    review = _editable(review_id)
    document = documents.get_for_review(review, document_id) or abort(404)
    found = documents.propose(document.extracted_text)
    form = forms.ProposalsForm()
    if request.method == "GET":
        for proposal in found:
            form.proposals.append_entry({
                "accept": False, "number": proposal.number, "text": proposal.text,
                "lead_agency_id": proposal.lead_agency.id if proposal.lead_agency else None,
                "scope": proposal.scope, "action_to_take": proposal.action_to_take,
                "milestones": proposal.milestones,
                "target_date": proposal.target_date.isoformat() if proposal.target_date else "",
            })
    for entry in form.proposals:
        entry.form.lead_agency_id.choices = _agency_choices("Not yet agreed")
    if request.method == "POST" and form.validate_on_submit():
        chosen = [e.form for e in form.proposals if e.form.accept.data]
        if not chosen:
            flash("No recommendations were selected, so none were saved", "info")
            return redirect(_show_url(review, "recommendations"))
        try:
            items = []
            for entry in chosen:
                target = None
                try:
                    target = dates.parse_iso(entry.target_date.data)
                except ValueError:
                    target = None
                items.append(recommendations.Details(
                    number=entry.number.data, text=entry.text.data, scope=entry.scope.data,
                    lead_agency=agencies.get(entry.lead_agency_id.data) if entry.lead_agency_id.data else None,
                    action_to_take=entry.action_to_take.data or "", milestones=entry.milestones.data or "",
                    target_date=target,
                ))
            recommendations.create_many(review, items)
            commit()
        except recommendations.RecommendationError as error:
            db.session.rollback()
            review = _editable(review_id)
            bad = next((e.form for e in form.proposals if e.form.accept.data and str(error).endswith(
                e.form.number.data.strip())), chosen[0])
            bad.number.errors = list(bad.number.errors) + [str(error)]
            form.proposals.errors = [e.errors for e in form.proposals.entries]
        else:
            flash(f"{len(items)} recommendation{'s' if len(items) != 1 else ''} saved from {document.filename}",
                  "success")
            return redirect(_show_url(review, "recommendations"))
    return render_template("reviews/proposals.html", form=form, review=review, document=document,
                           has_errors=any(e.errors for e in form.proposals) or bool(form.errors))


@bp.route("/<int:review_id>/documents/<int:document_id>/delete", methods=["GET", "POST"])
@roles(*EDITORS)
def delete_document(review_id: int, document_id: int):
    review = _editable(review_id)
    document = documents.get_for_review(review, document_id) or abort(404)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        name = document.filename
        key = documents.delete(document)
        commit()
        documents.forget_file(key)
        flash(f"{name} deleted", "success")
        return redirect(_show_url(review, "documents"))
    return render_template("reviews/confirm_delete.html", form=form, review=review,
                           what=document.filename, text="")


# --- publication check --------------------------------------------------------------------

@bp.route("/<int:review_id>/publication-check", methods=["GET", "POST"])
@roles(*EDITORS)
def publication_check(review_id: int):
    review = _editable(review_id)
    result = publication.check(review)
    form = forms.PublicationAcceptForm()
    form.keys.choices = [(f.key, f"{f.label}: {f.value}") for f in result.outstanding]
    form.keys.choices = list(dict.fromkeys(form.keys.choices))
    if form.validate_on_submit():
        try:
            publication.accept(review, form.keys.data, form.reason.data)
            commit()
        except ValueError as error:
            db.session.rollback()
            review = _editable(review_id)
            _field_error(form, "keys", str(error))
        else:
            flash("The selected items are accepted for publication", "success")
            return redirect(url_for("reviews.publication_check", review_id=review.id))
    return render_template("reviews/publication_check.html", form=form, review=review, result=result)
