"""Jinja set-up: GOV.UK Frontend macros, filters for tags and dates (written by dhr.dates), and page-wide values."""
from __future__ import annotations

from flask import Flask, current_app, request, url_for
from flask_login import current_user
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from .config import REVIEW_LABELS
from .data import audit_words, practice_vocab, processes, vocab
from .data.vocab import Role
from .dates import date_time, long_date, month_year, numeric_date, short_date
from .wording import counted, shortened

# The labels of the words of practice: briefings, family involvement, the Quality Assurance Panel.
PRACTICE_FILTERS = {
    "briefing_kind_label": lambda s: practice_vocab.BRIEFING_KIND_LABELS.get(s, s),
    "contact_route_label": lambda s: practice_vocab.CONTACT_ROUTE_LABELS.get(s, s),
    "participation_label": lambda s: practice_vocab.PARTICIPATION_LABELS.get(s, s),
    "pseudonym_chooser_label": lambda s: practice_vocab.PSEUDONYM_CHOOSERS.get(s, s),
    "panel_outcome_label": lambda s: practice_vocab.PANEL_OUTCOME_LABELS.get(s, s),
    "area_state_label": lambda s: practice_vocab.AREA_STATE_LABELS.get(s, s),
}


def init_templating(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(app.template_folder),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_options = {**app.jinja_options, "trim_blocks": True, "lstrip_blocks": True}
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    WTFormsHelpers(app)
    app.jinja_env.globals["review_process"] = processes.current  # the stages and deadline rules followed
    app.jinja_env.filters.update(
        long_date=long_date,
        short_date=short_date,
        date_time=date_time,
        numeric_date=numeric_date,
        month_year=month_year,
        status_label=lambda s: vocab.STATUS_LABELS.get(s, s),
        status_tag_class=lambda s: vocab.STATUS_TAG_CLASSES.get(s, "govuk-tag--grey"),
        stage_label=lambda s: vocab.STAGE_LABELS.get(s, s),
        national_label=lambda s: vocab.NATIONAL_STANDING_LABELS.get(s, s),
        national_tag_class=lambda s: vocab.NATIONAL_STANDING_TAG_CLASSES.get(s, "govuk-tag--grey"),
        review_type_label=lambda s: vocab.REVIEW_TYPE_LABELS.get(s, s),
        death_category_label=lambda s: vocab.DEATH_CATEGORY_LABELS.get(s, s),
        role_label=lambda s: vocab.ROLE_LABELS.get(s, s),
        account_state_label=lambda s: vocab.ACCOUNT_STATE_LABELS.get(s, s),
        account_state_tag_class=lambda s: vocab.ACCOUNT_STATE_TAG_CLASSES.get(s, "govuk-tag--grey"),
        scope_label=lambda s: vocab.SCOPE_LABELS.get(s, s),
        priority_label=lambda n: f"{n}. {vocab.STRATEGY_PRIORITIES[n]}" if n in vocab.STRATEGY_PRIORITIES else "",
        pause_reason_label=lambda s: vocab.PAUSE_REASON_LABELS.get(s, s),
        **PRACTICE_FILTERS,
        assessment_label=lambda s: vocab.ASSESSMENT_LABELS.get(s, s),
        evidence_grade_label=lambda s: practice_vocab.EVIDENCE_GRADE_LABELS.get(s, s),
        quality_flag_labels=lambda s: [practice_vocab.QUALITY_FLAG_LABELS[f] for f in (s or "").split(",")
                                       if f in practice_vocab.QUALITY_FLAG_LABELS],
        document_kind_label=lambda s: vocab.DOCUMENT_KIND_LABELS.get(s, s),
        counted=counted,
        in_words=audit_words.in_words,
        shortened=shortened,
    )
    app.context_processor(page_context)


def navigation_items() -> list[dict]:
    """Header links for the signed-in user's role. Areas register theirs in NAVIGATION."""
    if not current_user.is_authenticated:
        return []
    items = []
    for endpoint, text, allowed in NAVIGATION:
        if current_user.role in allowed and endpoint in current_app.view_functions:
            href = url_for(endpoint)
            items.append({"href": href, "text": text, "active": request.path.startswith(href) and href != "/"})
    return items


ALL = tuple(r.value for r in Role)
# (endpoint, link text, roles that see it): links appear once their area is registered.
NAVIGATION = [
    ("home.index", "Home", ALL),
    ("reviews.index", "Reviews", (Role.ADMIN, Role.CHAIR, Role.TRAINER)),
    ("agency.our_recommendations", "Our recommendations", (Role.AGENCY,)),
    ("tracker.overview", "Recommendations", (Role.ADMIN, Role.CHAIR)),
    ("learning.search", "Search learning", ALL),
    ("briefings.index", "Briefings", (Role.ADMIN, Role.CHAIR, Role.TRAINER)),
    ("reports.dashboard", "Dashboard", (Role.ADMIN, Role.CHAIR)),
    ("reports.index", "Downloads", ALL),
    ("admin.index", "Administration", (Role.ADMIN,)),
]


def service_name() -> str:
    return f"{REVIEW_LABELS[current_app.config['DHR_REVIEW_LABEL']]['short']} learning and recommendations tracker"


def page_context() -> dict:
    from .data import partnership, settings

    label = REVIEW_LABELS[current_app.config["DHR_REVIEW_LABEL"]]
    partnership_name = current_app.config["DHR_PARTNERSHIP_NAME"]
    try:
        demo = settings.demo_data_loaded()
        partnership_name = partnership.name(partnership_name)
    except Exception:  # the database may be down: the error page must still render
        demo = False
    return {
        "review_label": label,
        "partnership_name": partnership_name,
        "service_name": service_name(),
        "navigation_items": navigation_items(),
        "demo_data": demo,
        "Role": Role,
    }
