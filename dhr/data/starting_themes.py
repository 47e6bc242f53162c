"""The starting controlled theme list, added once and then edited by the partnership."""
from __future__ import annotations

from . import themes
from .vocab import STRATEGY_PRIORITIES, ThemeKind


def _theme(name: str, kind: str, description: str, synonyms: str = "", strategy_priority: int | None = None) -> dict:
    return {
        "name": name,
        "kind": str(kind),
        "description": description,
        "synonyms": synonyms,
        "strategy_priority": strategy_priority,
    }


LEARNING_THEMES = [
    _theme(
        "Coercive control", ThemeKind.LEARNING,
        "A pattern of controlling, threatening and degrading behaviour that takes away the victim's freedom. "
        "Reviews repeatedly find agencies saw single incidents and missed the pattern.",
        "controlling behaviour, coercion, coercive and controlling behaviour, CCB, control",
    ),
    _theme(
        "Separation risk", ThemeKind.LEARNING,
        "Risk of serious harm rises sharply when the victim tries to leave, ends the relationship or seeks help. "
        "Most intimate partner victims in our reviews were killed at or after separation.",
        "leaving, ending the relationship, separated, separation, leaving the relationship, post-separation",
    ),
    _theme(
        "Invisible perpetrator", ThemeKind.LEARNING,
        "The perpetrator's history and behaviour were not seen or joined up by services, so attention fell only "
        "on the victim.",
        "perpetrator visibility, hidden perpetrator, perpetrator history, unseen perpetrator",
    ),
    _theme(
        "Isolation and surveillance", ThemeKind.LEARNING,
        "The victim was cut off from family, friends and services, and their movements, phone or contacts were "
        "monitored.",
        "isolation, monitoring, tracking, checking phone, cut off from family",
    ),
    _theme(
        "Economic abuse", ThemeKind.LEARNING,
        "Control of money, benefits, debt, work or housing that leaves the victim dependent on the abuser.",
        "financial abuse, financial control, money, debt, benefits control",
    ),
    _theme(
        "Child contact used to continue abuse", ThemeKind.LEARNING,
        "Arrangements for the children to see the other parent became a route for continued harassment, "
        "threats or violence.",
        "child contact, contact arrangements, handovers, family court, child arrangements",
    ),
    _theme(
        "Over-reliance on the non-abusing parent", ThemeKind.LEARNING,
        "Plans to keep children safe depended on the non-abusing parent protecting them, without tackling the "
        "abuser's behaviour or the danger to the parent.",
        "failure to protect, protective parent, non-abusing parent, safety plan relying on mother",
    ),
    _theme(
        "Victim blaming and misread safety strategies", ThemeKind.LEARNING,
        "Professionals judged the victim's actions, such as returning, minimising or refusing support, "
        "instead of seeing them as ways of staying safe.",
        "victim blaming, non-engagement, disguised compliance, safety strategies, did not engage, hard to reach",
    ),
    _theme(
        "Perpetrator services not asking about abuse", ThemeKind.LEARNING,
        "Services working with the perpetrator, such as mental health or substance misuse teams, did not ask "
        "about relationships, abuse or risk to others.",
        "working with perpetrators, perpetrator services, asking about risk to others, mental health services, "
        "drug and alcohol services",
    ),
    _theme(
        "Physical harm with threat and fear beneath", ThemeKind.LEARNING,
        "Visible injuries were treated as isolated incidents while the threats and fear that sat beneath them "
        "went unexplored.",
        "injuries, physical violence, assault, fear, threats",
    ),
]

