"""Build the held-out report-import corpus: every report file and its truth, from the source data below.

Run from the repository root:  .venv/bin/python tests/corpus/reports/make_reports.py

Everything here is fictional: the area (Westmoor and Dale), its agencies, the people (pseudonyms only) and
the reviews. The truth for each report is written from the same data that renders the file, so the text in
the truth is the text in the file."""
from __future__ import annotations

import io
import json
import random
import textwrap
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent

# name, kind, the short forms reports use for it
AGENCIES = [
    ("Westmoor Police", "police", ["WP", "the police"]),
    ("Westmoor Adult Social Care", "adult_social_care", ["ASC", "Adult Social Care"]),
    ("Westmoor Children's Social Care", "childrens_social_care", ["CSC", "Children's Social Care"]),
    ("Westmoor and Dale NHS Foundation Trust", "health", ["the Trust", "WDFT"]),
    ("Westmoor and Dale Integrated Care Board", "health", ["the ICB"]),
    ("Dale Valley Primary Care Network", "primary_care", ["the PCN", "GP practices in the PCN"]),
    ("Dale Mental Health Partnership NHS Trust", "mental_health", ["DMHP", "the mental health trust"]),
    ("Westmoor Women's Aid", "specialist_da", ["WWA"]),
    ("Westmoor Homes", "housing", ["Westmoor Homes"]),
    ("Dale Housing Association", "housing", ["DHA"]),
    ("Westmoor Recovery Service", "substance_misuse", ["WRS", "the Recovery Service"]),
    ("Westmoor Education Service", "education", ["the Education Service"]),
    ("Probation Service", "probation", ["the Probation Service", "PS"]),
    ("Westmoor Community Safety Partnership", "partnership", ["the CSP", "the Partnership"]),
    ("Westmoor Safeguarding Adults Board", "partnership", ["the SAB", "WSAB"]),
    ("Westmoor Safeguarding Children Partnership", "partnership", ["WSCP"]),
    ("North Dale Ambulance Service NHS Trust", "health", ["NDAS", "the ambulance service"]),
    ("Westmoor Fire and Rescue Service", "other", ["WFRS"]),
    ("Home Office", "national", ["the Home Office"]),
    ("NHS England", "national", ["NHS England"]),
    ("Department for Work and Pensions", "national", ["DWP", "the DWP"]),
]
AGENCY_NAMES = [name for name, _kind, _short in AGENCIES]
SHORT = {name: short for name, _kind, short in AGENCIES}

# What each agency may be asked to do: bare-infinitive phrases, so that they read after "should", after
# "That <agency>", after "<agency> to" and, capitalised, as an action-plan cell.
ACTIONS = {
    "Westmoor Police": [
        "review the guidance for call handlers on repeat calls from the same address so that a history check "
        "is completed before an officer is sent",
        "make sure that a DASH risk assessment is completed at every domestic abuse incident, including those "
        "where the victim declines to engage",
        "audit the use of Domestic Violence Protection Notices over the last two years and report the findings "
        "to the Community Safety Partnership",
        "provide refresher training on coercive and controlling behaviour to all response officers within "
        "twelve months",
        "ensure that bail conditions set after a domestic abuse arrest are shared with the victim on the same day",
    ],
    "Westmoor Adult Social Care": [
        "revise the adult safeguarding referral form so that domestic abuse is recorded as a distinct category "
        "of concern",
        "ensure that carers' assessments ask the carer privately whether they feel safe at home",
        "introduce case audits of self-neglect enquiries where domestic abuse was also disclosed",
        "make sure that practitioners consider a Care Act section 42 enquiry when an adult with care and support "
        "needs is harmed by a family member",
    ],
    "Westmoor Children's Social Care": [
        "ensure that assessments of children living with domestic abuse include the views of the non-resident "
        "parent",
        "review how information from police notifications is triaged at the front door so that repeat "
        "incidents are seen together",
        "provide guidance to social workers on recognising coercive control exercised through child contact "
        "arrangements",
    ],
    "Westmoor and Dale NHS Foundation Trust": [
        "introduce routine enquiry about domestic abuse in the emergency department for every patient aged over "
        "sixteen who presents with an injury",
        "make sure that the hospital independent domestic violence advisor service is available seven days a "
        "week",
        "ensure that discharge summaries record any disclosure of domestic abuse and the action taken",
        "review the maternity safeguarding pathway so that partners are not present when midwives ask about "
        "abuse",
    ],
    "Westmoor and Dale Integrated Care Board": [
        "commission training for GP practices on responding to disclosures of domestic abuse by older patients",
        "work with practices to add a domestic abuse flag to shared care records that is visible to every "
        "clinician",
        "seek assurance from every commissioned service that its safeguarding policy covers economic abuse",
    ],
    "Dale Valley Primary Care Network": [
        "ensure that patients who miss three consecutive appointments are followed up by a named clinician",
        "introduce a practice-level register of patients who have disclosed domestic abuse",
        "make sure that interpreters are always professional interpreters and never family members when a "
        "patient is asked about abuse",
    ],
    "Dale Mental Health Partnership NHS Trust": [
        "review the crisis team's assessment template so that it prompts staff to ask about abuse by a partner",
        "ensure that care coordinators share safety plans with the GP and with the patient's named carer",
        "provide training on the links between domestic abuse, suicidal ideation and homicide",
    ],
    "Westmoor Women's Aid": [
        "develop outreach to older women in rural parts of the district who do not use digital services",
        "record the reasons when a referral is closed without contact and share them with the referrer",
        "extend the helpline opening hours to include weekday evenings",
    ],
    "Westmoor Homes": [
        "train housing officers to recognise signs of domestic abuse during tenancy visits and repairs",
        "adopt a policy on managing joint tenancies where one tenant is at risk from the other",
        "ensure that anti-social behaviour complaints are checked for a domestic abuse context before action "
        "is taken",
    ],
    "Dale Housing Association": [
        "achieve Domestic Abuse Housing Alliance accreditation within two years",
        "make sure that emergency management moves are decided within five working days",
    ],
    "Westmoor Recovery Service": [
        "ensure that every assessment asks about current and previous abusive relationships",
        "share information with the MARAC about clients who disengage from treatment when domestic abuse is "
        "known",
        "review how the service works with family members who contact it with concerns",
    ],
    "Westmoor Education Service": [
        "ensure that designated safeguarding leads in every school receive Operation Encompass notifications "
        "before the start of the school day",
        "include healthy relationships education in the further education tutorial programme",
    ],
    "Probation Service": [
        "make sure that domestic abuse enquiries are made with the police and children's services before every "
        "pre-sentence report",
        "ensure that the risk management plan is reviewed when a person on probation starts a new relationship",
        "review the quality of home visits for people on licence with a history of domestic abuse",
    ],
    "Westmoor Community Safety Partnership": [
        "publish a domestic abuse strategy that includes the needs of older victims",
        "write to the Home Office asking that national guidance on reviews sets out how families are to be "
        "supported",
        "run a public awareness campaign on stalking aimed at friends, family members and work colleagues",
        "seek assurance within six months that every recommendation in this review has been put into practice",
    ],
    "Westmoor Safeguarding Adults Board": [
        "produce a learning briefing on this review for practitioners across the partnership",
        "update the multi-agency safeguarding adults procedures to cover domestic abuse by adult children",
    ],
    "Westmoor Safeguarding Children Partnership": [
        "review the threshold guidance so that coercive control is named as a factor in child protection "
        "decisions",
    ],
    "North Dale Ambulance Service NHS Trust": [
        "ensure that crews record who else was present when a patient reports an injury at home",
        "make safeguarding referrals from crews available to the GP within one working day",
    ],
    "Westmoor Fire and Rescue Service": [
        "include questions about domestic abuse in home fire safety visits",
    ],
    "Department for Work and Pensions": [
        "consider how work coaches can offer a private conversation to a claimant who attends with a partner",
    ],
    "NHS England": [
        "consider including domestic abuse in the national core skills training framework for all NHS staff",
    ],
    "Home Office": [
        "consider publishing national data on the number of reviews that involve older victims",
    ],
}

