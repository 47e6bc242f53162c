"""The text bank for the fictional demo reviews.

Templates use these slots: {name} (the victim's pseudonym), {they}/{their}/{them} (the victim's
pronouns), {perp} (the perpetrator, described only by relationship, e.g. "her husband"),
{agency} and {agency2} (how the story refers to an agency), {timeframe}, {year} and {detail}
(a phrase from DETAILS for the template's theme). Sentence starts are capitalised after filling.
Everything here is invented: no real person, place or case.
"""
from __future__ import annotations

# Pseudonyms by (death category group, sex). Varied backgrounds, as a diverse city's reviews would be.
FEMALE_PARTNER_VICTIMS = [
    "Amira", "Bethany", "Chloe", "Danielle", "Farah", "Grace", "Hannah", "Imani", "Jasmin", "Kiran",
    "Leah", "Maryam", "Nadia", "Olivia", "Precious", "Rukhsana", "Shanice", "Tamara", "Uzma",
    "Valentina", "Wiktoria", "Yasmin", "Zainab", "Agnieszka", "Blessing", "Caroline", "Deborah",
    "Elif", "Gurpreet", "Joanne", "Keisha", "Mei", "Oksana", "Roxana", "Aoife", "Sadia", "Niamh",
    "Esther", "Ifeoma", "Ruth",
]
MALE_PARTNER_VICTIMS = ["Marcus", "Tomasz", "Daniel"]  # in same-sex relationships
FEMALE_FAMILY_VICTIMS = ["Margaret", "Harbans", "Shamim", "Kathleen", "Lorraine", "Beatrice"]
MALE_FAMILY_VICTIMS = ["Winston", "Dennis", "Mohammed", "Stanislaw"]

PRONOUNS = {
    "female": {"they": "she", "their": "her", "them": "her"},
    "male": {"they": "he", "their": "his", "them": "him"},
}

PARTNER_RELATIONSHIPS = {
    "female": ["her husband", "her partner", "her former partner", "her estranged husband", "her boyfriend",
               "her ex-partner"],
    "male": ["his partner", "his boyfriend", "his former partner"],
}
FAMILY_RELATIONSHIPS = {
    "female": ["her son", "her grandson", "her adult son", "her brother", "her nephew"],
    "male": ["his son", "his grandson", "his adult son", "his nephew"],
}

TIMEFRAMES = [
    "in the year before {their} death",
    "in the final months of {their} life",
    "over the period the review examined",
    "in the two years before {their} death",
    "during the eighteen months covered by the terms of reference",
    "in the weeks before {their} death",
    "over several years",
]

# How each agency appears in the story, and how a recommendation addresses it.
AGENCY_PROSE = {
    "Police": ("the police", "the police"),
    "Adult social care": ("adult social care", "adult social care"),
    "Children's social care": ("children's social care", "children's social care"),
    "Mental health trust": ("the mental health trust", "the mental health trust"),
    "Acute hospital trust": ("the acute hospital trust", "the acute hospital trust"),
    "GP practices / ICB": ("the GP practice", "the integrated care board"),
    "Housing": ("the housing service", "the housing service"),
    "Probation": ("the probation service", "the probation service"),
    "Specialist domestic abuse service": ("the specialist domestic abuse service",
                                          "the specialist domestic abuse service"),
    "Substance misuse service": ("the substance misuse service", "the substance misuse service"),
    "Education": ("the school", "education services"),
    "Community safety partnership": ("the community safety partnership", "the partnership"),
    "Home Office": ("the Home Office", "the Home Office"),
    "NHS England": ("NHS England", "NHS England"),
    "Department for Education": ("the Department for Education", "the Department for Education"),
    "Ministry of Justice": ("the Ministry of Justice", "the Ministry of Justice"),
}

# The agencies a theme's findings usually concern, best first.
THEME_AGENCIES = {
    "Coercive control": ["Police", "GP practices / ICB", "Acute hospital trust", "Specialist domestic abuse service",
                         "Housing"],
    "Separation risk": ["Police", "Specialist domestic abuse service", "Housing", "Children's social care"],
    "Invisible perpetrator": ["Probation", "Police", "Mental health trust", "Substance misuse service"],
    "Isolation and surveillance": ["GP practices / ICB", "Acute hospital trust", "Adult social care"],
    "Economic abuse": ["Housing", "Specialist domestic abuse service", "Adult social care"],
    "Child contact used to continue abuse": ["Children's social care", "Police"],
    "Over-reliance on the non-abusing parent": ["Children's social care"],
    "Victim blaming and misread safety strategies": ["Police", "Housing", "Adult social care",
                                                     "Acute hospital trust"],
    "Perpetrator services not asking about abuse": ["Mental health trust", "Substance misuse service",
                                                    "GP practices / ICB", "Probation"],
    "Physical harm with threat and fear beneath": ["Acute hospital trust", "Police", "GP practices / ICB"],
    "Risk assessment": ["Police", "Specialist domestic abuse service", "Acute hospital trust"],
    "Information sharing": ["Police", "GP practices / ICB", "Mental health trust", "Children's social care"],
    "Multi-agency working": ["Community safety partnership", "Police", "Adult social care",
                             "Children's social care"],
    "Training and awareness": ["GP practices / ICB", "Housing", "Adult social care", "Education"],
    "Professional curiosity": ["GP practices / ICB", "Adult social care", "Mental health trust", "Housing"],
    "Record keeping": ["GP practices / ICB", "Police", "Acute hospital trust"],
    "Referral pathways": ["Specialist domestic abuse service", "Police", "Acute hospital trust"],
    "Routine enquiry": ["GP practices / ICB", "Acute hospital trust", "Mental health trust"],
    "Supervision": ["Children's social care", "Adult social care", "Probation"],
    "Family involvement": ["Community safety partnership", "Police", "Adult social care"],
    "Equality and diversity": ["Police", "GP practices / ICB", "Housing", "Specialist domestic abuse service"],
    "Stalking": ["Police", "Specialist domestic abuse service"],
    "Strangulation": ["Police", "Acute hospital trust"],
    "Threats to kill": ["Police", "Probation"],
    "Mental health": ["Mental health trust", "GP practices / ICB"],
    "Substance misuse": ["Substance misuse service", "GP practices / ICB"],
    "Suicidality": ["Mental health trust", "GP practices / ICB", "Acute hospital trust"],
    "Children": ["Children's social care", "Education"],
    "Older victims and carers": ["Adult social care", "GP practices / ICB"],
    "Honour-based abuse and forced marriage": ["Police", "Education", "Specialist domestic abuse service"],
    "Immigration status": ["Housing", "Specialist domestic abuse service"],
    "Disability": ["Adult social care", "GP practices / ICB"],
    "LGBT+": ["Specialist domestic abuse service", "Police"],
    "Housing and homelessness": ["Housing"],
    "Criminal justice contact": ["Probation", "Police"],
}

DETAILS = {
    "Coercive control": [
        "checking {their} phone and deciding who {they} could see",
        "controlling what {they} wore and when {they} could leave the house",
        "insisting on accompanying {them} to every appointment",
        "making {them} account for every hour of the day",
        "threatening to report {them} to children's services if {they} disobeyed",
        "belittling {them} in front of friends until {they} stopped seeing them",
    ],
    "Isolation and surveillance": [
        "a tracking app on {their} phone",
        "messages demanding photographs of where {they} had been",
        "a camera fitted at the front door",
        "arriving unannounced at {their} workplace",
        "reading {their} messages each evening",
    ],
    "Economic abuse": [
        "taking {their} bank card and giving {them} a weekly allowance",
        "running up debts in {their} name",
        "stopping {them} from working",
        "having {their} benefits paid into his own account",
        "refusing to pay the rent while insisting the tenancy stay in {their} name",
    ],
    "Physical harm with threat and fear beneath": [
        "a fractured wrist explained as a fall",
        "bruising to {their} arms",
        "a head injury treated in the emergency department",
        "burns {they} said came from cooking",
        "repeated facial injuries",
    ],
    "Stalking": [
        "waiting outside {their} workplace",
        "sending dozens of messages a day",
        "driving past {their} new address",
        "contacting {their} friends to find out where {they} was living",
    ],
    "Threats to kill": [
        "a threat to kill {them} if {they} ever left",
        "a threat, made to a friend, that {they} would not see another birthday",
        "a threat to kill {them} and then himself",
    ],
}

