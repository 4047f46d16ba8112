"""The playbook as its readers meet it.

Every practice page has the full anatomy (summary box, numbered steps, an
example, templates, related practices); checklists are real checkboxes;
headings form an outline a screen reader can walk; the site search finds
pages by the words a nurse would type; tags come from the agreed sets; the
downtime examples and templates use the status page's own sentences; and
the playbook agrees with itself: the rules it prints come from the change
calendar, and its examples keep the rules printed next to them.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from tests.dom import Node, content, parse
from tests.helpers import REPO, Build

DOCS = REPO / "docs"
PLAYBOOK = DOCS / "playbook"
SAMPLES = REPO / "macros" / "samples" / "status"
NOW = "2026-11-20T08:30+00:00"

AUDIENCE = {"clinical", "admin", "finance", "IT"}
PHASE = {"before", "during", "after"}
SUMMARY_LABELS = {
    "what": "What it is",
    "why": "Why it matters",
    "when": "When to use it",
    "time": "Time required",
    "who": "Who takes part",
}
ANATOMY = ("How to do it", "Example from Eastbrook", "Templates to copy", "Related practices")

# The pages the playbook must have (issue 7), by path inside docs/playbook/.
REQUIRED_PRACTICES = {
    "interviews/planning.md", "interviews/question-bank.md", "interviews/workshop.md",
    "interviews/what-we-heard.md",
    "rollout/before.md", "rollout/go-live.md", "rollout/after.md",
    "support/triage.md", "support/bedside-manner.md", "support/follow-up-call.md",
    "support/out-of-hours.md", "support/month-end.md", "support/handover.md",
    "downtime/communicating.md", "downtime/templates.md",
}
REQUIRED_PAGES = {"index.md", "tags.md", "cases/ehr-rollout.md", "cases/month-end-weekend.md"}

TASK_LINE = re.compile(r"^\s*[-*+] \[[ xX]\] ", re.M)
FENCE = re.compile(r"^```.*?^```", re.M | re.S)


HEADING = re.compile(r"^h([1-6])$")


def headings(root: Node) -> list[tuple[int, str]]:
    return [(int(HEADING.match(n.tag).group(1)), n.text())
            for n in root.iter() if HEADING.match(n.tag)]


def section(article: Node, title: str, level: int = 2) -> list[Node]:
    """The elements after the heading called `title`, up to the next heading of its level
    or above (same parent)."""
    tag = f"h{level}"
    heading = next((n for n in article.iter() if n.tag == tag and n.text() == title), None)
    assert heading is not None, f'the page has no "{title}" section'
    siblings = [c for c in heading.parent.children if isinstance(c, Node)]
    start = siblings.index(heading) + 1
    out = []
    for node in siblings[start:]:
        if HEADING.match(node.tag) and int(node.tag[1]) <= level:
            break
        out.append(node)
    return out


# --- the source pages --------------------------------------------------------

def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    return yaml.safe_load(match.group(1)) if match else {}


def body_of(path: Path) -> str:
    return re.sub(r"^---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), count=1, flags=re.S)


def page_url(path: Path) -> str:
    """Site-relative address of a Markdown page (use_directory_urls)."""
    rel = path.relative_to(DOCS).with_suffix("").as_posix()
    if rel.endswith("index"):
        return rel[: -len("index")]
    return rel + "/"


def playbook_pages() -> list[Path]:
    return sorted(PLAYBOOK.rglob("*.md"))


def practice_pages() -> list[Path]:
    return [p for p in playbook_pages() if front_matter(p).get("template") == "practice.html"]


def checklist_pages() -> list[Path]:
    return [p for p in playbook_pages() if TASK_LINE.search(FENCE.sub("", body_of(p)))]


def ids(paths: list[Path]) -> list[str]:
    return [p.relative_to(PLAYBOOK).as_posix() for p in paths]


def squash(text: str) -> str:
    return " ".join(html.unescape(text).split())


@pytest.fixture(scope="module")
def site(site_builds: Callable[..., Build]) -> Build:
    """The site built with Eastbrook's change calendar (the pages print it)."""
    build = site_builds("calendar", NOW)
    assert build.returncode == 0, f"the site did not build:\n{build.output}"
    return build


