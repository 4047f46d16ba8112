"""The playbook as its readers meet it.

Every practice page has the full anatomy (summary box, numbered steps, an
example, templates, related practices); checklists are real checkboxes;
headings form an outline a screen reader can walk; the site search finds
pages by the words a nurse would type; tags come from the agreed sets; and
the downtime examples use the status page's own sentences.
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
    build = site_builds("basic", NOW)
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
    assert "stops tomorrow, [day and date], from [start] to [end]" in reminder
    assert "tonight" not in reminder