FINDING_TEMPLATES: dict[str, list[str]] = {
    "Coercive control": [
        "{name} described {perp} {detail}, but {agency} treated each contact as a separate incident. Nobody stood "
        "back to see a pattern of coercive control, and the offence was never considered.",
        "{name}'s friends told the review that {perp} had been {detail} for years. None of this reached {agency}, "
        "whose records describe the relationship as volatile but mutual.",
        "{agency} recorded that {perp} answered questions on {name}'s behalf and would not leave the room. This was "
        "noted as supportive behaviour rather than explored as possible control.",
        "The review found that coercive control was the defining feature of {name}'s relationship with {perp}, yet "
        "it appears in no agency's records. Practitioners looked for physical violence and, finding little, "
        "concluded the risk was low.",
        "{timeframe} {name} told {agency} that {perp} was {detail}. The practitioner offered a leaflet. The panel "
        "considered that this was a missed opportunity to name the behaviour as abuse and to assess risk.",
        "{agency} did not recognise that {name}'s anxiety, weight loss and missed appointments were consistent with "
        "living under coercive control. Each was treated as a health matter in isolation.",
        "Although coercive and controlling behaviour had been a criminal offence since 2015, {agency} had no "
        "guidance on how to evidence it, and staff focused on the most recent incident {name} reported.",
        "{name}'s family described {perp} {detail}. They had not known who to tell, and the review heard that they "
        "did not think services would act on something that was not violence.",
        "The panel noted that {perp}'s control extended to {name}'s contact with professionals: {they} cancelled "
        "appointments with {agency} at short notice, which was recorded as disengagement.",
        "{agency} and {agency2} each held part of the picture of {perp}'s controlling behaviour. Had they been put "
        "together, the pattern would have been clear well before {name}'s death.",
    ],
    "Separation risk": [
        "{name} was killed weeks after telling {agency} that {they} intended to leave {perp}. The significance of "
        "separation as the point of greatest danger was not recognised, and no safety plan was made.",
        "When {name} ended the relationship, {perp} began to contact {them} repeatedly. {agency} treated this as a "
        "civil matter rather than an escalation of risk at separation.",
        "The review found that agencies regarded separation as the solution to the abuse. In fact, {perp}'s "
        "behaviour became more dangerous after {name} left, as research would have predicted.",
        "{timeframe} {name} asked {agency} for help to move. The request was handled as a routine housing matter, "
        "and the risk that {perp} posed at the point of separation was not assessed.",
        "{agency} closed its involvement once {name} confirmed that the relationship had ended. The panel considered "
        "that this was precisely the time when support and monitoring should have increased.",
        "Separation was the trigger for the fatal attack, as it is in most intimate partner homicides known to this "
        "partnership. Neither {agency} nor {agency2} had asked {name} about {their} plans to leave.",
        "{name} had tried to leave {perp} three times. Each attempt was followed by threats, and each time {they} "
        "returned. Professionals recorded the returns but not the threats that prompted them.",
        "{agency} knew that {name} had started divorce proceedings and that {perp} had reacted with anger. This "
        "information was not shared, and the risk assessment completed earlier was not revisited.",
        "The panel found that {name}'s safety plan assumed that moving out would make {them} safe. It contained "
        "nothing about what {perp} might do once {they} had gone.",
    ],
    "Invisible perpetrator": [
        "{perp} had a history of violence towards two previous partners, known to {agency}, but this was never "
        "linked to {name}. Services knew {name} as a victim; they did not know {perp} as a perpetrator.",
        "{perp} was in contact with {agency} throughout the period under review, yet no practitioner asked about his "
        "relationship with {name} or whether anyone was at risk from him.",
        "When {name} first reported abuse, records at {agency} held {perp}'s name in a free-text note only, so "
        "checks made later by {agency2} returned nothing. The review found that the perpetrator was effectively "
        "invisible to services.",
        "All of the professional attention in this case fell on {name}: what {they} should do, whether {they} would "
        "engage. Very little was directed at {perp}, whose behaviour was the source of the risk.",
        "{agency} supervised {perp} on licence for an unrelated offence. The supervising officer did not know that "
        "he was in a relationship with {name}, and home visits were not made.",
        "The review was struck by how little any agency knew about {perp}, compared with {name}. He was registered "
        "with a GP, had been arrested twice and had attended a hospital emergency department, but nobody joined "
        "these contacts up.",
        "{perp} presented to {agency} as a caring partner, and his account was accepted. Practitioners did not check "
        "it against what {agency2} already knew about him.",
        "The panel found that {perp}'s previous domestic abuse convictions were not visible to {agency} when {name} "
        "asked for help, because they had been committed in another force area and no one had asked.",
        "When {name} reported abuse, {agency} recorded the perpetrator's details inaccurately, so the earlier "
        "reports against {perp} were not found. This pattern of hidden history recurs in our reviews.",
    ],
    "Isolation and surveillance": [
        "{perp} monitored {name} through {detail}. {agency} did not ask how {they} kept in touch with family, and "
        "did not notice that {they} had stopped seeing them.",
        "{name} was increasingly isolated {timeframe}. {perp} used {detail} to track {their} movements, and friends "
        "described {them} as frightened to be seen talking to anyone.",
        "{agency} spoke to {name} only by telephone, always on a number {perp} could hear. The review found that "
        "{they} was never seen alone.",
        "The panel found that isolation was a deliberate tactic: {perp} moved the family several times, each move "
        "taking {name} further from {their} support network and from services who knew {them}.",
        "Neighbours noticed that {name} rarely went out alone and that {perp} always seemed to know where {they} "
        "was, but did not know it could be a sign of abuse or where to report it.",
        "{agency} recorded that {name} no longer attended a community group {they} had valued. Nobody asked why, and "
        "the review heard that {perp} had forbidden it.",
    ],
    "Economic abuse": [
        "{perp} controlled the household's money, {detail}. {agency} knew of rent arrears but did not consider that "
        "they might be a sign of economic abuse.",
        "{name} told {agency} that {they} could not afford to leave. The practitioner did not explore why, and the "
        "review found that {perp} had been {detail}.",
        "The review found clear evidence of economic abuse, including {detail}. This left {name} without the means "
        "to leave and was not recognised by any agency as part of the pattern of abuse.",
        "{agency} pursued {name} for debts that {perp} had run up. Its recovery letters were addressed to {them} "
        "alone and, the family believe, added to {their} sense of being trapped.",
        "Economic abuse was not mentioned in any agency's records, although {name} had told a friend that {perp} was "
        "{detail}.",
        "When {name} applied for help with housing, {agency} assessed {them} as able to afford private rent because "
        "the joint account was in credit. {perp} controlled that account.",
    ],
    "Child contact used to continue abuse": [
        "After separation, handovers of the children became the main opportunity for {perp} to threaten {name}. "
        "{agency} knew that contact was taking place at {their} home but did not assess the risk this created.",
        "{perp} used child contact arrangements to find out where {name} was living. {agency} treated the "
        "arrangements as a private family matter.",
        "The review found that {agency} focused on the children's wish to see their father and did not weigh this "
        "against the danger he posed to {name} during contact.",
        "{name} agreed to informal contact because {they} feared what {perp} would do if {they} refused. "
        "Professionals recorded the arrangement as evidence that the parents were co-operating.",
        "Messages about the children were the route by which {perp} continued to harass {name}. Neither {agency} nor "
        "{agency2} saw these messages as part of the abuse.",
        "The family court was not told about the police call-outs to the address, and a contact order was made that "
        "required {name} to meet {perp} every weekend.",
    ],
    "Over-reliance on the non-abusing parent": [
        "The child protection plan required {name} to keep {perp} away from the children. It placed the "
        "responsibility for managing his behaviour on {them}, and nothing was asked of him.",
        "{agency} told {name} that the children would be removed if {they} let {perp} back into the home. The panel "
        "found that this made {them} less likely to disclose further abuse.",
        "Written agreements signed by {name} were the main safeguard for the children. The review found they were "
        "unrealistic given the level of control {perp} exercised.",
        "{agency} closed the children's case once {name} said {perp} had left. No one checked whether he had, or "
        "worked with him on the risk he posed.",
        "The review found a pattern of professionals addressing letters, plans and warnings to {name} alone. {perp} "
        "was not invited to meetings and was not held to account for the harm to the children.",
        "Practitioners described {name} as failing to protect the children. The panel considered that this language "
        "blamed {them} for {perp}'s behaviour.",
    ],
    "Victim blaming and misread safety strategies": [
        "{name} withdrew {their} statement after {perp} threatened {them}. {agency} recorded that {they} did not "
        "support a prosecution, and the case was closed without further safeguarding.",
        "Records at {agency} describe {name} as hostile, difficult to engage and as choosing to stay. The panel "
        "considered that these were safety strategies, not choices, and should have been understood as such.",
        "{name} minimised the abuse when {perp} was present and sometimes when he was not. {agency} took {their} "
        "account at face value rather than recognising minimisation as a way of staying safe.",
        "When {name} returned to {perp}, {agency} noted that {they} had been offered support and declined. The "
        "review found no evidence that anyone asked why {they} returned.",
        "Missed appointments led {agency} to close {name}'s case. The panel found that {perp} had prevented {them} "
        "from attending, and that closing the case removed a protective contact.",
        "Some practitioners told the review that {name} had been 'known to' services for years and 'never followed "
        "through'. This language shifted responsibility for the abuse from {perp} to {name}.",
    ],
    "Perpetrator services not asking about abuse": [
        "{perp} was under the care of {agency} for depression {timeframe}. Clinicians did not ask about his "
        "relationship or whether he posed a risk to anyone at home.",
        "{agency} worked with {perp} on his alcohol use. His disclosures of arguments with {name} were recorded but "
        "not explored, and no domestic abuse risk assessment was completed.",
        "{perp} told {agency} that he had thoughts of harming his partner. The comment was recorded in the notes but "
        "not shared, and the risk to {name} was not assessed.",
        "In {name}'s case, services working with {perp} saw him as a patient or client and not as a possible "
        "perpetrator. Asking about relationships and risk to others was not part of their assessments.",
        "{agency} assessed {perp}'s risk to himself in detail at each contact, but never his risk to {name}. The "
        "panel considered this a significant gap.",
        "{perp} attended {agency} regularly for treatment. Staff knew that {name} had called the police about him "
        "but did not see this as relevant to his care.",
        "Neither {agency} nor {agency2} asked {perp} about his relationship with {name}, although both had routine "
        "questions about it in their assessment forms.",
    ],
    "Physical harm with threat and fear beneath": [
        "{name} attended {agency} with {detail}. Staff accepted {their} explanation and did not ask, alone and "
        "safely, whether anyone had hurt {them}.",
        "{agency} recorded {detail} but did not explore what lay behind it. Family later told the review that {name} "
        "lived in constant fear of {perp}.",
        "Each injury {name} suffered was treated as a single event. The review found that the threats and fear "
        "behind them were the more important risk indicators, and no one asked about them.",
        "When {name} was injured, {agency} recorded only the injury. Nobody asked about threats, fear or control, "
        "and the DASH checklist was scored on the injury alone.",
        "The panel noted that {name} was seen with {detail} on several occasions {timeframe}. The pattern was not "
        "recognised because the records sat in different systems.",
        "{name} told {agency} that {they} was not afraid of being hit, {they} was afraid of what {perp} would do "
        "next. This statement was not recorded as a disclosure of fear.",
    ],
    "Risk assessment": [
        "A DASH risk assessment was completed by {agency}, scoring {name} as standard risk. The panel considered "
        "that professional judgement should have raised this to high risk and led to a MARAC referral.",
        "{agency} did not complete a DASH risk checklist when {name} disclosed abuse, although its policy required "
        "one. A referral to MARAC would have brought agencies together around {them}.",
        "The DASH risk assessment was completed in the presence of {perp}. {name}'s answers cannot have been free, "
        "and the resulting score understated the danger.",
        "{name} was discussed at MARAC, but the actions agreed were not followed up and the case was closed at the "
        "next meeting without confirming that they had been completed.",
        "The risk assessment by {agency} was not revisited when circumstances changed, including {name}'s separation "
        "from {perp} and his release from custody.",
        "Several risk factors recognised in research as linked to homicide, including separation, strangulation and "
        "threats to kill, were known to {agency} and {agency2} in {name}'s case, but were never brought together.",
        "{agency}'s risk assessment relied on {name}'s own view of {their} safety. The panel found that {they} "
        "consistently underestimated the danger, as victims often do.",
        "Risk was assessed as medium because {name} declined to answer some questions. The panel considered that "
        "refusal itself should have prompted a more cautious judgement.",
    ],
    "Information sharing": [
        "{agency} held information about {perp}'s previous violence that would have changed {agency2}'s assessment "
        "of the risk to {name}, but did not share it because staff were unsure whether they were allowed to.",
        "A referral about {name} from {agency} to {agency2} was sent to a generic inbox and was not opened for three "
        "weeks. By then the opportunity to act had passed.",
        "Practitioners told the review that they believed consent was always needed to share information about "
        "domestic abuse. This misunderstanding meant that {agency} did not pass on {name}'s disclosure.",
        "The review found that {agency} and {agency2} each held pieces of information about {name} that, together, "
        "would have shown escalating risk. There was no mechanism to bring them together.",
        "{agency} shared information with the GP practice, but the letter was filed without being read by a "
        "clinician. {name}'s next appointment took place without reference to it.",
        "Information about the MARAC discussion was not shared with {agency}, which was working closely with {name} "
        "at the time and could have supported the safety plan.",
        "{perp}'s probation officer was not told about the incidents reported to {agency} {timeframe}, so his risk "
        "was not reassessed.",
    ],
    "Multi-agency working": [
        "Agencies worked in parallel rather than together. {agency} and {agency2} were both involved with {name} "
        "{timeframe}, but neither knew of the other's involvement.",
        "No multi-agency meeting was held about {name}, although at least four agencies were in contact with the "
        "household. The panel considered that a professionals' meeting would have clarified the risk.",
        "The MARAC action plan for {name} allocated tasks to {agency} that it did not have the capacity to deliver, "
        "and there was no escalation when they were not done.",
        "A strategy discussion was held, but {agency} was not invited, although it had the most recent contact with "
        "{name}.",
        "The review found good examples of individual practice, but no shared plan. Each agency assumed another was "
        "leading on {name}'s safety.",
        "{agency} raised concerns about {name} with {agency2} twice. On neither occasion was there a reply, and the "
        "concerns were not escalated.",
    ],
    "Training and awareness": [
        "Staff at {agency} who saw {name} had not received domestic abuse training beyond a short online module, and "
        "told the review that they did not feel confident asking about abuse.",
        "Practitioners at {agency} who worked with {name} were unfamiliar with coercive control and with the "
        "research on separation risk. The panel considered that training would have helped them recognise what they "
        "saw.",
        "At the time of {name}'s death, {agency}'s domestic abuse training had not been updated since before the "
        "Domestic Abuse Act 2021 and did not cover economic abuse or stalking.",
        "Reception and administrative staff at {agency} handled several calls from {name} but had no training on how "
        "to respond to a disclosure.",
        "The review found that awareness of domestic abuse among {name}'s community, friends and employer was "
        "limited. People noticed things but did not know what they meant or where to go.",
        "Managers at {agency} told the review that domestic abuse training was optional and poorly attended. Several "
        "staff involved with {name} had never attended it.",
    ],
    "Professional curiosity": [
        "{agency} accepted {perp}'s explanation of {name}'s injuries without question. The panel considered that "
        "professional curiosity required a conversation with {name} alone.",
        "{name} repeatedly attended {agency} with vague symptoms. No one asked what was happening at home.",
        "The review found a lack of professional curiosity about who else lived in {name}'s household. {perp}'s "
        "presence was noted by {agency} but never explored.",
        "When {name} said everything was fine, {agency} closed the contact. Respectful uncertainty would have meant "
        "checking {their} account against what was already known.",
        "{agency} visited the home several times and noted that {name} seemed anxious when {perp} was present. This "
        "observation was not followed up.",
        "A practitioner at {agency} sensed that something was wrong in {name}'s home but did not act on it, and told "
        "the review that she had not wanted to intrude.",
        "Professionals accepted {perp}'s account that {name}'s low mood was the cause of the couple's problems, "
        "rather than asking whether the relationship was the cause of {their} low mood.",
    ],
    "Record keeping": [
        "{agency}'s records for {name} did not include a domestic abuse flag, so each new practitioner began without "
        "knowledge of the history.",
        "Important information was recorded in free text and could not be found by the search that {agency} ran when "
        "{name} next made contact.",
        "The review found that {agency}'s records of contact with {name} were brief and did not record who else was "
        "present or what {they} had been asked.",
        "{perp}'s name was spelled in three different ways across {agency}'s records, so his history was not linked "
        "to the incidents involving {name}.",
        "Records at {agency} noted that a referral for {name} would be made, but there is no record that it was, and "
        "staff could not say what happened.",
        "{agency} recorded the incidents at {name}'s home as verbal arguments. The panel found that the underlying "
        "accounts described threats and damage to property.",
    ],
    "Referral pathways": [
        "{name} was not referred to an IDVA although {they} met the criteria. The panel found that staff at {agency} "
        "were unclear about the referral route.",
        "A referral for {name} to the specialist domestic abuse service was made but contact failed after three "
        "attempts, and the referral was closed. No one told {agency}, which had made it.",
        "{agency} signposted {name} to a helpline rather than making a referral. The review found that signposting "
        "is rarely enough for a victim living with a controlling partner.",
        "The IDVA service had a waiting list {timeframe}, and {name} waited five weeks for first contact.",
        "{name} was referred to refuge but no space was available in the area. No alternative was offered.",
        "Referral criteria for {agency} excluded victims assessed below high risk, so {name} received no specialist "
        "support.",
    ],
    "Routine enquiry": [
        "{name} saw {their} GP eleven times {timeframe}. {they} was never asked about domestic abuse, and on most "
        "occasions {perp} was in the room.",
        "Routine enquiry about domestic abuse was not carried out at {name}'s maternity appointments because {perp} "
        "always accompanied {them}.",
        "{agency} has a policy of routine enquiry, but the review found it was not applied consistently and there is "
        "no record that {name} was ever asked.",
        "The panel heard that {name} had wanted someone to ask. {they} told a friend that if the doctor had asked "
        "directly, {they} would have said what was happening.",
        "{agency} asked about domestic abuse once, by way of a questionnaire completed while {perp} waited outside "
        "the room. {name} ticked 'no'.",
        "Opportunities for routine enquiry were missed in the emergency department, where {name} attended twice with "
        "injuries.",
        "Health professionals at {agency} who saw {name} said they did not ask about abuse because they did not know "
        "what to do if the answer was yes.",
    ],
    "Supervision": [
        "The practitioner at {agency} did not discuss {name}'s case in supervision, and managers did not review the "
        "decision to close it.",
        "Supervision at {agency} focused on caseload numbers and deadlines rather than on reflecting on the risk to "
        "{name}.",
        "The review found that a newly qualified worker at {agency} was left to manage {name}'s case without "
        "management oversight.",
        "Management sign-off of the decision to close {name}'s case was recorded, but there was no evidence that the "
        "manager had read the case history.",
        "{agency}'s supervision records about {name} contain no mention of domestic abuse although it was the main "
        "concern in the case.",
    ],
    "Family involvement": [
        "{name}'s family had concerns about {perp} for many years but did not know who to tell. They told the review "
        "they wished someone had asked them.",
        "{name}'s sister had contacted {agency} to say she was worried. The call was not recorded as a third-party "
        "report of domestic abuse.",
        "The review benefited greatly from the involvement of {name}'s family, who described a person quite "
        "different from the one that appears in agency records.",
        "Friends had seen {perp}'s controlling behaviour and had tried to help {name} leave. Their knowledge was "
        "never sought by any agency before {their} death.",
        "{name}'s family were not offered specialist advocacy after {their} death until several months into the "
        "review. The panel considered this should have happened at once.",
        "{name}'s family asked that the review consider why their concerns, raised with {agency} {timeframe}, were "
        "not acted on.",
    ],
    "Equality and diversity": [
        "{name}'s first language was not English. {agency} used {perp} as interpreter on at least two occasions, "
        "which made disclosure impossible.",
        "The review found that assumptions about {name}'s culture led {agency} to accept the family's account "
        "without speaking to {name} alone.",
        "{name}'s age meant that practitioners did not consider domestic abuse; the concerns were viewed as carer "
        "stress.",
        "{agency} did not consider how {name}'s faith and community ties might shape {their} options for leaving, or "
        "offer a culturally specific service.",
        "The panel considered the protected characteristics of {name} and {perp} and found no evidence of direct "
        "discrimination, but some evidence that services were not designed around {their} needs.",
        "An interpreter was booked for {name}'s appointment at {agency}, but from the same small community as the "
        "family, and {name} did not speak freely.",
    ],
    "Stalking": [
        "After {name} left, {perp} began {detail}. {agency} recorded these as separate harassment reports and did "
        "not recognise a pattern of stalking.",
        "{name} kept a diary of {perp}'s behaviour, including {detail}. {agency} did not use a stalking risk "
        "screening tool.",
        "The review found that stalking was the clearest warning sign in the months before {name}'s death, and it "
        "was not identified as such by any agency.",
        "{agency} advised {name} to change {their} phone number. The panel considered that this put the burden on "
        "{them} and did nothing about {perp}'s stalking.",
    ],
    "Strangulation": [
        "{name} disclosed that {perp} had strangled {them}. {agency} recorded a common assault, and the significance "
        "of non-fatal strangulation as a marker of homicide risk was missed.",
        "Marks on {name}'s neck were noted by {agency} but not photographed or explored.",
        "The DASH checklist records that {perp} had tried to choke {name}. This answer alone should have prompted a "
        "high-risk referral.",
    ],
    "Threats to kill": [
        "{perp} made {detail}. {agency} recorded the threat but did not treat it as a risk indicator.",
        "The review found that {perp}'s threats to kill {name} were known to {agency} and to {agency2} but were not "
        "shared between them.",
        "{name} told {agency} about {detail} and said {they} believed it. The panel found that {their} belief should "
        "have carried weight in the risk assessment.",
    ],
    "Mental health": [
        "{perp}'s mental health was the focus of professional attention, and his behaviour towards {name} was "
        "explained as a symptom rather than recognised as abuse.",
        "{name} was treated by {agency} for anxiety and depression. The review found that {their} symptoms were "
        "consistent with the effects of long-term abuse, which was not asked about.",
        "{agency} discharged {perp} from crisis care to the home he shared with {name} without considering the risk "
        "to {them}.",
        "The panel noted that when {name} needed help, mental health and domestic abuse services in the area had no "
        "shared pathway for people experiencing both.",
    ],
    "Substance misuse": [
        "Alcohol was a feature of most incidents at {name}'s home reported to {agency}. It was treated as the cause "
        "of the abuse rather than as something that increased an existing risk.",
        "{name}'s drinking led practitioners at {agency} to view {them} as an unreliable witness. The panel found "
        "that {they} used alcohol to cope with the abuse.",
        "{perp} attended {agency} for drug treatment but repeatedly missed appointments. His discharge was not "
        "shared with anyone else working with the household.",
        "The review found that substance misuse, mental ill health and domestic abuse were all present in {name}'s "
        "household, but services addressed them one at a time.",
    ],
    "Suicidality": [
        "{name} told {agency} that {they} had thought about ending {their} life because {they} could see no way out "
        "of the relationship. The link between the abuse and {their} suicidal thoughts was not explored.",
        "{perp} threatened suicide whenever {name} tried to leave. {agency} did not recognise this as a controlling "
        "tactic and as a risk factor for homicide.",
        "After an overdose, {name} was seen by the liaison psychiatry team at {agency}. {they} was not asked about "
        "domestic abuse, and was discharged home to {perp}.",
        "The review found that {name}'s despair followed years of coercive control. No agency had identified the "
        "abuse, and the mental health plan addressed {their} symptoms alone.",
        "{name}'s self-harm increased {timeframe}. {agency} saw this as a mental health matter and did not ask what "
        "was happening at home.",
    ],
    "Children": [
        "{name}'s children witnessed much of the abuse but were not seen as victims in their own right. {agency} did "
        "not speak to them alone.",
        "The school noticed changes in the behaviour of {name}'s children {timeframe} but did not link them to what "
        "was happening at home.",
        "The voices of {name}'s children are largely absent from agency records. The panel considered what they "
        "might have said if asked.",
    ],
    "Older victims and carers": [
        "{name} was cared for by {perp}, who depended on {them} financially. {agency} saw a stressed carer rather "
        "than a pattern of abuse.",
        "Because of {name}'s age, {agency} did not consider domestic abuse; the injuries were attributed to falls.",
        "A carer's assessment for {perp} was never completed, and the strain on {name}'s household was not "
        "understood by {agency}.",
        "{name} told a district nurse that {they} was frightened of {perp}. The comment was recorded but not treated "
        "as a safeguarding concern.",
    ],
    "Honour-based abuse and forced marriage": [
        "{agency} did not recognise the signs of honour-based abuse, and contacted {name}'s family, which increased "
        "the risk to {them}.",
        "The review found that {name} had been married without free consent. No agency had considered forced "
        "marriage.",
        "Concerns that {name} would be harmed for bringing shame on the family were known to {agency} but were not "
        "shared with specialist services.",
    ],
    "Immigration status": [
        "{name}'s visa depended on {their} marriage to {perp}, who told {them} {they} would be deported if {they} "
        "left. {agency} did not know about the destitution domestic violence concession.",
        "{name} had no recourse to public funds. {agency} told {them} that no refuge place was available for that "
        "reason.",
        "The review found that fear of immigration enforcement stopped {name} from reporting abuse to the police.",
    ],
    "Disability": [
        "{name}'s disability meant that {they} relied on {perp} for personal care. {agency} did not consider how "
        "this dependence affected {their} ability to disclose or leave.",
        "{agency} communicated with {name} through {perp}, because of {their} hearing impairment, and never alone.",
        "The review found that adult safeguarding and domestic abuse procedures were not joined up for disabled "
        "victims like {name}.",
    ],
    "LGBT+": [
        "{name} was in a same-sex relationship. Practitioners at {agency} did not recognise the abuse, which did not "
        "match their expectations of a victim and a perpetrator.",
        "{perp} threatened to disclose {name}'s sexuality to {their} family. This was a form of control that "
        "{agency} did not recognise.",
        "{name} told friends that {they} did not think domestic abuse services were for people like {them}. The "
        "panel found that local services did little to show otherwise.",
    ],
    "Housing and homelessness": [
        "{name} approached {agency} as homeless because of domestic abuse. The application was closed when {they} "
        "did not provide documents that {perp} was withholding.",
        "{agency} offered {name} temporary accommodation far from {their} support network. {they} declined it and "
        "returned to {perp}.",
        "Repairs reported by {name} at {agency}, including a broken front door, were not recognised as possible "
        "signs of abuse.",
        "{agency} required {name} to end the joint tenancy before rehousing {them}, leaving {them} dependent on "
        "{perp}'s co-operation.",
    ],
    "Criminal justice contact": [
        "{perp} was released on bail with conditions not to contact {name}. When {they} reported a breach, {agency} "
        "did not arrest him.",
        "{perp}'s previous convictions for violence were not considered when {agency} assessed the risk of releasing "
        "him.",
        "A non-molestation order was in place but {agency} did not know about it when {name} called for help.",
        "{agency} did not complete a domestic abuse needs assessment for {perp} while he was under supervision, "
        "although {name} had reported him twice.",
    ],
}

