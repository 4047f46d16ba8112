"""The playbook's message examples say exactly what the status page says.

`downtime_example(stage)` and `incident_example()` render the bundled sample
tree; here the same tree is built into a real site at the same clock, and every
sentence of each example must appear, word for word, on the status home.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from macros.render import examples
from tests.dom import Node, parse, status_root
from tests.helpers import Build, build_site

STAGES = {**{stage: clock.isoformat() for stage, clock in examples.STAGE_CLOCKS.items()},
          "incident": examples.INCIDENT_CLOCK.isoformat()}
SENTENCE_PARTS = ("h2", "h3", "h4", "h5", "p", "dt", "dd", "li")


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Build]:
    """The status site built from the sample tree at one stage's clock."""
    cache: dict[str, Build] = {}

    def build(stage: str) -> Build:
        if stage not in cache:
            out = tmp_path_factory.mktemp(f"sample-{stage}")
            cache[stage] = build_site(out, examples.SAMPLE_TREE, STAGES[stage])
            assert cache[stage].returncode == 0, cache[stage].output
        return cache[stage]

    return build


def example_html(stage: str) -> str:
    if stage == "incident":
        return str(examples.incident_example())
    return str(examples.downtime_example(stage))


def sentences(node: Node) -> list[str]:
    """The text of each heading, paragraph, label and list item, as read."""
    return [n.text() for n in node.iter() if n.tag in SENTENCE_PARTS and n.text()]


@pytest.mark.parametrize("stage", list(STAGES))
def test_every_sentence_of_the_example_is_on_the_status_page(sample_site, stage: str) -> None:
    example = parse(example_html(stage)).find("div", "bedside-example")
    page = status_root(sample_site(stage))
    page_sentences = set(sentences(page))
    said = [s for s in sentences(example) if s != examples.CAPTIONS[stage]]
    assert said, "the example is empty"
    missing = [s for s in said if s not in page_sentences]
    assert missing == [], f"the {stage} example says what the page does not"


@pytest.mark.parametrize(("stage", "banner", "phase"), [
    ("before", "Everything is working", "Coming up"),
    ("during", "Planned work on Patient records (EHR) and Lab results until 02:00",
     "Happening now"),
    ("after", "Everything is working", "Finished"),
])
def test_each_stage_shows_its_moment(stage: str, banner: str, phase: str) -> None:
    example = parse(example_html(stage))
    assert example.find(cls="bedside-banner__sentence").text() == banner
    assert example.find(cls="bedside-card__status").text() == phase


def accessible_name(page: Node, node: Node) -> str:
    """The name a screen reader gives `node` (from aria-labelledby or aria-label)."""
    if "aria-labelledby" in node.attrs:
        return " ".join(page.by_id(ref).text() for ref in node.attrs["aria-labelledby"].split())
    return node.attrs.get("aria-label", "")


def test_examples_are_marked_and_do_not_clash_on_one_page() -> None:
    page = parse("".join(example_html(stage) for stage in STAGES))
    ids = [n.attrs["id"] for n in page.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    examples_shown = page.find_all("div", "bedside-example")
    assert [n.find(cls="bedside-example__caption").text() for n in examples_shown] == \
        [examples.CAPTIONS[stage] for stage in STAGES]
    assert [accessible_name(page, n) for n in examples_shown] == \
        [examples.CAPTIONS[stage] for stage in STAGES]
    assert page.find_all("a") == [], "examples link to pages the playbook does not have"


def test_each_examples_banner_has_its_own_name() -> None:
    """Two banners saying "Everything is working" must not be two landmarks of one name."""
    page = parse("".join(example_html(stage) for stage in STAGES))
    names = [accessible_name(page, banner) for banner in page.find_all("section", "bedside-banner")]
    assert len(names) == len(STAGES)
    assert len(set(names)) == len(names), names
    assert names[0] == "Example, before the work Everything is working"


def test_the_incident_example_promises_the_next_update() -> None:
    example = parse(example_html("incident"))
    assert example.find(cls="bedside-banner__sentence").text() == (
        "Problems: Patient records are slow to open")
    assert example.find(cls="bedside-facts__next").find("dd").text() == (
        "We will update you by 08:45.")


def test_work_in_progress_promises_the_next_update() -> None:
    """The playbook asks for the time of the next update in every message during the
    work; the example shows it, as the status page does."""
    example = parse(example_html("during"))
    assert example.find(cls="bedside-facts__next_update").find("dd").text() == (
        "We will update you by 23:00.")
    assert parse(example_html("before")).find_all(cls="bedside-facts__next_update") == []


def test_an_unknown_stage_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match='"before", "during" or "after"'):
        examples.downtime_example("tomorrow")
