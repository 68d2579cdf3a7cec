"""On-disk cache of derivations, keyed by the spec file's content, the engine's source and
the SymPy version; a changed spec or engine never reads a stale entry.

Entries are pickles written by this package into the user's cache folder
(``$SYMDERIV_CACHE``, else ``$XDG_CACHE_HOME/symderiv``, else ``~/.cache/symderiv``);
``SYMDERIV_CACHE=off`` disables the cache. A pickle runs code when it is read, so the folder
is created private (0700) and an entry is read only if the folder and the file belong to the
user and no one else can write them: a cache pointed at a shared folder is ignored, never a
way in. These checks are made on what was opened, never on a path that is opened after
(someone who can rename things beside the folder could swap it between the check and the
open): the folder is opened without following a symlink and checked by its descriptor, and
every entry is opened, written, renamed and pruned relative to that descriptor, again
without following a symlink. A cache folder that is itself a symlink is not used. The
folder keeps at most ``MAX_ENTRIES`` entries, the oldest pruned.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import stat
from pathlib import Path

ENV_VAR = "SYMDERIV_CACHE"
#: entries kept; older ones are removed when a new one is written
MAX_ENTRIES = 400
_engine_hash: str | None = None
#: what this package names an entry (pruning removes nothing else)
_ENTRY = re.compile(r"[A-Za-z0-9_-]+-[0-9a-f]{32}\.pickle")
#: POSIX: folder and entries are opened and checked by descriptor (elsewhere: by path and
#: trusted, there being no owner to check)
_BY_FD = (
    hasattr(os, "O_NOFOLLOW")
    and hasattr(os, "O_DIRECTORY")
    and hasattr(os, "getuid")
    and {os.open, os.stat, os.unlink, os.rename} <= os.supports_dir_fd
    and os.listdir in os.supports_fd
)


def cache_dir() -> Path | None:
    env = os.environ.get(ENV_VAR)
    if env == "off":
        return None
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "symderiv"


def engine_hash() -> str:
    """Hash of the engine's own source files (any change invalidates every entry)."""
    global _engine_hash
    if _engine_hash is None:
        import sympy

        h = hashlib.sha256(sympy.__version__.encode())
        package = Path(__file__).resolve().parent.parent
        for p in sorted(package.rglob("*.py")):
            h.update(str(p.relative_to(package)).encode())
            h.update(p.read_bytes())
        _engine_hash = h.hexdigest()[:16]
    return _engine_hash


def _key(problem, target_names) -> str:
    h = hashlib.sha256(engine_hash().encode())
    h.update(Path(problem.path).read_bytes() if problem.path else repr(problem).encode())
    h.update(",".join(target_names).encode())
    return h.hexdigest()[:32]


def _where(problem, names) -> tuple[Path, str] | None:
    """(the cache folder, the entry's name in it), or None when the cache is off."""
    folder = cache_dir()
    if folder is None:
        return None
    stem = re.sub(r"[^A-Za-z0-9_-]", "_", problem.id) or "_"  # a name, never a path
    return folder, f"{stem}-{_key(problem, names)}.pickle"


def _mine(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def _open_folder(folder: Path, create: bool = False) -> int | None:
    """The folder's descriptor if it is a real folder (not a symlink) that is this user's
    alone, checked on the descriptor itself; else None."""
    if create:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, 0o700)
    try:
        dfd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:  # absent, a symlink, not a folder
        return None
    try:
        st = os.fstat(dfd)
        if stat.S_ISDIR(st.st_mode) and _mine(st):
            return dfd
    except OSError:
        pass
    os.close(dfd)
    return None


def load(problem, names: list[str]) -> dict | None:
    """The cached results of these targets ({name: Result}), or None."""
    where = _where(problem, names)
    if where is None:
        return None
    folder, name = where
    if not _BY_FD:  # pragma: no cover - Windows
        try:
            with (folder / name).open("rb") as f:
                return pickle.load(f)
        except Exception:
            return None
    dfd = _open_folder(folder)
    if dfd is None:
        return None  # absent, or a folder someone else could have written: nothing read
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dfd)
    except OSError:  # absent, or a symlink
        return None
    finally:
        os.close(dfd)
    try:
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not (stat.S_ISREG(st.st_mode) and _mine(st)):
                return None  # an entry someone else could have written: never unpickled
            return pickle.load(f)
    except Exception:  # a corrupt or foreign entry: derive again and overwrite it
        return None


def store(problem, names: list[str], results: dict) -> None:
    """Keep the results of these targets; a cache that cannot be written is no error."""
    where = _where(problem, names)
    if where is None:
        return
    folder, name = where
    data = pickle.dumps(results)
    if not _BY_FD:  # pragma: no cover - Windows
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{name}.{os.getpid()}.tmp"
            tmp.write_bytes(data)
            os.replace(tmp, folder / name)
        return
    try:
        dfd = _open_folder(folder, create=True)
    except OSError:  # a read-only home is no reason to fail a derivation
        return
    if dfd is None:
        return  # not ours alone: write nothing a stranger could replace
    try:
        tmp = f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        fd = os.open(tmp, flags, 0o600, dir_fd=dfd)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=dfd)
            raise
        _prune(dfd)
    except OSError:
        pass  # a full disk is no reason to fail a derivation either
    finally:
        os.close(dfd)


def _prune(dfd: int) -> None:
    """Keep the ``MAX_ENTRIES`` newest entries of the folder open as ``dfd``."""
    entries = []
    for name in os.listdir(dfd):
        if _ENTRY.fullmatch(name):
            with contextlib.suppress(OSError):
                entries.append((os.stat(name, dir_fd=dfd, follow_symlinks=False).st_mtime, name))
    entries.sort(reverse=True)
    for _mtime, name in entries[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=dfd)
