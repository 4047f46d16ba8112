"""Everyday bad status sentences, held out from the rules: the tone check should flag most.

Written after the vocabulary in macros/tone/rules/ was committed, without
editing any rule, in the voices of three kinds of IT team: terse operations
notes, corporate communications, and a supplier's status page, plus the
in-house IT team on a bad day. Each sentence is something such a team would
really post and a nurse at 3 a.m. would struggle with: jargon, an empty
apology or thanks, a time with no time in it, blame, evasion, a vague promise
or benefit, or talk about "users" and "customers".
"""

BAD_SENTENCES = [
    # Terse operations notes.
    "EHR slow, investigating.",
    "Pharmacy app down. Engineers engaged.",
    "Printing issues on level 3 - looking into it.",
    "PACS unavailable. Vendor on the call.",
    "Citrix sessions dropping, we're on it.",
    "Email delays - messages queued, will clear.",
    "Wifi flaky in ED, known issue.",
    "Bleeps not delivering. Cause unknown. Update to follow.",
    "Server rebooted, should be fine now.",
    "Fixed. Monitoring.",
    "Lab interface down since 0300, backlog being processed.",
    "Still down. No ETA from supplier.",
    "Logins failing for some accounts, AD sync issue.",
    "Storage full on the reporting box, clearing space.",
    "All good now, root cause TBC.",
    "Team are aware and working on it.",
    "Work is ongoing to resolve.",
    # Corporate communications.
    "We are currently experiencing an issue with the patient administration system "
    "and are working to restore service as quickly as possible.",
    "Please be aware that some services may be unavailable this evening.",
    "We sincerely apologise for the disruption this has caused to your working day.",
    "Thank you for bearing with us while our teams work on a fix.",
    "We would like to reassure all colleagues that no patient data has been compromised.",
    "Our teams are working around the clock to get things back up and running.",
    "We appreciate this is a busy time and apologise for any disruption.",
    "Further information will be shared in due course.",
    "The IT department would like to thank staff for their continued patience.",
    "Colleagues are reminded to save their work regularly during this period.",
    "This essential work will ensure our systems remain secure and resilient.",
    "We recognise the impact this has had on clinical teams and are committed to "
    "learning from this.",
    "An update will be issued later today.",
    "Normal service is expected to resume shortly.",
    "The Trust's IT provider has identified the cause and is implementing a fix.",
    "Affected staff will be contacted directly.",
    "We regret that the upgrade overran.",
    "Please accept our apologies for the short notice.",
    "This has been escalated to senior management.",
    "We take this matter very seriously.",
    "Unfortunately this was unavoidable.",
    "Heads up: planned works on Saturday may cause some disruption.",
    "The system will be offline for a period on Saturday.",
    # A supplier's status page.
    "Customers may observe elevated error rates when accessing the application.",
    "A subset of tenants is experiencing increased response times.",
    "Our engineering team has deployed a mitigation and is monitoring for recurrence.",
    "The incident has been mitigated and services are recovering.",
    "We have identified a regression introduced in the latest release.",
    "Scheduled maintenance will be performed on the production cluster.",
    "During this window, the service will be in read-only mode.",
    "No action is required from customers.",
    "A full RCA will be published within 5 business days.",
    "This release includes performance and stability enhancements.",
    "Users may need to clear their browser cache and re-authenticate.",
    "We are rolling out a fix across all regions.",
    "The issue was caused by an unexpected spike in traffic.",
    "Some requests may fail with a 503 response.",
    "Connectivity to the EU data centre has been restored.",
    # The in-house IT team on a bad day.
    "The network team are looking at a faulty switch in the comms room.",
    "Due to a power issue, the server room UPS kicked in.",
    "The new version will bring a better experience for all staff.",
    "Staff who didn't restart their PCs last night will see the old version.",
    "Please log a call with the service desk quoting the incident number.",
    "The outage affected approx. 200 users.",
    "It's not an IT issue, please contact the supplier directly.",
    "An emergency change was implemented to address the problem.",
    "We'll be in touch once we know more.",
    "Apologies for any inconvenience caused.",
    "Cause was a misconfigured firewall rule pushed during routine changes.",
    "Single sign-on is intermittently failing for clinical users.",
]
