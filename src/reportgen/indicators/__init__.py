"""Turn the indicator kind a report names (DataSpec.jenis) into the module that computes it.

Each module offers KIND, DEFAULT_TITLE, Options (the keys under `opsi:`), columns(options),
compute(frame, options), a pure function, and present(result, spec, options).
"""

from __future__ import annotations

from types import ModuleType

from reportgen.indicators import anggaran, ikm, jp, prepost, tabel

REGISTRY: dict[str, ModuleType] = {module.KIND: module for module in (ikm, prepost, jp, anggaran, tabel)}
