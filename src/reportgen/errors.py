"""The exceptions reportgen raises; only the CLI turns them into messages and exit codes."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one input file, located as precisely as the input allows."""

    file: Path
    message: str
    line: int | None = None
    column: int | None = None
    key: str = ""
    source_line: str | None = None
    stands_for: int = 1  # how many problems this one tells of ("... and 19 more" stands for 19)

    def relative_to(self, folder: Path) -> Problem:
        """This problem with its file named from `folder` when it lies below it (see `below`)."""
        return dataclasses.replace(self, file=below(self.file, folder))

    def location(self) -> str:
        """`file:line:column`, with the parts that are known."""
        parts = [str(self.file)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self) -> str:
        """The problem as the author reads it: location, key, message, and the line quoted."""
        head = f"{self.location()}: " + (f"{self.key}: " if self.key else "") + self.message
        if self.source_line is None or self.line is None:
            return head
        gutter = f"{self.line:>5} | "
        shown, column = _window(self.source_line, self.column)
        if column is None:
            return f"{head}\n{gutter}{shown}"
        caret = " " * (len(gutter) - 2) + "| " + " " * max(column - 1, 0) + "^"
        return f"{head}\n{gutter}{shown}\n{caret}"


_WIDTH = 100  # of a quoted source line; a longer one is shown around its column


def _window(text: str, column: int | None) -> tuple[str, int | None]:
    """`text` cut to about _WIDTH characters around `column`, and the column within what is shown."""
    if len(text) <= _WIDTH:
        return text, column
    start = max(0, min((column or 1) - 1 - _WIDTH // 2, len(text) - _WIDTH))
    shown = text[start : start + _WIDTH]
    prefix, suffix = ("…" if start else ""), ("…" if start + _WIDTH < len(text) else "")
    return prefix + shown + suffix, None if column is None else column - start + len(prefix)


class ReportgenError(Exception):
    """Base of every error reportgen reports to its user."""


class InputError(ReportgenError):
    """One or more problems in the author's input files."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(p.render() for p in self.problems))


class ShardError(ReportgenError):
    """Shard outputs that cannot be assembled; one line per problem, each naming its shard or folder."""

    def __init__(self, lines: list[str] | tuple[str, ...]):
        self.lines = tuple(lines)
        super().__init__("\n".join(self.lines))


def internal_error(err: BaseException) -> str:
    """How an unexpected exception is named to the user, in one line (its traceback goes to a log)."""
    return f"kesalahan internal ({type(err).__name__}: {err})"


def below(path: Path, folder: Path) -> Path:
    """`path` relative to `folder` when it lies below it, else as it is: for short messages.

    The stages name files by their absolute paths; only the CLI (the current folder) and a shard's
    record of its failures (the project folder) shorten them. The last part is not followed when it
    is a link, so a link to a device is named where it lies, not by what it points to.
    """
    try:
        return (path.parent.resolve() / path.name).relative_to(folder.resolve())
    except ValueError:
        return path