# Findings that can only be about one kind of agency, found by a phrase in the template.
FIXED_AGENCY = {
    "on licence": "Probation",
    "while he was under supervision": "Probation",
    "did not arrest him": "Police",
    "on his alcohol use": "Substance misuse service",
    "for drug treatment": "Substance misuse service",
    "liaison psychiatry": "Mental health trust",
    "from crisis care": "Mental health trust",
    "The school noticed": "Education",
    "in the emergency department": "Acute hospital trust",
    "maternity appointments": "Acute hospital trust",
    "saw {their} GP": "GP practices / ICB",
    "pursued {name} for debts": "Housing",
    "applied for help with housing": "Housing",
}

# Agencies named in the plural ("the police were"), for verb agreement.
PLURAL_AGREEMENT = {
    "the police was ": "the police were ",
    "the police has ": "the police have ",
    "the police does ": "the police do ",
    "the police closed its ": "the police closed their ",
    "the police that it ": "the police that they ",
    "the police, which had": "the police, who had",
}

# Phrases about law or practice that did not exist before the review year given.
NOT_BEFORE = {
    "since 2015": 2016,
    "coercive and controlling behaviour offences": 2016,
    "Domestic Abuse Act 2021": 2022,
    "specific offence": 2022,
    "stalking protection orders": 2020,
}

