"""Turn an author's Jinja text into plain text, in a sandbox that notes every mistake and runs on.

`environment` holds the sandbox and its bounded filters, `bounds` the time and memory bounds,
`mistakes` what is noted and how it is told; the words come from `reportgen.messages`, the table
YAML and validation share.
"""

from reportgen.sandbox.bounds import bounded
from reportgen.sandbox.environment import environment, expand
from reportgen.sandbox.mistakes import AuthorTextError, Mistake, explain, note, running_line, stand_in

__all__ = [
    "AuthorTextError",
    "Mistake",
    "bounded",
    "environment",
    "expand",
    "explain",
    "note",
    "running_line",
    "stand_in",
]