# Recommendations no single agency is accountable for (lead agency null), some holding generic words
# ("national", "domestic abuse", "health and wellbeing") that are not agencies.
SHARED_ACTIONS = [
    "All agencies should make sure that their staff know how to refer to the MARAC and when to do so.",
    "Agencies should raise awareness of domestic abuse in health and wellbeing services used by older people.",
    "Partners should consider how national learning on domestic abuse and suicide is shared locally.",
    "Every agency should check that its record keeping shows who was present when abuse was asked about.",
    "Agencies working with the family should offer bereavement support that is independent of the review.",
    "All agencies should include economic abuse in their domestic abuse training.",
]

# Recommendations with sub-parts: a head and the parts that complete it.
PARTED = {
    "Westmoor Police": ("strengthen the supervision of domestic abuse investigations by", [
        "checking the risk assessment within 24 hours of the incident",
        "recording the reasons when no further action is taken",
        "ensuring that the victim is told of the outcome in person",
    ]),
    "Westmoor Adult Social Care": ("improve the way it responds to concerns raised by neighbours by", [
        "recording every concern even when the adult declines support",
        "visiting within five working days",
    ]),
    "Westmoor and Dale NHS Foundation Trust": ("review its safeguarding training so that it", [
        "covers non-fatal strangulation and its signs",
        "explains when to share information without consent",
        "is completed by every member of emergency department staff",
    ]),
    "Dale Mental Health Partnership NHS Trust": ("improve its discharge planning by", [
        "inviting family members to the discharge meeting when the patient agrees",
        "sending the discharge plan to the GP on the day of discharge",
    ]),
    "Westmoor Community Safety Partnership": ("commission a review of local specialist services that", [
        "maps provision for male victims",
        "identifies gaps in provision for victims who do not speak English",
        "reports to the Partnership board within nine months",
    ]),
    "Probation Service": ("improve its joint work with the police by", [
        "holding monthly case discussions on high-risk cases",
        "agreeing a single record of the risk management plan",
    ]),
}

ACTION_STEPS = [
    "Update the guidance and circulate it to all staff",
    "Deliver briefing sessions to every team",
    "Audit a sample of twenty cases and report the findings",
    "Add the question to the electronic record template",
    "Agree a written protocol with partner agencies",
    "Report progress to the Community Safety Partnership",
    "Include the learning in induction training",
    "Nominate a lead officer and set a review date",
]
OUTCOMES = [
    "Staff are confident to ask about abuse",
    "Victims are offered support at the first contact",
    "Records show the reason for every decision",
    "Partners receive information the same day",
    "Families report that they felt heard",
]
DATES = ["March 2027", "June 2027", "September 2027", "December 2027", "31/03/2027", "30/06/2027", "Complete"]
RAGS = ["Green", "Amber", "Red", "Blue (complete)"]
SCOPES = ["Local", "Local", "Regional", "National"]


@dataclass
class Rec:
    number: str
    lead: str | None
    head: str
    parts: list[str] = field(default_factory=list)

    @property
    def text(self):
        return " ".join([self.head, *self.parts])

    def truth(self):
        return {"number": self.number, "text": self.text, "lead_agency": self.lead}


def _cap(text):
    return text[0].upper() + text[1:]


def _part_labels(style, count):
    if style == "roman":
        return [f"{numeral}." for numeral in ["i", "ii", "iii", "iv"][:count]]
    if style == "roman_paren":
        return [f"({numeral})" for numeral in ["i", "ii", "iii", "iv"][:count]]
    if style == "letter":
        return [f"{letter})" for letter in "abcd"[:count]]
    return [f"({letter})" for letter in "abcd"[:count]]


def _parts(items, style):
    labels = _part_labels(style, len(items))
    out = []
    for index, (label, item) in enumerate(zip(labels, items, strict=True)):
        ending = "." if index == len(items) - 1 else ("; and" if index == len(items) - 2 else ";")
        out.append(f"{label} {item}{ending}")
    return out


WITH_ARTICLE = {"Home Office", "Department for Work and Pensions", "Probation Service"}


def _subject(agency, rng, abbreviate):
    if abbreviate and rng.random() < 0.6:
        return rng.choice(SHORT[agency])
    return f"the {agency}" if agency in WITH_ARTICLE else agency


def _sentence(form, subject, phrase):
    if form == "that":
        return f"That {subject} {phrase}"
    if form == "recommends":
        return f"The review panel recommends that {subject} {phrase}"
    if form == "to":
        return f"{_cap(subject)} to {phrase}"
    if form == "bare":
        return _cap(phrase)
    return f"{_cap(subject)} should {phrase}"


@dataclass
class Choice:
    """What one recommendation asks and of whom, before it is numbered and worded."""
    agency: str | None
    phrase: str
    parts: list[str] = field(default_factory=list)


def choose(rng, count, *, agencies=None, parted=0, shared=0):
    """count distinct asks: `parted` of them with sub-parts, `shared` with no accountable agency."""
    pool = [Choice(agency, phrase) for agency, phrases in ACTIONS.items() for phrase in phrases
            if agencies is None or agency in agencies]
    rng.shuffle(pool)
    parted_pool = [Choice(agency, head, items) for agency, (head, items) in PARTED.items()
                   if agencies is None or agency in agencies]
    rng.shuffle(parted_pool)
    shared_pool = [Choice(None, text) for text in SHARED_ACTIONS]
    rng.shuffle(shared_pool)
    chosen = parted_pool[:parted] + shared_pool[:shared]
    used = {choice.agency for choice in chosen}
    pool.sort(key=lambda choice: choice.agency in used)
    chosen += pool[:count - len(chosen)]
    rng.shuffle(chosen)
    return chosen


def word(choices, rng, *, form="should", abbreviate=False, part_style="paren", numbers=None):
    """The recommendations' wording. form "bare" leaves the agency to a heading or a column."""
    recs = []
    for index, choice in enumerate(choices):
        number = numbers[index] if numbers else str(index + 1)
        if choice.agency is None:
            recs.append(Rec(number, None, choice.phrase))
            continue
        subject = _subject(choice.agency, rng, abbreviate)
        if choice.parts:
            head = _sentence(form, subject, choice.phrase) + ":"
            recs.append(Rec(number, choice.agency, head, _parts(choice.parts, part_style)))
        else:
            recs.append(Rec(number, choice.agency, _sentence(form, subject, choice.phrase) + "."))
    return recs


