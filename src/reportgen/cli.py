"""Turn command-line arguments into a build or a check, messages and an exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from reportgen import __version__
from reportgen.errors import InputError, ReportgenError

OK, INVALID, USAGE = 0, 1, 2

# argparse speaks English; these are the messages a user can meet.
_ARGPARSE_MESSAGES = {
    "the following arguments are required": "argumen berikut wajib diisi",
    "unrecognized arguments": "argumen tidak dikenal",
    "invalid choice": "pilihan tidak dikenal",
    "expected one argument": "diharapkan satu nilai",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's hook; raise instead of exiting
        for english, indonesian in _ARGPARSE_MESSAGES.items():
            message = message.replace(english, indonesian)
        message = message.replace("(choose from", "(pilih dari").replace("argument ", "argumen ")
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reportgen",
        description="Membangun laporan evaluasi program pengembangan ASN menjadi situs HTML dan PDF.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
    parser.add_argument("--version", action="version", version=f"reportgen {__version__}", help="tampilkan versi")
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH", title="perintah")
    for name, text in (
        ("build", "periksa semua masukan lalu bangun HTML dan PDF ke folder output/"),
        ("check", "periksa semua masukan tanpa membangun apa pun"),
    ):
        sub = commands.add_parser(name, help=text, description=text, add_help=False)
        sub.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
        sub.add_argument("laporan", nargs="*", metavar="LAPORAN", help="nama folder laporan (bawaan: semua)")
        sub.add_argument("--proyek", type=Path, default=Path("."), help="folder proyek berisi reports.yaml")
        if name == "build":
            sub.add_argument("--keluaran", type=Path, default=None, help="folder keluaran (bawaan: PROYEK/output)")
    return parser


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run reportgen with `argv`; returns the exit code (0 ok, 1 invalid input, 2 usage)."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as done:  # --help and --version print, then argparse exits
        return int(done.code or 0)
    except _UsageError as usage:
        print(f"reportgen: kesalahan penggunaan: {usage}\nKetik 'reportgen --help' untuk bantuan.", file=err)
        return USAGE
    if args.command is None:
        print("reportgen: sebutkan perintah: build atau check. Ketik 'reportgen --help' untuk bantuan.", file=err)
        return USAGE
    try:
        return _run(args, out, err)
    except InputError as error:
        _print_problems(error, err)
        return INVALID
    except ReportgenError as error:
        print(f"reportgen: {error}", file=err)
        return INVALID


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen import build  # keeps `--help` and usage errors free of heavy imports

    root = args.proyek
    if args.command == "check":
        outcome = build.check(root, args.laporan)
        verb = "diperiksa"
    else:
        output = args.keluaran or root / "output"
        outcome = build.build(root, output, args.laporan, progress=lambda slug: print(f"  ✓ {slug}", file=out))
        verb = f"dibangun ke {_relative(output / 'site')}"
    for failure in outcome.failures:
        print(f"✗ laporan '{failure.slug}' gagal:", file=err)
        _print_problems(InputError(failure.problems), err)
    summary = f"{len(outcome.done)} laporan {verb}"
    if outcome.failures:
        summary += f", {len(outcome.failures)} laporan gagal"
    print(summary + ".", file=out if outcome.ok else err)
    return OK if outcome.ok else INVALID


def _relative(path: Path) -> Path:
    """`path` relative to the working directory when it lies below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _print_problems(error: InputError, err: TextIO) -> None:
    for problem in error.problems:
        print(problem.render(), file=err)
    if len(error.problems) > 1:
        print(f"({len(error.problems)} kesalahan)", file=err)
