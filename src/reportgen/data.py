"""Turn a report's data declarations (CSV files and their indicators) into computed results."""

from __future__ import annotations

import dataclasses

from reportgen.errors import InputError
from reportgen.indicators import REGISTRY
from reportgen.load import LoadedReport
from reportgen.results import Result


def compute_results(loaded: LoadedReport) -> dict[str, Result]:
    """Every declared indicator's result by name; InputError lists the problems of all of them.

    Loading has checked the declarations (kinds, options, names, files); what is left to find is
    in the CSV files.
    """
    from reportgen import csvdata  # pandas: only reports with data pay for it

    results, problems = {}, []
    for spec in loaded.report.data:
        indicator = REGISTRY[spec.jenis]
        path = (loaded.folder / spec.berkas).resolve()
        try:
            frame = csvdata.read_csv(path, indicator.columns(spec.opsi), spec.csv, shown_as=path)
            result = indicator.present(indicator.compute(frame, spec.opsi), spec, spec.opsi)
            results[spec.nama] = dataclasses.replace(result, kind=spec.jenis)
        except InputError as err:
            problems.extend(err.problems)
    if problems:
        raise InputError(problems)
    return results