# Phrases that only make sense where the perpetrator was a partner.
PARTNER_ONLY_PHRASES = ("returned to {perp}", "the relationship", "to leave", "moving out", "leave {perp}",
                        "{name} leave", "visa", "marriage", "divorce")

# Themes a finding under the key theme often also touches, for tagging.
RELATED_THEMES = {
    "Coercive control": ["Isolation and surveillance", "Professional curiosity", "Training and awareness"],
    "Separation risk": ["Risk assessment", "Housing and homelessness", "Stalking"],
    "Invisible perpetrator": ["Information sharing", "Record keeping", "Criminal justice contact"],
    "Isolation and surveillance": ["Coercive control", "Routine enquiry"],
    "Economic abuse": ["Coercive control", "Housing and homelessness"],
    "Child contact used to continue abuse": ["Children", "Separation risk"],
    "Over-reliance on the non-abusing parent": ["Children", "Invisible perpetrator"],
    "Victim blaming and misread safety strategies": ["Professional curiosity", "Training and awareness"],
    "Perpetrator services not asking about abuse": ["Mental health", "Substance misuse", "Invisible perpetrator"],
    "Physical harm with threat and fear beneath": ["Routine enquiry", "Risk assessment"],
    "Risk assessment": ["Multi-agency working", "Separation risk"],
    "Information sharing": ["Multi-agency working", "Invisible perpetrator"],
    "Multi-agency working": ["Information sharing"],
    "Training and awareness": ["Coercive control"],
    "Professional curiosity": ["Routine enquiry", "Coercive control"],
    "Record keeping": ["Information sharing"],
    "Referral pathways": ["Risk assessment"],
    "Routine enquiry": ["Professional curiosity"],
    "Supervision": ["Professional curiosity"],
    "Family involvement": ["Coercive control"],
    "Equality and diversity": ["Routine enquiry"],
    "Stalking": ["Separation risk", "Risk assessment"],
    "Strangulation": ["Risk assessment", "Physical harm with threat and fear beneath"],
    "Threats to kill": ["Risk assessment"],
    "Mental health": ["Perpetrator services not asking about abuse"],
    "Substance misuse": ["Perpetrator services not asking about abuse"],
    "Suicidality": ["Coercive control", "Mental health"],
    "Children": ["Over-reliance on the non-abusing parent"],
    "Older victims and carers": ["Adult family homicide", "Professional curiosity"],
    "Honour-based abuse and forced marriage": ["Equality and diversity"],
    "Immigration status": ["Economic abuse", "Equality and diversity"],
    "Disability": ["Equality and diversity"],
    "LGBT+": ["Equality and diversity"],
    "Housing and homelessness": ["Separation risk"],
    "Criminal justice contact": ["Invisible perpetrator"],
}

