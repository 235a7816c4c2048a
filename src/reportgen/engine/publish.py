"""Turn every report's files and the shared pages into the whole site, built aside and swapped in at once.

The new site is assembled in a folder beside output/site (report files hard-linked from where they
are kept, so a site of hundreds of PDFs costs little to assemble), its report pages searched by
Pagefind while the shared pages are rendered, and then exchanged with the published one in a
single rename. Killed at any moment, output/site is the
whole previous site or the whole new one; a staging folder left behind is removed by the next build.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import dataclasses
import fcntl
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.engine import crashpoint, state
from reportgen.engine.clock import Clock
from reportgen.errors import ReportgenError
from reportgen.write import write_atomic

if TYPE_CHECKING:
    from reportgen.load import Project

STAGING_PREFIX = ".site-"
ASIDE_PREFIX = ".previous-site-"  # the published site, for a moment, where the atomic exchange is missing

# Each published report: its record and where its files are to be linked from, by site path.
Chosen = dict[str, tuple[state.Published, dict[str, Path]]]


def publish_site(
    project: Project, site: Path, output: Path, published: Chosen, record: state.State, clock: Clock
) -> None:
    """Stage the new site (shared pages rendered over every published report), record it, swap it in."""
    from reportgen import site as site_pages

    files = {path: source for _, sources in published.values() for path, source in sources.items()}
    summaries = [entry.summary for entry, _ in published.values()]

    def pages() -> dict[str, str | bytes]:
        return site_pages.shared_pages(project.root / "templates", project.config, summaries)

    staging = stage(site, files, pages, site_pages.start_search)
    clock.lap("susun situs")
    crashpoint.reached("staged")
    try:
        state.write(output, dataclasses.replace(record, inode=staging.stat().st_ino))
    except BaseException:  # a full disk, say: the staged site would only take up the space the next build needs
        shutil.rmtree(staging, ignore_errors=True)
        raise
    crashpoint.reached("recorded")
    swap_in(staging, site)
    clock.lap("tukar situs")


def stage(
    site: Path,
    files: Mapping[str, Path],
    make_pages: Callable[[], Mapping[str, bytes | str]],
    search: Callable[[Path], Callable[[], None]],
) -> Path:
    """A new site beside `site` holding exactly `files` (site path -> where its bytes are) and the pages.

    `search(folder)` starts indexing the report pages and returns the function that waits for it;
    `make_pages()` renders the shared pages meanwhile, which are written once the index is done.
    """
    staging = site.parent / f"{STAGING_PREFIX}{secrets.token_hex(6)}"
    staging.mkdir(parents=True)
    try:
        for path, source in sorted(files.items()):
            _place(source, staging / path)
        if files:
            finish = search(staging)
            try:
                pages = make_pages()
            except BaseException:  # Ctrl-C among them: wait for the indexer, but its failure is not the news
                with contextlib.suppress(Exception):
                    finish()
                raise
            finish()
            _write(staging, pages)
        else:  # no report page to index: Pagefind needs some page, and the search page an index
            _write(staging, make_pages())
            search(staging)()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _write(folder: Path, pages: Mapping[str, bytes | str]) -> None:
    for path, data in sorted(pages.items()):
        write_atomic(folder / path, data)


def swap_in(staging: Path, site: Path) -> None:
    """Swap the staged site in at `site` and remove the one it replaces."""
    try:
        swap(staging, site)
        crashpoint.reached("swapped")
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # the old site, once swapped out


def swap(new: Path, current: Path) -> None:
    """Put the folder `new` at `current` in one step; the folder that was there ends up at `new`."""
    if not current.exists():
        os.rename(new, current)
        return
    if _exchange(new, current):
        return
    # No atomic exchange on this system: two renames, with a moment where `current` is missing
    # (but never half-written).
    aside = current.with_name(f"{ASIDE_PREFIX}{secrets.token_hex(6)}")
    os.rename(current, aside)
    os.rename(new, current)
    os.rename(aside, new)


def remove_leftovers(output: Path) -> None:
    """Clean up after a build killed before it finished: staging folders go, a site set aside comes back."""
    if not output.is_dir():
        return
    site = output / "site"
    for path in sorted(output.glob(f"{ASIDE_PREFIX}*")):  # killed between the two renames of `swap`
        if not site.exists():
            os.rename(path, site)
        else:
            shutil.rmtree(path, ignore_errors=True)
    for path in output.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def lock(output: Path) -> Iterator[None]:
    """Hold `output` for this build alone; a second build on the same folder is refused, not interleaved."""
    output.mkdir(parents=True, exist_ok=True)
    with open(output / ".reportgen.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReportgenError(
                f"build lain sedang berjalan dengan folder keluaran {output}; tunggu sampai selesai"
            ) from None
        yield


def _place(source: Path, target: Path) -> None:
    """`source` at `target` as a regular file: a hard link when both are on one file system, else a copy.

    `source` comes from a cache or a shard another writer made: a link there is refused, never
    published as a link nor followed, and what is linked is the very file checked to be regular.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise ReportgenError(f"{source}: bukan berkas biasa; tidak diterbitkan")
        with contextlib.suppress(OSError):
            os.link(source, target, follow_symlinks=False)
            linked = os.lstat(target)
            if (linked.st_ino, linked.st_dev) == (opened.st_ino, opened.st_dev):
                return
            target.unlink()  # `source` was swapped for another file meanwhile: copy what was checked
        with open(target, "xb") as copy:
            shutil.copyfileobj(handle, copy)


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with Linux's renameat2(RENAME_EXCHANGE); False where it is not available."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP: this file system cannot
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))