PRACTICE_THEMES = [
    _theme(
        "Risk assessment", ThemeKind.PRACTICE,
        "Use of the DASH risk checklist, professional judgement and referral to MARAC to identify and manage "
        "high risk.",
        "DASH, DASH RIC, MARAC, risk checklist, risk identification, high risk, SafeLives",
    ),
    _theme(
        "Information sharing", ThemeKind.PRACTICE,
        "Whether agencies shared what they knew, lawfully and in time, so that others could act on it.",
        "sharing information, data sharing, consent, GDPR, disclosure",
    ),
    _theme(
        "Multi-agency working", ThemeKind.PRACTICE,
        "How well agencies worked together, including strategy meetings, MARAC actions and shared plans.",
        "partnership working, joint working, MASH, strategy meeting, joined-up working",
    ),
    _theme(
        "Training and awareness", ThemeKind.PRACTICE,
        "Whether staff had the knowledge and confidence to recognise domestic abuse and respond to it.",
        "training, awareness, learning and development, briefing, workforce development",
    ),
    _theme(
        "Professional curiosity", ThemeKind.PRACTICE,
        "Looking beyond what is presented, asking further questions and checking what is said against what is "
        "seen.",
        "curiosity, respectful uncertainty, asking questions, think family, looking beyond",
    ),
    _theme(
        "Record keeping", ThemeKind.PRACTICE,
        "Accurate, complete and findable records, including flags for domestic abuse and the perpetrator's "
        "details.",
        "records, case notes, recording, flags, chronology",
    ),
    _theme(
        "Referral pathways", ThemeKind.PRACTICE,
        "Routes to specialist support such as an IDVA, refuge or outreach, and whether referrals were made and "
        "followed up.",
        "IDVA, referral, specialist support, refuge, outreach, signposting",
    ),
    _theme(
        "Routine enquiry", ThemeKind.PRACTICE,
        "Asking everyone, safely and alone, about domestic abuse, especially in GP practices, maternity and "
        "other health settings.",
        "GP asking, selective enquiry, asking about abuse, health enquiry, IRIS, seen alone",
    ),
    _theme(
        "Supervision", ThemeKind.PRACTICE,
        "Management oversight and reflective supervision that test practitioners' thinking about risk.",
        "management oversight, reflective supervision, case supervision, line management",
    ),
    _theme(
        "Family involvement", ThemeKind.PRACTICE,
        "Involving the victim's family and friends in the review, and acting on what they knew before the death.",
        "family engagement, family and friends, AAFDA, advocacy for families, family contact",
    ),
    _theme(
        "Equality and diversity", ThemeKind.PRACTICE,
        "How ethnicity, faith, language, age, sex, disability or sexuality shaped the victim's experience and "
        "the services' response.",
        "protected characteristics, culture, interpreters, language, intersectionality, Equality Act",
    ),
]

CASE_FACTOR_THEMES = [
    _theme("Stalking", ThemeKind.CASE_FACTOR,
           "Fixated, obsessive, unwanted and repeated behaviour, often after separation.",
           "harassment, following, unwanted contact, fixation, obsessive behaviour"),
    _theme("Strangulation", ThemeKind.CASE_FACTOR,
           "Non-fatal strangulation or suffocation, a strong marker of future homicide risk.",
           "choking, non-fatal strangulation, suffocation, NFS"),
    _theme("Threats to kill", ThemeKind.CASE_FACTOR,
           "Threats to kill the victim, the children or others, including threats made to third parties.",
           "threats, death threats, threatened to kill"),
    _theme("Mental health", ThemeKind.CASE_FACTOR,
           "Mental ill health of the victim or the perpetrator, and how services responded.",
           "mental ill health, psychiatric, depression, psychosis, crisis team"),
    _theme("Substance misuse", ThemeKind.CASE_FACTOR,
           "Alcohol or drug use by the victim or the perpetrator.",
           "alcohol, drugs, drug use, addiction, dual diagnosis"),
    _theme("Suicidality", ThemeKind.CASE_FACTOR,
           "Suicidal thoughts, self-harm or threats of suicide by the victim or the perpetrator.",
           "suicide, self-harm, suicidal ideation, threats of suicide"),
    _theme("Children", ThemeKind.CASE_FACTOR,
           "Children living in the household or affected by the abuse, who are victims in their own right.",
           "child, young people, children in the household, child victims"),
    _theme("Older victims and carers", ThemeKind.CASE_FACTOR,
           "Abuse of older people, often by adult children or by a partner who is also a carer.",
           "older people, elder abuse, carer, caring role, adult family"),
    _theme("Honour-based abuse and forced marriage", ThemeKind.CASE_FACTOR,
           "Abuse committed to protect or defend the perceived honour of a family or community, including "
           "forced marriage.",
           "HBA, honour based violence, forced marriage, so-called honour"),
    _theme("Immigration status", ThemeKind.CASE_FACTOR,
           "Insecure immigration status, no recourse to public funds and threats of deportation used as control.",
           "NRPF, no recourse to public funds, visa, spousal visa, deportation threats"),
    _theme("Disability", ThemeKind.CASE_FACTOR,
           "Physical or learning disability, and dependence on the abuser for care.",
           "learning disability, physical disability, care and support needs, Care Act"),
    _theme("LGBT+", ThemeKind.CASE_FACTOR,
           "Abuse in same-sex relationships or against lesbian, gay, bisexual or trans people.",
           "LGBT, same-sex relationship, gay, lesbian, trans, outing"),
    _theme("Housing and homelessness", ThemeKind.CASE_FACTOR,
           "Housing applications, tenancies, rent arrears and homelessness, and how they shaped the options to "
           "leave.",
           "housing, homelessness, tenancy, rehousing, refuge, sanctuary scheme"),
    _theme("Criminal justice contact", ThemeKind.CASE_FACTOR,
           "Arrests, charges, bail, court orders and probation supervision of the perpetrator.",
           "arrest, bail, charge, conviction, non-molestation order, probation, DVPN, DVPO"),
]

