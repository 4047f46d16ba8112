"""Asking a person at the terminal for what a command was not given.

Only when someone is there: in a pipe or in CI nothing is asked, and the
command says which options are missing instead. At the terminal a question is
asked again until the answer is usable, and an answer once given is never
thrown away: when the person stops (Ctrl-D, Ctrl-C), `StoppedAnswering` tells
the command, which prints everything answered so far as a command to run again.
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


class StoppedAnswering(Exception):
    """The person at the terminal stopped answering (end of input or Ctrl-C)."""


@dataclass(frozen=True)
class Question:
    """A field the command needs, and how to ask for it."""

    name: str  # field name in the file
    option: str  # the command-line option that gives it
    question: str
    example: str
    required: bool = True
    many: bool = False  # several answers, one per line (a list in the file)


NEEDED = "  This one is needed."
NEEDED_WORDS = "  This one is needed. A short sentence is enough."


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
        are when nobody is at the terminal. Each answer goes into `values` as soon
        as it is given, so nothing is lost if the person stops half-way.
        """
        defaults = defaults or {}
        missing = []
        for q in questions:
            if values.get(q.name):
                continue
            if q.many:
                values[q.name] = []
                self.ask_list(q.question, q.example, into=values[q.name])
            elif self.interactive:
                values[q.name] = self.ask(q, defaults.get(q.name, ""))
            else:
                values[q.name] = defaults.get(q.name, "")
            if q.required and not values[q.name]:
                missing.append(q)
        if missing:
            raise MissingAnswers(missing)

    def ask_valid(self, question: str, check: Callable[[str], T]) -> T | None:
        """An answer `check` accepts; its ValueError message is shown and the question
        asked again until the answer is usable. None when nobody is at the terminal."""
        if not self.interactive:
            return None
        self.write(question)
        while True:
            answer = self.read_line("> ")
            if not answer:
                self.write(NEEDED)
                continue
            try:
                return check(answer)
            except ValueError as error:
                said = str(error) if str(error).endswith((".", "?", "!")) else f"{error}."
                self.write(f"  {said} Please try again.")

    def ask_list(self, question: str, example: str,
                 into: list[str] | None = None) -> list[str]:
        """Several answers, one per line, until an empty line ([] when nobody is there);
        each is added to `into` as it is given."""
        items = [] if into is None else into
        if not self.interactive:
            return items
        self.write(f"{question} One per line; press Enter on an empty line to finish.\n"
                   f"  For example: {example}")
        while answer := self.read_line("  - "):
            items.append(answer)
        return items

    def ask(self, q: Question, default: str = "", before: str = "") -> str:
        """The answer to `q`, asked until it is given (Enter keeps `default`);
        `before` is said first, such as why an earlier answer could not be used."""
        if before:
            self.write(before)
        if default:
            self.write(f"{q.question}\n  Press Enter to keep: {default}")
        else:
            optional = "" if q.required else " (optional: press Enter to skip)"
            self.write(f"{q.question}{optional}\n  For example: {q.example}")
        while True:
            answer = self.read_line("> ") or default
            if answer or not q.required:
                return answer
            self.write(NEEDED_WORDS)

    def read_line(self, prompt: str) -> str:
        """One answer with its spaces tidied; `StoppedAnswering` at the end of input or
        on Ctrl-C."""
        try:
            return " ".join(self.read(prompt).split())
        except (EOFError, KeyboardInterrupt):
            self.write("")
            raise StoppedAnswering from None