# --- which pages exist -------------------------------------------------------

def test_the_playbook_has_every_page_the_issue_asks_for() -> None:
    practices = set(ids(practice_pages()))
    assert practices >= REQUIRED_PRACTICES, \
        f"missing or not using practice.html: {sorted(REQUIRED_PRACTICES - practices)}"
    pages = set(ids(playbook_pages()))
    assert pages >= REQUIRED_PAGES, f"missing pages: {sorted(REQUIRED_PAGES - pages)}"


# --- the anatomy of a practice page ------------------------------------------

@pytest.mark.parametrize("path", practice_pages(), ids=ids(practice_pages()))
def test_practice_front_matter_is_complete(path: Path) -> None:
    meta = front_matter(path)
    summary = meta.get("summary") or {}
    missing = [key for key in SUMMARY_LABELS if not str(summary.get(key) or "").strip()]
    assert not missing, f"{path.name}: summary is missing {missing}"
    related = meta.get("related") or []
    assert related, f"{path.name}: no related practices"
    for target in related:
        assert (DOCS / target).is_file(), f"{path.name}: related page {target} does not exist"
        assert target != path.relative_to(DOCS).as_posix(), f"{path.name} lists itself"


@pytest.mark.parametrize("path", practice_pages(), ids=ids(practice_pages()))
def test_practice_page_shows_the_summary_box_under_its_title(site: Build, path: Path) -> None:
    article = content(site, page_url(path))
    box = article.find("aside", "practice-summary")
    labels = [dt.text() for dt in box.find_all("dt")]
    assert labels == list(SUMMARY_LABELS.values())
    summary = front_matter(path)["summary"]
    shown = [dd.text() for dd in box.find_all("dd")]
    assert shown == [squash(str(summary[key])) for key in SUMMARY_LABELS]
    assert box.find_all(cls="practice-summary__missing") == []

    order = [n for n in article.iter() if n.tag in ("h1", "h2") or n is box]
    assert [n.tag for n in order[:2]] == ["h1", "aside"], "the summary box must follow the title"
    assert order[0].text() == front_matter(path)["title"]


@pytest.mark.parametrize("path", practice_pages(), ids=ids(practice_pages()))
def test_practice_page_sections_come_in_order(site: Build, path: Path) -> None:
    article = content(site, page_url(path))
    titles = [text for level, text in headings(article) if level == 2]
    positions = [titles.index(name) if name in titles else -1 for name in ANATOMY]
    assert -1 not in positions, f"sections found: {titles}"
    assert positions == sorted(positions), f"sections out of order: {titles}"


@pytest.mark.parametrize("path", practice_pages(), ids=ids(practice_pages()))
def test_practice_page_has_steps_an_example_and_templates(site: Build, path: Path) -> None:
    article = content(site, page_url(path))
    steps = [n for n in section(article, "How to do it") if n.tag == "ol"]
    assert steps and len(steps[0].find_all("li")) >= 3, "How to do it needs numbered steps"

    example = " ".join(n.text() for n in section(article, "Example from Eastbrook"))
    assert len(example.split()) >= 40, "the example is too thin to learn from"

    blocks = [pre for n in section(article, "Templates to copy") for pre in n.find_all("pre")]
    assert blocks, "Templates to copy has nothing to copy"
    assert all(pre.text() for pre in blocks)


@pytest.mark.parametrize("path", practice_pages(), ids=ids(practice_pages()))
def test_related_practices_link_to_real_pages(site: Build, path: Path) -> None:
    article = content(site, page_url(path))
    related = front_matter(path)["related"]
    items = article.find("ul", "practice-related")
    assert items.find_all(cls="practice-related__missing") == []
    links = items.find_all("a")
    assert len(links) == len(related)
    here = page_url(path)
    for link, target in zip(links, related, strict=True):
        resolved = posixpath.normpath(posixpath.join(here, link.attrs["href"])) + "/"
        assert resolved == page_url(DOCS / target)
        title = front_matter(DOCS / target).get("title")
        assert link.text() == squash(title)


