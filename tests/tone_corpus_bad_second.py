"""A second held-out set of everyday bad status sentences, written after the rules were tuned.

The first held-out set (tone_corpus_bad.py) was used to improve the rules, so
its flag rate is no longer an honest measure. This set was written afterwards,
without editing any rule, in other voices again: a managed service provider,
a clinical system supplier's release notes, an all-staff bulletin, an
outsourced service desk, a security team notice, a payroll supplier and the
night on-call engineer.
"""

BAD_SENTENCES_SECOND = [
    # A managed service provider's notice.
    "Our NOC has detected an anomaly affecting your environment.",
    "Engineers have been dispatched to site and will provide an update upon arrival.",
    "The fault has been isolated to a line card in the core chassis.",
    "A change has been raised to replace the faulty component out of hours.",
    "Service restoration is currently estimated at 4 hours.",
    "We will continue to provide updates at regular intervals.",
    "This incident is being managed as a P1 in accordance with the contract.",
    "Please quote reference MSP-44821 in all correspondence.",
    # A clinical system supplier's release notes.
    "Version 9.4 introduces a refreshed look and feel across the application.",
    "Several known defects have been addressed in this build.",
    "Users will benefit from faster load times and improved navigation.",
    "The upgrade is mandatory and cannot be deferred.",
    "Post-upgrade, some users may notice minor cosmetic changes.",
    "Existing workflows remain unchanged for the vast majority of users.",
    "Customers are advised to review the release notes prior to go-live.",
    "Downtime is estimated at between 2 and 6 hours depending on database size.",
    # An all-staff bulletin.
    "Dear colleagues, as you may be aware, we experienced a significant IT incident on Tuesday.",
    "We understand how difficult this has been for everyone.",
    "Teams went above and beyond to keep services running.",
    "A full review is under way and findings will be shared in due course.",
    "Thank you all for your resilience and flexibility during this challenging time.",
    "We would ask all staff to remain vigilant.",
    "The IT service is committed to delivering a first-class experience.",
    "This will enable us to better support you going forward.",
    # An outsourced service desk.
    "Your request has been assigned to the relevant resolver group.",
    "We are experiencing high call volumes and wait times may be longer than usual.",
    "Please try turning it off and on again before contacting us.",
    "Self-service options are available 24/7 via the portal.",
    "If your issue is not urgent, please raise it online.",
    "Your ticket has been closed as no response was received.",
    "The engineer was unable to gain access to the device.",
    "Please ensure your device is connected to the network before we can assist.",
    # A security team notice.
    "We have seen an increase in phishing attempts targeting staff mailboxes.",
    "Accounts showing suspicious activity have been temporarily disabled.",
    "Passwords must be reset in line with policy.",
    "Do not click on links from unknown senders.",
    "A number of devices were found to be non-compliant and have been quarantined.",
    "Multi-factor authentication will be enforced from next month.",
    "Staff who fail to complete the training will have their access suspended.",
    # A payroll supplier.
    "Payroll processing is delayed due to a third-party issue.",
    "Payslips will be available as normal once processing completes.",
    "Any discrepancies should be raised via the usual channels.",
    "The BACS run has been resubmitted and funds will clear as per standard timescales.",
    "We apologise that this falls outside our normal service levels.",
    # The night on-call engineer.
    "DB failed over to secondary, apps reconnecting.",
    "Looks like the cert expired, renewing now.",
    "Rebooting the box, back in 10.",
    "Spooler hung on the east wing print server, restarted.",
    "Switch stack in block C lost power, on UPS now.",
    "Root cause looks like a bad GPO push last night.",
    "Everything green again, will keep an eye on it.",
    "No idea yet, digging.",
    "Wards reporting slowness, checking SAN.",
    "Nothing we can do until the vendor calls back.",
    "Someone unplugged the switch in the ward 7 store room.",
    # Corporate comms on a bad day.
    "Unfortunately, due to technical reasons, the upgrade could not go ahead as planned.",
    "We will look to reschedule at a more convenient time.",
    "Normal service will resume as soon as practicably possible.",
    "Colleagues are asked to bear with the service desk at this busy time.",
    "It is anticipated that the system will be available by close of play.",
    "The decision has been taken to extend the downtime.",
    "We have put measures in place to prevent a recurrence.",
    "Any issues, give us a shout.",
]