# Recommendations: {lead} is how the recommendation addresses the lead agency.
# Each has the recommendation text, the action to take and three milestone steps, in order.
RECOMMENDATION_TEMPLATES: dict[str, list[dict]] = {
    "Coercive control": [
        {"text": "{lead} should provide training for frontline staff on recognising and evidencing coercive and "
                 "controlling behaviour, including how it presents when there is little physical violence.",
         "action": "Commission coercive control training; make it mandatory for frontline staff; measure uptake.",
         "steps": ["Training package agreed", "First cohort trained", "Audit shows improved recording"]},
        {"text": "{lead} should review its guidance so that each incident is assessed in the light of the "
                 "history, and a pattern of control is considered at every contact.",
         "action": "Revise guidance; add a prompt to the case recording system; brief team leaders.",
         "steps": ["Guidance revised", "System prompt live", "Dip sample of 20 cases completed"]},
        {"text": "{lead} should ensure that coercive and controlling behaviour offences are considered and "
                 "investigated whenever domestic abuse is reported.",
         "action": "Issue an investigation checklist; monitor offences recorded each quarter.",
         "steps": ["Checklist issued", "Quarterly monitoring in place", "Increase in offences recorded reported"],
         "leads": ["Police"]},
    ],
    "Separation risk": [
        {"text": "{lead} should ensure that separation, or the victim's intention to separate, is treated as a "
                 "trigger to review risk and the safety plan.",
         "action": "Amend risk policy; add separation prompt to assessment template; brief staff.",
         "steps": ["Policy amended", "Template updated", "Staff briefings delivered"]},
        {"text": "{lead} should raise awareness among practitioners and the public that the risk of serious harm "
                 "increases when a victim leaves.",
         "action": "Run a campaign on separation risk with the specialist domestic abuse service.",
         "steps": ["Campaign materials produced", "Campaign launched", "Evaluation reported to the board"],
         "leads": ["Community safety partnership"]},
        {"text": "{lead} should keep cases open for support and monitoring for a period after separation rather "
                 "than closing them when the relationship ends.",
         "action": "Change closure criteria; add a post-separation check at eight weeks.",
         "steps": ["Closure criteria revised", "Eight-week check introduced", "Audit of closures completed"],
         "leads": ["Specialist domestic abuse service", "Police", "Children's social care"]},
    ],
    "Invisible perpetrator": [
        {"text": "{lead} should ensure that the perpetrator's history is checked and recorded whenever domestic "
                 "abuse is identified, and that the risk he poses is assessed.",
         "action": "Add perpetrator history checks to the assessment process; train staff.",
         "steps": ["Process updated", "Training delivered", "Audit shows perpetrator details recorded"]},
        {"text": "{lead} should develop a partnership approach to identifying and managing high-harm perpetrators, "
                 "so that attention is not focused on the victim alone.",
         "action": "Establish a multi-agency perpetrator panel; agree referral criteria.",
         "steps": ["Terms of reference agreed", "Panel meeting monthly", "First-year review completed"],
         "leads": ["Community safety partnership"]},
        {"text": "{lead} should ensure that letters, plans and warnings about domestic abuse are addressed to the "
                 "perpetrator as well as to the victim.",
         "action": "Review template letters and plans; issue practice guidance on engaging perpetrators.",
         "steps": ["Templates reviewed", "Practice guidance issued", "Audit completed"],
         "leads": ["Children's social care", "Adult social care"]},
    ],
    "Economic abuse": [
        {"text": "{lead} should ensure that rent arrears, debt and benefit problems prompt a question about "
                 "economic abuse.",
         "action": "Add economic abuse prompts to income and arrears procedures; train income officers.",
         "steps": ["Procedures updated", "Income officers trained", "Referrals for economic abuse monitored"],
         "leads": ["Housing"]},
        {"text": "{lead} should pause debt recovery where economic abuse is disclosed and signpost to specialist "
                 "advice.",
         "action": "Agree a protocol for pausing recovery; publish a list of specialist advice services.",
         "steps": ["Protocol agreed", "Advice list published", "Protocol used in first cases"],
         "leads": ["Housing"]},
    ],
    "Child contact used to continue abuse": [
        {"text": "{lead} should ensure that assessments of child contact consider the risk to the non-abusing "
                 "parent during handovers and contact.",
         "action": "Update assessment guidance; add a prompt about handovers.",
         "steps": ["Guidance updated", "Prompt added", "Audit of assessments completed"],
         "leads": ["Children's social care"]},
        {"text": "{lead} should ensure that information about domestic abuse is available to the family court "
                 "when contact is decided.",
         "action": "Agree an information-sharing route with the court advisory service.",
         "steps": ["Route agreed", "Staff briefed", "Review of first six months"],
         "leads": ["Police", "Children's social care"]},
    ],
    "Over-reliance on the non-abusing parent": [
        {"text": "{lead} should stop using written agreements that make the non-abusing parent responsible for "
                 "the perpetrator's behaviour, and should involve the perpetrator in plans.",
         "action": "Withdraw such agreements; issue guidance on working with fathers who harm.",
         "steps": ["Agreements withdrawn", "Guidance issued", "Practice audit completed"],
         "leads": ["Children's social care"]},
        {"text": "{lead} should train practitioners in a whole-family approach that holds the perpetrator to "
                 "account and supports the non-abusing parent.",
         "action": "Commission training in a recognised whole-family model.",
         "steps": ["Model chosen", "Training delivered to teams", "Impact evaluated"],
         "leads": ["Children's social care"]},
    ],
    "Victim blaming and misread safety strategies": [
        {"text": "{lead} should review the language used in its records and policies, replacing terms such as "
                 "'failed to engage' with descriptions that do not blame the victim.",
         "action": "Publish a language guide; review templates; include in induction.",
         "steps": ["Language guide published", "Templates amended", "Included in induction"]},
        {"text": "{lead} should ensure that missed appointments by a known victim of domestic abuse prompt "
                 "follow-up, not discharge.",
         "action": "Amend the missed-appointment policy for domestic abuse cases.",
         "steps": ["Policy amended", "Staff briefed", "Audit of discharges completed"],
         "leads": ["GP practices / ICB", "Mental health trust", "Acute hospital trust"]},
    ],
    "Perpetrator services not asking about abuse": [
        {"text": "{lead} should ensure that assessments of service users ask about their relationships and any "
                 "risk they may pose to partners or family members.",
         "action": "Add questions on relationships and risk to others to the assessment; train staff.",
         "steps": ["Assessment revised", "Staff trained", "Audit shows questions asked"],
         "leads": ["Mental health trust", "Substance misuse service", "Probation"]},
        {"text": "{lead} should ensure that disclosures by service users of harming, or thinking of harming, a "
                 "partner are shared with the police and safeguarding teams.",
         "action": "Issue guidance on sharing disclosures of risk to others; monitor compliance.",
         "steps": ["Guidance issued", "Briefings delivered", "Compliance report to board"],
         "leads": ["Mental health trust", "Substance misuse service"]},
    ],
    "Risk assessment": [
        {"text": "{lead} should ensure that the DASH risk checklist is completed with the victim alone, and that "
                 "professional judgement is recorded alongside the score.",
         "action": "Refresh DASH training; add a professional judgement field; audit a sample.",
         "steps": ["Training refreshed", "Field added to system", "Audit of 50 DASH forms completed"],
         "leads": ["Police", "Specialist domestic abuse service", "Acute hospital trust"]},
        {"text": "{lead} should ensure that risk assessments are reviewed when circumstances change, including "
                 "separation, release from custody and new incidents.",
         "action": "Set review triggers in policy and on the case system.",
         "steps": ["Triggers agreed", "System change made", "Compliance audit completed"]},
        {"text": "{lead} should review MARAC processes so that actions are tracked to completion before a case is "
                 "closed.",
         "action": "Introduce action tracking and a closure check at MARAC.",
         "steps": ["Tracking introduced", "Closure check agreed", "Independent review of MARAC completed"],
         "leads": ["Community safety partnership"]},
    ],
    "Information sharing": [
        {"text": "{lead} should issue clear guidance that information about domestic abuse may be shared without "
                 "consent where there is a risk of serious harm.",
         "action": "Publish a partnership information-sharing guide; brief all agencies.",
         "steps": ["Guide drafted", "Guide agreed by all agencies", "Briefings delivered"],
         "leads": ["Community safety partnership"]},
        {"text": "{lead} should ensure that referrals and notifications about domestic abuse are sent to a "
                 "monitored address and acknowledged.",
         "action": "Review referral inboxes; introduce acknowledgement within two working days.",
         "steps": ["Inboxes reviewed", "Acknowledgement standard set", "Compliance monitored"]},
    ],
    "Multi-agency working": [
        {"text": "{lead} should agree an escalation procedure for when an agency's concerns about domestic abuse "
                 "are not responded to.",
         "action": "Write and publish a multi-agency escalation procedure.",
         "steps": ["Procedure drafted", "Procedure agreed", "Procedure published and briefed"],
         "leads": ["Community safety partnership"]},
        {"text": "{lead} should seek assurance that professionals' meetings are held when several agencies are "
                 "working with a household where there is domestic abuse.",
         "action": "Include professionals' meetings in multi-agency procedures; audit use.",
         "steps": ["Procedures updated", "Audit designed", "Audit reported to board"],
         "leads": ["Community safety partnership"]},
    ],
    "Training and awareness": [
        {"text": "{lead} should ensure that all staff who have contact with the public complete domestic abuse "
                 "awareness training, refreshed every three years.",
         "action": "Make training mandatory; report completion to the partnership.",
         "steps": ["Training made mandatory", "Completion above 80%", "Completion above 95%"]},
        {"text": "{lead} should run a community awareness campaign so that friends, family and employers know how "
                 "to recognise abuse and where to go for advice.",
         "action": "Design and run a campaign with community groups.",
         "steps": ["Campaign planned with community groups", "Campaign launched", "Campaign evaluated"],
         "leads": ["Community safety partnership"]},
    ],
    "Professional curiosity": [
        {"text": "{lead} should promote professional curiosity through practice guidance and reflective "
                 "learning sessions based on this review.",
         "action": "Hold learning sessions on this review; publish a practice briefing.",
         "steps": ["Briefing published", "Sessions delivered", "Attendance and feedback reported"]},
    ],
    "Record keeping": [
        {"text": "{lead} should ensure that domestic abuse is flagged on the records of both victim and "
                 "perpetrator, and that flags are visible to all staff.",
         "action": "Agree a flagging standard; update systems; audit.",
         "steps": ["Standard agreed", "Systems updated", "Audit completed"]},
    ],
    "Referral pathways": [
        {"text": "{lead} should ensure that all victims assessed as high risk are offered an IDVA, and that "
                 "failed contact is reported back to the referrer.",
         "action": "Update the referral pathway; introduce feedback to referrers.",
         "steps": ["Pathway updated", "Feedback process live", "Quarterly report to partnership"],
         "leads": ["Specialist domestic abuse service"]},
        {"text": "{lead} should commission support for victims assessed as standard or medium risk.",
         "action": "Include medium-risk support in the next commissioning round.",
         "steps": ["Needs assessment completed", "Service specification agreed", "Service commissioned"],
         "leads": ["Community safety partnership"]},
    ],
    "Routine enquiry": [
        {"text": "{lead} should ensure that routine enquiry about domestic abuse is carried out, with the patient "
                 "seen alone, in primary care and maternity settings.",
         "action": "Roll out a recognised GP training and referral programme across practices.",
         "steps": ["Programme commissioned", "Half of practices trained", "All practices trained"],
         "leads": ["GP practices / ICB", "Acute hospital trust"]},
        {"text": "{lead} should ensure that practices have a policy of seeing patients alone for part of every "
                 "consultation where domestic abuse may be present.",
         "action": "Issue a model policy; include in practice safeguarding audits.",
         "steps": ["Model policy issued", "Included in safeguarding audit", "Audit results reported"],
         "leads": ["GP practices / ICB"]},
    ],
    "Supervision": [
        {"text": "{lead} should ensure that supervision includes reflective discussion of domestic abuse risk in "
                 "every open case where it is a feature.",
         "action": "Revise the supervision policy and templates.",
         "steps": ["Policy revised", "Templates updated", "Audit of supervision records completed"]},
    ],
    "Family involvement": [
        {"text": "{lead} should ensure that families are offered specialist advocacy at the start of every review "
                 "and are involved in setting its terms of reference.",
         "action": "Agree a family involvement protocol for reviews.",
         "steps": ["Protocol drafted", "Protocol agreed", "Protocol used in new reviews"],
         "leads": ["Community safety partnership"]},
        {"text": "{lead} should make it easier for friends and family to report concerns about domestic abuse.",
         "action": "Publish guidance for friends and family; promote third-party reporting.",
         "steps": ["Guidance drafted", "Guidance published", "Promotion completed"],
         "leads": ["Police", "Community safety partnership"]},
    ],
    "Equality and diversity": [
        {"text": "{lead} should ensure that professional interpreters are always used and that family members or "
                 "partners are never used to interpret.",
         "action": "Reissue interpreting policy; audit bookings.",
         "steps": ["Policy reissued", "Staff briefed", "Audit of interpreter use completed"]},
        {"text": "{lead} should work with community organisations to make domestic abuse services accessible to "
                 "victims from all communities.",
         "action": "Map provision; co-design outreach with community organisations.",
         "steps": ["Provision mapped", "Outreach co-designed", "Outreach launched"],
         "leads": ["Community safety partnership", "Specialist domestic abuse service"]},
    ],
    "Stalking": [
        {"text": "{lead} should ensure that stalking is identified and screened using a recognised tool whenever "
                 "harassment is reported after separation.",
         "action": "Introduce stalking screening; train call handlers and officers.",
         "steps": ["Screening tool adopted", "Training delivered", "Use of stalking protection orders monitored"],
         "leads": ["Police"]},
    ],
    "Strangulation": [
        {"text": "{lead} should ensure that any disclosure of non-fatal strangulation is treated as a high-risk "
                 "indicator and investigated under the specific offence.",
         "action": "Issue guidance; include in DASH refresher training.",
         "steps": ["Guidance issued", "Training delivered", "Offences recorded monitored"],
         "leads": ["Police"]},
    ],
    "Mental health": [
        {"text": "{lead} should develop a joint pathway for people experiencing both mental ill health and "
                 "domestic abuse.",
         "action": "Agree a joint pathway between mental health and domestic abuse services.",
         "steps": ["Working group set up", "Pathway agreed", "Pathway launched"],
         "leads": ["Mental health trust"]},
    ],
    "Substance misuse": [
        {"text": "{lead} should ensure that service users are asked about domestic abuse, as victims and as "
                 "perpetrators, at assessment and review.",
         "action": "Add questions to assessments; train keyworkers.",
         "steps": ["Assessment changed", "Keyworkers trained", "Audit completed"],
         "leads": ["Substance misuse service"]},
    ],
    "Suicidality": [
        {"text": "{lead} should ensure that anyone presenting with suicidal thoughts or self-harm is asked about "
                 "domestic abuse.",
         "action": "Add a domestic abuse question to suicide risk assessments.",
         "steps": ["Assessment updated", "Staff briefed", "Audit completed"],
         "leads": ["Mental health trust", "Acute hospital trust", "GP practices / ICB"]},
        {"text": "{lead} should include domestic abuse in the local suicide prevention plan.",
         "action": "Revise the suicide prevention plan with domestic abuse partners.",
         "steps": ["Partners engaged", "Plan revised", "Plan published"],
         "leads": ["Community safety partnership"]},
    ],
    "Older victims and carers": [
        {"text": "{lead} should ensure that domestic abuse is considered in safeguarding enquiries involving "
                 "older people and their carers.",
         "action": "Revise safeguarding guidance; deliver briefings on abuse of older people.",
         "steps": ["Guidance revised", "Briefings delivered", "Audit of enquiries completed"],
         "leads": ["Adult social care"]},
    ],
    "Housing and homelessness": [
        {"text": "{lead} should ensure that homeless applications by victims of domestic abuse are not closed "
                 "for want of documents that the abuser may be withholding.",
         "action": "Amend the homelessness procedure; brief officers.",
         "steps": ["Procedure amended", "Officers briefed", "Audit completed"],
         "leads": ["Housing"]},
        {"text": "{lead} should work towards accreditation for its response to domestic abuse.",
         "action": "Complete the accreditation self-assessment and action plan.",
         "steps": ["Self-assessment completed", "Action plan delivered", "Accreditation achieved"],
         "leads": ["Housing"]},
    ],
    "Criminal justice contact": [
        {"text": "{lead} should ensure that breaches of bail conditions in domestic abuse cases lead to "
                 "positive action.",
         "action": "Reissue guidance; monitor breach outcomes.",
         "steps": ["Guidance reissued", "Monitoring in place", "Report to partnership"],
         "leads": ["Police"]},
    ],
    "Honour-based abuse and forced marriage": [
        {"text": "{lead} should ensure that staff recognise honour-based abuse and never contact the family when "
                 "it is suspected.",
         "action": "Deliver honour-based abuse training; add guidance to procedures.",
         "steps": ["Training delivered", "Procedures updated", "Audit completed"]},
    ],
    "Immigration status": [
        {"text": "{lead} should ensure that staff know the support available to victims with no recourse to "
                 "public funds.",
         "action": "Publish guidance on support for victims with insecure immigration status.",
         "steps": ["Guidance drafted", "Guidance published", "Staff briefed"],
         "leads": ["Housing", "Specialist domestic abuse service"]},
    ],
}

