"""Turn a named moment of a build into a crash, so that tests can kill a build exactly there.

A build killed at any moment (kill -9, the OOM killer, a power cut) must leave the whole old site or
the whole new one. Killing after a sleep only samples those moments, and which one a sleep hits
depends on the machine's load; a named point is the same moment on every run. With the variable set
to a point's name, the build's whole process group is sent SIGKILL there, as `kill -9 -- -PGID`
would; `name:INT` or `name:TERM` sends that signal instead (Ctrl-C at a terminal reaches the whole
group). Unset (always, outside the tests), a point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

VARIABLE = "REPORTGEN_KILL_AT"
# In the order a build passes them.
POINTS = (
    "rendering",  # the first report handed to a worker
    "cached",  # the first rendered report stored in the cache
    "staged",  # the new site staged beside the old one
    "recorded",  # the site record written for the staged site
    "swapped",  # the new site swapped in, the old one not yet removed
)


def reached(point: str) -> None:
    """Signal this build's process group here when the environment names `point`."""
    name, _, signal_name = os.environ.get(VARIABLE, "").partition(":")
    if name == point:
        os.killpg(os.getpgrp(), signal.Signals[f"SIG{signal_name or 'KILL'}"])
