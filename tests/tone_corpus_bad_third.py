"""A third held-out set of everyday bad status sentences: the honest measure.

Written after the rules were tuned on the first two sets, and measured
without editing any rule afterwards. Other voices again: an "IT service
alert" email, posts in a Teams channel, a telephony supplier's advisory, an
intranet news item about an upgrade, the clinical systems team, a
post-incident summary, a service desk voicemail and a programme update.
"""

BAD_SENTENCES_THIRD = [
    # An "IT service alert" email.
    "IT Service Alert: Degradation of Clinical Portal.",
    "Impact: Users accessing the portal may encounter slow page loads or timeouts.",
    "Status: Investigation in progress.",
    "Next update: To be provided when available.",
    "Workaround: None at present.",
    "Priority: High.",
    "Services affected: Multiple.",
    # Posts in a Teams channel.
    "Heads-up all, we're seeing some weirdness with Outlook this morning.",
    "Anyone else having probs with the printers on 2nd floor?",
    "Should be sorted now, shout if not!",
    "Quick one: the shared drive is playing up, bear with.",
    "Sorry folks, the fix didn't take, back to the drawing board.",
    "FYI the label printers are getting swapped out next week sometime.",
    "Reminder to log off properly at the end of your shift people!!",
    # A telephony supplier's advisory.
    "Our network operations team will be carrying out essential upgrade works on the "
    "voice platform.",
    "Customers may experience a brief loss of service during the maintenance period.",
    "Calls in progress may be dropped.",
    "No customer action is required.",
    "We thank you for your understanding.",
    "Should you experience any issues following the works, please contact our support "
    "team quoting your account number.",
    # An intranet news item about an upgrade.
    "The new system is a game-changer for how we deliver care.",
    "It offers a modern, intuitive interface designed with clinicians in mind.",
    "Staff will enjoy seamless access to patient information wherever they are.",
    "The upgrade represents a significant investment in our digital infrastructure.",
    "This is an exciting step on our digital journey.",
    "Training will be rolled out to all relevant staff groups in due course.",
    # The clinical systems team.
    "Following the upgrade, a number of forms are not displaying correctly.",
    "The team are currently working through the issues raised.",
    "Please report any anomalies to the service desk.",
    "Please do not use the new discharge template until further notice.",
    "Existing records are unaffected.",
    "A patch is being tested and will be applied once signed off.",
    "We are liaising with the supplier regarding a permanent fix.",
    # A post-incident summary.
    "On Tuesday at approximately 14:20, a network event occurred which resulted in a loss "
    "of connectivity.",
    "The root cause was identified as a hardware failure within the core network.",
    "Remediation actions have been completed.",
    "Lessons identified will be incorporated into our processes.",
    "The incident was closed at 17:45 following confirmation of stability.",
    "Total duration of impact was 3 hours 25 minutes.",
    "Several services were impacted to varying degrees.",
    # A service desk voicemail.
    "You have reached the IT service desk.",
    "All of our agents are currently busy.",
    "Your call is important to us.",
    "For password resets, please use the self-service portal.",
    "If your query relates to a known issue, please check the intranet for updates.",
    "Please hold and an agent will be with you shortly.",
    # A programme update.
    "The programme remains on track to deliver against key milestones.",
    "Workstreams are progressing well and risks are being actively managed.",
    "Go-live has been re-baselined to Q3.",
    "Further engagement sessions will be scheduled with key stakeholders.",
    "Benefits realisation will be tracked post-implementation.",
    "We are leveraging best practice from other trusts.",
    # Odds and ends from a bad week.
    "Apologies for the radio silence.",
    "The issue appears to be isolated to a small number of devices.",
    "This was caused by staff not following the correct procedure.",
    "Please refrain from calling the service desk about this issue.",
    "The system went down due to unforeseen circumstances.",
    "We are working with our partners to understand the root cause.",
    "Your patience during this time is greatly appreciated.",
    "All services are now fully operational.",
    "Further details to follow.",
    "Normal service has been resumed.",
]