DEATH_CATEGORY_THEMES = [
    _theme("Intimate partner homicide", ThemeKind.DEATH_CATEGORY,
           "A death caused by a current or former partner.", "IPH, partner homicide, femicide"),
    _theme("Adult family homicide", ThemeKind.DEATH_CATEGORY,
           "A death caused by an adult family member such as a son, daughter, sibling or grandchild.",
           "familial homicide, parricide, matricide, adult family"),
    _theme("Suspected victim suicide", ThemeKind.DEATH_CATEGORY,
           "A death by suspected suicide of a person who had experienced domestic abuse.",
           "domestic abuse related suicide, suicide, DARS"),
    _theme("Unexpected death", ThemeKind.DEATH_CATEGORY,
           "An unexpected death where domestic abuse was known or suspected, not otherwise classified.",
           "unexplained death, sudden death"),
    _theme("Other death category", ThemeKind.DEATH_CATEGORY,
           "A death that meets the criteria for review but none of the other categories.", "other"),
]

STRATEGY_PRIORITY_DESCRIPTIONS = {
    1: ("Agencies plan, commission and work as one system, so nobody falls between services.",
        "whole system, partnership, joined up, system-wide"),
    2: ("Change the attitudes that let abuse go unchallenged, through campaigns, education and training.",
        "prevention, attitudes, awareness raising, healthy relationships"),
    3: ("Spot abuse early and offer help before it escalates, wherever the victim first comes into contact.",
        "early help, early identification, early intervention"),
    4: ("Children and young people are recognised as victims and are kept safe.",
        "children, young people, safeguarding children"),
    5: ("Victims are safe, supported and helped to recover, including housing and specialist support.",
        "safety, support, recovery, victim support"),
    6: ("Perpetrators are identified, challenged and held to account by every agency, not just the police.",
        "perpetrators, accountability, perpetrator programmes, enforcement"),
}

STRATEGY_PRIORITY_THEMES = [
    _theme(name, ThemeKind.STRATEGY_PRIORITY, STRATEGY_PRIORITY_DESCRIPTIONS[number][0],
           STRATEGY_PRIORITY_DESCRIPTIONS[number][1], strategy_priority=number)
    for number, name in STRATEGY_PRIORITIES.items()
]

STARTING_THEMES = [
    *LEARNING_THEMES,
    *PRACTICE_THEMES,
    *CASE_FACTOR_THEMES,
    *DEATH_CATEGORY_THEMES,
    *STRATEGY_PRIORITY_THEMES,
]


def ensure_starting_themes() -> int:
    """Add any starting theme missing by name; return how many were added."""
    added = 0
    for spec in STARTING_THEMES:
        if themes.by_name(spec["name"]) is None:
            themes.create(**spec)
            added += 1
    return added
