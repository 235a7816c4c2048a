"""Turn a project on disk into jobs: one per report, every input listed and the lot digested."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportgen
from reportgen import inputfiles, names, outputs
from reportgen.errors import Problem

# Libraries whose version can change what the pipeline gives every format (the view, the figures,
# the text); each output format names its own (outputs/).
PIPELINE_LIBRARIES = (
    "babel",
    "jinja2",
    "markdown",
    "markupsafe",
    "nh3",
    "numpy",
    "pandas",
    "pydantic",
    "pyyaml",
    "scipy",
)
LIBRARIES = tuple(sorted({*PIPELINE_LIBRARIES, *outputs.LIBRARIES}))
# Shared libraries WeasyPrint lays out and shapes text with; their file names carry the version.
NATIVE = ("libpango-1.0.so", "libpangoft2-1.0.so", "libharfbuzz.so", "libharfbuzz-subset.so", "libfontconfig.so")
NATIVE_DIRS = ("/usr/lib", "/usr/lib64", "/usr/local/lib")
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
GONE = "-"  # the digest of a file that is not there
UNREADABLE = inputfiles.UNREADABLE
FORMAT = 2  # bump when the meaning of a job's result changes without any input changing


@dataclass(frozen=True)
class Job:
    """One report to build: its inputs, each with its digest, and the digest of them all (the cache key)."""

    slug: str
    root: Path
    inputs: tuple[tuple[str, str], ...]  # (what, digest): files by project-relative path, settings, versions
    formats: tuple[str, ...]  # the output formats it makes (outputs/), in registry order
    key: str


@dataclass(frozen=True)
class Shared:
    """The inputs every report shares: templates it uses, settings that apply, versions of the code."""

    inputs: tuple[tuple[str, str], ...]


def shared_inputs(root: Path, settings: Mapping[str, object], machine: Files | None = None) -> Shared:
    """Templates reachable from the report templates, site settings (not the report list), versions.

    `machine`: the text libraries and fonts of the machine that rendered (default: this one's).
    """
    templates = root / "templates"
    used = sorted(_template_closure(templates) | set(names.ASSETS))
    files = [(f"templates/{name}", file_digest(templates / name)) for name in used if (templates / name).is_file()]
    code = versions() if machine is None else (*package_versions(), *machine)
    return Shared((*files, ("settings", settings_digest(settings)), *code))


def settings_digest(settings: Mapping[str, object]) -> str:
    """The digest of the site settings that apply to every report."""
    return _digest(json.dumps(settings, sort_keys=True, ensure_ascii=False, default=str).encode())


def current_inputs(job: Job, settings: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """`job`'s inputs as they are on disk now, read again: what a worker compares with what was planned."""
    own = report_inputs(job.root, job.slug)
    shared = []
    for what, digest in job.inputs:
        if what.startswith("templates/"):
            path = job.root / what
            shared.append((what, file_digest(path) if path.is_file() else GONE))
        elif what == "settings":
            shared.append((what, settings_digest(settings)))
        elif not what.startswith(f"content/{job.slug}/"):
            shared.append((what, digest))  # versions: those of this very process
    return (*own, *shared)


Files = tuple[tuple[str, str], ...]  # (project-relative path, SHA-256), sorted by path


def scan(root: Path, slugs: Sequence[str], known: Mapping[str, Files] | None = None) -> dict[str, Files]:
    """Each report's own files with their digests (those in `known` are not read again)."""
    known = known or {}
    return {slug: known[slug] if slug in known else report_inputs(root, slug) for slug in slugs}


def report_inputs(root: Path, slug: str) -> Files:
    """Every input file of the report's folder, with its digest (see `file_digest`); one gone meanwhile is none."""
    found = ((path.relative_to(root).as_posix(), file_digest(path)) for path in report_files(root / "content" / slug))
    return tuple((path, digest) for path, digest in found if digest != GONE)


def unreadable(root: Path, inputs: Iterable[tuple[str, str]]) -> tuple[Problem, ...]:
    """A problem for each input file that could not be read as a regular file, at its path."""
    return tuple(
        Problem((root / what).parent.resolve() / Path(what).name, digest[1:])  # not the link's target
        for what, digest in inputs
        if digest.startswith(UNREADABLE)
    )


def unlisted(root: Path, listed: Iterable[str]) -> list[str]:
    """The report folders under content/ that reports.yaml does not list, sorted."""
    content, listed = root / "content", set(listed)
    if not content.is_dir():
        return []
    return sorted(p.name for p in content.iterdir() if p.name not in listed and (p / names.REPORT_FILE).is_file())


def plan(root: Path, scanned: Mapping[str, Files], shared: Shared, *, formats: Sequence[str]) -> tuple[Job, ...]:
    """One job per scanned report: its own files plus the shared inputs, making `formats`."""
    jobs, formats = [], outputs.chosen(formats)
    for slug, own in scanned.items():
        inputs = (*own, *shared.inputs)
        jobs.append(Job(slug, root, inputs, formats, job_key(inputs, formats)))
    return tuple(jobs)


def job_key(inputs: Iterable[tuple[str, str]], formats: Sequence[str]) -> str:
    """The digest that keys a job's result in the cache."""
    text = json.dumps([FORMAT, list(outputs.chosen(formats)), list(inputs)], ensure_ascii=False)
    return _digest(text.encode())


def report_files(folder: Path) -> list[Path]:
    """The files of a report folder, sorted; hidden files and editors' lock, backup and temporary files are not
    inputs (see inputfiles)."""
    return inputfiles.listing(folder)


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes; GONE for a file deleted since it was listed (or a dangling link);
    UNREADABLE and why for one that is no regular file or cannot be read, which fails its report."""
    found = inputfiles.digest(path)
    return GONE if found is None else found


def versions() -> tuple[tuple[str, str], ...]:
    """What shapes output besides the project: package versions, and this machine's text libraries and fonts."""
    return (*package_versions(), *machine_versions())


@cache
def package_versions() -> tuple[tuple[str, str], ...]:
    """reportgen's version and a digest of its code, and the versions of the libraries that shape output."""
    from importlib import metadata

    package = Path(reportgen.__file__).parent
    code = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        code.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    found = [("reportgen", reportgen.__version__), ("reportgen-code", code.hexdigest())]
    for name in LIBRARIES:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, "-"))
    return tuple(found)


