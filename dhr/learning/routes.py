"""Searching the learning, similar learning, the repeat-recommendations report and
trainers' case-study collections. Every signed-in user may search; what each sees is
limited inside the query and checked again when rows load."""
from __future__ import annotations

import logging
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from dhr import listing
from dhr.access import hide, signed_in
from dhr.data import collections, learning, policy
from dhr.data.policy import links
from dhr.pipeline import saving
from dhr.security import local_path
from search import indexing
from search import query as search_query
from search.schema import FACET_FIELDS

from . import filters
from .forms import AddToCollectionForm, CollectionForm

bp = Blueprint("learning", __name__)
log = logging.getLogger(__name__)

SORTS = {"relevance": "Relevance", "date": "Newest first"}


def _search_args() -> tuple[str, dict[str, list[str]], str, int]:
    q = search_query.printable(request.args.get("q", "")[:2000])
    selected = {name: [v[:100] for v in request.args.getlist(name)[:50] if v] for name in FACET_FIELDS}
    sort = request.args.get("sort", "relevance")
    if sort not in SORTS:
        sort = "relevance"
    try:
        page = max(1, min(int(request.args.get("page", "1")), search_query.MAX_PAGE))
    except ValueError:
        page = 1
    return q, {k: v for k, v in selected.items() if v}, sort, page


def _url(q: str, selected: dict, sort: str, page: int = 1) -> str:
    params = [("q", q)] + [(k, v) for k, vs in selected.items() for v in vs]
    if sort != "relevance":
        params.append(("sort", sort))
    if page > 1:
        params.append(("page", str(page)))
    return url_for("learning.search") + "?" + urlencode(params)


def _group_by_review(hits, rows):
    groups: list[dict] = []
    index: dict[int, dict] = {}
    for hit in hits:
        row = rows.get(hit.key)
        if row is None:  # the index said yes, the database says no: never show it
            log.warning("search hit %s not visible on load; skipped", hit.key)
            continue
        review = row if hit.kind in ("review", "notes") else row.review
        group = index.get(hit.review_id)  # an external review's is negative: never one of ours
        if group is None:
            group = index[hit.review_id] = {"review": review, "hits": [], "external": hit.review_id < 0}
            groups.append(group)
        group["hits"].append((hit, row))
    return groups


def _collecting(back: str, finding_ids) -> dict | None:
    """What a finding's add-or-remove controls need: the user's collections, which of them hold
    each finding, and the page to come back to (to the finding's own place on it)."""
    owned = collections.owned_by(current_user)
    if not owned:
        return None
    return {"owned": owned, "held": collections.holding(current_user, finding_ids), "back": back}


@bp.route("/search")
@signed_in
def search():
    q, selected, sort, page = _search_args()
    labels = learning.facet_labels()
    context = dict(q=q, selected=selected, sort=sort, sorts=SORTS, labels=labels,
                   facet_titles=learning.FACET_TITLES, kind_labels=learning.KIND_LABELS,
                   chosen=filters.chosen(selected, learning.FACET_TITLES, labels, lambda s: _url(q, s, sort)),
                   clear_url=_url(q, {}, sort), results=None, groups=[], answering={}, unavailable=False,
                   pagination=None, searched=bool(q or selected))
    try:
        synonyms = search_query.current_synonyms()
        results = search_query.run(current_user, q, selected, sort, page, synonyms=synonyms)
    except indexing.IndexUnavailable as error:
        return _search_unavailable(context, error)
    rows = learning.visible_rows(current_user, [h.key for h in results.hits])
    findings = [h.entity_id for h in results.hits if h.kind == "finding"]
    found_findings = [row for key, row in rows.items() if key.startswith("finding:")]
    context.update(results=results, groups=_group_by_review(results.hits, rows),
                   answering=links.answering_each(current_user, found_findings),
                   collecting=_collecting(_url(q, selected, sort, results.page), findings))
    if results.pages > 1:
        items = [{"number": n, "href": _url(q, selected, sort, n), "current": n == results.page}
                 for n in range(1, min(results.pages, search_query.MAX_PAGE) + 1)
                 if n in (1, results.pages) or abs(n - results.page) <= 2]
        with_ellipses = []
        for item in items:
            if with_ellipses and item["number"] - with_ellipses[-1]["number"] > 1:
                with_ellipses.append({"ellipsis": True, "number": item["number"] - 1})
            with_ellipses.append(item)
        context["pagination"] = {
            "items": with_ellipses,
            "previous": {"href": _url(q, selected, sort, results.page - 1)} if results.page > 1 else None,
            "next": {"href": _url(q, selected, sort, results.page + 1)} if results.page < results.pages else None,
        }
    return render_template("learning/search.html", **context)


