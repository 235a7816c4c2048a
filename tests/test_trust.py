"""Nothing read from the cache, a shard output or the site record is trusted: forged entries and hostile shards.

Each row is one attack of issue 17 (or a variant): a well-formed forgery, checksums recomputed.
Every row asserts that nothing outside the output folder changed (a digest of the whole project
folder, a watched `.pth` file of a fake virtual environment included), that the site holds no
symbolic link, and the exit code and the one line said.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.engine import untrusted
from tests.conftest import site_config
from tests.test_engine import site_files, titled

SLUGS = ("aceh", "bali", "jambi")  # shard 1/2: aceh and bali; 2/2: jambi
KEY = "k" * 40
PTH = "watched/.venv/lib/python3.11/site-packages/x.pth"
PAYLOAD = b"import os; os.system('touch /tmp/reportgen-pwned')\n"


def make(project, *slugs: str) -> None:
    for slug in slugs:
        project.report(slug, titled(f"Laporan {slug.capitalize()}"))
    project.config(site_config(*slugs))
    (project.root / PTH).parent.mkdir(parents=True)
    (project.root / PTH).write_text("# a .pth file: Python runs its import lines at start\n", encoding="utf-8")
    (project.root / "watched/laporan-asli.html").write_text("<p>bukan bagian situs</p>\n", encoding="utf-8")


def tree(root: Path, skip: tuple[str, ...] = ("output",)) -> dict[str, tuple[str, bytes]]:
    """Every entry below `root` but `skip`, by kind and content (a link by its target), links never followed."""
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if os.path.relpath(os.path.join(folder, d), root) not in skip]
        for name in dirs + files:
            path = Path(folder, name)
            mode = path.lstat().st_mode
            kind = "link" if stat.S_ISLNK(mode) else "file" if stat.S_ISREG(mode) else str(stat.S_IFMT(mode))
            data = os.readlink(path).encode() if kind == "link" else path.read_bytes() if kind == "file" else b""
            found[path.relative_to(root).as_posix()] = (kind, data)
    return found


def links(folder: Path) -> list[str]:
    return [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_symlink()]


# --- forged cache entries: refused, rebuilt, nothing written outside ---------------------------


def entry(cache: Path, slug: str) -> Path:
    return next(p for p in (cache / "entries").rglob("*.json") if json.loads(p.read_bytes())["slug"] == slug)


def blob(cache: Path, data: bytes) -> dict[str, object]:
    """`data` stored in the cache as a blob; its reference as a manifest writes it."""
    sha = hashlib.sha256(data).hexdigest()
    (cache / "blobs" / sha[:2]).mkdir(parents=True, exist_ok=True)
    (cache / "blobs" / sha[:2] / sha).write_bytes(data)
    return {"sha256": sha, "size": len(data)}


def forge(cache: Path, change: Callable[[dict, Path], None], key: str | None = None) -> None:
    """Change aceh's manifest as an attacker with write access to the cache would: checksum recomputed."""
    path = entry(cache, "aceh")
    data = json.loads(path.read_bytes())
    data.pop("mac", None)
    change(data, cache)
    body = {k: v for k, v in data.items() if k != "checksum"}
    data["checksum"] = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    if key is not None:  # a writer who knows no key can only guess one
        data["mac"] = untrusted.mac(key.encode(), body)
    path.write_text(json.dumps(data), encoding="utf-8")


def add_file(path: str, data: bytes = PAYLOAD) -> Callable[[dict, Path], None]:
    return lambda manifest, cache: manifest["files"].update({path: blob(cache, data)})


def absolute_path(manifest: dict, cache: Path) -> None:
    add_file(str(cache.parent.parent / PTH))(manifest, cache)


def blob_as_symlink(manifest: dict, cache: Path) -> None:
    """The page's blob replaced by a link to a file of the same bytes outside the cache."""
    ref = manifest["files"]["aceh/index.html"]
    target = cache.parent.parent / "watched/laporan-asli.html"
    page = cache / "blobs" / ref["sha256"][:2] / ref["sha256"]
    target.write_bytes(page.read_bytes())
    page.unlink()
    page.symlink_to(target)


def blob_folder_as_symlink(manifest: dict, cache: Path) -> None:
    """blobs/<xx>/ replaced by a link to a folder outside holding the right bytes; later writes would follow."""
    ref = manifest["files"]["aceh/index.html"]
    folder = cache / "blobs" / ref["sha256"][:2]
    outside = cache.parent.parent / "watched/blobs"
    shutil.copytree(folder, outside)
    shutil.rmtree(folder)
    folder.symlink_to(outside)


