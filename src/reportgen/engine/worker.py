"""Import, once in the fork server, what every worker needs, so each forked worker starts ready."""

import weasyprint  # noqa: F401

from reportgen import csvdata, data, indicators, load, pdf, render, site  # noqa: F401
from reportgen.engine import unit  # noqa: F401

indicators.import_steps()  # the declarations import no pandas; their steps do
