"""The demo reviews' panels and parallel processes: a member for each panel agency (by the
agency's kind, a role such a panel would have), the terms of reference agreed and the chair's
declaration at set-up, and a process for each pause the review had (its reason's process, from
the pause's start to its end). An inquest that ended has a Prevention of Future Deaths report,
one Safeguarding Adults Review is kept in the service as another demo review (sharing an action
with it, counted once), and an IOPC
investigation that never paused its review shows that a process need not pause one."""
from __future__ import annotations

import datetime as dt

from dhr.data.models import PanelMember, ParallelProcess, Review
from dhr.data.practice_vocab import ParallelKind
from dhr.data.vocab import AgencyKind, PauseReason

ROLES = {
    AgencyKind.POLICE: "Detective Inspector, Public Protection",
    AgencyKind.HEALTH: "Named Nurse for Safeguarding Adults",
    AgencyKind.PRIMARY_CARE: "Designated Doctor for Safeguarding",
    AgencyKind.MENTAL_HEALTH: "Head of Safeguarding",
    AgencyKind.CHILDRENS_SOCIAL_CARE: "Service Manager, Safeguarding",
    AgencyKind.ADULT_SOCIAL_CARE: "Principal Social Worker",
    AgencyKind.HOUSING: "Tenancy Services Manager",
    AgencyKind.PROBATION: "Senior Probation Officer",
    AgencyKind.SPECIALIST_DA: "Service Manager",
    AgencyKind.SUBSTANCE_MISUSE: "Clinical Lead",
    AgencyKind.EDUCATION: "Designated Safeguarding Lead",
}
KINDS = {
    PauseReason.CRIMINAL_TRIAL: ParallelKind.CRIMINAL_TRIAL,
    PauseReason.INQUEST: ParallelKind.INQUEST,
    PauseReason.IOPC: ParallelKind.IOPC,
    PauseReason.SAFEGUARDING_ADULT_REVIEW: ParallelKind.SAFEGUARDING_ADULTS_REVIEW,
    PauseReason.CHILD_REVIEW: ParallelKind.CHILD_SAFEGUARDING_REVIEW,
}
REFERENCES = {
    ParallelKind.CRIMINAL_TRIAL: "T{year}{n:04d} (Crown Court, fictional)",
    ParallelKind.INQUEST: "COR-{year}-{n:03d}",
    ParallelKind.IOPC: "IOPC {year}/{n:06d}",
    ParallelKind.SAFEGUARDING_ADULTS_REVIEW: "SAR {year}/{n:02d}",
    ParallelKind.CHILD_SAFEGUARDING_REVIEW: "CSPR {year}/{n:02d}",
}
DECLARATION = ("I am independent of every agency on this panel: I have not worked for any of them, nor had any "
               "contact with the people in this review.")
PFD_DAYS = 14
IOPC_DAYS = 120


def set_up(reviews: list[Review]) -> dict:
    """Add the panels and parallel processes of the loaded reviews; returns what was added."""
    members = processes = 0
    for n, review in enumerate(reviews, start=1):
        set_up_on = review.set_up_on or review.decision_on
        if set_up_on is None:
            continue
        for agency in review.panel_agencies:
            review.panel_members.append(PanelMember(agency=agency, role=ROLES.get(agency.kind, "Safeguarding lead")))
            members += 1
        review.terms_agreed_on = set_up_on
        if review.chair is not None:
            review.independence_declared_on, review.independence_statement = set_up_on, DECLARATION
        for pause in review.pauses:
            kind = KINDS.get(pause.reason)
            if kind is not None:
                review.parallel_processes.append(_process(kind, pause.started_on, pause.ended_on, n))
                processes += 1
    processes += _without_a_pause(reviews)
    _report_and_link(reviews)
    return {"panel_members": members, "parallel_processes": processes}


def _process(kind: ParallelKind, started_on: dt.date, ended_on: dt.date | None, n: int) -> ParallelProcess:
    return ParallelProcess(kind=kind, reference=REFERENCES[kind].format(year=started_on.year, n=n),
                           started_on=started_on, ended_on=ended_on, outcome="")


def _without_a_pause(reviews: list[Review]) -> int:
    """An IOPC investigation beside the first reviewed-and-published review with no pause."""
    for n, review in enumerate(reviews, start=1):
        if review.published and review.decision_on and not review.pauses:
            ended = review.decision_on + dt.timedelta(days=IOPC_DAYS)
            review.parallel_processes.append(_process(ParallelKind.IOPC, review.decision_on, ended, n))
            review.parallel_processes[-1].outcome = "No misconduct found; learning for the force on call handling."
            return 1
    return 0


def _report_and_link(reviews: list[Review]) -> None:
    processes = [p for r in reviews for p in r.parallel_processes]
    inquest = next((p for p in processes if p.kind == ParallelKind.INQUEST and p.ended_on), None)
    if inquest is not None:
        inquest.pfd_report_on = inquest.ended_on + dt.timedelta(days=PFD_DAYS)
        inquest.outcome = "Unlawful killing. The coroner issued a Prevention of Future Deaths report."
    review_of = {id(p): r for r in reviews for p in r.parallel_processes}
    sar = next((p for p in processes if p.kind == ParallelKind.SAFEGUARDING_ADULTS_REVIEW), None)
    if sar is not None:
        ours = review_of[id(sar)]
        other = next((r for r in reviews if r is not ours and r.decision_on and _actions(r)), None)
        sar.linked_review = other
        if other is not None and _actions(ours):
            _actions(ours)[0].shared_with = _actions(other)[0]


def _actions(review: Review) -> list:
    return [a for rec in review.recommendations for a in rec.actions]
