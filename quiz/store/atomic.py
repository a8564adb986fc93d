"""Atomic writes for every file quiz writes: temp file, flush, fsync, rename, folder fsync; private folders."""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

TMP_SUFFIX = ".quiz-tmp"
"""Temporary files of a write in progress are `.<name>.<random>.quiz-tmp` beside the target."""
_CHUNK = 64 * 1024

__all__ = ["TMP_SUFFIX", "make_private_dirs", "write_file"]


def make_private_dirs(folder: Path) -> list[Path]:
    """Create `folder` and any missing parents, each owner-only (0700); returns those created."""
    missing: list[Path] = []
    p = folder
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    created = []
    for d in reversed(missing):
        try:
            os.mkdir(d, 0o700)
        except FileExistsError:
            continue
        os.chmod(d, 0o700)  # the umask may have taken bits away; never added any
        created.append(d)
    return created


def write_file(path: str | os.PathLike[str], data: bytes | str, *, mode: int = 0o600, exclusive: bool = False,
               durable: bool = True) -> Path:
    """Write a whole file or nothing, and return its path.

    The data goes to a temporary file beside the target, created with `mode` (less the umask, as for any
    new file: 0600 stays owner-only, 0666 gives an ordinary file to share), then flushed and, when
    `durable`, synced to disk before it is renamed over the target and the folder is synced. With
    `exclusive`, an existing file is never replaced: FileExistsError instead. Text is written as UTF-8.
    Raises OSError; a failed write leaves any earlier file at the target unchanged and no temporary file.
    """
    target = Path(path)
    blob = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent
    fd, tmp = _create_beside(target, mode)
    placed = False
    try:
        try:
            fh = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with fh:
            for start in range(0, len(blob), _CHUNK):
                fh.write(blob[start:start + _CHUNK])
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if exclusive:
            _link_new(tmp, target)
        else:
            os.replace(tmp, target)
            placed = True
    finally:
        if not placed:
            try:
                tmp.unlink()
            except OSError:
                pass  # a failed write must still report its own error, not this one
    if durable:
        _fsync_dir(folder)
    return target


def _create_beside(target: Path, mode: int) -> tuple[int, Path]:
    """A new, empty temporary file in the target's folder (O_EXCL: never someone else's file)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    while True:
        tmp = target.parent / f".{target.name}.{secrets.token_hex(4)}{TMP_SUFFIX}"
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue  # a name another write is using; draw again


def _link_new(tmp: Path, target: Path) -> None:
    """Give the written file the target's name only if no file has it: link() fails if one appeared."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:  # file systems without hard links: check, then rename (a narrow race remains)
        if target.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        os.replace(tmp, target)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable. Best effort: some systems (Windows, some network file
    # systems) cannot open or sync a folder, and by now the file's content is on disk and in place.
    try:
        dfd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)