def _search_unavailable(context: dict, error: indexing.IndexUnavailable):
    """Search cannot answer on this server: being built (it will soon) or broken (someone must
    rebuild it). Either way the page says so plainly, and asks to be tried again later."""
    building = isinstance(error, indexing.IndexBeingBuilt)
    if not building:
        log.error("search unavailable: %s", error)
    context.update(unavailable=True, building=building)
    return render_template("learning/search.html", **context), 503, {"Retry-After": "120"}


def _similar(key: str):
    try:
        hits = search_query.similar(current_user, key)
    except indexing.IndexBeingBuilt:
        return "building", []
    except indexing.IndexUnavailable:
        return None, []
    rows = learning.visible_rows(current_user, [h.key for h in hits])
    return True, [(h, rows[h.key]) for h in hits if h.key in rows]


# An item's page links to its similar learning, which has a page of its own (and the page's
# script brings it into the item's page): a more-like-this search over a national index takes
# from a tenth of a second to well over one, too long to hold up the item itself.

@bp.route("/learning/findings/<int:finding_id>")
@signed_in
def finding(finding_id: int):
    row = learning.visible_finding(current_user, finding_id) or abort(404)
    return render_template("learning/item.html", item=row, kind="finding",
                           collecting=_collecting(request.path, [row.id]), linked=links.answering(current_user, row),
                           similar_url=url_for("learning.finding_similar", finding_id=finding_id))


@bp.route("/learning/findings/<int:finding_id>/similar")
@signed_in
def finding_similar(finding_id: int):
    row = learning.visible_finding(current_user, finding_id) or abort(404)
    return _similar_page(row, "finding", url_for("learning.finding", finding_id=finding_id))


@bp.route("/learning/recommendations/<int:recommendation_id>")
@signed_in
def recommendation(recommendation_id: int):
    row = learning.visible_recommendation(current_user, recommendation_id) or abort(404)
    return render_template("learning/item.html", item=row, kind="recommendation", collecting=None,
                           linked=links.answered(current_user, row),
                           similar_url=url_for("learning.recommendation_similar", recommendation_id=recommendation_id))


@bp.route("/learning/recommendations/<int:recommendation_id>/similar")
@signed_in
def recommendation_similar(recommendation_id: int):
    row = learning.visible_recommendation(current_user, recommendation_id) or abort(404)
    return _similar_page(row, "recommendation", url_for("learning.recommendation", recommendation_id=recommendation_id))


def _similar_page(item, kind: str, item_url: str):
    """The findings and recommendations of other reviews most like `item`, which the reader may see."""
    available, similar = _similar(f"{kind}:{item.id}")
    return render_template("learning/similar.html", item=item, kind=kind, similar=similar, available=available,
                           item_url=item_url)


@bp.route("/learning/repeat-recommendations")
@signed_in
def repeat_recommendations():
    """The last computed report, filtered for this person; it is computed in the background."""
    try:
        found = search_query.report(current_user)
    except indexing.IndexUnavailable as error:
        building = isinstance(error, indexing.IndexBeingBuilt)
        return render_template("learning/repeat.html", report=None, unavailable=True,
                               building=building), 503, {"Retry-After": "120"}
    return render_template("learning/repeat.html", report=found, unavailable=False,
                           labels=learning.facet_labels())


