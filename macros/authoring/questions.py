"""The questions asked at the terminal for what a command was not given."""

from __future__ import annotations

from macros.prompting import Question

TITLE = Question("title", "--title", "What do people notice, in one short sentence?",
                 "Patient records are slow to open")
AFFECTS = Question("affects", "--affects", "Who is affected, in people's words?",
                   "Wards and clinics on the main site")
WORKAROUND = Question("workaround", "--workaround", "What can people do meanwhile?",
                      "Use the read-only viewer on the ward PC for urgent look-ups.")
INCIDENT_QUESTIONS = [
    TITLE, AFFECTS,
    Question("message", "--message", "What is happening, and what are we doing about it?",
             "Patient records take up to a minute to open. We are working on it."),
    WORKAROUND,
]
MAINTENANCE_QUESTIONS = [
    Question("title", "--title", "What is the work, in plain words?", "Patient records upgrade"),
    Question("affects", "--affects", "Who is affected, in people's words?",
             "Everyone who uses patient records"),
    Question("why", "--why", "Why is the work needed?",
             "The new version fixes the slow search on the results screen."),
    Question("benefit", "--benefit", "How will it help people afterwards?",
             "Results will open in seconds instead of half a minute."),
    Question("prepare", "--prepare", "What should people do before it starts?",
             "Print the ward handover sheet before 21:30.", required=False, many=True),
    Question("during", "--during", "What still works during the work, and what should "
             "people use instead?", "Use the downtime forms. The read-only viewer stays on."),
    Question("contact", "--contact", "Who should people call?",
             "Service desk, ext. 4444, 24 hours"),
]
UPDATE_MESSAGE = Question("message", "--message", "What has changed? Say what people notice "
                          "now.", "Records open in a few seconds again. We are watching.")
DATA_IMPACT = Question("data_impact", "--data-impact", "Was anything lost? Say so plainly, "
                       "even if nothing was.", "No records, orders or results were lost.")
RESOLVE_MESSAGE = Question("message", "--message", "What is working again?",
                           "Patient records open normally again.")
