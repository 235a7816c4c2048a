"""The command line, called in-process through main(argv)."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest

from reportgen.cli import main
from tests.conftest import MINIMAL_REPORT, REPO, site_config


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_no_command_is_a_usage_error():
    message = (
        "reportgen: sebutkan perintah: build, check, new, serve, schema atau assemble. "
        "Ketik 'reportgen --help' untuk bantuan.\n"
    )
    assert run() == (2, "", message)


def test_unknown_option_is_a_usage_error_in_indonesian():
    code, _out, err = run("build", "--kertas", "A3")
    assert code == 2
    assert err == (
        "reportgen: kesalahan penggunaan: argumen tidak dikenal: --kertas\nKetik 'reportgen --help' untuk bantuan.\n"
    )


def test_unknown_command_is_a_usage_error():
    code, _, err = run("bangun")
    assert code == 2
    choices = "(pilih dari 'build', 'check', 'schema', 'new', 'serve', 'assemble')"
    assert f"argumen PERINTAH: pilihan tidak dikenal: 'bangun' {choices}" in err


def test_help_exits_zero(capsys):
    assert run("--help")[0] == 0
    assert "Membangun laporan evaluasi" in capsys.readouterr().out


@pytest.mark.parametrize("command", [(), ("build",), ("serve",), ("new",)])
def test_help_headings_are_indonesian(capsys, command):
    assert run(*command, "--help")[0] == 0
    said = capsys.readouterr().out
    assert said.startswith("penggunaan: reportgen")
    assert "\nopsi:\n" in said
    assert "usage:" not in said and "options:" not in said and "positional arguments" not in said


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("serve", "--port", "70000"), "argumen --port: diharapkan nomor port 0 sampai 65535; ditemukan 70000"),
        (("serve", "--port", "abc"), "argumen --port: diharapkan nomor port 0 sampai 65535; ditemukan 'abc'"),
        (("new", "baru", "--tahun", "1999"), "argumen --tahun: diharapkan tahun 2000 sampai 2100; ditemukan '1999'"),
        (("new", "baru", "--wilayah", " "), "argumen --wilayah: tidak boleh kosong"),
    ],
)
def test_option_values_are_checked_before_anything_runs(argv, message):
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert err == f"reportgen: kesalahan penggunaan: {message}\nKetik 'reportgen --help' untuk bantuan.\n"


def test_missing_reports_yaml(project):
    code, _out, err = project.run("check")
    assert code == 1
    assert err.startswith("reports.yaml: berkas reports.yaml tidak ditemukan di ")


def test_check_renders_nothing(project):
    project.report("uji")
    project.config(site_config("uji"))
    assert project.run("check") == (0, "1 laporan diperiksa.\n", "")
    assert not (project.root / "output").exists()


def test_build_one_named_report(project):
    project.report("satu")
    project.report("dua")
    project.config(site_config("satu", "dua"))
    code, out, _ = project.run("build", "dua")
    assert code == 0
    summary = r"2 laporan: 1 dibangun, 1 belum pernah dibangun\. Situs: output/site \(\d+,\d dtk\)\.\n"
    assert re.fullmatch(r"2 laporan: 1 akan dibangun, 1 tidak dipilih\.\n  ✓ dua \(\d+,\d dtk\)\n" + summary, out)
    assert (project.root / "output/site/dua/dua.pdf").is_file()
    assert not (project.root / "output/site/satu").exists()


def test_build_unknown_report_name(project):
    project.report("satu")
    project.config(site_config("satu"))
    code, _, err = project.run("build", "tiga")
    assert code == 1
    assert err == "reports.yaml: laporan 'tiga' tidak terdaftar di bagian 'laporan'\n"


def test_build_py_at_the_top_does_the_same_as_reportgen_build(project):
    project.report("uji", MINIMAL_REPORT)
    project.config(site_config("uji"))
    from tests.conftest import REPO

    done = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--proyek", str(project.root)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    summary = r"1 laporan: 1 dibangun\. Situs: output/site \(\d+,\d dtk\)\.\n"
    assert re.fullmatch(r"1 laporan: 1 akan dibangun\.\n  ✓ uji \(\d+,\d dtk\)\n" + summary, done.stdout)


def test_help_does_not_import_the_renderers():
    code = (
        "import sys; from reportgen.cli import main; main(['--version']); "
        "print(sorted(m for m in ('weasyprint', 'pandas', 'matplotlib') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "[]"


class Terminal(io.StringIO):
    """Output that says it is a terminal, as a user's shell is."""

    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_progress_bar_and_a_summary(project):
    project.report("satu")
    project.report("dua")
    project.config(site_config("satu", "dua"))
    out, err = Terminal(), io.StringIO()
    assert main(["build", "--proyek", str(project.root)], stdout=out, stderr=err) == 0, err.getvalue()
    shown = out.getvalue()
    assert "Membangun" in shown and "2/2" in shown  # the bar, drawn while the reports were built
    assert re.search(r"2 laporan: 2 dibangun\. Situs: output/site \(\d+,\d dtk\)\.\nPaling lambat: ", shown)


def test_quiet_prints_nothing_when_all_went_well(project):
    project.report("satu")
    project.config(site_config("satu"))
    assert project.run("build", "-q") == (0, "", "")
    assert project.run("build", "--senyap") == (0, "", "")


def test_workers_must_be_a_positive_number(project):
    code, _, err = project.run("build", "-j", "0")
    assert code == 2
    assert "argumen -j/--pekerja: diharapkan bilangan bulat 1 atau lebih; ditemukan '0'" in err


def test_make_build_sets_up_no_browser_node_or_playwright():
    done = subprocess.run(["make", "-n", "build"], cwd=REPO, capture_output=True, text=True, check=True)
    planned = done.stdout.lower()
    assert "debian-packages.sh build" in planned
    assert not any(word in planned for word in ("chromium", "npm", "node", "playwright", "[test]"))
