"""A fifth held-out set of everyday bad status sentences: the last honest measure.

Written after the rules were tuned on the fourth set, and measured with no
rule edits afterwards. New voices again: an imaging supplier, the
switchboard and telecoms team, a new starter on the service desk, the chief
information officer, a shared HR and payroll service, a Wi-Fi contractor,
an on-call text, the information governance team, a laboratory system
supplier and the estates team's power test.
"""

BAD_SENTENCES_FIFTH = [
    # An imaging supplier.
    "A service interruption affecting image retrieval has been reported.",
    "Our technical team is actively working on restoring normal operations.",
    "Studies acquired during the outage will be back-populated automatically.",
    "Customers do not need to take any action at this point.",
    "We appreciate your continued partnership.",
    "The root cause has been traced to a storage controller firmware defect.",
    # The switchboard and telecoms team.
    "Due to a carrier fault, inbound calls to some extensions are failing.",
    "Our telephony provider has been made aware.",
    "Internal calls are unaffected at present.",
    "Please use alternative means of communication where possible.",
    "Bleep holders should remain contactable via mobile where available.",
    "A further update will be circulated once we hear back from BT.",
    # A new starter on the service desk.
    "Hi all, just to let you know the internet is a bit slow today.",
    "We think it's something to do with the network but not sure yet.",
    "It should hopefully be fixed by the end of the day, fingers crossed.",
    "If it's really urgent just pop in and see us.",
    "Sorry for any bother this causes!",
    # The chief information officer.
    "I want to personally reassure you that patient safety is our top priority.",
    "This was a complex technical issue that required specialist input.",
    "Our teams responded swiftly and professionally.",
    "We will conduct a thorough review and share the learning.",
    "I'm incredibly proud of how everyone pulled together.",
    "Investment in resilience remains a key priority for the organisation.",
    # A shared HR and payroll service.
    "The self-service portal is currently undergoing scheduled maintenance.",
    "Employees will be unable to view payslips or submit expenses during this window.",
    "Expense claims submitted after the deadline will roll over to the following month.",
    "We thank you for your patience as we continue to improve our services.",
    "For urgent matters please log a case through the usual route.",
    # A Wi-Fi contractor.
    "Works will involve the replacement of wireless infrastructure across Level 4.",
    "Some temporary loss of Wi-Fi coverage should be expected.",
    "Engineers will require access to ceiling voids in clinical areas.",
    "We will endeavour to minimise disruption to clinical activity.",
    "Works are scheduled to complete within the allotted timeframe.",
    # An on-call text.
    "EPR down hard. All hands. Bridge open.",
    "Vendor says ETA 1hr, don't hold your breath.",
    "Users hammering the desk, need comms out ASAP.",
    "Restarted app pool, looks stable for now.",
    "Will do a proper write-up tomorrow.",
    # The information governance team.
    "An information governance incident has been identified.",
    "A limited number of records may have been viewed by an unauthorised party.",
    "The matter has been reported to the ICO in line with our obligations.",
    "Affected individuals will be contacted in due course.",
    "Staff are reminded of their responsibilities under data protection legislation.",
    # A laboratory system supplier.
    "The LIMS experienced an unexpected service outage overnight.",
    "Results generated between 01:00 and 04:00 were queued and have now been released.",
    "A small number of results may appear out of sequence.",
    "Clinicians are requested to verify any results received during the affected period.",
    "We regret any impact on patient care.",
    # The estates team's power test.
    "Planned generator testing will take place on Saturday morning.",
    "A short break in mains supply is anticipated.",
    "IT equipment not connected to essential supply may power down.",
    "Departments are responsible for ensuring critical devices are on red sockets.",
    "Estates accept no liability for data loss.",
    # Anywhere, any week.
    "We are investigating an issue impacting a subset of users.",
    "A fix has been identified and is being deployed.",
    "The service is now stable.",
    "Apologies again for the disruption.",
    "We will continue to monitor closely over the coming days.",
    "Please raise any further issues via the normal process.",
    "Normal operations have resumed.",
    "The issue has been resolved and no further action is required.",
]
