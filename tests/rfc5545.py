"""RFC 5545's own rules for an iCalendar file, checked line by line.

icalendar parses leniently (it reads files no calendar app should accept), so
the tests check the file against the RFC as well: lines, characters, the
components and the properties each must have.
"""

from __future__ import annotations

import re
from datetime import datetime

import icalendar

MAX_OCTETS = 75  # a content line, without its CRLF (section 3.1)
_CONTENT_LINE = re.compile(r'^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)'
                           r'(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$')
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")  # CONTROL: all but HTAB (section 3.1)
# A backslash starts an escape pair; read pairs left to right, so "\\\\" is one pair.
_BAD_ESCAPE = re.compile(r"\\(?:[\\;,nN]|(.|$))")
_UNESCAPED = re.compile(r"(?<!\\)(?:\\\\)*[,;]")
# Properties whose value is one TEXT (commas and semicolons must be escaped).
TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "NAME", "X-WR-CALNAME", "X-WR-CALDESC",
                   "PRODID", "LOCATION", "COMMENT"}
UTC_PROPERTIES = {"DTSTAMP", "CREATED", "LAST-MODIFIED"}  # always in UTC (3.8.7)
REQUIRED = {  # component -> properties it must have exactly once
    "VCALENDAR": {"PRODID", "VERSION"},
    "VEVENT": {"UID", "DTSTAMP", "DTSTART"},
    "VTIMEZONE": {"TZID"},
    "STANDARD": {"DTSTART", "TZOFFSETTO", "TZOFFSETFROM"},
    "DAYLIGHT": {"DTSTART", "TZOFFSETTO", "TZOFFSETFROM"},
}
ONCE = {  # properties that may appear at most once
    "VCALENDAR": {"PRODID", "VERSION", "CALSCALE", "METHOD"},
    "VEVENT": {"UID", "DTSTAMP", "DTSTART", "DTEND", "CREATED", "LAST-MODIFIED", "SEQUENCE",
               "STATUS", "SUMMARY", "DESCRIPTION", "URL", "TRANSP"},
    "VTIMEZONE": {"TZID", "LAST-MODIFIED", "TZURL"},
}


class Component:
    """A component as read from the lines: its name, properties and children."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.properties: list[tuple[str, str, str]] = []  # (name, params, value)
        self.children: list[Component] = []

    def values(self, name: str) -> list[str]:
        return [value for prop, _, value in self.properties if prop == name]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def text_value(raw: str) -> str:
    """A TEXT value as a reader gets it (icalendar leaves NAME and X- properties escaped)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1),
                  str(raw))


def unfolded_lines(data: bytes, problems: list[str]) -> list[str]:
    """The content lines of `data`, unfolded; line and character problems go to `problems`."""
    if not data.endswith(b"\r\n"):
        problems.append("the file does not end with CRLF")
    physical = data.split(b"\r\n")[:-1]
    lines: list[str] = []
    for number, raw in enumerate(physical, start=1):
        if b"\n" in raw or b"\r" in raw:
            problems.append(f"line {number}: a bare line break (lines end with CRLF)")
        if len(raw) > MAX_OCTETS:
            problems.append(f"line {number}: {len(raw)} octets (at most {MAX_OCTETS})")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number}: not UTF-8")
            continue
        if text[:1] in (" ", "\t") and lines:
            lines[-1] += text[1:]
        else:
            lines.append(text)
    return lines