MACHINE = ("native", "fonts")  # the names machine_versions() gives


@cache
def machine_versions() -> tuple[tuple[str, str], ...]:
    """The versions of the shared libraries WeasyPrint lays text out with, and a digest of the fonts."""
    return (("native", ",".join(_native_libraries())), ("fonts", _fonts_digest()))


def _native_libraries() -> list[str]:
    """The versioned file names of the shared libraries in NATIVE ('libpango-1.0.so.0.5000.12')."""
    names = set()
    for folder in NATIVE_DIRS:
        for pattern in NATIVE:
            for found in (*Path(folder).glob(f"{pattern}*"), *Path(folder).glob(f"*/{pattern}*")):  # multiarch
                names.add(found.resolve().name)
    return sorted(names)


def _fonts_digest() -> str:
    """A digest of the installed font files (name, size, time): other fonts, other PDFs."""
    listing = []
    for folder in FONT_DIRS:
        for path in report_files(Path(folder).expanduser()):
            with contextlib.suppress(OSError):  # gone meanwhile, or a dangling link
                stat = path.stat()
                listing.append(f"{path}:{stat.st_size}:{int(stat.st_mtime)}")
    return _digest("\n".join(listing).encode())


def _template_closure(templates: Path) -> set[str]:
    """The templates the output formats render and every template they extend, include or import, by name."""
    import jinja2
    from jinja2 import meta

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates))
    seen: set[str] = set()
    todo = list(outputs.TEMPLATES)
    while todo:
        name = todo.pop()
        if name in seen or not (templates / name).is_file():
            continue
        seen.add(name)
        try:
            tree = env.parse((templates / name).read_text(encoding="utf-8"))
        except jinja2.TemplateSyntaxError:
            continue  # rendering reports it; the file's digest already keys the job
        referenced = list(meta.find_referenced_templates(tree))
        if None in referenced:  # a name computed at run time: any template may be used
            return {p.relative_to(templates).as_posix() for p in templates.rglob("*") if p.is_file()}
        todo.extend(referenced)
    return seen


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def site_inputs(root: Path, settings: Mapping[str, object], *, formats: Sequence[str], machine: bool = True) -> Files:
    """What the shared pages and every report are made from besides the reports' own files: every
    template, the site settings, the versions (those of this machine's libraries and fonts only when
    `machine`: a machine that renders no PDF need not have them).
    """
    templates = [(p.relative_to(root).as_posix(), file_digest(p)) for p in report_files(root / "templates")]
    code = versions() if machine else package_versions()
    built = ("formats", " ".join(outputs.chosen(formats)))
    return (*templates, ("settings", settings_digest(settings)), *code, built, ("format", str(FORMAT)))


def fingerprint(root: Path, config: bytes, scanned: Mapping[str, Files], *, formats: Sequence[str]) -> str:
    """One digest of everything a whole build reads: equal fingerprints, equal sites."""
    templates = [p for p in report_files(root / "templates")]
    parts = [
        _digest(config),
        *(f"{p.relative_to(root).as_posix()}={file_digest(p)}" for p in templates),
        *(f"{what}={value}" for what, value in versions()),
        f"formats={' '.join(outputs.chosen(formats))}",
        f"format={FORMAT}",
    ]
    for slug, files in scanned.items():
        parts.extend(f"{path}={digest}" for path, digest in files)
        parts.append(f"report={slug}")
    return _digest("\n".join(parts).encode())
