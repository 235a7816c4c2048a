"""Turn command-line arguments into a build or a check, messages and an exit code."""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import os
import signal
import sys
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import TextIO

from reportgen import __version__, names, outputs
from reportgen.engine import DEFAULT_TIMEOUT
from reportgen.engine.outcome import BUILT, CACHED, CHECKED, FAILED, KEPT, MISSING
from reportgen.errors import InputError, Problem, ReportgenError, below

OK, INVALID, USAGE, INTERRUPTED = 0, 1, 2, 130

# argparse speaks English; these are the messages a user can meet.
_ARGPARSE_MESSAGES = {
    "the following arguments are required": "argumen berikut wajib diisi",
    "unrecognized arguments": "argumen tidak dikenal",
    "invalid choice": "pilihan tidak dikenal",
    "expected one argument": "diharapkan satu nilai",
}


class _Formatter(argparse.HelpFormatter):
    """argparse's help with its English headings in Indonesian."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "penggunaan: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"

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
            _build_options(sub)
    text = "tulis JSON Schema reports.yaml dan laporan.yaml agar editor melengkapi kunci dan menandai kesalahan"
    sub = commands.add_parser("schema", help=text, description=text, add_help=False)
    sub.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
    sub.add_argument("--proyek", type=Path, default=Path("."), help="folder proyek berisi reports.yaml")
    sub.add_argument("--keluaran", type=Path, default=None, help="folder tujuan (bawaan: PROYEK/schema)")
    _new_parser(commands)
    _serve_parser(commands)
    _assemble_parser(commands)
    return parser


def _assemble_parser(commands: argparse._SubParsersAction) -> None:
    text = "rakit keluaran shard (build --shard K/N) menjadi satu situs, tanpa membangun laporan lagi"
    sub = commands.add_parser("assemble", help=text, description=text, add_help=False)
    sub.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
    sub.add_argument(
        "shard", nargs="+", type=Path, metavar="FOLDER_SHARD", help="folder keluaran shard 1..N, masing-masing sekali"
    )
    sub.add_argument(
        "--proyek", type=Path, default=Path("."), help="folder proyek berisi reports.yaml dan templat situs"
    )
    sub.add_argument("--keluaran", type=Path, default=None, help="folder keluaran (bawaan: PROYEK/output)")
    sub.add_argument("-q", "--senyap", action="store_true", help="hanya tampilkan kesalahan")


def _serve_parser(commands: argparse._SubParsersAction) -> None:
    text = "bangun situs, sajikan di http://127.0.0.1:8000, bangun ulang saat berkas berubah dan muat ulang halaman"
    sub = commands.add_parser("serve", help=text, description=text, add_help=False)
    sub.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
    sub.add_argument("--proyek", type=Path, default=Path("."), help="folder proyek berisi reports.yaml")
    sub.add_argument("--keluaran", type=Path, default=None, help="folder keluaran (bawaan: PROYEK/output)")
    sub.add_argument("--port", type=_port, default=8000, help="port (bawaan: 8000; 0: port bebas mana pun)")
    sub.add_argument("--host", default="127.0.0.1", help="alamat yang didengar (bawaan: 127.0.0.1, hanya komputer ini)")
    sub.add_argument("-j", "--pekerja", type=_positive_int, default=None, metavar="N", help="jumlah proses pembangun")


def _new_parser(commands: argparse._SubParsersAction) -> None:
    text = "buat laporan baru dari kerangka: content/LAPORAN/laporan.yaml, dan daftarkan di reports.yaml"
    sub = commands.add_parser("new", help=text, description=text, add_help=False)
    sub.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
    sub.add_argument("laporan", metavar="LAPORAN", help="nama folder laporan baru, mis. padang-pelatihan")
    sub.add_argument("--proyek", type=Path, default=Path("."), help="folder proyek berisi reports.yaml")
    sub.add_argument("--wilayah", type=_text, help="nama daerah (bawaan: kata pertama nama laporan, mis. Padang)")
    sub.add_argument("--program", type=_text, help="nama program yang dievaluasi (bawaan: Program Pengembangan ASN)")
    sub.add_argument(
        "--jenis-program",
        choices=names.PROGRAM_KINDS,
        help="jenis program untuk penyaring di situs (bawaan: lainnya)",
    )
    years = f"{names.FIRST_YEAR} sampai {names.LAST_YEAR}"
    sub.add_argument("--tahun", type=_year, help=f"tahun anggaran program, {years} (bawaan: tahun ini)")


def _build_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--keluaran", type=Path, default=None, help="folder keluaran (bawaan: PROYEK/output)")
    sub.add_argument(
        "-j",
        "--pekerja",
        type=_positive_int,
        default=None,
        metavar="N",
        help="jumlah proses yang membangun bersamaan (bawaan: jumlah inti prosesor; 1: satu per satu)",
    )
    sub.add_argument("--tanpa-pdf", action="store_true", help="bangun halaman HTML dan situs saja, tanpa PDF")
    sub.add_argument(
        "--bersih", action="store_true", help="abaikan hasil tersimpan di tembolok dan bangun ulang semua laporan"
    )
    sub.add_argument(
        "--tembolok",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="folder tembolok (bawaan: PROYEK/.cache/reportgen)",
    )
    sub.add_argument(
        "--batas-waktu",
        type=_positive_float,
        default=DEFAULT_TIMEOUT,
        metavar="DETIK",
        help=f"batas waktu membangun satu laporan (bawaan: {DEFAULT_TIMEOUT:.0f})",
    )
    sub.add_argument("-q", "--senyap", action="store_true", help="hanya tampilkan kesalahan")
    sub.add_argument(
        "--shard",
        type=_shard,
        default=None,
        metavar="K/N",
        help="bangun hanya bagian K dari N (satu per mesin CI) ke folder keluaran shard "
        "(bawaan: PROYEK/output/shard-K-dari-N); rakit semuanya dengan 'reportgen assemble'",
    )


def _shard(text: str):
    from reportgen.engine import shard

    try:
        return shard.parse(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _year(text: str) -> int:
    if not text.strip().isdigit() or not names.FIRST_YEAR <= int(text) <= names.LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"diharapkan tahun {names.FIRST_YEAR} sampai {names.LAST_YEAR}; ditemukan '{text}'"
        )
    return int(text)


def _text(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("tidak boleh kosong")
    return text.strip()


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"diharapkan nomor port 0 sampai 65535; ditemukan '{text}'") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"diharapkan nomor port 0 sampai 65535; ditemukan {value}")
    return value


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"diharapkan bilangan bulat 1 atau lebih; ditemukan '{text}'")
    return int(text)


def _positive_float(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"diharapkan angka lebih dari 0; ditemukan '{text}'")
    return value


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run reportgen with `argv`; returns the exit code (0 ok, 1 invalid input, 2 usage)."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        args = _parser().parse_args(argv)
        if getattr(args, "shard", None) and args.command == "build" and args.laporan:
            raise _UsageError("--shard memilih laporannya sendiri; jangan sebutkan LAPORAN bersamanya")
    except SystemExit as done:  # --help and --version print, then argparse exits
        return int(done.code or 0)
    except _UsageError as usage:
        print(f"reportgen: kesalahan penggunaan: {usage}\nKetik 'reportgen --help' untuk bantuan.", file=err)
        return USAGE
    if args.command is None:
        hint = "Ketik 'reportgen --help' untuk bantuan."
        print(f"reportgen: sebutkan perintah: build, check, new, serve, schema atau assemble. {hint}", file=err)
        return USAGE
    try:
        _check_environment(os.environ)
        with _terminate_as_interrupt():
            return _run(args, out, err)
    except KeyboardInterrupt:
        print("\nreportgen: dibatalkan; situs di folder keluaran tetap utuh.", file=err)
        return INTERRUPTED
    except InputError as error:
        _print_problems(error, err)
        return INVALID
    except ReportgenError as error:
        for line in str(error).splitlines():  # one problem a line (shards), each named
            print(f"reportgen: {line}", file=err)
        return INVALID
    except OSError as error:  # the disk is full, a folder is not writable...
        print(f"reportgen: {_os_error(error)}", file=err)
        return INVALID


def _check_environment(environ: MutableMapping[str, str]) -> None:
    """Environment settings reportgen's libraries read, checked before any of them does.

    SOURCE_DATE_EPOCH set but empty (as CI systems often leave it) means unset; any other value that
    is not a whole number of seconds is an error, as the reproducible-builds convention asks. A MAC
    key (engine/untrusted.py) too short to be secret is an error, not a weak key silently used.
    """
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.strip():
        del environ["SOURCE_DATE_EPOCH"]
    elif epoch is not None and not epoch.strip().isdigit():
        raise ReportgenError(
            f"variabel lingkungan SOURCE_DATE_EPOCH berisi '{epoch}'; diharapkan bilangan bulat "
            "(detik sejak 1 Januari 1970), mis. 1763769600, atau kosongkan"
        )
    from reportgen.engine import untrusted

    try:
        untrusted.key_from(environ)
    except ValueError as err:
        raise ReportgenError(str(err)) from None


# What the system says, in Indonesian, for the file errors a user can meet.
_OS_ERRORS = {
    errno.ENOSPC: "disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.EACCES: "tidak ada izin",
    errno.EPERM: "tidak ada izin",
    errno.EROFS: "sistem berkas hanya-baca",
    errno.ENOTDIR: "bagian jalurnya bukan folder",
    errno.EISDIR: "jalur itu folder, bukan berkas",
    errno.ENOENT: "tidak ditemukan",
}


def _os_error(error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return "port itu sudah dipakai program lain (mungkin reportgen serve yang lain); pilih port lain dengan --port"
    if error.errno == errno.EADDRNOTAVAIL:
        return "alamat --host itu bukan alamat komputer ini"
    reason = _OS_ERRORS.get(error.errno or 0, error.strerror or str(error))
    where = f" {error.filename}" if error.filename else ""
    return f"tidak dapat membaca atau menulis{where}: {reason}"


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a service manager, `kill`) stops a build as cleanly as Ctrl-C does."""

    def interrupt(_signum, _frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # Each command is imported when it runs: `--help` and usage errors stay free of heavy imports.
    run = {"build": _build, "check": _check, "new": _new, "schema": _schema, "serve": _serve, "assemble": _assemble}
    return run[args.command](args, out, err)


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen.commands import check

    outcome = check.run(check.Options(args.proyek, args.laporan))
    _print_failures(outcome, err, None)
    done = outcome.count(CHECKED)
    summary = f"{done} laporan diperiksa" + (f", {len(outcome.failures)} laporan gagal" if outcome.failures else "")
    print(summary + ".", file=out if outcome.ok else err)
    return OK if outcome.ok else INVALID


def _serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen.commands import serve

    options = serve.Options(args.proyek, args.keluaran, args.host, args.port, args.pekerja)
    serve.run(options, _Terminal(out, err))
    return OK


class _Terminal:
    """The live preview's lines, printed; its problems worded as a build's are."""

    def __init__(self, out: TextIO, err: TextIO):
        self.out, self.stderr = out, err

    def say(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    def explain(self, failure, output: Path) -> str:
        shown = io.StringIO()
        if isinstance(failure, InputError):
            _print_problems(failure, shown)
        elif isinstance(failure, ReportgenError):
            print(f"reportgen: {failure}", file=shown)
        elif isinstance(failure, OSError):
            print(f"reportgen: {_os_error(failure)}", file=shown)
        else:
            _print_failures(failure, shown, output)
        return shown.getvalue()

    def warn(self, text: str) -> None:
        self.stderr.write(text)
        self.stderr.flush()


def _new(args: argparse.Namespace, out: TextIO, _err: TextIO) -> int:
    from reportgen.commands import new

    given = {"wilayah": args.wilayah, "program": args.program, "jenis_program": args.jenis_program, "tahun": args.tahun}
    created = new.run(new.Options(args.proyek, args.laporan, **given))
    print(f"Laporan baru: {_shown(created.report)}, terdaftar di {created.config.name}.", file=out)
    print(f"Sunting berkas itu, lalu: reportgen build {args.laporan}", file=out)
    return OK


def _schema(args: argparse.Namespace, out: TextIO, _err: TextIO) -> int:
    from reportgen.commands import schema

    written = schema.run(schema.Options(args.proyek, args.keluaran))
    files = ", ".join(written.files)
    print(f"{len(written.files)} skema ditulis ke {_shown(written.folder)}: {files}.", file=out)
    return OK


def _assemble(args: argparse.Namespace, out: TextIO, _err: TextIO) -> int:
    from reportgen.commands import assemble
    from reportgen.progress import seconds_text

    done = assemble.run(assemble.Options(args.proyek, args.shard, args.keluaran))
    if not args.senyap:
        where = f"Situs: {_shown(done.output / 'site')} ({seconds_text(done.assembled.seconds)})"
        print(f"{done.assembled.reports} laporan dirakit dari {done.assembled.shards} shard. {where}.", file=out)
    return OK


def _build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen import progress
    from reportgen.commands import build

    options = build.Options(
        root=args.proyek,
        output=args.keluaran,
        only=args.laporan,
        workers=args.pekerja,
        formats=outputs.without("pdf") if args.tanpa_pdf else outputs.ALL,  # --tanpa-pdf: a shorthand
        fresh=args.bersih,
        timeout=args.batas_waktu,
        cache=args.tembolok,
        shard=args.shard,
        progress=progress.for_stream(out, args.senyap),
    )
    built = build.run(options)
    outcome, output = built.outcome, built.output
    _print_failures(outcome, err, None if args.shard else output)
    if args.shard and not outcome.ok:
        print("  Kegagalannya dicatat di keluaran shard; 'reportgen assemble' menolaknya sampai diperbaiki.", file=err)
    if not args.senyap or not outcome.ok:
        where = f"Situs: {_shown(output / 'site')}"
        where = f"Keluaran shard {args.shard}: {_shown(output)}" if args.shard else where
        _print_summary(outcome, where, out if outcome.ok else err)
    return OK if outcome.ok else INVALID


def _print_failures(outcome, err: TextIO, output: Path | None) -> None:
    for warning in outcome.warnings:
        print(f"peringatan: {_rendered(warning)}", file=err)
    for failure in outcome.failures:
        if failure.log is not None:
            problem = failure.problems[0]
            print(
                f"✗ laporan '{failure.slug}' gagal: {problem.message}; jejak lengkap di {_shown(failure.log)}",
                file=err,
            )
        else:
            print(f"✗ laporan '{failure.slug}' gagal:", file=err)
            _print_problems(InputError(failure.problems), err)
        if output is None:
            continue
        if failure.kept:
            print("  Versi terakhir yang berhasil dibangun tetap ada di situs.", file=err)
        else:
            print("  Laporan ini belum ada di situs: belum pernah berhasil dibangun.", file=err)


def _print_summary(outcome, where: str, stream: TextIO) -> None:
    from reportgen.progress import seconds_text

    total = len(outcome.reports)
    if outcome.unchanged:
        print(
            f"Tidak ada yang berubah: {where.removeprefix('Situs: ')} sudah mutakhir "
            f"({total} laporan, {seconds_text(outcome.seconds)}).",
            file=stream,
        )
        return
    counts = [
        (BUILT, "dibangun"),
        (CACHED, "dari tembolok"),
        (FAILED, "gagal"),
        (KEPT, "dari build sebelumnya"),
        (MISSING, "belum pernah dibangun"),
    ]
    parts = [f"{outcome.count(status)} {word}" for status, word in counts if outcome.count(status)]
    print(f"{total} laporan: {', '.join(parts)}. {where} ({seconds_text(outcome.seconds)}).", file=stream)
    built = sorted((r for r in outcome.reports if r.status == BUILT), key=lambda r: (-r.seconds, r.slug))
    if len(built) > 1:
        slowest = ", ".join(f"{r.slug} ({seconds_text(r.seconds)})" for r in built[:3])
        print(f"Paling lambat: {slowest}.", file=stream)


def _print_problems(error: InputError, err: TextIO) -> None:
    for problem in error.problems:
        print(_rendered(problem), file=err)
    count = sum(problem.stands_for for problem in error.problems)
    if count > 1:
        print(f"({count} kesalahan)", file=err)


def _rendered(problem: Problem) -> str:
    """A problem as its reader sees it, its file named from the current folder."""
    return problem.relative_to(Path.cwd()).render()


def _shown(path: Path) -> Path:
    """`path` as its reader sees it: from the current folder when it lies below it."""
    return below(path, Path.cwd())