# Recommendations that ask the lead agency to work with others in the region.
REGIONAL_RECOMMENDATIONS = [
    {"theme": "Invisible perpetrator", "lead": "Police",
     "text": "The police should work with neighbouring forces so that domestic abuse history recorded in another "
             "force area is found and used in risk assessments.",
     "action": "Agree a regional protocol for cross-border history checks.",
     "steps": ["Regional group convened", "Protocol agreed", "Protocol in use"]},
    {"theme": "Risk assessment", "lead": "Police",
     "text": "The police should lead a regional review of MARAC referral thresholds so that they are consistent "
             "across the region.",
     "action": "Compare thresholds across the region; agree a common standard.",
     "steps": ["Comparison completed", "Standard agreed", "Standard adopted"]},
    {"theme": "Criminal justice contact", "lead": "Probation",
     "text": "The probation service should work with regional partners so that domestic abuse enquiries are made "
             "for every person supervised who is in a relationship.",
     "action": "Agree regional standards for domestic abuse enquiries.",
     "steps": ["Standards drafted", "Standards agreed", "Compliance reported"]},
    {"theme": "Routine enquiry", "lead": "GP practices / ICB",
     "text": "The integrated care board should work with neighbouring boards to commission domestic abuse "
             "training and referral support for all GP practices in the region.",
     "action": "Agree joint commissioning across the region.",
     "steps": ["Business case agreed", "Provider appointed", "Programme live"]},
]