def figure_key(key: str) -> Callable[[dict, Path], None]:
    def change(manifest: dict, cache: Path) -> None:
        figure = {"key": key, "label": "IKM", "value": 80.0, "text": "80,00", "format": "angka:2"}
        manifest["summary"]["key_figures"] = [figure]

    return change


def summary_field(name: str, value: object) -> Callable[[dict, Path], None]:
    return lambda manifest, cache: manifest["summary"].update({name: value})


def slug_everywhere(slug: str) -> Callable[[dict, Path], None]:
    def change(manifest: dict, cache: Path) -> None:
        manifest["slug"] = manifest["summary"]["slug"] = slug
        manifest["files"] = {path.replace("aceh/", f"{slug}/"): ref for path, ref in manifest["files"].items()}

    return change


def forged_page(manifest: dict, cache: Path) -> None:
    page = b"<!doctype html><title>Laporan Palsu</title><p>Angka palsu</p>\n"
    manifest["files"]["aceh/index.html"] = blob(cache, page)


def deep(manifest: dict, cache: Path) -> None:
    manifest["seconds"] = "DEEP"  # replaced by 100 000 nested lists once written (see test)


CACHE_ATTACKS = {
    "absolute path": absolute_path,
    "../ path": add_file(f"../../{PTH}"),
    "aceh/../../ path": add_file(f"aceh/../../../{PTH}"),
    "blob that is a symlink": blob_as_symlink,
    "blob folder that is a symlink": blob_folder_as_symlink,
    "site-root sw.js": add_file("sw.js", b"self.addEventListener('fetch', e => {});\n"),
    "shared page": add_file("index.html", b"<h1>Situs palsu</h1>\n"),
    "another report's page": add_file("bali/index.html", b"<h1>Bali palsu</h1>\n"),
    "asset not named by its content": add_file("assets/web.0123456789.css", b"body{display:none}\n"),
    "hidden file in the report's folder": add_file("aceh/.htaccess", b"Redirect / https://contoh.invalid/\n"),
    "figure key with spaces": figure_key("ikm onfocus=alert(1) autofocus tabindex=0"),
    "figure key onfocus=": figure_key('ikm" onfocus="alert(1)'),
    "javascript: slug in the summary": summary_field("slug", "javascript:alert(1)"),
    "javascript: slug everywhere": slug_everywhere("javascript:alert(1)"),
    "javascript: download name": summary_field("downloads", [{"format": "pdf", "name": "javascript:x", "size": 1}]),
    "download of no format": summary_field("downloads", [{"format": "exe", "name": "aceh.exe", "size": 1}]),
    "download not among the files": summary_field("downloads", [{"format": "pdf", "name": "aceh.pdf", "size": 1}]),
    "markup in a region with a control character": summary_field("wilayah", "Aceh\x1b[31m<script>"),
    "a year that is text": summary_field("tahun", "2026<script>"),
    "deep JSON": deep,
}


@pytest.mark.parametrize("attack", CACHE_ATTACKS.values(), ids=CACHE_ATTACKS.keys())
def test_a_forged_cache_entry_is_rebuilt_and_writes_nothing_outside(project, attack):
    make(project, *SLUGS)
    assert project.run("build", "--tanpa-pdf")[0] == 0
    good = site_files(project.root / "output/site")
    shutil.rmtree(project.root / "output")  # no published site to fall back on: the entry is all there is
    cache = project.root / ".cache/reportgen"
    forge(cache, attack)
    if attack is deep:
        path = entry(cache, "aceh")
        path.write_bytes(path.read_bytes().replace(b'"DEEP"', b"[" * 100_000 + b"]" * 100_000))
    before = tree(project.root, ("output", ".cache"))
    code, out, err = project.run("build", "--tanpa-pdf")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "3 laporan: 1 akan dibangun, 2 dari tembolok."
    assert tree(project.root, ("output", ".cache")) == before
    assert site_files(project.root / "output/site") == good
    assert links(project.root / "output") == [] and links(cache) == []


def unchanged(manifest: dict, cache: Path) -> None:
    pass