# --- checklists --------------------------------------------------------------

@pytest.mark.parametrize("path", checklist_pages(), ids=ids(checklist_pages()))
def test_task_lists_render_as_checkboxes(site: Build, path: Path) -> None:
    written = len(TASK_LINE.findall(FENCE.sub("", body_of(path))))
    page_html = site.page(page_url(path))
    article = parse(page_html).find("article", "md-content__inner")
    items = article.find_all("li", "task-list-item")
    boxes = [i for i in items if any(n.tag == "input" and n.attrs.get("type") == "checkbox"
                                     for n in i.iter())]
    assert len(boxes) == written
    assert "[ ]" not in article.text(), "a task line was left as literal brackets"
    assert "assets/javascripts/checklist.js" in page_html


def test_checklist_pages_have_owners_and_time_boxes() -> None:
    for path in checklist_pages():
        for line in FENCE.sub("", body_of(path)).splitlines():
            if TASK_LINE.match(line):
                assert re.search(r"\(Owner: [^,]+, [^)]+\)$", line), \
                    f"{path.name}: a checklist line needs '(Owner: role, time)': {line.strip()}"


def test_checklist_script_loads_only_where_there_is_a_checklist(site: Build) -> None:
    without = [p for p in practice_pages() if p not in checklist_pages()]
    assert without, "every practice has a checklist, so this test would prove nothing"
    for path in without:
        assert "checklist.js" not in site.page(page_url(path)), path.name
    assert "checklist.js" not in site.page("")
    assert "checklist.js" not in site.page("playbook/")


# --- outline, search and tags ------------------------------------------------

@pytest.mark.parametrize("path", playbook_pages(), ids=ids(playbook_pages()))
def test_headings_form_an_outline(site: Build, path: Path) -> None:
    levels = [level for level, _ in headings(content(site, page_url(path)))]
    assert levels and levels[0] == 1, "the page must start with its title"
    assert levels.count(1) == 1, "a page has exactly one h1"
    skips = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert not skips, f"heading levels skip: {skips}"


@pytest.mark.parametrize("word", ["downtime", "printer", "password", "month-end", "handover"])
def test_search_finds_playbook_pages_by_a_nurses_words(site: Build, word: str) -> None:
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.I)
    hits = {doc["location"].split("#")[0] for doc in index["docs"]
            if doc["location"].startswith("playbook/")
            and (pattern.search(doc["title"]) or pattern.search(doc.get("text", "")))}
    assert hits, f'searching "{word}" finds no playbook page'


def test_search_finds_the_downtime_page_by_its_title(site: Build) -> None:
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]
              if doc["location"].startswith("playbook/downtime/") and "#" not in doc["location"]}
    assert any("downtime" in title.lower() for title in titles), titles


@pytest.mark.parametrize("path", playbook_pages(), ids=ids(playbook_pages()))
def test_tags_come_from_the_agreed_sets(path: Path) -> None:
    tags = set(front_matter(path).get("tags") or [])
    assert tags <= AUDIENCE | PHASE, f"unknown tags: {sorted(tags - AUDIENCE - PHASE)}"
    if path in practice_pages():
        assert tags & AUDIENCE, "a practice needs at least one audience tag"
        assert tags & PHASE, "a practice needs at least one phase tag"


def test_the_build_refuses_any_other_tag() -> None:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Lenient)
    tags = next(p["tags"] for p in config["plugins"] if isinstance(p, dict) and "tags" in p)
    assert set(tags["tags_allowed"]) == AUDIENCE | PHASE