# Report prose. {v} is the victim's pseudonym, {p} the perpetrator's, {a} and {b} agencies.
INTRODUCTION = [
    "This report examines the contact that agencies had with {v} and {p} before {v}'s death. It was "
    "commissioned by the Westmoor Community Safety Partnership under section 9 of the Domestic Violence, "
    "Crime and Victims Act 2004.",
    "The review panel met six times. The chair is independent of every agency represented on the panel and "
    "has no connection with the Westmoor area.",
    "{v}'s family chose the pseudonym used in this report. The panel thanks them for their contribution, "
    "which has shaped the learning throughout.",
]
ANALYSIS = [
    "{a} had contact with {v} on four occasions in the year before the homicide. On each occasion the "
    "contact was about a physical health matter and no one asked about {v}'s relationship with {p}.",
    "The panel heard that staff at {a} were aware of the domestic abuse policy but had not received training "
    "on it. Managers told the panel that training had been delayed by staff shortages.",
    "Information about {p}'s previous relationship was held by {b} but was not shared with {a}. Had it been "
    "shared, the risk to {v} would have been assessed as high rather than standard.",
    "The panel considered whether the events could have been predicted. It concluded that the homicide could "
    "not have been predicted, but that there were missed opportunities to offer {v} support.",
    "{v} told a friend that {p} controlled the household money and checked her phone. The friend did not "
    "know where to go for advice and later told the review that she wished she had known about local "
    "services.",
    "When {a} closed the referral, the reason was recorded as no response. The panel found that the letter "
    "offering an appointment had been sent to the address {v} shared with {p}.",
    "Good practice was also seen. The response of {a} on the night of the homicide was prompt and "
    "compassionate, and the family has asked that this be recorded.",
    "The review found no evidence that {b} considered a referral to the MARAC, although the risk "
    "indicators recorded at the time met the threshold for one.",
    "Practitioners described a culture in which domestic abuse was seen as the business of specialist "
    "services. The panel considers that every agency has a part to play in asking and responding.",
    "The panel noted the effect of the pandemic on services. Face-to-face contact was reduced for much of "
    "the period under review, and telephone contact made private disclosure harder.",
]
TERMS = [
    "What did each agency know about domestic abuse in the relationship?",
    "Were there barriers that prevented {v} from seeking help?",
    "Was information shared between agencies in a timely way?",
    "Did agencies take account of {v}'s age, disability and caring responsibilities?",
    "What can be learned about the way agencies respond to economic abuse?",
    "Were local policies and procedures followed, and were they adequate?",
]
CHRONOLOGY = [
    "March 2021: {v} attends the emergency department with a wrist injury and says that she fell.",
    "June 2021: neighbours call the police to report shouting; officers attend and no offences are recorded.",
    "August 2021: {p} is referred to the Recovery Service by his GP and attends one appointment.",
    "November 2021: {v} tells her GP that she is not sleeping and is prescribed medication.",
    "January 2022: a housing officer visits about rent arrears and speaks only to {p}.",
    "April 2022: the homicide.",
]
LESSONS = [
    "Professionals need to ask about abuse directly and privately, even when the person seems well supported.",
    "Records should show who was present when a person was asked about their safety.",
    "Older victims may not recognise their experience as domestic abuse and may need a different approach.",
    "Information held by one agency is of little use unless it reaches the agency that needs it.",
]
CONCLUSIONS = [
    "{v} was known to several agencies, but none of them saw the whole picture. Each held a part of the "
    "story and no one brought the parts together.",
    "The panel is confident that the recommendations below, if carried out, will make it more likely that "
    "a victim in {v}'s position is identified and supported.",
]
EVENTS = [
    "{v} attended an appointment at {a} and said that she was tired and worried about money. No questions "
    "were asked about her home life.",
    "{p} telephoned {a} to cancel an appointment on {v}'s behalf. The call was recorded but not questioned.",
    "A neighbour reported to {a} that she had heard a woman screaming. The report was passed to {b}, which "
    "recorded it as a noise complaint.",
    "{v} was seen by {a} after a fall at home. She had bruising to both arms, which she said was caused by the "
    "fall.",
    "{a} wrote to {v} offering support. The letter was addressed to the shared home and there was no reply.",
    "{p} was assessed by {a}, who noted that he drank heavily at weekends and had been violent to a previous "
    "partner. This was not shared.",
    "{v}'s daughter contacted {a} to say that she was worried about her mother. She was given a leaflet.",
    "{a} held a case discussion about {v}. {b} was not invited and no actions were recorded.",
    "{v} missed an appointment with {a}. A second appointment was offered and she did not attend it.",
    "Officers from Westmoor Police attended the home after {p} reported that {v} had left. She returned the same "
    "evening.",
    "{a} received a referral about {v} from {b}. The referral was screened and closed as not meeting the "
    "threshold.",
    "{v} told a member of staff at {a} that {p} had taken her bank card. She asked that nothing be done.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
GLOSSARY = [
    ("DASH", "Domestic Abuse, Stalking and Harassment risk identification checklist"),
    ("MARAC", "Multi-Agency Risk Assessment Conference"),
    ("IDVA", "Independent Domestic Violence Advisor"),
    ("ICB", "Integrated Care Board"),
    ("WP", "Westmoor Police"),
    ("CSP", "Community Safety Partnership"),
]
PSEUDONYMS = [("Anna", "Mark"), ("Bethan", "Liam"), ("Carol", "Dean"), ("Dorothy", "Frank"), ("Elena", "Tomasz"),
              ("Fiona", "Gary"), ("Grace", "Jason"), ("Hannah", "Ryan"), ("Irene", "Keith"), ("Joy", "Peter"),
              ("Kerry", "Shaun"), ("Lena", "Viktor"), ("Maureen", "Colin"), ("Nadia", "Imran"), ("Olive", "Ray"),
              ("Priya", "Arjun"), ("Rose", "Neil"), ("Sandra", "Wayne"), ("Tina", "Lee"), ("Una", "Barry"),
              ("Vera", "Dennis"), ("Wendy", "Stuart"), ("Yasmin", "Karl"), ("Zoe", "Craig"), ("Alice", "Simon"),
              ("Brenda", "Alan"), ("Cathy", "Glen"), ("Diane", "Roy"), ("Edith", "Harold"), ("Faye", "Nick"),
              ("Gail", "Terry")]


def fill(template, names, rng):
    victim, perpetrator = names
    first, second = rng.sample(AGENCY_NAMES[:13], 2)
    return template.format(v=victim, p=perpetrator, a=first, b=second)


# A report is a list of blocks, rendered to HTML (then PDF), DOCX or text:
#   ("h", level, text)  ("p", text)  ("list", labels, items)  ("recs", recs, style)
#   ("table", header, rows)  ("break",)
# A recs style is how the number is printed: "dot" 1.  "paren" 1)  "space" 1  "word" Recommendation 1:
# "plain" as the number is, e.g. R1 or 6.1; "auto:<Word level text>" numbers by Word's list numbering.
def label(style, number):
    return {"dot": f"{number}.", "paren": f"{number})", "space": f"{number}",
            "word": f"Recommendation {number}:"}.get(style, number)


@dataclass
class Span:
    text: str
    rows: int


@dataclass
class Report:
    stem: str
    fmt: str
    shape: str
    title: str
    blocks: list
    recs: list
    landscape: bool = False
    header: str = ""
    marking: str = "OFFICIAL-SENSITIVE"
    footer_pages: bool = True
    notes: dict = field(default_factory=dict)

    def truth(self):
        return {"file": f"{self.stem}.{self.fmt}", "format": self.fmt, "shape": self.shape, "no_text": False,
                "recommendations": [rec.truth() for rec in self.recs]}


def _broken(name):
    """A long agency name typed over two lines of its cell."""
    words = name.split()
    if len(name) < 24:
        return name
    middle = len(words) // 2
    return " ".join(words[:middle]) + "\n" + " ".join(words[middle:])


def plan_table(recs, columns, rng, *, two_rows=(), merge_agency=False, short_agency=False, number="plain",
               break_names=False):
    """An action-plan table: one row per action; a recommendation with two actions spans two rows."""
    logical = []
    for index, rec in enumerate(recs):
        steps = rng.sample(ACTION_STEPS, 2 if index in two_rows else 1)
        agency = (_cap(SHORT[rec.lead][0]) if short_agency else rec.lead) if rec.lead else "All agencies"
        agency = _broken(agency) if break_names else agency
        per_rec = {"date": rng.choice(DATES), "rag": rng.choice(RAGS), "outcome": rng.choice(OUTCOMES),
                   "scope": rng.choice(SCOPES)}
        for step_index, step in enumerate(steps):
            logical.append({
                "num": (index, label(number, rec.number)), "rec": (index, "\n".join([rec.head, *rec.parts])),
                "agency": ((agency, agency) if merge_agency else (index, agency)),
                "action": ((index, step_index), step),
                **{kind: (index, value) for kind, value in per_rec.items()},
            })
    kinds = [kind for _title, kind in columns]
    rows = [[None] * len(kinds) for _ in logical]
    for column, kind in enumerate(kinds):
        start = 0
        while start < len(logical):
            end = start + 1
            while end < len(logical) and logical[end][kind][0] == logical[start][kind][0]:
                end += 1
            text = logical[start][kind][1]
            rows[start][column] = Span(text, end - start) if end - start > 1 else text
            start = end
    return ("table", [title for title, _kind in columns], rows)


# Rendering: HTML for PDF
CSS = """
@page {{ size: A4 {orientation}; margin: 24mm 18mm 22mm 18mm;
  @top-left {{ content: "{header}"; font-size: 8pt; color: #444; }}
  @top-right {{ content: "{marking}"; font-size: 8pt; font-weight: bold; }}
  @bottom-center {{ content: {pages}; font-size: 8pt; }}
  @bottom-right {{ content: "{marking}"; font-size: 8pt; font-weight: bold; }} }}
html {{ font-family: "{font}"; font-size: {size}pt; line-height: 1.35; }}
p, .rec, li {{ hyphens: {hyphens}; text-align: {align}; orphans: 1; widows: 1; }}
h1 {{ font-size: 18pt; }} h2 {{ font-size: 14pt; margin-top: 1.2em; }} h3 {{ font-size: 12pt; }}
.rec {{ padding-left: 2.6em; text-indent: -2.6em; margin: 0.5em 0; }}
.rec.word {{ padding-left: 0; text-indent: 0; }}
.part {{ padding-left: 4.2em; text-indent: -1.6em; margin: 0.2em 0; }}
.num {{ font-weight: bold; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; }}
th, td {{ border: 1px solid #333; padding: 3pt 4pt; vertical-align: top; text-align: left; hyphens: manual; }}
th {{ background: #ddd; }} thead {{ display: table-header-group; }} tr {{ break-inside: {rows}; }}
"""


def _html_rec(rec, style):
    text = escape(rec.head)
    parts = "".join(f'<div class="part">{escape(part)}</div>' for part in rec.parts)
    css = "rec word" if style == "word" else "rec"
    return f'<div class="{css}"><span class="num">{escape(label(style, rec.number))}</span> {text}{parts}</div>'


def _html_cell(cell, tag):
    if cell is None:
        return ""
    text, span = (cell.text, f' rowspan="{cell.rows}"') if isinstance(cell, Span) else (cell, "")
    return f"<{tag}{span}>" + "<br>".join(escape(line) for line in text.split("\n")) + f"</{tag}>"


def _html_block(block):
    kind = block[0]
    if kind == "h":
        return f"<h{block[1]}>{escape(block[2])}</h{block[1]}>"
    if kind == "p":
        return f"<p>{escape(block[1])}</p>"
    if kind == "list":
        pairs = zip(*block[1:], strict=True)
        return "".join(f'<div class="rec">{escape(lab)} {escape(item)}</div>' for lab, item in pairs)
    if kind == "recs":
        return "".join(_html_rec(rec, block[2]) for rec in block[1])
    if kind == "table":
        head = "".join(_html_cell(title, "th") for title in block[1])
        body = "".join("<tr>" + "".join(_html_cell(cell, "td") for cell in row) + "</tr>" for row in block[2])
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return '<div style="break-before: page"></div>'


def to_pdf(report, path):
    from weasyprint import HTML

    look = report.notes.get("look", {})
    pages = '"Page " counter(page) " of " counter(pages)' if report.footer_pages else "counter(page)"
    css = CSS.format(orientation="landscape" if report.landscape else "portrait", header=report.header,
                     marking=report.marking, pages=pages, font=look.get("font", "DejaVu Sans"),
                     size=look.get("size", 10.5), hyphens=look.get("hyphens", "auto"),
                     align=look.get("align", "justify"), rows=look.get("rows", "avoid"))
    body = "".join(_html_block(block) for block in report.blocks)
    head = f'<html lang="en-GB"><head><style>{css}</style></head>'
    html = f"{head}<body><h1>{escape(report.title)}</h1>{body}</body></html>"
    HTML(string=html).write_pdf(path)


# Rendering: DOCX
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PART_FORMATS = {"paren": ("lowerLetter", "(%2)"), "letter": ("lowerLetter", "%2)"), "roman": ("lowerRoman", "%2."),
                "roman_paren": ("lowerRoman", "(%2)")}


class Numbering:
    """Word list definitions added to numbering.xml, so that the numbers are Word's and not in the text."""

    def __init__(self, document):
        self.root = document.part.numbering_part.element
        self.next_id = 100
        self.keys = {}

    def new(self, text, start=1, parts="paren", key=None):
        from docx.oxml import parse_xml

        if key is not None and key in self.keys:
            return self.keys[key]
        self.next_id += 1
        part_format, part_text = PART_FORMATS[parts]
        abstract = parse_xml(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{self.next_id}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="decimal"/>'
            f'<w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>'
            f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="{part_format}"/>'
            f'<w:lvlText w:val="{part_text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl></w:abstractNum>')
        number = parse_xml(f'<w:num xmlns:w="{W}" w:numId="{self.next_id}">'
                           f'<w:abstractNumId w:val="{self.next_id}"/></w:num>')
        first_num = self.root.find(f"{{{W}}}num")
        if first_num is None:
            self.root.append(abstract)
        else:
            first_num.addprevious(abstract)
        self.root.append(number)
        if key is not None:
            self.keys[key] = self.next_id
        return self.next_id


def _numbered(paragraph, num_id, level):
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def _docx_recs(document, numbering, block):
    recs, style = block[1], block[2]
    options = block[3] if len(block) > 3 else {}
    if style == "liststyle":
        for rec in recs:
            document.add_paragraph(rec.text, style="List Number")
        return
    if not style.startswith("auto:"):
        for rec in recs:
            paragraph = document.add_paragraph()
            paragraph.add_run(label(style, rec.number)).bold = True
            paragraph.add_run((" " if style != "space" else "\t") + rec.head)
            for part in rec.parts:
                document.add_paragraph(part).paragraph_format.left_indent = 720000
        return
    num_id = numbering.new(style[5:], options.get("start", 1), options.get("parts", "paren"), options.get("key"))
    for rec in recs:
        _numbered(document.add_paragraph(rec.head), num_id, 0)
        for part in rec.parts:
            _numbered(document.add_paragraph(part.split(" ", 1)[1]), num_id, 1)


def _header_row(row):
    from docx.oxml import parse_xml

    row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{W}"/>'))


def _docx_table(document, block):
    header, rows = block[1], block[2]
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = "Table Grid"
    for column, title in enumerate(header):
        table.rows[0].cells[column].text = title
        table.rows[0].cells[column].paragraphs[0].runs[0].bold = True
    _header_row(table.rows[0])
    for row_index, row in enumerate(rows, start=1):
        for column, cell in enumerate(row):
            if cell is None:
                continue
            text = cell.text if isinstance(cell, Span) else cell
            target = table.cell(row_index, column)
            lines = text.split("\n")
            target.text = lines[0]
            for line in lines[1:]:
                target.add_paragraph(line)
            if isinstance(cell, Span):
                target.merge(table.cell(row_index + cell.rows - 1, column))


def _docx_page(document, report):
    from docx.enum.section import WD_ORIENT
    from docx.oxml import parse_xml

    section = document.sections[0]
    if report.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.header.paragraphs[0].text = f"{report.header}\t\t{report.marking}"
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    footer._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W}" w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def to_docx(report, path):
    import docx

    document = docx.Document()
    numbering = Numbering(document)
    _docx_page(document, report)
    document.add_heading(report.title, level=0)
    for block in report.blocks:
        kind = block[0]
        if kind == "h":
            document.add_heading(block[2], level=block[1] - 1)
        elif kind == "p":
            document.add_paragraph(block[1])
        elif kind == "list":
            for lab, item in zip(*block[1:], strict=True):
                document.add_paragraph(f"{lab} {item}")
        elif kind == "autolist":
            num_id = numbering.new(block[2])
            for item in block[1]:
                _numbered(document.add_paragraph(item), num_id, 0)
        elif kind == "recs":
            _docx_recs(document, numbering, block)
        elif kind == "table":
            _docx_table(document, block)
        else:
            document.add_page_break()
    document.core_properties.author = "Westmoor Community Safety Partnership"
    document.save(path)