@pytest.mark.parametrize(
    ("attack", "guess"),
    [(forged_page, None), (forged_page, "tebakan-" * 5), (unchanged, None)],
    ids=["forged page, checksum recomputed", "forged page, MAC under a guessed key", "entry without a MAC"],
)
def test_with_a_key_an_entry_without_a_valid_mac_is_rebuilt(project, monkeypatch, attack, guess):
    monkeypatch.setenv(untrusted.KEY_VARIABLE, KEY)
    make(project, *SLUGS)
    assert project.run("build", "--tanpa-pdf")[0] == 0
    good = site_files(project.root / "output/site")
    shutil.rmtree(project.root / "output")
    forge(project.root / ".cache/reportgen", attack, key=guess)  # the MAC dropped, or made with a guess
    code, out, err = project.run("build", "--tanpa-pdf")
    assert (code, err) == (0, "") and out.startswith("3 laporan: 1 akan dibangun, 2 dari tembolok.")
    assert site_files(project.root / "output/site") == good


def test_the_site_is_the_same_bytes_with_or_without_a_key(project, monkeypatch):
    make(project, *SLUGS)
    assert project.run("build", "--tanpa-pdf", "--keluaran", "tanpa", "--tembolok", "c1")[0] == 0
    monkeypatch.setenv(untrusted.KEY_VARIABLE, KEY)
    assert project.run("build", "--tanpa-pdf", "--keluaran", "dengan", "--tembolok", "c2")[0] == 0
    assert site_files(project.root / "tanpa/site") == site_files(project.root / "dengan/site")
    manifest = json.loads(entry(project.root / "c2", "aceh").read_bytes())
    assert untrusted.authentic(
        KEY.encode(), {k: v for k, v in manifest.items() if k not in ("checksum", "mac")}, manifest["mac"]
    )


def test_a_key_too_short_to_be_secret_is_one_line(project, monkeypatch):
    make(project, *SLUGS)
    monkeypatch.setenv(untrusted.KEY_VARIABLE, "rahasia")
    assert project.run("build", "--tanpa-pdf") == (
        1,
        "",
        "reportgen: variabel lingkungan REPORTGEN_KUNCI_MAC berisi 7 karakter; diharapkan paling sedikit 32 "
        "karakter acak, mis. keluaran 'openssl rand -hex 32', atau kosongkan\n",
    )


# --- the site record --------------------------------------------------------------------------


def deep_record(record: dict) -> bytes:
    return b'{"format": "reportgen-site/2", "reports": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def record_outside(record: dict) -> bytes:
    record["reports"]["aceh"]["files"][f"../../{PTH}"] = {"sha256": "0" * 64, "size": 1}
    return json.dumps(record).encode()


def record_javascript(record: dict) -> bytes:
    record["reports"]["aceh"]["summary"]["slug"] = "javascript:alert(1)"
    return json.dumps(record).encode()


@pytest.mark.parametrize("damage", [deep_record, record_outside, record_javascript])
def test_a_damaged_or_forged_site_record_is_distrusted(project, damage):
    make(project, *SLUGS)
    assert project.run("build", "--tanpa-pdf")[0] == 0
    good = site_files(project.root / "output/site")
    record = project.root / "output/.reportgen-state.json"
    record.write_bytes(damage(json.loads(record.read_bytes())))
    before = tree(project.root, ("output", ".cache"))
    code, out, err = project.run("build", "--tanpa-pdf")
    assert (code, err) == (0, "") and out.startswith("3 laporan: 0 akan dibangun, 3 dari tembolok.")
    assert site_files(project.root / "output/site") == good and tree(project.root, ("output", ".cache")) == before


# --- hostile shard folders: refused with one line, nothing published, nothing written outside ---


def shards(project) -> tuple[str, str]:
    """Shards 1/2 (aceh, bali) and 2/2 (jambi) in shards/1 and shards/2, as the GitLab recipe places them."""
    for index in (1, 2):
        code, _out, err = project.run("build", "--shard", f"{index}/2", "--keluaran", f"shards/{index}", "--tanpa-pdf")
        assert code == 0, err
    return "shards/1", "shards/2"


def edit(folder: Path, change: Callable[[dict], None]) -> None:
    manifest = folder / "shard.json"
    data = json.loads(manifest.read_bytes())
    change(data)
    manifest.write_text(json.dumps(data), encoding="utf-8")


def ref(data: bytes) -> dict[str, object]:
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def carry(path: str, data: bytes = PAYLOAD, slug: str = "aceh") -> Callable[[Path], None]:
    """Shard 1 lists `path` among aceh's files, and holds it where its site/ puts that path."""

    def attack(s1: Path) -> None:
        source = Path(os.path.normpath(s1 / "site" / path)) if not path.startswith("/") else None
        if source is not None:
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_bytes(data)
        edit(s1, lambda m: m["reports"][slug]["files"].update({path: ref(data)}))

    return attack


