"""`bedside notify`: tell people in Teams, Slack and email what the status page says, once.

config (notify.yml) -> plan (what each channel still needs) -> compose (the
page's sentences) -> payloads / mail (laid out per channel) -> send -> record.
"""
