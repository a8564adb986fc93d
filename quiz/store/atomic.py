"""Atomic, owner-only writes: temp file, flush, fsync, rename, folder fsync, private folders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TMP_SUFFIX = ".quiz-tmp"
"""Temporary files of a save in progress are `.<name>.<random>.quiz-tmp` beside the target."""
_CHUNK = 64 * 1024


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


def _atomic_write(target: Path, data: bytes) -> None:
    """Temp file beside the target, write, flush, fsync, rename over it, fsync the folder."""
    folder = target.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=folder)
    tmp = Path(tmp_name)
    renamed = False
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
            fh = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with fh:
            for start in range(0, len(data), _CHUNK):
                fh.write(data[start:start + _CHUNK])
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        renamed = True
    finally:
        if not renamed:
            try:
                tmp.unlink()
            except OSError:
                pass  # a failed save must still report its own error, not this one
    _fsync_dir(folder)


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