def page_as_symlink(s1: Path) -> None:
    page = s1 / "site/aceh/index.html"
    copy = s1.parent / "salinan.html"
    copy.write_bytes(page.read_bytes())
    page.unlink()
    page.symlink_to(copy.resolve())


def folder_as_symlink(s1: Path) -> None:
    folder = s1 / "site/aceh"
    shutil.copytree(folder, s1.parent / "aceh-lain")
    shutil.rmtree(folder)
    folder.symlink_to((s1.parent / "aceh-lain").resolve())


def page_as_fifo(s1: Path) -> None:
    page = s1 / "site/aceh/index.html"
    size = page.stat().st_size
    page.unlink()
    os.mkfifo(page)
    edit(s1, lambda m: m["reports"]["aceh"]["files"]["aceh/index.html"].update({"size": size}))


def manifest_as_symlink(s1: Path) -> None:
    manifest = s1 / "shard.json"
    shutil.copy(manifest, s1.parent / "shard-lain.json")
    manifest.unlink()
    manifest.symlink_to((s1.parent / "shard-lain.json").resolve())


def someone_elses_report(s1: Path) -> None:
    """Shard 1 claims jambi (the slug hash gives it to shard 2) with a page of its own."""
    page = b"<h1>Jambi palsu</h1>\n"
    (s1 / "site/jambi").mkdir()
    (s1 / "site/jambi/index.html").write_bytes(page)

    def claim(manifest: dict) -> None:
        jambi = json.loads(json.dumps(manifest["reports"]["aceh"]).replace("aceh", "jambi").replace("Aceh", "Jambi"))
        jambi["files"]["jambi/index.html"] = ref(page)
        manifest["reports"]["jambi"] = jambi

    edit(s1, claim)


def deep_manifest(s1: Path) -> None:
    (s1 / "shard.json").write_bytes(
        b'{"format": "reportgen-shard/2", "inputs": ' + b"{" * 100_000 + b"}" * 100_000 + b"}"
    )


def summary_change(name: str, value: object) -> Callable[[Path], None]:
    return lambda s1: edit(s1, lambda m: m["reports"]["aceh"]["summary"].update({name: value}))


def figure(key: str) -> Callable[[Path], None]:
    value = [{"key": key, "label": "IKM", "value": 80.0, "text": "80,00", "format": "angka:2"}]
    return summary_change("key_figures", value)


def listed_slug(slug: str) -> Callable[[Path], None]:
    return lambda s1: edit(s1, lambda m: m["laporan"].append(slug))


def failure_with_escape(s1: Path) -> None:
    edit(s1, lambda m: m["failed"].update({"aceh": "gagal\n\x1b[2Jreportgen: semua baik"}))


SHARD_ATTACKS = {
    # name: (attack on shard 1, the line's start after 'reportgen: ')
    "../ path": (carry(f"../../{PTH}"), "shards/1/shard.json: rusak atau bukan keluaran shard reportgen ini "),
    "absolute path": (carry("/tmp/reportgen-pwned.pth"), "shards/1/shard.json: rusak atau bukan"),
    "site-root sw.js": (carry("sw.js", b"self.addEventListener('fetch', e => {});\n"), "shards/1/shard.json: rusak"),
    "shared page": (carry("rekapitulasi/index.html", b"<h1>palsu</h1>\n"), "shards/1/shard.json: rusak"),
    "another shard's page": (carry("jambi/index.html", b"<h1>Jambi palsu</h1>\n"), "shards/1/shard.json: rusak"),
    "another shard's report": (someone_elses_report, "shards/1/shard.json: rusak atau bukan keluaran shard"),
    "page that is a symlink": (page_as_symlink, "shards/1/site/aceh/index.html: bukan berkas biasa"),
    "folder that is a symlink": (folder_as_symlink, "shards/1/site/aceh/index.html: bukan berkas biasa"),
    "page that is a FIFO": (page_as_fifo, "shards/1/site/aceh/index.html: bukan berkas biasa"),
    "shard.json that is a symlink": (manifest_as_symlink, "shards/1/shard.json: rusak atau bukan keluaran shard"),
    "deep JSON": (deep_manifest, "shards/1/shard.json: rusak atau bukan keluaran shard reportgen ini (JSON bersarang"),
    "figure key with spaces": (figure("ikm onfocus=alert(1) autofocus"), "shards/1/shard.json: rusak"),
    "javascript: slug in a summary": (summary_change("slug", "javascript:alert(1)"), "shards/1/shard.json: rusak"),
    "javascript: slug in the list": (listed_slug("javascript:alert(1)"), "shards/1/shard.json: rusak"),
    "a report named like a shared folder": (listed_slug("rekapitulasi"), "shards/1/shard.json: rusak"),
    "a failure message of two lines": (failure_with_escape, "shards/1/shard.json: rusak"),
}