# Rendering: plain text, as a partnership's text rendering or a PDF-to-text tool gives it
def _wrap(text, width, initial="", subsequent="", hyphenate=False):
    """Wrap as textwrap does, but, when asked, break a long word at a syllable with a hyphen, as
    justified text converted to plain text often is."""
    if not hyphenate:
        return textwrap.wrap(text, width, initial_indent=initial, subsequent_indent=subsequent)
    import pyphen

    dictionary = pyphen.Pyphen(lang="en_GB")
    lines, current = [], initial
    for item in text.split():
        if current.strip() == "" or len(current) + 1 + len(item) <= width:
            current = f"{current} {item}" if current.strip() else current + item
            continue
        room = width - len(current) - 1
        pair = dictionary.wrap(item, room) if len(item) > 7 and room >= 4 and "-" not in item else None
        if pair:
            lines.append(f"{current} {pair[0]}")
            current = subsequent + pair[1]
        else:
            lines.append(current)
            current = subsequent + item
    return lines + [current]


def _txt_lines(block, hyphenate=False):
    kind = block[0]
    if kind == "h":
        return ["", block[2].upper() if block[1] == 2 else block[2], ""]
    if kind == "p":
        return _wrap(block[1], 76, hyphenate=hyphenate) + [""]
    if kind == "list":
        lines = []
        for lab, item in zip(*block[1:], strict=True):
            lines += _wrap(f"{lab} {item}", 76, subsequent="    ", hyphenate=hyphenate)
        return lines + [""]
    if kind == "recs":
        lines = []
        for rec in block[1]:
            lines += _wrap(f"{label(block[2], rec.number)} {rec.head}", 76, subsequent="     ", hyphenate=hyphenate)
            for part in rec.parts:
                lines += _wrap(part, 70, "      ", "          ", hyphenate=hyphenate)
            lines.append("")
        return lines
    return []


