"""A fourth held-out set of everyday bad status sentences: measured once, with no rule edits after.

Written after the third round of tuning, in voices not used before: a cloud
records supplier's incident timeline, a bleep system supplier, the digital
team's newsletter, a change notice to wards, a cyber incident holding
statement, a reply from the service desk, a finance system notice for month
end, and the IT night shift's handover.
"""

BAD_SENTENCES_FOURTH = [
    # A cloud records supplier's incident timeline.
    "09:12 UTC - Our monitoring systems alerted us to elevated latency in the EU-West region.",
    "09:40 UTC - Mitigation steps are being applied.",
    "10:05 UTC - We are observing signs of recovery.",
    "10:30 UTC - The incident is resolved; a post-incident report will follow.",
    "Some customers may have experienced failed requests during this period.",
    "We are committed to providing a reliable service and apologise for the impact.",
    "We will be taking steps to harden our platform against similar events.",
    # A bleep system supplier.
    "Message delivery to handsets is currently delayed.",
    "The paging gateway is experiencing a high volume of traffic.",
    "Engineers are aware and are working to restore full functionality.",
    "Handsets may need to be power cycled once service is restored.",
    "We apologise for any disruption to clinical services.",
    # The digital team's newsletter.
    "We have some exciting news to share about our new EPR.",
    "The new platform will transform the way we work.",
    "Clinicians will be empowered to make better decisions at the point of care.",
    "Watch this space for more updates!",
    "A big thank you to everyone who has supported this journey so far.",
    "Our digital champions will be on hand to support you.",
    # A change notice to wards.
    "Change CHG0034512 has been approved for implementation on Sunday.",
    "Impact to end users is expected to be minimal.",
    "The change window is 22:00 to 04:00 with a back-out plan in place.",
    "The system will be unavailable for the duration of the change.",
    "Please ensure all work is saved prior to the start of the change.",
    "Any work not saved may be lost.",
    # A cyber incident holding statement.
    "We are aware of a cyber security incident affecting some of our systems.",
    "As a precaution, a number of systems have been taken offline.",
    "We are working closely with national partners to investigate.",
    "There is currently no evidence that patient data has been accessed.",
    "We will provide further updates as and when appropriate.",
    "Staff should continue to follow business continuity arrangements.",
    # A reply from the service desk.
    "Thank you for contacting the IT Service Desk.",
    "Your incident has been logged with reference INC0098231.",
    "An analyst will be in touch within our agreed service levels.",
    "Please do not reply to this email as this mailbox is not monitored.",
    "If you have not heard back within 5 working days, please chase via the portal.",
    "We have resolved your incident; if you believe this is incorrect please reopen it.",
    # A finance system notice for month end.
    "Month-end processing will commence at 18:00 on the last working day.",
    "The finance system will be locked down during this time.",
    "Journals submitted after the cut-off will be processed in the next period.",
    "Any queries should be directed to the finance systems team in the first instance.",
    "Reports may show inaccurate data until overnight batch processing completes.",
    "Apologies for the short notice but this is out of our hands.",
    # The IT night shift's handover.
    "Core switch in DC2 threw errors around 02:00, auto-recovered.",
    "Citrix farm sluggish overnight, one server pulled from rotation.",
    "Backups overran, DBA aware.",
    "Monitoring alerts on the lab box, probably noise.",
    "Two P3s outstanding, nothing major.",
    "Ward 9 kept ringing about the PCs, told them to restart.",
    "Left a note for day shift re the patching.",
    # Plus a few from anywhere.
    "The application is experiencing performance degradation.",
    "We are currently working towards a resolution.",
    "All affected parties will be notified in due course.",
    "Services are gradually being brought back online.",
    "It is advised that staff log out and back in again.",
    "Unfortunately we are not able to provide a timescale at this stage.",
    "Please note this is a Trust-wide issue.",
    "This has now been rectified.",
    "We would like to apologise for the delay in communicating this.",
    "The root cause is still under investigation.",
    "Hopefully this will be resolved soon.",
    "Thanks in advance for your cooperation.",
    "This only affects a handful of users.",
    "Everything is back to normal.",
]
