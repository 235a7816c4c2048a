"""Turn a report's data declarations (CSV files and their indicators) into computed results."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from reportgen.errors import InputError, display_path
from reportgen.load import LoadedReport, missing_file_message, refused_input
from reportgen.results import Result
from reportgen.validate import suggest, validate


def compute_results(loaded: LoadedReport) -> dict[str, Result]:
    """Every declared indicator's result by name; InputError lists the problems of all of them."""
    from reportgen import csvdata
    from reportgen.indicators import REGISTRY  # pandas and scipy: only reports with data pay for them

    results, problems = {}, []
    for i, spec in enumerate(loaded.report.data):
        at = ("data", i)
        if spec.nama in results:
            problems.append(loaded.source.problem((*at, "nama"), f"nama data '{spec.nama}' sudah dipakai"))
            continue
        module = REGISTRY.get(spec.jenis)
        if module is None:
            kinds = ", ".join(sorted(REGISTRY))
            hint = suggest(spec.jenis, REGISTRY)
            message = f"jenis data tidak dikenal '{spec.jenis}'; diharapkan salah satu dari: {kinds}.{hint}"
            problems.append(loaded.source.problem((*at, "jenis"), message.rstrip(".")))
            continue
        try:
            options = validate(loaded.source, module.Options, at=(*at, "opsi"), data=spec.opsi)
            path = _data_file(loaded, spec.berkas, at)
            frame = csvdata.read_csv(path, module.columns(options), spec.csv, shown_as=display_path(path))
            result = module.present(module.compute(frame, options), spec, options)
            results[spec.nama] = dataclasses.replace(result, kind=spec.jenis)
        except InputError as err:
            problems.extend(err.problems)
    if problems:
        raise InputError(problems)
    return results


def _data_file(loaded: LoadedReport, name: str, at: tuple) -> Path:
    if refused := refused_input(loaded.folder, name, "data"):  # before following a link: it may lead to a device
        raise InputError([loaded.source.problem((*at, "berkas"), refused)])
    path = (loaded.folder / name).resolve()
    if not path.is_relative_to(loaded.folder.resolve()):
        raise InputError(
            [loaded.source.problem((*at, "berkas"), f"berkas data harus di folder laporan; ditemukan '{name}'")]
        )
    if not path.is_file():
        message = missing_file_message(loaded.folder, name, "data", "*.csv")
        raise InputError([loaded.source.problem((*at, "berkas"), message)])
    return path