# --- Collections --------------------------------------------------------------------------

def _collection_or_404(collection_id: int, *, changing: bool = False):
    """A collection the user may read (or change); someone else's is audited and answered as
    if it were not there."""
    collection = collections.get(collection_id)
    if collection is None:
        abort(404)
    allowed = (policy.may_change_collection if changing else policy.may_see_collection)(current_user, collection)
    if not allowed:
        hide("collection", collection_id, "collection belongs to someone else")
    return collection


@bp.route("/collections", methods=["GET", "POST"])
@signed_in
def collections_index():
    form = CollectionForm()
    if form.validate_on_submit():
        with saving(form):
            collection = collections.create(current_user, form.name.data)
            flash(f"Collection ‘{collection.name}’ created", "success")
            return redirect(url_for("learning.collection", collection_id=collection.id))
    state = listing.from_request(collections.SORTING.keys())
    owned = collections.page_owned_by(current_user, number=state.number, size=state.size, sort=state.sort,
                                      descending=state.descending)
    return render_template("learning/collections.html", form=form, collections=owned, listing=state)


@bp.route("/collections/<int:collection_id>")
@signed_in
def collection(collection_id: int):
    found = _collection_or_404(collection_id)
    state = listing.from_request(collections.FINDING_SORTING.keys())
    return render_template("learning/collection.html", may_change=policy.may_change_collection(current_user, found),
                           collection=found, listing=state,
                           findings=collections.page_of_findings(current_user, found, number=state.number,
                                                                 size=state.size, sort=state.sort,
                                                                 descending=state.descending),
                           pdf_available="reports.collection_pdf" in current_app.view_functions)


def _at_the_finding(back: str | None, finding_id: int) -> str | None:
    """The page the form came from, at the finding's own place on it (no script needed)."""
    return f"{back.split('#', 1)[0]}#finding-{finding_id}" if back else None


@bp.route("/collections/add", methods=["POST"])
@signed_in
def add_to_collection():
    form = AddToCollectionForm()
    form.collection_id.choices = [(c.id, c.name) for c in collections.owned_by(current_user)]
    back = local_path(form.next.data)
    if not form.validate_on_submit():
        flash("Choose one of your collections to add the finding to", "info")
        return redirect(back or url_for("learning.collections_index"))
    found = _collection_or_404(form.collection_id.data, changing=True)
    try:
        finding = collections.add_finding(current_user, found, form.finding_id.data)
    except collections.CollectionFull as full:
        flash(str(full), "info")
        return redirect(back or url_for("learning.collection", collection_id=found.id))
    except collections.CollectionError:
        abort(404)
    if back:  # back at the finding, which now says which collection holds it: a success banner at
        # the top of the page would take the focus, and the reader, away from it
        return redirect(_at_the_finding(back, finding.id))
    flash(f"Added {finding.review.reference} finding {finding.position} to ‘{found.name}’", "success")
    return redirect(url_for("learning.collection", collection_id=found.id))


@bp.route("/collections/<int:collection_id>/findings/<int:finding_id>/remove", methods=["POST"])
@signed_in
def remove_from_collection(collection_id: int, finding_id: int):
    found = _collection_or_404(collection_id, changing=True)
    collections.remove_finding(found, finding_id)
    back = _at_the_finding(local_path(request.form.get("next")), finding_id)
    if back:
        return redirect(back)
    flash("Finding removed from the collection", "success")
    return redirect(url_for("learning.collection", collection_id=found.id))


@bp.route("/collections/<int:collection_id>/delete", methods=["POST"])
@signed_in
def delete_collection(collection_id: int):
    found = _collection_or_404(collection_id, changing=True)
    name = found.name
    collections.delete(found)
    flash(f"Collection ‘{name}’ deleted", "success")
    return redirect(url_for("learning.collections_index"))
