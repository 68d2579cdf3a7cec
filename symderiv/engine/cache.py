"""On-disk cache of derivations, keyed by the spec file's content, the engine's source and
the SymPy version; a changed spec or engine never reads a stale entry.

Entries are pickles written by this package into the user's cache folder
(``$SYMDERIV_CACHE``, else ``$XDG_CACHE_HOME/symderiv``, else ``~/.cache/symderiv``);
``SYMDERIV_CACHE=off`` disables the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

ENV_VAR = "SYMDERIV_CACHE"
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


def load(problem, names: list[str]) -> dict | None:
    """The cached results of these targets ({name: Result}), or None."""
    path = _path(problem, names)
    if path is None or not path.is_file():
        return None
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
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(results, f)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only home is no reason to fail a derivation
