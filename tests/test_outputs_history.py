"""What git's history adds to the outputs: when work was published, and that a moved
window reaches calendars and feeds. Each test makes its own repository, with the
commit times it needs."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import icalendar
import yaml

from macros import urls
from macros.status_document.history import read_history
from tests.test_outputs import LIVE, REPO, TREES, context_at, write_site

WORK = "2026-12-10-wifi"
WORK_FILE = f"maintenance/{WORK}.yml"
NOW = "2026-11-20T09:00+00:00"
WORK_TEXT = """title: Wi-Fi controller swap
components: {printing: under_maintenance}
affects: Anyone printing over Wi-Fi
window:
  start: 2026-12-10T22:00
  end: 2026-12-10T23:00
why: The old controller is out of support.
benefit: Fewer dropped print jobs.
during: Print from a wired PC.
contact: Service desk, ext. 4444
"""


def git(repo: Path, *args: str, when: str = "2026-11-01T12:00:00+00:00") -> str:
    """Run git in `repo` with a fixed identity and commit time, ignoring the user's config."""
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "Bedside test", "GIT_AUTHOR_EMAIL": "test@bedside.invalid",
           "GIT_COMMITTER_NAME": "Bedside test", "GIT_COMMITTER_EMAIL": "test@bedside.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True,
                            text=True, check=True, timeout=60)
    return result.stdout


def commit(repo: Path, when: str, message: str = "Status") -> None:
    git(repo, "add", "-A", when=when)
    git(repo, "commit", "-q", "-m", message, when=when)


def repository_with(tree: str | Path, tmp_path: Path, when: str) -> Path:
    """A git repository whose `status/` is a copy of `tree`, committed at `when`."""
    repo = tmp_path / "repo"
    shutil.copytree(TREES / tree if isinstance(tree, str) else tree, repo / "status")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, when, "The status tree")
    return repo / "status"


def event(site: Path) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical((site / urls.maintenance_calendar(WORK)).read_bytes())
    found, = calendar.walk("VEVENT")
    return found


def announcement(site: Path) -> feedparser.FeedParserDict:
    atom = feedparser.parse((site / urls.atom_feed()).read_bytes())
    found, = (e for e in atom.entries if e.id.endswith(f"{WORK}/#announced"))
    return found


def utc(parsed) -> datetime:
    return datetime(*parsed[:6], tzinfo=UTC)


def test_work_is_published_when_its_file_was_committed(tmp_path: Path) -> None:
    status = repository_with(LIVE, tmp_path, "2026-11-01T12:00:00+00:00")
    (status / WORK_FILE).write_text(WORK_TEXT, encoding="utf-8")
    commit(status.parent, "2026-11-12T15:30:00+00:00", "Plan the Wi-Fi work")
    edition = context_at(status, NOW).edition
    item, = (m for m in edition.tree.maintenance if m.id == WORK)
    assert edition.published_at(item) == datetime(2026, 11, 12, 15, 30, tzinfo=UTC)
    # a build whose clock is before the commit does not know of it yet
    earlier = context_at(status, "2026-11-10T09:00+00:00").edition
    item, = (m for m in earlier.tree.maintenance if m.id == WORK)
    assert earlier.published_at(item) == datetime(2026, 11, 10, 9, 0, tzinfo=UTC)