def parse(lines: list[str], problems: list[str]) -> list[Component]:
    """The top-level components of unfolded `lines`."""
    top: list[Component] = []
    stack: list[Component] = []
    for line in lines:
        match = _CONTENT_LINE.match(line)
        if not match:
            problems.append(f"not a content line: {line!r}")
            continue
        name, params, value = match.group(1).upper(), match.group(2), match.group(3)
        if _CONTROL.search(value):
            problems.append(f"{name}: a control character in {value!r}")
        if name == "BEGIN":
            component = Component(value.upper())
            (stack[-1].children if stack else top).append(component)
            stack.append(component)
        elif name == "END":
            if not stack or stack[-1].name != value.upper():
                problems.append(f"END:{value} does not close "
                                f"{stack[-1].name if stack else 'anything'}")
            else:
                stack.pop()
        elif not stack:
            problems.append(f"{name} outside any component")
        else:
            stack[-1].properties.append((name, params, value))
    if stack:
        problems.append(f"{stack[-1].name} is never closed")
    return top


def _utc(value: str) -> datetime:
    return datetime.strptime(value, "%Y%m%dT%H%M%SZ")


def check_component(component: Component, zones: set[str], problems: list[str]) -> None:
    """The rules for one component's properties."""
    where = component.name
    names = [prop for prop, _, _ in component.properties]
    for prop in REQUIRED.get(where, set()):
        if names.count(prop) != 1:
            problems.append(f"{where} has {names.count(prop)} {prop} (exactly 1 required)")
    for prop in ONCE.get(where, set()):
        if names.count(prop) > 1:
            problems.append(f"{where} has {names.count(prop)} {prop} (at most 1)")
    for prop, params, value in component.properties:
        if prop in TEXT_PROPERTIES:
            if any(m.group(1) is not None for m in _BAD_ESCAPE.finditer(value)):
                problems.append(f"{where} {prop}: a backslash that escapes nothing: {value!r}")
            if _UNESCAPED.search(value):
                problems.append(f"{where} {prop}: an unescaped comma or semicolon: {value!r}")
        if prop in UTC_PROPERTIES and where == "VEVENT":
            try:
                _utc(value)
            except ValueError:
                problems.append(f"{where} {prop}: {value!r} is not a UTC date-time")
        tzid = re.search(r";TZID=([^;:]*)", params)
        if tzid and tzid.group(1) not in zones:
            problems.append(f"{where} {prop}: TZID {tzid.group(1)} has no VTIMEZONE")
    if where == "VCALENDAR":
        if component.values("VERSION") != ["2.0"]:
            problems.append(f"VERSION is {component.values('VERSION')}, not 2.0")
        if not component.children:
            problems.append("VCALENDAR holds no component (at least one is required)")
    if where == "VEVENT":
        if "DTEND" in names and "DURATION" in names:
            problems.append("VEVENT has both DTEND and DURATION")
        for sequence in component.values("SEQUENCE"):
            if not sequence.isdigit():
                problems.append(f"SEQUENCE {sequence!r} is not a number of 0 or more")
        for status in component.values("STATUS"):
            if status not in ("TENTATIVE", "CONFIRMED", "CANCELLED"):
                problems.append(f"VEVENT STATUS {status!r} is not allowed")
    if where == "VTIMEZONE" and not any(c.name in ("STANDARD", "DAYLIGHT")
                                        for c in component.children):
        problems.append("VTIMEZONE has no STANDARD or DAYLIGHT")


def problems_of(data: bytes) -> list[str]:
    """Everything in `data` that breaks RFC 5545 (empty when the file is valid)."""
    problems: list[str] = []
    top = parse(unfolded_lines(data, problems), problems)
    if [c.name for c in top] != ["VCALENDAR"]:
        problems.append(f"the file holds {[c.name for c in top]}, not one VCALENDAR")
    zones = {value for c in top for sub in c.walk() if sub.name == "VTIMEZONE"
             for value in sub.values("TZID")}
    for calendar in top:
        for component in calendar.walk():
            check_component(component, zones, problems)
    try:
        parsed = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        return [*problems, f"icalendar cannot read it: {error}"]
    for event in parsed.walk("VEVENT"):
        if "DTEND" in event and event["DTEND"].dt <= event["DTSTART"].dt:
            problems.append(f"{event['UID']}: DTEND is not after DTSTART")
    return problems