def test_the_tags_page_lists_practices_by_audience_and_by_phase(site: Build) -> None:
    article = content(site, "playbook/tags/")
    groups = {n.attrs["id"].removeprefix("tag:") for n in article.iter()
              if n.attrs.get("id", "").startswith("tag:")}
    assert groups == {t.lower() for t in AUDIENCE | PHASE}
    linked = {a.text() for a in article.find_all("a")}
    for path in practice_pages():
        assert squash(front_matter(path)["title"]) in linked, path.name


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring its !!python/name tags."""


_Lenient.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


# --- downtime examples use the status page's words ---------------------------

def sample(kind: str) -> dict:
    files = sorted((SAMPLES / kind).glob("*.yml"))
    assert files, f"no sample {kind} in {SAMPLES}"
    return yaml.safe_load(files[0].read_text(encoding="utf-8"))


def test_downtime_examples_use_the_status_pages_sentences(site: Build) -> None:
    shown = content(site, "playbook/downtime/templates/").text()
    work = sample("maintenance")
    # The "during" example shows the first update, the "after" example the last.
    updates = work.get("updates", [])
    sentences = [work["why"], work["benefit"], work["during"], work["contact"],
                 *work["prepare"], updates[0]["message"], updates[-1]["message"]]
    problem = sample("incidents")
    first = problem["updates"][0]
    sentences += [problem["title"], first["message"], first["workaround"]]
    missing = [s for s in sentences if squash(s) not in shown]
    assert not missing, f"the playbook examples do not show: {missing}"


def test_the_day_before_reminder_says_tomorrow_and_the_date(site: Build) -> None:
    article = content(site, "playbook/downtime/templates/")
    [reminder] = [pre.text() for n in section(article, "Last reminder, the day before", 3)
                  for pre in n.find_all("pre")]
    assert "Reminder: [what the work is], tomorrow [start]–[end]" in reminder
    assert "When: [day and date], [start] to [end]" in reminder
    assert "tonight" not in reminder


# --- one source of words: the templates say what the status page says -------------------

# Sentences about what the status page writes for you: the next update, when the work
# finishes, who to call now. Wherever the playbook writes one, it must be the page's own.
PAGE_TOPICS = re.compile(r"next update|update you|update at|finish(ed)? (by|at)|^started at|"
                         r"^need help|call now|taking longer than planned", re.I)
SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z\[])")


def page_sentence_patterns(gap: str) -> list[re.Pattern[str]]:
    """Every sentence `macros.wording` fills in, with `gap` where a value goes."""
    from macros import wording

    templates = [value for value in vars(wording).values()
                 if isinstance(value, str) and "{" in value]
    templates += [t for value in vars(wording).values() if isinstance(value, dict)
                  for t in value.values() if isinstance(t, str) and "{" in t]
    patterns = []
    for template in templates:
        for sentence in SENTENCE_END.split(template):
            parts = re.split(r"\{[a-z_]+\}", sentence)
            patterns.append(re.compile(gap.join(re.escape(part) for part in parts)))
    return patterns


def off_the_page(sentences: list[str], gap: str) -> list[str]:
    """The sentences about what the page writes that the page would write differently."""
    patterns = page_sentence_patterns(gap)
    return [s for s in sentences if PAGE_TOPICS.search(s)
            and not any(p.fullmatch(s) for p in patterns)]


PLACEHOLDER = re.compile(r"\[[^\]\s][^\]]*\]")  # "[time]", not a checkbox "[ ]"


def raw_text(node: Node) -> str:
    """The text of a code block with its line breaks."""
    return "".join(c if isinstance(c, str) else raw_text(c) for c in node.children)


def template_sentences(article: Node) -> list[str]:
    """Each sentence of each line of the page's code blocks that has a placeholder."""
    return [sentence for pre in article.find_all("pre")
            for line in html.unescape(raw_text(pre)).splitlines()
            for sentence in SENTENCE_END.split(line.strip()) if PLACEHOLDER.search(sentence)]


def test_the_old_templates_would_fail() -> None:
    """The check finds the differences the issue names ("Next update at [time]")."""
    old = ["The work on [system] has started.", "We expect to finish by [end].",
           "Next update at [time].", "We still expect to finish by [end]."]
    assert off_the_page(old, r"\[[^\]]+\]") == ["Next update at [time].",
                                                "We still expect to finish by [end]."]