@pytest.mark.parametrize(("attack", "line"), SHARD_ATTACKS.values(), ids=SHARD_ATTACKS.keys())
def test_a_hostile_shard_is_refused_with_one_line_and_nothing_changes(project, attack, line):
    make(project, *SLUGS)
    assert project.run("build", "--tanpa-pdf")[0] == 0  # the published site, which must stay as it is
    s1, s2 = shards(project)
    attack(project.root / s1)
    published, before = tree(project.root / "output", ()), tree(project.root)
    code, out, err = project.run("assemble", s1, s2)
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1 and err.startswith(f"reportgen: {line}"), err
    assert tree(project.root / "output", ()) == published and tree(project.root) == before
    assert links(project.root / "output") == []


def test_with_a_key_a_page_edited_with_its_digest_in_shard_json_is_refused(project, monkeypatch):
    monkeypatch.setenv(untrusted.KEY_VARIABLE, KEY)
    make(project, *SLUGS)
    s1, s2 = shards(project)
    assert project.run("assemble", s1, s2, "--keluaran", "lihat")[0] == 0  # signed shards assemble
    page = project.root / s1 / "site/aceh/index.html"
    forged = page.read_bytes().replace(b"Laporan Aceh", b"Laporan Palsu")
    page.write_bytes(forged)
    edit(project.root / s1, lambda m: m["reports"]["aceh"]["files"]["aceh/index.html"].update(ref(forged)))
    code, out, err = project.run("assemble", s1, s2)
    assert (code, out) == (1, "") and not (project.root / "output/site").exists()
    assert err == (
        "reportgen: shards/1/shard.json: rusak atau bukan keluaran shard reportgen ini "
        "(tanpa MAC yang sah untuk kunci di REPORTGEN_KUNCI_MAC)\n"
    )
    monkeypatch.delenv(untrusted.KEY_VARIABLE)  # without a key, such an edit cannot be told from a genuine page
    assert project.run("assemble", s1, s2)[0] == 0


def test_with_a_key_a_shard_built_without_it_is_refused(project, monkeypatch):
    make(project, *SLUGS)
    s1, s2 = shards(project)
    monkeypatch.setenv(untrusted.KEY_VARIABLE, KEY)
    code, _out, err = project.run("assemble", s1, s2)
    assert code == 1 and len(err.splitlines()) == 2 and "(tanpa MAC yang sah untuk kunci di" in err


# --- the readers themselves --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "parsed"),
    [
        (b"[" * 16 + b"]" * 16, True),
        (b"[" * 17 + b"]" * 17, False),
        (b'["' + b"[" * 1000 + b'"]', True),  # brackets inside a string are text
        (b'["\\"' + b"[" * 1000 + b'"]', True),  # after an escaped quote, still inside the string
        (b"[" * 100_000, False),  # truncated deep: refused before the parser recurses
        (b"[[[", None),  # truncated shallow: the parser says where
        (b'{"a": [1, {"b": "}}}}"}]}', True),
    ],
)
def test_json_depth_is_measured_before_parsing(data, parsed):
    if parsed is True:
        untrusted.load_json(data, limit=1 << 20)
    else:
        with pytest.raises(untrusted.Refused if parsed is False else json.JSONDecodeError):
            untrusted.load_json(data, limit=1 << 20)
    with pytest.raises(untrusted.Refused, match="lebih dari 10 bita"):
        untrusted.load_json(b"[" + b"1," * 10 + b"1]", limit=10)


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("aceh/index.html", True),
        ("aceh/aceh.pdf", True),
        ("assets/web.0123456789.css", True),
        ("assets/web.css", False),
        ("assets/lain.0123456789.css", False),
        ("aceh/../bali/index.html", False),
        ("aceh/./index.html", False),
        ("aceh//index.html", False),
        ("aceh/.index.html", False),
        ("aceh/Index.html", False),
        ("aceh/index.html\n", False),
        ("acehx/index.html", False),
        ("/aceh/index.html", False),
        ("index.html", False),
        ("aceh\\..\\index.html", False),
    ],
)
def test_a_report_may_name_only_its_own_folder_and_the_assets(path, allowed):
    if allowed:
        assert untrusted.site_path(path, "aceh") == path
    else:
        with pytest.raises(untrusted.Refused):
            untrusted.site_path(path, "aceh")
