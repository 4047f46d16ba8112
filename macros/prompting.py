"""Asking a person at the terminal for what a command was not given.

Only when someone is there: in a pipe or in CI nothing is asked, and the
command says which options are missing instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


class MissingAnswers(Exception):
    """Required answers that were neither given nor typed; the message lists them."""

    def __init__(self, questions: list[Question]) -> None:
        lines = "\n".join(f'  {q.option} "..."\n      {q.question} For example: {q.example}'
                          for q in questions)
        super().__init__(f"Some things people need to know are missing:\n{lines}")
        self.questions = questions


@dataclass(frozen=True)
class Question:
    """A field the command needs, and how to ask for it."""

    name: str  # field name in the file
    option: str  # the command-line option that gives it
    question: str
    example: str
    required: bool = True
    many: bool = False  # several answers, one per line (a list in the file)


@dataclass
class Prompter:
    """Asks for missing fields when a person is at the terminal; otherwise never asks."""

    interactive: bool
    read: Callable[[str], str] = input
    write: Callable[[str], Any] = print

    def fill(self, values: dict[str, Any], questions: list[Question],
             defaults: dict[str, str] | None = None) -> None:
        """Ask for each missing answer; raise `MissingAnswers` for required ones still empty.

        `defaults` are offered at the prompt (Enter keeps them) and used as they
        are when nobody is at the terminal.
        """
        defaults = defaults or {}
        missing = []
        for q in questions:
            if values.get(q.name):
                continue
            if q.many:
                values[q.name] = self.ask_list(q.question, q.example)
            elif self.interactive:
                values[q.name] = self._ask(q, defaults.get(q.name, ""))
            else:
                values[q.name] = defaults.get(q.name, "")
            if q.required and not values[q.name]:
                missing.append(q)
        if missing:
            raise MissingAnswers(missing)

    def ask_valid(self, question: str, check: Callable[[str], T]) -> T | None:
        """An answer `check` accepts; its ValueError message is shown and the question
        asked again. None when nobody is at the terminal or no answer is given."""
        if not self.interactive:
            return None
        self.write(question)
        for _ in range(3):
            answer = self.read_line("> ")
            if not answer:
                return None
            try:
                return check(answer)
            except ValueError as error:
                said = str(error) if str(error).endswith((".", "?", "!")) else f"{error}."
                self.write(f"  {said} Please try again.")
        return None

    def ask_list(self, question: str, example: str) -> list[str]:
        """Several answers, one per line, until an empty line ([] when nobody is there)."""
        if not self.interactive:
            return []
        self.write(f"{question} One per line; press Enter on an empty line to finish.\n"
                   f"  For example: {example}")
        items = []
        while answer := self.read_line("  - "):
            items.append(answer)
        return items

    def read_line(self, prompt: str) -> str:
        """One answer with its spaces tidied; "" at the end of input."""
        try:
            return " ".join(self.read(prompt).split())
        except EOFError:
            return ""

    def _ask(self, q: Question, default: str) -> str:
        if default:
            self.write(f"{q.question}\n  Press Enter to keep: {default}")
        else:
            optional = "" if q.required else " (optional: press Enter to skip)"
            self.write(f"{q.question}{optional}\n  For example: {q.example}")
        for _ in range(3):
            answer = self.read_line("> ") or default
            if answer or not q.required:
                return answer
            self.write("  This one is needed. A short sentence is enough.")
        return ""