@pytest.mark.parametrize("path", playbook_pages(), ids=ids(playbook_pages()))
def test_no_template_writes_a_page_sentence_differently(site: Build, path: Path) -> None:
    article = content(site, page_url(path))
    assert off_the_page(template_sentences(article), r"\[[^\]]+\]") == []


def test_the_templates_page_shows_every_message_template(site: Build) -> None:
    from macros.message_templates import TEMPLATES, template_text

    shown = [squash(pre.text()) for pre in content(site, "playbook/downtime/templates/")
             .find_all("pre")]
    for name in TEMPLATES:
        assert squash(template_text(name)) in shown, name


def test_filled_in_the_templates_say_what_the_page_and_the_notices_say() -> None:
    """With the sample work instead of placeholders, each line the page writes is on the
    status page (the examples, checked against the built page elsewhere) or in the
    notification the same moment sends."""
    from datetime import datetime, timedelta

    from macros.message_templates import filled_with, template_lines
    from macros.notify.compose import compose
    from macros.notify.plan import MAINTENANCE_NEW, REMINDER, Announcement
    from macros.render import examples
    from macros.state import maintenance_as_of

    tree, work = examples.sample_tree(), examples.sample_work()

    def notice(kind: str, now: datetime) -> list[str]:
        announcement = Announcement(kind, "key", (), maintenance=work)
        return compose(announcement, tree, now, "https://x.example/").plain_text().splitlines()

    def example(stage: str) -> set[str]:
        return {n.text() for n in parse(str(examples.downtime_example(stage))).iter()
                if n.tag in ("p", "dd")}

    announced = work.start - timedelta(days=14)
    said = notice(MAINTENANCE_NEW, announced)
    lines = template_lines("first-notice", filled_with(tree, work, announced, work.start))
    assert [line.removeprefix("Subject: ") for line in lines if line] == \
        [line for line in said if line and not line.startswith(("Read it", "Add it"))]

    day_before = work.start - timedelta(hours=24)
    said = notice(REMINDER.format("24h"), day_before)
    lines = template_lines("reminder", filled_with(tree, work, day_before, work.start))
    assert {line.removeprefix("Subject: ") for line in lines if line} <= set(said)

    during = examples.STAGE_CLOCKS["during"]
    seen = maintenance_as_of(work, during)
    assert seen.latest is not None and seen.latest.next_update is not None
    lines = template_lines("started", filled_with(tree, seen, during, seen.latest.next_update))
    assert set(lines[1:]) <= example("during")

    after = examples.STAGE_CLOCKS["after"]
    lines = template_lines("finished", filled_with(tree, maintenance_as_of(work, after), after,
                                                  after))
    assert lines[0] in example("after")


# --- one definition: the rules the playbook prints come from the change calendar --------

MACRO_CALL = re.compile(r"\{\{.*?\}\}", re.S)
# A rule written out by hand instead of printed from the calendar.
NUMBER = r"(one|two|three|four|five|six|\d+)"
HAND_WRITTEN_RULES = re.compile(
    rf"\b(first|last) ({NUMBER} )?working days?\b|\b{NUMBER} weeks?('s?)? notice\b|"
    rf"\bat least {NUMBER} weeks? ahead\b", re.I)


def test_close_and_notice_are_defined_once_in_the_calendar() -> None:
    """No page writes month-end close or a notice period by hand: they print the calendar."""
    found = []
    for path in playbook_pages():
        text = MACRO_CALL.sub("", body_of(path))
        meta = " ".join(str(v) for v in (front_matter(path).get("summary") or {}).values())
        found += [f"{path.name}: {m.group(0)}" for m in HAND_WRITTEN_RULES.finditer(
            FENCE.sub("", text) + " " + meta)]
    assert found == []


