"""Turn a folder into the files that are inputs (editor leftovers left out), and an input into its bytes.

Authors keep their report folders open in office programs and editors, which make lock, backup
and temporary files beside the real ones and delete them again. Those are never inputs: not
digested, not watched, not attached. Only regular files are read, through one door that neither
blocks on a named pipe nor reads a device without end; a file gone between listing and reading
is simply no longer an input.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from reportgen.errors import InputError, Problem

# Names that editors and office programs make beside the files they edit (compared in lower case);
# docs/panduan-penulis.md lists them for authors. Hidden names (a leading dot) are left out too:
# LibreOffice's `.~lock.data.csv#`, Emacs' `.#laporan.yaml`, Vim's `.laporan.yaml.swp`.
EDITOR_FILES = re.compile(
    r"""(
      ~\$.*                       # Microsoft Office: the owner file of an open document (~$laporan.docx)
    | .*\.(tmp|temp)              # temporary files: LibreOffice (lu12345.tmp), Word (~WRL0001.tmp)
    | .*~                         # backups: Vim, Emacs, gedit, Kate (laporan.yaml~)
    | \#.*\#                      # Emacs: auto-save (#laporan.yaml#)
    | .*\.(swp|swo|swx)           # Vim: swap files written outside a hidden name
    | 4913                        # Vim: a file made and deleted at once to test that the folder is writable
    | .*___jb_(tmp|old)___        # JetBrains editors: safe-write copies
    | .*\.(part|crdownload)       # a download still in progress
    | thumbs\.db | desktop\.ini   # Windows Explorer
    )""",
    re.VERBOSE,
)
_CHUNK = 1 << 20
_KINDS = {
    stat.S_IFIFO: "pipa bernama (FIFO)",
    stat.S_IFCHR: "perangkat",
    stat.S_IFBLK: "perangkat",
    stat.S_IFSOCK: "soket",
    stat.S_IFDIR: "folder",
}


def is_editor_file(name: str) -> bool:
    """Whether a file name is an editor's or office program's lock, backup or temporary file, or hidden."""
    return name.startswith(".") or EDITOR_FILES.fullmatch(name.lower()) is not None


def listing(folder: Path) -> list[Path]:
    """The input files below `folder`, sorted: hidden folders and editor files left out, links listed."""
    found = []
    for parent, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found.extend(Path(parent, name) for name in files if not is_editor_file(name))
    return sorted(found)


def not_regular(path: Path) -> str | None:
    """Why `path` (a link followed) is no regular file to read, in the author's words; None if it is one.

    Raises FileNotFoundError for a path that is not there (a dangling link included).
    """
    return _kind(path, os.stat(path).st_mode)


def _kind(path: Path, mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    kind = _KINDS.get(stat.S_IFMT(mode), "berkas khusus")
    if path.is_symlink():
        kind += f" (lewat tautan ke {os.readlink(path)})"
    return f"bukan berkas biasa, melainkan {kind}; hanya berkas biasa yang dibaca: hapus atau pindahkan dari folder ini"


def read(path: Path, shown: Path, limit: int, too_large: Callable[[int], str]) -> bytes:
    """The bytes of regular file `path`; anything else, or more than `limit` bytes, is one problem at `shown`."""
    try:
        fd = _open(path)
    except OSError as err:
        raise InputError([Problem(shown, _os_problem(err))]) from None
    try:
        size, done, chunks = os.fstat(fd).st_size, 0, []
        while size <= limit and (chunk := os.read(fd, _CHUNK)):
            chunks.append(chunk)
            done += len(chunk)
            size = max(size, done)  # a file that grows meanwhile is read no further than the limit
    except OSError as err:
        raise InputError([Problem(shown, _os_problem(err))]) from None
    finally:
        os.close(fd)
    if size > limit:
        raise InputError([Problem(shown, too_large(size))])
    return b"".join(chunks)


UNREADABLE = "!"  # starts the digest of a file that cannot be read, followed by why


def digest(path: Path) -> str | None:
    """The SHA-256 of regular file `path`; None if it is gone; UNREADABLE and why if it cannot be read."""
    try:
        fd = _open(path)
    except FileNotFoundError:
        return None  # deleted since it was listed, or a dangling link: not an input
    except OSError as err:
        return UNREADABLE + _os_problem(err)
    try:
        sha = hashlib.sha256()
        while chunk := os.read(fd, _CHUNK):  # in pieces: a large file is not held whole
            sha.update(chunk)
        return sha.hexdigest()
    except OSError as err:
        return UNREADABLE + _os_problem(err)
    finally:
        os.close(fd)


class _NotRegularError(OSError):
    """What `_open` raises for a path that is there but no regular file."""


def _open(path: Path) -> int:
    """A descriptor of regular file `path`, checked before opening (a device is never opened) and after
    (it may have been replaced meanwhile); O_NONBLOCK, so that even then a named pipe cannot block."""
    why = not_regular(path)
    if why is None:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
        why = _kind(path, os.fstat(fd).st_mode)
        if why is None:
            return fd
        os.close(fd)
    raise _NotRegularError(errno.EINVAL, why)


def _os_problem(err: OSError) -> str:
    if isinstance(err, _NotRegularError):
        return err.strerror
    if isinstance(err, FileNotFoundError):
        return "berkas tidak ditemukan"
    if isinstance(err, PermissionError):
        return "berkas tidak dapat dibaca: izin akses ditolak"
    if isinstance(err, IsADirectoryError):
        return "ini sebuah folder, bukan berkas"
    return f"berkas tidak dapat dibaca: {err.strerror or err}"
