"""The stages keep their direction: computing figures loads no rendering code, checking draws and prints nothing."""

from __future__ import annotations

import subprocess
import sys

RENDERING = ("reportgen.render", "reportgen.markup", "reportgen.charts", "reportgen.pdf", "reportgen.site")
LIBRARIES = ("jinja2", "markdown", "weasyprint", "matplotlib")


def loaded_after(statement: str) -> list[str]:
    code = f"{statement}; import sys; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_computing_figures_loads_no_rendering_code():
    modules = loaded_after("import reportgen.data, reportgen.indicators, reportgen.summary, reportgen.load")
    assert [m for m in (*RENDERING, *LIBRARIES) if m in modules] == []


def test_the_engine_plans_and_caches_without_rendering_code():
    modules = loaded_after("import reportgen.engine.plan, reportgen.engine.cache, reportgen.engine.state")
    assert [m for m in (*RENDERING, "weasyprint", "pandas") if m in modules] == []