def test_the_month_end_page_prints_close_from_the_calendar(site: Build) -> None:
    from macros.calendar_words import freeze_sentence
    from macros.loader import load_tree
    from tests.helpers import TREES

    tree = load_tree(TREES / "calendar")
    shown = content(site, "playbook/support/month-end/").text()
    for freeze_id in ("month-end-close", "year-end-close"):
        freeze = tree.calendar.freeze(freeze_id)
        assert freeze is not None
        assert freeze_sentence(tree, freeze) in shown
    assert "from the last working day of each month to the fifth working day of the next" \
        in shown
    # The next closes, from the build's clock (20 November 2026).
    assert "Monday 30 November to Monday 7 December 2026" in shown
    assert "Thursday 31 December 2026 to Friday 8 January 2027" in shown


def test_the_notice_the_playbook_promises_is_the_calendars(site: Build) -> None:
    home = content(site, "playbook/").text()
    assert "tell you about downtime at least two weeks ahead, and four weeks ahead for " \
           "finance and payroll" in home
    table = content(site, "playbook/downtime/communicating/").text()
    assert "Any work on finance and payroll systems four weeks ahead" in table


# --- the examples keep the rules printed next to them ------------------------------------

GRID_ROW = re.compile(r"^\| (?!What is happening|---)(.+?) \| (\d) \| (\d) \| (\d) \|$", re.M)


def triage_contradictions(markdown: str) -> list[str]:
    """Where the triage page's examples give a priority its own grid does not."""
    grid_table = markdown[markdown.index("### The grid"):markdown.index("### What each")]
    header = next(line for line in grid_table.splitlines() if line.startswith("| What is"))
    columns = [c.strip() for c in header.strip("|").split("|")][1:]
    grid = {(row.lower(), column.lower()): int(priority)
            for row, *priorities in GRID_ROW.findall(grid_table)
            for column, priority in zip(columns, priorities, strict=True)}

    def expected(row: str, column: str, in_close: bool) -> int | None:
        base = grid.get((row.strip().lower(), column.strip().lower()))
        return None if base is None else max(1, base - 1) if in_close else base

    found = []
    calls = markdown[markdown.index("### Common calls"):markdown.index("## Example")]
    rows = [line for line in calls.splitlines() if line.startswith('| "')]
    assert rows, "the common calls table is missing"
    for line in rows:
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) < 4:
            found.append(f"{cells[0]}: says no row and column of the grid")
            continue
        said, row, column, priority = cells[:4]
        first = int(priority[0])
        close = re.search(r"then (\d) in close", priority)
        if expected(row, column, False) != first or (
                close and expected(row, column, True) != int(close.group(1))):
            found.append(f"{said}: the grid gives {expected(row, column, False)}, "
                         f"not {priority}")
    example = markdown[markdown.index("## Example"):markdown.index("## Templates")]
    said = re.findall(r"grid says: (.+?); (.+?): priority (\d)", " ".join(example.split()))
    assert said, "the example does not say where it sits in the grid"
    for row, column, priority in said:
        if expected(row, column, False) != int(priority):
            found.append(f"example: the grid gives {expected(row, column, False)} for "
                         f"{row} / {column}, not {priority}")
    return found


def test_the_triage_examples_agree_with_the_grid() -> None:
    assert triage_contradictions(body_of(PLAYBOOK / "support" / "triage.md")) == []


def test_a_priority_that_contradicts_the_grid_is_found() -> None:
    page = body_of(PLAYBOOK / "support" / "triage.md")
    wrong = page.replace("| One person | 3 | Another printer", "| One person | 2 | Another printer")
    assert wrong != page
    assert len(triage_contradictions(wrong)) == 1
    wrong = page.replace("team: priority 2.", "team: priority 1.")
    assert wrong != page
    assert len(triage_contradictions(wrong)) == 1


UPDATE_RULE = re.compile(r"every (hour|thirty minutes|30 minutes)", re.I)
QUOTED_UPDATE = re.compile(r"update at (\d\d):(\d\d)[^\"“]*[\"“]([^\"”]+)[\"”]")
PROMISE = re.compile(r"We will update you by (\d\d):(\d\d)\.")