# Recommendations addressed to national bodies.
NATIONAL_RECOMMENDATIONS = [
    {"theme": "Risk assessment", "lead": "Home Office",
     "text": "The Home Office should review the national risk identification checklist so that it gives weight "
             "to coercive control, separation and stalking.",
     "action": "Write to the Home Office with the review's findings and ask for a response.",
     "steps": ["Letter sent", "Acknowledgement received", "Response received"]},
    {"theme": "Family involvement", "lead": "Home Office",
     "text": "The Home Office should ensure that families are told when recommendations from a review are "
             "completed.",
     "action": "Write to the Home Office; share through the national network of review chairs.",
     "steps": ["Letter sent", "Raised at national network", "Response received"]},
    {"theme": "Perpetrator services not asking about abuse", "lead": "NHS England",
     "text": "NHS England should ensure that mental health assessments ask about risk to partners and family "
             "members as standard.",
     "action": "Write to NHS England with the review's findings.",
     "steps": ["Letter sent", "Acknowledgement received", "Response received"]},
    {"theme": "Routine enquiry", "lead": "NHS England",
     "text": "NHS England should include routine enquiry about domestic abuse in primary care contracts.",
     "action": "Write to NHS England; raise through the regional safeguarding network.",
     "steps": ["Letter sent", "Raised regionally", "Response received"]},
    {"theme": "Children", "lead": "Department for Education",
     "text": "The Department for Education should ensure that statutory safeguarding guidance recognises "
             "children as victims of domestic abuse in their own right.",
     "action": "Write to the Department for Education with the review's findings.",
     "steps": ["Letter sent", "Acknowledgement received", "Response received"]},
    {"theme": "Child contact used to continue abuse", "lead": "Ministry of Justice",
     "text": "The Ministry of Justice should ensure that the family court has access to police and safeguarding "
             "information about domestic abuse before child arrangements are ordered.",
     "action": "Write to the Ministry of Justice with the review's findings.",
     "steps": ["Letter sent", "Acknowledgement received", "Response received"]},
    {"theme": "Criminal justice contact", "lead": "Ministry of Justice",
     "text": "The Ministry of Justice should ensure that probation officers check the domestic abuse history of "
             "anyone they supervise who is in a relationship.",
     "action": "Write to the Ministry of Justice; share with the regional probation director.",
     "steps": ["Letter sent", "Shared regionally", "Response received"]},
]

