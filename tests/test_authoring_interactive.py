"""`bedside new` at the terminal at 3 a.m.: every question is asked until it has a usable
answer, and an answer once given is never thrown away."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from macros.authoring import AuthoringError, IncidentRequest, new_incident
from macros.loader import load_tree
from macros.prompting import Prompter
from tests.helpers import copy_tree

NOW = datetime.fromisoformat("2026-11-21T10:05:00+00:00")
ID = "2026-11-21-patient-records-will-not-open"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_tree("basic", tmp_path)


class Terminal:
    """Answers typed one by one; Ctrl-D once they run out."""

    def __init__(self, answers: list[str]) -> None:
        self.answers: Iterator[str] = iter(answers)
        self.said: list[str] = []
        self.prompter = Prompter(interactive=True, read=self.read, write=self.said.append)

    def read(self, prompt: str) -> str:
        try:
            return next(self.answers)
        except StopIteration:
            raise EOFError from None

    @property
    def transcript(self) -> str:
        return "\n".join(self.said)


ANSWERS = ["ehr=major_outage", "Patient records will not open", "Everyone on all sites",
           "Records show an error when you open them. Orders are safe.",
           "Use the downtime forms at the nurses' station."]


def written(tree: Path):
    [incident] = [i for i in load_tree(tree).incidents if i.id == ID]
    return incident


def test_enter_at_a_question_asks_it_again_instead_of_losing_everything(tree: Path) -> None:
    terminal = Terminal(["", "critical", *ANSWERS])
    result = new_incident(tree, IncidentRequest(), NOW, terminal.prompter)
    assert result.item_id == ID
    assert "  This one is needed." in terminal.said
    assert written(tree).impact == "critical"


def test_a_wrong_option_is_asked_again_at_the_terminal(tree: Path) -> None:
    request = IncidentRequest(impact="severe", components=["ehrr=down"],
                              title="Patient records will not open",
                              affects="Everyone on all sites",
                              message="Records show an error when you open them.",
                              workaround="x", next_update="soon")
    terminal = Terminal(["major", "ehr=major_outage", "45m"])
    new_incident(tree, request, NOW, terminal.prompter)
    said = terminal.transcript
    assert '--impact "severe" is not one of none, minor, major, critical (did you mean ' \
           '"critical"?). Please answer again.' in said
    assert '"ehrr" is not a system in components.yml (did you mean "ehr"?)' in said
    assert '--next-update "soon" is not a time.' in said
    incident = written(tree)
    assert (incident.impact, incident.components) == ("major", {"ehr": "major_outage"})
    assert incident.latest.next_update == datetime.fromisoformat("2026-11-21T10:50+00:00")


def test_stopping_half_way_keeps_every_answer_in_a_command_to_carry_on(tree: Path) -> None:
    terminal = Terminal(["major", "ehr=major_outage", "Patient records will not open",
                         "Everyone on all sites"])  # then Ctrl-D at the message
    with pytest.raises(AuthoringError) as stopped:
        new_incident(tree, IncidentRequest(audiences=["wards"]), NOW, terminal.prompter)
    message = str(stopped.value)
    assert message.startswith("Stopped before the file was written, so nothing was written "
                              "yet.")
    assert message.splitlines()[-1] == (
        "  bedside new incident --title 'Patient records will not open' --impact major "
        "--component ehr=major_outage --affects 'Everyone on all sites' --audience wards")
    assert not [p for p in (tree / "incidents").iterdir() if ID in p.name]


def test_words_the_check_would_refuse_are_asked_for_again(tree: Path) -> None:
    request = IncidentRequest(impact="major", components=["ehr=major_outage"],
                              title="Patient records will not open",
                              affects="Everyone on all sites",
                              message="Records do not open. It is a DNS issue.",
                              workaround="Use the downtime forms.")
    terminal = Terminal(["Records show an error when you open them. Orders are safe."])
    new_incident(tree, request, NOW, terminal.prompter)
    said = terminal.transcript
    assert "would refuse these words for --message:" in said
    assert "error: 'DNS issue' is a server-room word" in said
    assert "You wrote: Records do not open. It is a DNS issue." in said
    assert written(tree).latest.message == \
        "Records show an error when you open them. Orders are safe."


def test_without_a_terminal_such_words_are_refused_and_nothing_is_written(
        tree: Path) -> None:
    request = IncidentRequest(impact="major", components=["ehr=major_outage"],
                              title="Patient records will not open",
                              affects="Everyone on all sites",
                              message="Records do not open. It is a DNS issue.",
                              workaround="Use the downtime forms.")
    before = sorted(p.name for p in (tree / "incidents").iterdir())
    with pytest.raises(AuthoringError) as refused:
        new_incident(tree, request, NOW, Prompter(interactive=False))
    assert refused.value.exit_code == 2
    assert str(refused.value).startswith("Nothing was written: `bedside check` would refuse "
                                         "this, and the site would not be built with it:")
    assert f"incidents/{ID}.yml:12:" in str(refused.value)
    assert ": error: updates[0].message: 'DNS issue' is a server-room word" in \
        str(refused.value)
    assert sorted(p.name for p in (tree / "incidents").iterdir()) == before