def to_txt(report, path):
    lines = [report.title, "=" * len(report.title), ""]
    for block in report.blocks:
        lines += _txt_lines(block, hyphenate=report.notes.get("paged", False))
    if report.notes.get("paged"):
        paged, page = [], 1
        for start in range(0, len(lines), 48):
            paged += [f"{report.header}    {report.marking}", ""] + lines[start:start + 48]
            paged += ["", f"Page {page}", "\f"]
            page += 1
        lines = paged
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


def to_scan(report, path):
    """Pages rendered as pictures and put in a PDF with no text layer, as a scanner makes them."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 22)
    bold = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf", 26)
    lines = []
    for block in report.blocks:
        lines += [(bold if block[0] == "h" else font, line) for line in _txt_lines(block)]
    rng = random.Random(report.stem)
    pages = []
    for start in range(0, len(lines), 44):
        page = Image.new("L", (1240, 1754), 246)
        draw = ImageDraw.Draw(page)
        draw.text((120, 60), report.title if start == 0 else report.header, font=bold, fill=20)
        for row, (face, line) in enumerate(lines[start:start + 44]):
            draw.text((120 + rng.randint(-2, 2), 140 + row * 36), line, font=face, fill=rng.randint(15, 50))
        page = page.rotate(rng.uniform(-1.2, 1.2), fillcolor=235).filter(ImageFilter.GaussianBlur(0.6))
        pages.append(page.resize((620, 877)))
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", resolution=75.0, save_all=True, append_images=pages[1:], quality=55)
    path.write_bytes(buffer.getvalue())


# Report sections
def _paragraphs(pool, count, names, rng):
    picked = [pool[index % len(pool)] for index in rng.sample(range(max(count, len(pool))), count)]
    return [("p", fill(template, names, rng)) for template in picked]


def _trap_labels(style, count):
    if style in ("dot", "paren", "space"):
        return [label(style, index + 1) for index in range(count)]
    return [f"{index + 1}." for index in range(count)]


def section_content(key, names, rng, *, trap_style="dot", analysis=6, docx_auto=False, events=0):
    victim = names[0]
    if key == "intro":
        return _paragraphs(INTRODUCTION, 3, names, rng)
    if key == "terms":
        items = [fill(item, names, rng) for item in TERMS]
        lead = ("p", "The panel agreed the following key lines of enquiry:" if rng.random() < 0.5
                else "The terms of reference asked the panel to consider:")
        if docx_auto:
            return [lead, ("autolist", items, "%1.")]
        return [lead, ("list", _trap_labels(trap_style, len(items)), items)]
    if key == "chronology":
        items = [fill(item, names, rng) for item in CHRONOLOGY]
        return [("p", f"The main events known to agencies are set out below. {victim}'s family has seen "
                      "this summary."), ("list", _trap_labels(trap_style, len(items)), items)]
    if key == "events":
        order = rng.sample(EVENTS, len(EVENTS))
        months = sorted(rng.randrange(36) for _ in range(events))
        return [("p", f"{rng.randint(1, 28)} {MONTHS[(month + 2) % 12]} {2019 + (month + 2) // 12}: "
                      + fill(order[index % len(order)], names, rng)) for index, month in enumerate(months)]
    if key == "analysis":
        blocks = []
        agencies = rng.sample(AGENCY_NAMES[:12], min(12, max(1, analysis // 3)))
        for index, agency in enumerate(agencies):
            blocks.append(("h", 3, agency))
            share = analysis // len(agencies) + (1 if index < analysis % len(agencies) else 0)
            blocks += _paragraphs(ANALYSIS, share, names, rng)
        return blocks
    if key == "lessons":
        return [("p", "The panel identified the following lessons."),
                ("list", [f"Lesson {index + 1}:" for index in range(len(LESSONS))], LESSONS)]
    if key == "conclusions":
        return _paragraphs(CONCLUSIONS, 2, names, rng)
    if key == "glossary":
        return [("p", f"{short} – {meaning}") for short, meaning in GLOSSARY]
    raise KeyError(key)


TITLES = {"intro": "Introduction", "terms": "Terms of reference", "chronology": "Summary chronology",
          "analysis": "Analysis", "lessons": "Lessons learned", "conclusions": "Conclusions",
          "glossary": "Glossary", "recs": "Recommendations", "events": "Detailed chronology",
          "summary": "Executive summary"}


TITLE_VARIANTS = {
    "recs": ["Recommendations", "Recommendations", "Recommendations of the review",
             "Recommendations from the review panel"],
    "lessons": ["Lessons learned", "Learning", "Lessons to be learned"],
    "conclusions": ["Conclusions", "Conclusions and findings", "Key findings"],
    "terms": ["Terms of reference", "Key lines of enquiry", "Scope and terms of reference"],
    "glossary": ["Glossary", "Appendix: glossary of terms", "Abbreviations used in this report"],
    "analysis": ["Analysis", "Analysis of agency involvement", "Analysis and findings"],
}


def _titles(names, given):
    rng = random.Random(f"titles-{names[0]}")
    return {**TITLES, **{key: rng.choice(options) for key, options in TITLE_VARIANTS.items()}, **(given or {})}


def assemble(names, rng, order, rec_blocks, *, mode="plain", titles=None, **content):
    """The report's blocks. mode "section" numbers every heading N and paragraph N.M, the recommendations
    included; mode "headings" numbers the headings only."""
    blocks, number = [], 0
    titles = _titles(names, titles)
    summary = content.pop("summary", [])
    for key in order:
        if key == "break":
            blocks.append(("break",))
            continue
        number += 1
        body = rec_blocks if key == "recs" else (summary if key == "summary"
                                                 else section_content(key, names, rng, **content))
        title = titles[key]
        blocks.append(("h", 2, f"{number}. {title}" if mode in ("section", "headings") else title))
        if mode != "section":
            blocks += body
            continue
        paragraph = 0
        for block in body:
            if block[0] == "p":
                paragraph += 1
                blocks.append(("p", f"{number}.{paragraph} {block[1]}"))
            elif block[0] == "recs":
                for rec in block[1]:
                    paragraph += 1
                    rec.number = f"{number}.{paragraph}"
                blocks.append(("recs", block[1], "plain"))
            else:
                blocks.append(block)
    return blocks


# The reports
OVERVIEW_ORDER = ["intro", "terms", "chronology", "analysis", "conclusions", "lessons", "recs", "glossary"]


def _start(index, kind="Overview Report"):
    names = PSEUDONYMS[index]
    return names, random.Random(f"report-{index}"), f"DHR {names[0]} – {kind}"


def overview(index, stem, fmt, shape, count, style, *, order=OVERVIEW_ORDER, parted=0, shared=0, form="should",
             abbreviate=False, part_style="paren", mode="plain", analysis=6, trap_style=None, look=None,
             intro_line=None, rec_options=None, docx_auto=False, paged=False, events=0):
    names, rng, header = _start(index)
    recs = word(choose(rng, count, parted=parted, shared=shared), rng, form=form, abbreviate=abbreviate,
                part_style=part_style, numbers=_prefixed(style, count))
    rec_blocks = [("p", intro_line or "The review panel makes the following recommendations.")]
    rec_blocks.append(("recs", recs, _shown(style), *([rec_options] if rec_options else [])))
    if events and order is OVERVIEW_ORDER:
        order = [*order[:3], "events", *order[3:]]
    blocks = assemble(names, rng, order, rec_blocks, mode=mode, trap_style=trap_style or style,
                      analysis=analysis, docx_auto=docx_auto, events=events)
    report = Report(stem, fmt, shape, f"Domestic Homicide Review: {names[0]}", blocks, recs, header=header)
    report.notes.update(look={**(look or {})}, paged=paged)
    return report


def _prefixed(style, count):
    if style.startswith("R") and style[1:] in ("", ":"):
        return [f"R{index + 1}" for index in range(count)]
    return None


def _shown(style):
    return "plain" if style.startswith("R") else style


def grouped(index, stem, fmt, shape, groups, *, restart=True, style="dot", form="should", analysis=6,
            heading_style=None):
    """Recommendations under one heading per agency; the heading names the accountable agency."""
    names, rng, header = _start(index)
    rec_blocks, recs, number = [("p", "The recommendations are set out by agency.")], [], 0
    for agency, count in groups.items():
        mine = choose(rng, count, agencies=[agency], parted=1 if agency in PARTED and count > 2 else 0)
        numbers = [str((0 if restart else number) + offset + 1) for offset in range(len(mine))]
        number += len(mine)
        block_recs = word(mine, rng, form=form, numbers=numbers)
        rec_blocks += [("h", 3, heading_style.format(agency) if heading_style else agency),
                       ("recs", block_recs, style)]
        recs += block_recs
    blocks = assemble(names, rng, OVERVIEW_ORDER, rec_blocks, trap_style=style, analysis=analysis)
    return Report(stem, fmt, shape, f"Domestic Homicide Review: {names[0]}", blocks, recs, header=header)


def single_multi(index, stem, fmt, shape, single, multi, *, style="dot", continuous=True, auto=False, analysis=6):
    """Single agency recommendations then multi-agency ones, numbered on or restarted."""
    names, rng, header = _start(index)
    chosen = choose(rng, single + multi, parted=1)
    singles = word(chosen[:single], rng, numbers=[str(n + 1) for n in range(single)])
    first = single + 1 if continuous else 1
    multis = word([Choice(None, text) for text in SHARED_ACTIONS[:2]]
                  + [Choice("Westmoor Community Safety Partnership", phrase)
                     for phrase in ACTIONS["Westmoor Community Safety Partnership"][:multi - 2]],
                  rng, numbers=[str(n + first) for n in range(multi)])
    if auto:
        options = [{"key": "recs"}, {"key": "recs" if continuous else "multi"}]
        styles = ["auto:%1.", "auto:%1."]
    else:
        options, styles = [{}, {}], [style, style]
    rec_blocks = [("h", 3, "Single agency recommendations"), ("recs", singles, styles[0], options[0]),
                  ("h", 3, "Multi-agency recommendations"), ("recs", multis, styles[1], options[1])]
    blocks = assemble(names, rng, OVERVIEW_ORDER, rec_blocks, trap_style=style, analysis=analysis)
    return Report(stem, fmt, shape, f"Domestic Homicide Review: {names[0]}", blocks, singles + multis,
                  header=header)


def summary_then_report(index, stem, fmt, shape, count, *, style="dot", parted=1, analysis=8):
    """An executive summary quoting the recommendations, then the full report with them again."""
    names, rng, header = _start(index)
    recs = word(choose(rng, count, parted=parted), rng, part_style="roman")
    summary = _paragraphs(INTRODUCTION, 2, names, rng) + [
        ("p", f"The review makes {count} recommendations, which are repeated in full later in this report:"),
        ("recs", recs, style)]
    rec_blocks = [("p", "The panel's recommendations are:"), ("recs", recs, style)]
    order = ["summary", "break", *OVERVIEW_ORDER]
    blocks = assemble(names, rng, order, rec_blocks, summary=summary, mode="headings", analysis=analysis)
    return Report(stem, fmt, shape, f"Domestic Homicide Review: {names[0]}", blocks, recs, header=header)


def executive(index, stem, fmt, shape, count, style, *, form="should", abbreviate=False, docx_auto=False):
    names, rng, header = _start(index, "Executive Summary")
    recs = word(choose(rng, count, shared=1), rng, form=form, abbreviate=abbreviate, numbers=_prefixed(style, count))
    shown = "auto:%1." if docx_auto else _shown(style)
    summary = _paragraphs(INTRODUCTION, 3, names, rng) + _paragraphs(ANALYSIS, 3, names, rng)
    blocks = assemble(names, rng, ["summary", "conclusions", "recs"], [("recs", recs, shown)], summary=summary,
                      titles={"summary": "The review", "recs": "Recommendations"})
    return Report(stem, fmt, shape, f"Executive Summary: the death of {names[0]}", blocks, recs, header=header)


def action_plan(index, stem, fmt, shape, count, columns, *, landscape=False, two_rows=(), merge_agency=False,
                short_agency=False, number="plain", split_at=None, parted=1, shared=1, intro=True, look=None,
                break_names=False):
    """A stand-alone action plan: a table whose recommendation column has the agency in its own column."""
    names, rng, header = _start(index, "Action Plan")
    chosen = choose(rng, count, parted=parted, shared=shared)
    if merge_agency:
        chosen.sort(key=lambda choice: AGENCY_NAMES.index(choice.agency) if choice.agency else 99)
    has_agency = any(kind == "agency" for _title, kind in columns)
    recs = word(chosen, rng, form="bare" if has_agency else "should")
    blocks = [("p", f"This action plan accompanies the overview report on the death of {names[0]}. "
                    "Progress is reported to the Community Safety Partnership every quarter.")] if intro else []
    tables = [recs[:split_at], recs[split_at:]] if split_at else [recs]
    offset = 0
    for part in tables:
        table = plan_table(part, columns, rng, two_rows={n - offset for n in two_rows}, merge_agency=merge_agency,
                           short_agency=short_agency, number=number, break_names=break_names)
        blocks += [table, ("p", "")] if split_at else [table]
        offset += len(part)
    report = Report(stem, fmt, shape, f"Domestic Homicide Review {names[0]}: Action Plan", blocks, recs,
                    landscape=landscape, header=header)
    report.notes["look"] = {"align": "left", **(look or {})}
    return report


PLAN_FULL = [("No.", "num"), ("Recommendation", "rec"), ("Action", "action"), ("Lead agency", "agency"),
             ("Target date", "date"), ("RAG", "rag")]


def with_plan_appendix(index, stem, shape, count):
    """An overview report whose appendix repeats the recommendations in an action-plan table."""
    report = overview(index, stem, "pdf", shape, count, "dot", parted=1, analysis=6)
    rng = random.Random(stem)
    columns = [("Ref", "num"), ("Recommendation", "rec"), ("Key actions", "action"), ("Owner", "agency"),
               ("Target date", "date")]
    report.blocks += [("break",), ("h", 2, "Appendix A: Action plan"),
                      ("p", "The table repeats the recommendations above with the actions agreed by each agency."),
                      plan_table(report.recs, columns, rng, two_rows={1})]
    return report


def scanned(index, stem, shape, count, pages_of_analysis):
    names, rng, header = _start(index)
    recs = word(choose(rng, count), rng)
    blocks = assemble(names, rng, ["intro", "analysis", "recs"], [("recs", recs, "dot")],
                      analysis=pages_of_analysis)
    report = Report(stem, "pdf", shape, f"Domestic Homicide Review: {names[0]}", blocks, [], header=header)
    report.notes["scan"] = True
    return report


def catalogue():
    grouped_four = {"Westmoor Police": 3, "Westmoor and Dale NHS Foundation Trust": 2,
                    "Westmoor Homes": 2, "Westmoor Community Safety Partnership": 2}
    grouped_five = {"Westmoor Adult Social Care": 2, "Dale Mental Health Partnership NHS Trust": 3,
                    "Probation Service": 2, "Westmoor Women's Aid": 2, "Westmoor Recovery Service": 1}
    split_plan = [("#", "num"), ("Recommendation", "rec"), ("Agency", "agency")]
    return [
        overview(0, "01-overview-dot", "pdf", "overview, numbered 1., numbered terms of reference and chronology",
                 7, "dot", parted=1, shared=1, analysis=10, events=20),
        overview(1, "02-overview-paren", "pdf", "overview, numbered 1), 'That <agency>' wording", 5, "paren",
                 form="that", analysis=6),
        overview(2, "03-overview-number-space", "pdf", "overview, number then space, numbered headings", 9,
                 "space", mode="headings", analysis=8, shared=1, events=15),
        overview(3, "04-overview-recommendation-word", "pdf", "overview, 'Recommendation 1:' with i. ii. sub-parts",
                 6, "word", parted=2, part_style="roman", analysis=7),
        overview(4, "05-overview-r-numbers", "pdf", "overview, R1 numbers, 'panel recommends that', abbreviations",
                 8, "R", form="recommends", abbreviate=True, analysis=9, events=25),
        overview(5, "06-overview-section-numbers", "pdf", "overview with every paragraph numbered N.M, "
                 "recommendations numbered as paragraphs of their section", 10, "dot", mode="section",
                 analysis=14, parted=1, events=30),
        grouped(6, "07-overview-grouped-restart", "pdf", "recommendations grouped under agency headings, "
                "numbering restarting for each agency", grouped_four),
        grouped(7, "08-overview-grouped-continuous", "pdf", "recommendations grouped under 'Recommendations for "
                "<agency>' headings, agency only in the heading, numbering running on", grouped_five,
                restart=False, form="bare", heading_style="Recommendations for {}", style="paren"),
        single_multi(8, "09-overview-single-multi", "pdf", "single agency then multi-agency recommendations, "
                     "numbering running on", 6, 3),
        summary_then_report(9, "10-overview-summary-repeat", "pdf", "executive summary quoting the "
                            "recommendations, then the full report repeating them", 5),
        overview(10, "11-overview-long-abbreviations", "pdf", "long overview (about 15 pages), agencies by "
                 "abbreviation, hyphenation, recommendations across page breaks", 14, "dot", abbreviate=True,
                 parted=2, shared=2, analysis=44, look={"size": 11}, events=115),
        overview(11, "12-overview-short", "pdf", "short overview of two pages", 3, "dot",
                 order=["intro", "analysis", "conclusions", "recs"], analysis=6,
                 look={"align": "left", "hyphens": "manual"}),
        executive(12, "13-exec-summary", "pdf", "executive summary with a short list", 4, "dot"),
        executive(13, "14-exec-summary-word", "pdf", "executive summary, 'Recommendation 1:', abbreviations",
                  5, "word", abbreviate=True),
        action_plan(14, "15-plan-portrait", "pdf", "portrait action-plan table: No., Recommendation, Action, Lead "
                    "agency, Target date, RAG; two recommendations span two action rows", 7, PLAN_FULL,
                    two_rows=(1, 4)),
        action_plan(15, "16-plan-landscape-long", "pdf", "landscape action-plan table over several pages with the "
                    "header repeated: Ref, Recommendation, Scope, Addressed to, Outcome, Target date", 18,
                    [("Ref", "num"), ("Recommendation", "rec"), ("Scope", "scope"), ("Addressed to", "agency"),
                     ("Outcome", "outcome"), ("Target date", "date")], landscape=True, parted=2, shared=2,
                    look={"rows": "auto"}),
        action_plan(16, "17-plan-two-columns", "pdf", "table with only # and Recommendation columns; agency named "
                    "in the text", 6, [("#", "num"), ("Recommendation", "rec")], intro=False),
        with_plan_appendix(17, "18-overview-with-plan-appendix", "overview whose appendix repeats the "
                           "recommendations in an action-plan table", 6),
        action_plan(18, "19-plan-landscape-merged", "pdf", "landscape table: agency cell merged over the agency's "
                    "rows and given as an abbreviation; Organisation, RAG columns", 9,
                    [("Ref", "num"), ("Organisation", "agency"), ("Recommendation", "rec"), ("Action", "action"),
                     ("Target date", "date"), ("RAG", "rag")], landscape=True, merge_agency=True,
                    short_agency=True, two_rows=(2,), number="dot"),
        overview(19, "20-docx-auto-numbers", "docx", "DOCX, Word automatic numbering for terms of reference and "
                 "recommendations, sub-parts as Word level-two (a) (b)", 8, "auto:%1.", parted=2, docx_auto=True,
                 rec_options={"parts": "paren"}, analysis=6, events=30),
        overview(20, "21-docx-auto-recommendation-word", "docx", "DOCX, Word numbering 'Recommendation %1:', "
                 "i. ii. sub-parts from Word", 6, "auto:Recommendation %1:", parted=1, part_style="roman",
                 rec_options={"parts": "roman"}, analysis=5),
        single_multi(21, "22-docx-single-multi-auto", "docx", "DOCX, single and multi-agency lists, one Word "
                     "list continuing across both", 5, 4, auto=True),
        overview(22, "23-docx-typed-numbers", "docx", "DOCX with typed numbers 1. for the recommendations and "
                 "Word numbering for the terms of reference", 7, "dot", docx_auto=True, shared=1, parted=1),
        action_plan(23, "24-docx-plan-merged-agency", "docx", "DOCX action plan, agency cell merged vertically, "
                    "long agency names typed over two lines: No., Recommendation, Owner, Target date, Outcome", 8,
                    [("No.", "num"), ("Recommendation", "rec"), ("Owner", "agency"), ("Target date", "date"),
                     ("Outcome", "outcome")], merge_agency=True, break_names=True),
        action_plan(24, "25-docx-plan-landscape-two-rows", "docx", "DOCX landscape action plan, recommendation "
                    "cells merged over two action rows: Ref, Recommendation, Action, Responsible, Target date, RAG",
                    7, [("Ref", "num"), ("Recommendation", "rec"), ("Action", "action"), ("Responsible", "agency"),
                        ("Target date", "date"), ("RAG", "rag")], landscape=True, two_rows=(0, 3, 5)),
        action_plan(25, "26-docx-plan-split-tables", "docx", "DOCX action plan in two tables, the header "
                    "repeated in the second: #, Recommendation, Agency", 10, split_plan, split_at=6),
        executive(26, "27-docx-exec-summary-auto", "docx", "DOCX executive summary, Word numbering", 4, "dot",
                  docx_auto=True),
        overview(27, "28-docx-list-number-style", "docx", "DOCX whose numbers come from Word's List Number "
                 "style, not the paragraphs", 6, "liststyle", trap_style="dot", analysis=4),
        overview(28, "29-text-overview", "txt", "plain-text rendering with page headers, footers and form "
                 "feeds", 8, "dot", parted=1, shared=1, paged=True, analysis=8, events=10),
        overview(29, "30-text-section-numbers", "txt", "plain-text rendering, every paragraph numbered N.M",
                 6, "dot", mode="section", abbreviate=True, analysis=5),
        executive(30, "31-text-exec-summary", "txt", "plain-text executive summary, R1 numbers", 5, "R"),
        grouped(1, "34-docx-grouped-by-agency", "docx", "DOCX, recommendations under agency headings, typed "
                "numbers restarting for each agency", {"Westmoor Children's Social Care": 2, "Westmoor Police": 3,
                                                       "Westmoor Recovery Service": 2, "Dale Housing Association": 2}),
        single_multi(2, "35-text-single-multi-restart", "txt", "plain text, single agency and multi-agency "
                     "recommendations each numbered from 1", 5, 3, continuous=False, style="paren"),
        overview(6, "36-docx-auto-paren", "docx", "DOCX, Word numbering 1) for the recommendations, typed "
                 "numbered chronology", 5, "auto:%1)", trap_style="paren", analysis=5, events=8),
        scanned(3, "32-scan-one-page", "scanned PDF, one page as a picture, no text layer", 3, 1),
        scanned(4, "33-scan-three-pages", "scanned PDF, three pages as pictures, no text layer", 8, 9),
    ]


def _truth(report):
    truth = report.truth()
    if report.notes.get("scan"):
        truth.update(no_text=True, recommendations=[])
    return truth


def _fix_liststyle(report):
    """Word's List Number style shows 1. 2. 3.; the truth numbers are those."""
    for index, rec in enumerate(report.recs):
        rec.number = str(index + 1)


def main():
    for old in HERE.glob("[0-9][0-9]-*"):
        old.unlink()
    (HERE / "agencies.json").write_text(json.dumps(
        [{"name": name, "kind": kind} for name, kind, _short in AGENCIES], indent=2) + "\n", encoding="utf-8")
    for report in catalogue():
        path = HERE / f"{report.stem}.{report.fmt}"
        if report.notes.get("scan"):
            to_scan(report, path)
        elif report.fmt == "pdf":
            to_pdf(report, path)
        elif report.fmt == "docx":
            _fix_liststyle(report) if report.stem.endswith("list-number-style") else None
            to_docx(report, path)
        else:
            to_txt(report, path)
        (HERE / f"{report.stem}.truth.json").write_text(json.dumps(_truth(report), indent=2, ensure_ascii=False)
                                                         + "\n", encoding="utf-8")
        print(f"{path.name}: {len(report.recs)} recommendations")


if __name__ == "__main__":
    main()