def update_contradictions(markdown: str) -> list[str]:
    """Quoted updates in the example that give no next update, or one later than the page's
    own rule ("every hour") allows."""
    allowed = max((60 if m.group(1).lower() == "hour" else 30
                   for m in UPDATE_RULE.finditer(markdown)), default=None)
    if allowed is None:
        return []
    example = " ".join(markdown[markdown.index("## Example"):
                                markdown.index("## Templates")].split())
    found = []
    for hour, minute, quote in QUOTED_UPDATE.findall(example):
        promise = PROMISE.search(quote)
        if promise is None:
            found.append(f"the update at {hour}:{minute} does not say when the next one comes")
            continue
        gap = (int(promise.group(1)) * 60 + int(promise.group(2))
               - int(hour) * 60 - int(minute)) % (24 * 60)
        if gap > allowed:
            found.append(f"the update at {hour}:{minute} promises the next in {gap} minutes; "
                         f"the page asks for {allowed}")
    return found


@pytest.mark.parametrize("path", practice_pages(), ids=ids(practice_pages()))
def test_quoted_updates_keep_the_update_rule_on_their_page(path: Path) -> None:
    assert update_contradictions(body_of(path)) == []


def test_an_update_that_breaks_the_rule_is_found() -> None:
    page = body_of(PLAYBOOK / "rollout" / "go-live.md")
    assert QUOTED_UPDATE.search(" ".join(page.split())), "the go-live example quotes no update"
    late = page.replace("We will update\nyou by 00:25.", "We will update\nyou by 01:25.")
    assert late != page
    assert len(update_contradictions(late)) == 1
    missing = page.replace("We will update\nyou by 00:25.", "More soon.")
    assert len(update_contradictions(missing)) == 1


@pytest.mark.parametrize("stage", ["during", "incident"])
def test_examples_during_the_work_or_a_problem_give_the_next_update(site: Build,
                                                                    stage: str) -> None:
    """The templates page asks for the next update in every message during the work
    or a problem; its own examples show one."""
    article = content(site, "playbook/downtime/templates/")
    caption = {"during": "Example, during the work",
               "incident": "Example, a problem nobody planned"}[stage]
    example = next(n for n in article.find_all("div", "bedside-example")
                   if n.find(cls="bedside-example__caption").text() == caption)
    assert PROMISE.search(example.text()), f"the {stage} example gives no next update"


# --- stories: in the past of the sample data, and on real weekdays ------------------------

DAY_IN_WORDS = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) "
                          r"(\d{1,2}) (January|February|March|April|May|June|July|August|"
                          r"September|October|November|December)(?: (\d{4}))?")


@pytest.mark.parametrize("path", playbook_pages(), ids=ids(playbook_pages()))
def test_story_dates_are_real_days_before_the_sample_work(path: Path) -> None:
    """Stories tell of the past: a named day is the right weekday (in 2026 unless a year is
    given) and comes before the sample upgrade, which the sample data shows as upcoming."""
    from datetime import datetime

    from macros.render import examples

    upcoming = examples.sample_work().start.date()
    text = " ".join(FENCE.sub("", MACRO_CALL.sub("", body_of(path))).split())
    for weekday, day, month, year in DAY_IN_WORDS.findall(text):
        when = datetime.strptime(f"{day} {month} {year or 2026}", "%d %B %Y").date()
        assert f"{when:%A}" == weekday, f"{weekday} {day} {month} is a {when:%A}"
        assert when < upcoming, f"{weekday} {day} {month} is not in the past of the sample data"


QUOTE = re.compile(r"[\"“]([^\"”]+)[\"”]")


def quoted_sentences(markdown: str) -> list[str]:
    """The sentences quoted in a page's example: what was posted or said."""
    example = " ".join(markdown[markdown.index("## Example"):].split())
    return [sentence for quote in QUOTE.findall(example)
            for sentence in SENTENCE_END.split(quote.strip())]


@pytest.mark.parametrize("path", practice_pages(), ids=ids(practice_pages()))
def test_quoted_updates_use_the_page_sentences(path: Path) -> None:
    """A story that quotes an update quotes the words the status page would write."""
    assert off_the_page(quoted_sentences(body_of(path)), r"(?:\d\d:\d\d|\[[^\]]+\])") == []
