"""On-disk cache of derivations, keyed by the spec file's content, the engine's source and
the SymPy version; a changed spec or engine never reads a stale entry.

Entries are pickles written by this package into the user's cache folder
(``$SYMDERIV_CACHE``, else ``$XDG_CACHE_HOME/symderiv``, else ``~/.cache/symderiv``);
``SYMDERIV_CACHE=off`` disables the cache. A pickle runs code when it is read, so the folder
is created private (0700) and an entry is read only if the folder and the file belong to the
user and no one else can write them: a cache pointed at a shared folder is ignored, never a
way in. The folder keeps at most ``MAX_ENTRIES`` entries, the oldest pruned.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

ENV_VAR = "SYMDERIV_CACHE"
#: entries kept; older ones are removed when a new one is written
MAX_ENTRIES = 400
_engine_hash: str | None = None


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


def _path(problem, names) -> Path | None:
    folder = cache_dir()
    return folder / f"{problem.id}-{_key(problem, names)}.pickle" if folder else None


def _private(path: Path) -> bool:
    """Owned by this user and writable by no one else (POSIX; elsewhere: trusted)."""
    if not hasattr(os, "getuid"):
        return True
    try:
        st = path.stat()
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def load(problem, names: list[str]) -> dict | None:
    """The cached results of these targets ({name: Result}), or None."""
    path = _path(problem, names)
    if path is None or not path.is_file():
        return None
    if not (_private(path.parent) and _private(path)):
        return None  # a folder or entry someone else could have written: never unpickled
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except Exception:  # a corrupt or foreign entry: derive again and overwrite it
        return None


def store(problem, names: list[str], results: dict) -> None:
    """Keep the results of these targets; a cache that cannot be written is no error."""
    path = _path(problem, names)
    if path is not None:
        folder = path.parent
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _private(folder):
                return  # not ours alone: write nothing a stranger could replace
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(results, f)
            os.replace(tmp, path)
            _prune(folder)
        except OSError:
            pass  # a read-only home is no reason to fail a derivation


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            old.unlink()