THEME_STRATEGY_PRIORITY = {
    "Information sharing": 1, "Multi-agency working": 1, "Record keeping": 1, "Supervision": 1,
    "Family involvement": 1,
    "Training and awareness": 2, "Victim blaming and misread safety strategies": 2, "Coercive control": 2,
    "Equality and diversity": 2, "Honour-based abuse and forced marriage": 2,
    "Routine enquiry": 3, "Professional curiosity": 3, "Risk assessment": 3, "Economic abuse": 3,
    "Mental health": 3, "Substance misuse": 3, "Suicidality": 3, "Older victims and carers": 3,
    "Strangulation": 3,
    "Children": 4, "Child contact used to continue abuse": 4, "Over-reliance on the non-abusing parent": 4,
    "Separation risk": 5, "Referral pathways": 5, "Housing and homelessness": 5, "Stalking": 5,
    "Immigration status": 5,
    "Invisible perpetrator": 6, "Perpetrator services not asking about abuse": 6, "Criminal justice contact": 6,
}

NOT_ACCEPTED_RATIONALES = [
    "Not accepted: the agency's existing policy already requires this, and an audit found it was followed; the gap "
    "was in one team's practice and has been addressed through supervision.",
    "Not accepted: the agency cannot fund a new post; the partnership has instead asked commissioners to consider "
    "the need in the next strategy.",
    "Not accepted: the national body replied that the matter is outside its remit and referred it to the relevant "
    "department.",
]
SUPERSEDED_OUTCOMES = [
    "Superseded by a later recommendation on the same subject, which is being tracked in its place.",
    "Superseded by new statutory guidance, which the agency has adopted in full.",
    "Superseded when the service was recommissioned with this requirement in the specification.",
]
ALREADY_IN_PLACE_OUTCOMES = [
    "Already in place: the policy was updated during the review, and the panel saw the revised version.",
    "Already in place: the agency had introduced this before the review was completed, confirmed by audit.",
]
VERIFIED_OUTCOMES = [
    "Completed. The partnership saw the revised policy and the results of an audit of practice.",
    "Completed. The agency provided the revised documents and a sample of cases showing them in use.",
    "Completed. The new process has been in use for six months and an audit found it working as intended.",
    "Completed. Evidence reviewed by the partnership's learning and review group.",
]

SUMMARY_OPENINGS = {
    "intimate_partner": [
        "{name} was in {their} thirties and had been in a relationship with {perp} for eleven years.",
        "{name} was a mother of two who had lived with {perp} for six years.",
        "{name} was in {their} twenties and had met {perp} about two years before {their} death.",
        "{name} worked in a local shop and was described by friends as warm and generous.",
        "{name} was in {their} forties and had recently told friends that {they} wanted to leave {perp}.",
        "{name} had moved to the city to study, and met {perp} in {their} second year.",
    ],
    "adult_family": [
        "{name} was in {their} seventies and lived with {perp}, who had moved back home after a relationship ended.",
        "{name} was in {their} sixties, had been widowed some years earlier, and cared for {perp}.",
        "{name} lived alone until {perp} moved in with {them} following a period of homelessness.",
        "{name} was in {their} eighties and relied on {perp} for shopping and personal care.",
    ],
    "suicide": [
        "{name} was in {their} thirties and had separated from {perp} about a year before {their} death.",
        "{name} was in {their} twenties and had been in a relationship with {perp} for four years.",
        "{name} was a mother of three who had described years of controlling behaviour by {perp}.",
    ],
    "other": [
        "{name} was in {their} fifties and lived with {perp}.",
        "{name} was found dead at home; {perp} had been the subject of several police reports.",
    ],
}
SUMMARY_DEATHS = {
    "intimate_partner": [
        "{they} was killed by {perp} in {season} {year}. {perp} was convicted of murder.",
        "{they} was killed by {perp} at {their} home in {season} {year}. {perp} pleaded guilty to murder.",
        "{they} died in {season} {year} after an assault by {perp}, who was convicted of manslaughter.",
        "{they} was killed by {perp} in {season} {year}, shortly after {they} had ended the relationship. {perp} "
        "later took his own life.",
    ],
    "adult_family": [
        "{they} was killed by {perp} in {season} {year}. {perp} was convicted of manslaughter on the grounds of "
        "diminished responsibility.",
        "{they} died in {season} {year} after being assaulted by {perp}, who was convicted of murder.",
    ],
    "suicide": [
        "{they} died in {season} {year}. The coroner concluded that {they} took {their} own life.",
        "{they} died in {season} {year} in circumstances the police treated as suspected suicide.",
    ],
    "other": [
        "{they} died in {season} {year}. The cause of death could not be established.",
        "{they} died in {season} {year}; the review was commissioned because of the known history of abuse.",
    ],
}
SUMMARY_CONTACTS = [
    "{agency} and {agency2} had contact with {name} in the years before {their} death, but neither identified the "
    "abuse that family and friends later described.",
    "Several agencies, including {agency}, knew of incidents involving {perp}, but the information was never brought "
    "together.",
    "{name} had disclosed abuse to {agency} once, and was assessed as standard risk.",
    "{agency} had been working with {perp} but did not know about his relationship with {name}.",
    "The review examined contact by {agency}, {agency2} and others over the {years} years before {their} death.",
    "{name}'s family had been worried for a long time and had tried to help {them} leave.",
]
SEASONS = ["the spring of", "the summer of", "the autumn of", "the winter of", "early", "late"]

PAUSE_NOTES = {
    "criminal_trial": "Paused at the request of the senior investigating officer until the criminal trial concluded.",
    "inquest": "Paused pending the coroner's inquest, by agreement with the coroner.",
    "iopc": "Paused while the IOPC investigated the police contact before the death.",
    "sar": "Paused so that a safeguarding adult review could be run in parallel and share its chronology.",
    "child_review": "Paused to align with a child safeguarding practice review concerning the children.",
    "other": "Paused while the family considered whether to take part.",
}

# Agency progress narratives; {step1}..{step3} are the recommendation's milestone steps, lower-cased.
UPDATE_NARRATIVES = {
    "progress": [
        "Progress this quarter: {step1}. Work on the next stage has started and we expect {step2} by the end of next "
        "quarter.",
        "{step1} is done. {step2} is scheduled with the teams concerned, and we remain on track for the target date.",
    ],
    "at_risk": [
        "{step1} is done, but {step2} has slipped because the lead officer has left and the post is vacant. We will "
        "confirm a new lead at the next management meeting.",
        "We cannot complete {step2} before the target date because our system supplier has no release slot. We are "
        "using a manual workaround in the meantime.",
    ],
    "complete": [
        "All actions are complete: {step1}, {step2} and {step3}. The evidence is attached.",
        "This recommendation is now complete. The final milestone ({step3}) was reached this month, and the "
        "supporting documents are attached.",
    ],
}
CHALLENGE_MESSAGE = (
    "Thank you. The attached audit covers only one team. Please extend it to the other teams, or explain why they "
    "are not affected, before we verify completion."
)
MORE_EVIDENCE_MESSAGE = "Please attach the revised policy itself, not the covering email, so that we can verify it."
