"""Turn reports.yaml and content/<slug>/laporan.yaml into validated models."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportgen import inputfiles, yamlsource
from reportgen.errors import InputError, Problem
from reportgen.names import CONFIG_FILE, REPORT_FILE, SITE_FOLDERS
from reportgen.schema import APPENDIX, FILE_NAME_PATTERN, FOREWORD, Report, SiteConfig
from reportgen.validate import suggest, validate


@dataclass(frozen=True)
class Project:
    """Where a project lives and what its reports.yaml says."""

    root: Path
    config: SiteConfig
    # Listed reports whose file is missing: each fails on its own, with the problem at its line in
    # reports.yaml, and the others are still built.
    missing: Mapping[str, Problem] = field(default_factory=dict)

    def report_dir(self, slug: str) -> Path:
        """The folder of report `slug`."""
        return self.root / "content" / slug


@dataclass(frozen=True)
class LoadedReport:
    """A validated report and the folder its files come from."""

    slug: str
    folder: Path
    report: Report
    source: yamlsource.Source


def load_project(root: Path) -> Project:
    """The project at `root`, its reports.yaml validated and every listed folder checked."""
    path = root / CONFIG_FILE
    if not path.is_file():
        raise InputError([Problem(Path(CONFIG_FILE), f"berkas {CONFIG_FILE} tidak ditemukan di {root}")])
    source = yamlsource.load(path, shown_as=path.resolve())
    config = validate(source, SiteConfig)
    problems = [
        source.problem(("laporan", i), f"laporan '{slug}' disebut lebih dari sekali")
        for i, slug in enumerate(config.laporan)
        if slug in config.laporan[:i]
    ] + [
        source.problem(
            ("laporan", i),
            f"nama '{slug}' dipakai situs untuk halamannya sendiri ({', '.join(SITE_FOLDERS)}), sehingga halaman "
            f"laporan akan tertimpa; ganti nama folder laporan itu, mis. '{slug}-2026'",
        )
        for i, slug in enumerate(config.laporan)
        if slug in SITE_FOLDERS
    ]
    if problems:
        raise InputError(problems)
    missing = {
        slug: source.problem(("laporan", i), _missing_file(root, slug))
        for i, slug in enumerate(config.laporan)
        if not (root / "content" / slug / REPORT_FILE).is_file()
    }
    return Project(root, config, missing)


def load_report(project: Project, slug: str) -> LoadedReport:
    """The validated report `slug` of `project`."""
    if slug in project.missing:
        raise InputError([project.missing[slug]])
    folder = project.report_dir(slug)
    path = folder / REPORT_FILE
    source = yamlsource.load(path, shown_as=path.resolve())
    declared = [source.problem(loc, message) for loc, message in data_problems(folder, source.data)]
    try:
        report = validate(source, Report)
    except InputError as err:
        # A missing data file is as much a mistake of this file as a wrong key: both are said at once.
        shown = {p.key for p in err.problems}
        together = [*err.problems, *(p for p in declared if p.key not in shown)]
        raise InputError(sorted(together, key=lambda p: (p.line or 0, p.column or 0))) from None
    problems = [source.problem(loc, message) for loc, message in structure_problems(report)]
    if report.logo and (refused := refused_input(folder, report.logo, "logo")):
        problems.insert(0, source.problem(("logo",), refused))
    elif report.logo and not _inside(folder, report.logo):
        problems.insert(0, source.problem(("logo",), missing_file_message(folder, report.logo, "logo")))
    elif report.logo:
        problem = _logo_problem(folder / report.logo, report.logo)
        if problem:
            problems.insert(0, source.problem(("logo",), problem))
    problems.extend(declared)
    if problems:
        raise InputError(problems)
    return LoadedReport(slug, folder, report, source)


def data_problems(folder: Path, data: object) -> list[tuple[tuple, str]]:
    """What is wrong with the names and files `data:` declares: a name used twice, a file missing or outside `folder`.

    Read from the parsed YAML, not the models, so they are found even when other keys are wrong.
    """
    items = data.get("data") if isinstance(data, dict) else None
    found, names = [], set()
    for i, item in enumerate(items if isinstance(items, list) else ()):
        name, file = (item.get("nama"), item.get("berkas")) if isinstance(item, dict) else (None, None)
        if isinstance(name, str) and name in names:
            found.append((("data", i, "nama"), f"nama data '{name}' sudah dipakai"))
        names.add(name if isinstance(name, str) else None)
        message = _data_file_problem(folder, file.strip()) if _file_name(file) else None
        if message:
            found.append((("data", i, "berkas"), message))
    return found


def _file_name(value: object) -> bool:
    """Whether `value` can name a file at all; the schema says what is wrong with one that cannot."""
    return isinstance(value, str) and re.fullmatch(FILE_NAME_PATTERN, value.strip()) is not None


def _data_file_problem(folder: Path, name: str) -> str | None:
    if refused := refused_input(folder, name, "data"):  # before following a link: it may lead to a device
        return refused
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()):
        return f"berkas data harus di folder laporan; ditemukan '{name}'"
    if not path.is_file():
        return missing_file_message(folder, name, "data", "*.csv")
    return None


def structure_problems(report: Report) -> list[tuple[tuple, str]]:
    """Where the official structure is misused: a foreword not first or unsigned, a chapter after an appendix."""
    kinds = [section.jenis for section in report.bagian]
    first_appendix = kinds.index(APPENDIX) if APPENDIX in kinds else len(kinds)
    found = ((i, _misplaced(report, i, first_appendix)) for i in range(len(kinds)))
    return [(("bagian", i, "jenis"), message) for i, message in found if message]


def _misplaced(report: Report, index: int, first_appendix: int) -> str | None:
    """What is wrong with where section `index` stands, or None."""
    section = report.bagian[index]
    if section.jenis == FOREWORD and index > 0:
        return (
            f"bagian berjenis '{FOREWORD}' harus menjadi bagian pertama, karena dicetak sebelum Daftar Isi; "
            "pindahkan ke awal daftar 'bagian'"
        )
    if section.jenis == FOREWORD and section.penanda_tangan is None and report.pengesahan is None:
        return (
            f"bagian '{FOREWORD}' perlu penanda tangan: tulis 'penanda_tangan' (nama, jabatan, NIP) di bagian ini, "
            "atau 'pengesahan' di laporan"
        )
    if index > first_appendix and section.jenis != APPENDIX:
        return (
            f"bagian berjenis '{section.jenis}' tidak boleh berada setelah lampiran; '{APPENDIX}' ditulis paling "
            "akhir, setelah kesimpulan"
        )
    return None


_IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")


def _logo_problem(path: Path, name: str) -> str | None:
    """Why the logo file cannot go on the cover, if it cannot: a name a URL misreads, or not an image."""
    if any(c in name for c in "#?%"):
        return f"nama berkas logo '{name}' memuat #, ? atau %; ganti nama berkasnya tanpa tanda-tanda itu"
    with path.open("rb") as image:
        head = image.read(4096)  # a logo of 1,5 GB is not read whole to learn it is not an image
    is_webp = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if head.startswith(_IMAGE_SIGNATURES) or is_webp or b"<svg" in head.lower():
        return None
    return f"berkas logo '{name}' bukan gambar; diharapkan PNG, JPEG, GIF, WebP atau SVG"


def _inside(folder: Path, name: str) -> bool:
    """Whether `name` is a file inside `folder` (no escaping it with '..')."""
    path = (folder / name).resolve()
    return path.is_relative_to(folder.resolve()) and path.is_file()


def refused_input(folder: Path, name: str, what: str) -> str | None:
    """Why declared file `name` of `folder` cannot be an input: a hidden or editor's name (never digested, so
    never noticed when it changes), or no regular file. None otherwise, a missing file included."""
    if inputfiles.is_editor_file(Path(name).name):
        return (
            f"berkas {what} '{name}' bernama seperti berkas tersembunyi atau berkas sementara editor, yang bukan "
            "masukan laporan; ganti nama berkasnya"
        )
    path = folder / name
    try:
        why = None if path.is_dir() else inputfiles.not_regular(path)
    except OSError:
        return None  # not there (a folder counts as such): the caller says so, suggesting the closest name
    return f"berkas {what} '{name}' {why}" if why else None


def missing_file_message(folder: Path, name: str, what: str, pattern: str = "*") -> str:
    """'berkas <what> '<name>' tidak ditemukan ...', suggesting the closest file of `pattern` there."""
    present = sorted(p.name for p in folder.glob(pattern) if p.is_file() and p.name != REPORT_FILE)
    hint = suggest(name, present)
    listing = f" Berkas {pattern.removeprefix('*.').upper()} yang ada: {', '.join(present)}" if pattern != "*" else ""
    return f"berkas {what} '{name}' tidak ditemukan di folder laporan.{hint}{listing if present else ''}".rstrip(".")


def _missing_file(root: Path, slug: str) -> str:
    path = root / "content" / slug / REPORT_FILE
    if path.is_dir():
        return f"content/{slug}/{REPORT_FILE} adalah folder, padahal seharusnya berkas laporan"
    content = root / "content"
    existing = sorted(p.name for p in content.iterdir() if (p / REPORT_FILE).is_file()) if content.is_dir() else []
    return f"berkas content/{slug}/{REPORT_FILE} tidak ditemukan.{suggest(slug, existing)}".rstrip(".")
