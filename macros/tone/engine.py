"""Run the house rules over files: status YAML and Markdown pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from macros.paths import display_path
from macros.problems import Problem
from macros.tone.document import Document
from macros.tone.findings import Finding
from macros.tone.pages import page_document
from macros.tone.rules import Rule
from macros.tone.statusfiles import status_document
from macros.tone.switches import apply_switches
from macros.yamlsafe import YamlFileError, read_yaml

YAML_SUFFIXES = (".yml", ".yaml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
STATUS_FOLDERS = ("incidents", "maintenance")


@dataclass
class ToneReport:
    """What one run found, and the files it could not read."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def default_paths(status_root: Path, project_root: Path) -> list[Path]:
    """The status tree's incidents and planned work, and the pages under `docs/`."""
    docs = project_root / "docs"
    return [*status_paths(status_root), *([docs] if docs.is_dir() else [])]


def status_paths(status_root: Path) -> list[Path]:
    """The folders of a status tree that hold text written for readers.

    A tree that does not exist is returned as it is, so the run says it is missing.
    """
    if not status_root.is_dir():
        return [status_root]
    return [status_root / name for name in STATUS_FOLDERS if (status_root / name).is_dir()]


def check_paths(paths: Iterable[Path], rules: list[Rule]) -> ToneReport:
    """Check every status file and page in `paths` (files or folders)."""
    report = ToneReport()
    for path in _expand(paths, report):
        document = _read(path, report)
        if document is None:
            continue
        report.files += 1
        report.findings += check_document(document, rules)
    report.findings.sort()
    return report


def check_document(document: Document, rules: list[Rule]) -> list[Finding]:
    """The findings of every rule for this document's kind, minus those switched off."""
    found = [f for rule in rules if document.target in rule.targets
             for f in rule.check(document)]
    known = {rule.name for rule in rules}
    return sorted(apply_switches(found, document.switches, known, document.path))


def _expand(paths: Iterable[Path], report: ToneReport) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*")
                            if p.is_file() and p.suffix in (*YAML_SUFFIXES, *MARKDOWN_SUFFIXES)
                            and not any(part.startswith(".")
                                        for part in p.relative_to(path).parts))
        elif path.is_file():
            files.append(path)
        else:
            report.problems.append(Problem(display_path(path), 1, 1, "",
                                           "there is no such file or folder; check the path"))
    return list(dict.fromkeys(files))


def _read(path: Path, report: ToneReport) -> Document | None:
    display = display_path(path)
    if path.suffix in YAML_SUFFIXES:
        try:
            return status_document(read_yaml(path, display))
        except YamlFileError as error:
            report.problems.append(error.problem)
            return None
    if path.suffix in MARKDOWN_SUFFIXES:
        try:
            return page_document(display, path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            report.problems.append(Problem(display, 1, 1, "",
                                           "cannot read this page as UTF-8 text; save it as UTF-8"))
            return None
    report.problems.append(Problem(display, 1, 1, "", "the tone check reads .md and .yml "
                                   "files only; leave this one out"))
    return None