def test_a_moved_window_bumps_the_sequence_and_the_dates_in_every_output(
        tmp_path: Path) -> None:
    status = repository_with(LIVE, tmp_path, "2026-11-01T12:00:00+00:00")
    (status / WORK_FILE).write_text(WORK_TEXT, encoding="utf-8")
    commit(status.parent, "2026-11-12T15:30:00+00:00", "Plan the Wi-Fi work")
    before = write_site(status, NOW, tmp_path / "before")

    moved = WORK_TEXT.replace("2026-12-10T22:00", "2026-12-11T22:00")
    (status / WORK_FILE).write_text(moved.replace("2026-12-10T23:00", "2026-12-11T23:00"),
                                    encoding="utf-8")
    commit(status.parent, "2026-11-18T11:00:00+00:00", "Move the Wi-Fi work a day later")
    after = write_site(status, NOW, tmp_path / "after")

    old, new = event(before), event(after)
    assert str(new["UID"]) == str(old["UID"])
    assert new["DTSTART"].dt.day == 11
    assert int(new["SEQUENCE"]) > int(old["SEQUENCE"])
    assert new["DTSTAMP"].dt == new["LAST-MODIFIED"].dt == \
        datetime(2026, 11, 18, 11, 0, tzinfo=UTC)
    assert old["DTSTAMP"].dt == datetime(2026, 11, 12, 15, 30, tzinfo=UTC)
    assert new["CREATED"].dt == old["CREATED"].dt  # still published on the 12th
    feed_old, feed_new = announcement(before), announcement(after)
    assert feed_new.id == feed_old.id
    assert utc(feed_new.updated_parsed) == datetime(2026, 11, 18, 11, 0, tzinfo=UTC)
    assert utc(feed_new.published_parsed) == utc(feed_old.published_parsed)
    assert "Friday 11 December" in feed_new.title


def test_every_commit_and_every_update_raise_the_sequence(tmp_path: Path) -> None:
    status = repository_with(LIVE, tmp_path, "2026-11-01T12:00:00+00:00")
    (status / WORK_FILE).write_text(WORK_TEXT, encoding="utf-8")
    commit(status.parent, "2026-11-12T15:30:00+00:00")
    sequences = [int(event(write_site(status, NOW, tmp_path / "one"))["SEQUENCE"])]
    with (status / WORK_FILE).open("a", encoding="utf-8") as file:
        file.write("updates:\n  - at: 2026-11-19T10:00\n    status: cancelled\n"
                   "    message: The new controller has not arrived.\n")
    sequences.append(int(event(write_site(status, NOW, tmp_path / "two"))["SEQUENCE"]))
    commit(status.parent, "2026-11-19T10:05:00+00:00")
    sequences.append(int(event(write_site(status, NOW, tmp_path / "three"))["SEQUENCE"]))
    assert sequences == sorted(set(sequences))  # strictly rising


def test_a_shallow_clone_has_no_history_to_mislead_with(tmp_path: Path) -> None:
    status = repository_with(LIVE, tmp_path, "2026-11-01T12:00:00+00:00")
    (status / WORK_FILE).write_text(WORK_TEXT, encoding="utf-8")
    commit(status.parent, "2026-11-12T15:30:00+00:00")
    assert read_history(status)[(status / WORK_FILE).resolve()].added
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{status.parent}",
                    str(shallow)], check=True, capture_output=True, timeout=60,
                   env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull})
    assert read_history(shallow / "status") == {}


def test_outside_a_git_checkout_there_is_no_history(tmp_path: Path) -> None:
    folder = tmp_path / "status"
    shutil.copytree(TREES / LIVE, folder)
    assert read_history(folder) == {}


def test_publishing_builds_from_the_whole_history() -> None:
    """A shallow checkout has no history, so published dates would fall back."""
    publish = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    checkout, = (step for step in publish["jobs"]["build"]["steps"]
                 if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


def test_the_commit_that_adds_work_is_not_an_edit(tmp_path: Path) -> None:
    """Work committed after its announce_from: announced then, and unchanged since."""
    status = repository_with(LIVE, tmp_path, "2026-11-01T12:00:00+00:00")
    (status / WORK_FILE).write_text(WORK_TEXT + "announce_from: 2026-11-10T09:00\n",
                                    encoding="utf-8")
    commit(status.parent, "2026-11-12T15:30:00+00:00", "Plan the Wi-Fi work")
    site = write_site(status, NOW, tmp_path / "site")
    announced = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    found = event(site)
    assert found["CREATED"].dt == found["DTSTAMP"].dt == announced
    assert int(found["SEQUENCE"]) == 0
    entry = announcement(site)
    assert utc(entry.published_parsed) == utc(entry.updated_parsed) == announced
