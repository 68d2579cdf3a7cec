"""One base error and a few named subclasses; each carries the CLI exit code it maps to."""

from __future__ import annotations

# Exit codes of the ``symderiv`` command (documented in README.md).
EXIT_OK = 0
EXIT_NOT_EQUIVALENT = 1
EXIT_USAGE = 2
EXIT_UNDECIDED = 3
EXIT_INTERNAL = 4
EXIT_IO = 6


class SymderivError(Exception):
    """Base class of every error symderiv raises on purpose."""

    exit_code = EXIT_USAGE


class UnknownProblemError(SymderivError):
    """No problem spec has the requested id (or alias)."""

    def __init__(self, problem_id: str, close: list[str]):
        self.problem_id = problem_id
        self.close = close
        hint = f"; closest: {', '.join(close)}" if close else ""
        super().__init__(f"unknown problem id {problem_id!r}{hint} (see `symderiv list`)")


class UnknownTargetError(SymderivError):
    """The problem has no target of that name."""

    def __init__(self, problem_id: str, target: str, names: list[str]):
        super().__init__(
            f"problem {problem_id!r} has no target {target!r}; targets: {', '.join(names)}"
        )


class SpecError(SymderivError):
    """A problem spec file is malformed; the message names the file and the problem."""


class DerivationError(SymderivError):
    """The engine could not derive a target (the message says which rule failed)."""

    exit_code = EXIT_INTERNAL


class UnsupportedError(DerivationError):
    """The spec asks for something the engine does not do (a matrix form it cannot assemble,
    a recurrence that is not linear): the spec's limit, not a bug, so a usage error."""

    exit_code = EXIT_USAGE


class FileError(SymderivError):
    """A file could not be read or written (no space left, too large, permission denied…):
    the message names the file and the cause. Not a bug, and not a usage error."""

    exit_code = EXIT_IO


#: the causes of a failed read or write, in words (errno name → words)
_CAUSES = {
    "ENOSPC": "no space left on device",
    "EFBIG": "file too large (over the file-size limit)",
    "EDQUOT": "disk quota exceeded",
    "EACCES": "permission denied",
    "EPERM": "permission denied",
    "EROFS": "read-only file system",
    "EIO": "input/output error",
    "ENOENT": "no such file or folder",
    "ENOTDIR": "a part of the path is not a folder",
    "EISDIR": "it is a folder",
    "EMFILE": "too many open files",
    "ENAMETOOLONG": "file name too long",
}


def file_error(exc: OSError, path=None, doing: str = "write", then: str = "") -> FileError:
    """A ``FileError`` for ``exc``: ``cannot write 'grades.csv': no space left on device``
    (``then``: what to do next, appended after a semicolon)."""
    import errno as _errno

    name = _errno.errorcode.get(exc.errno or 0, "")
    cause = _CAUSES.get(name) or (exc.strerror or str(exc) or type(exc).__name__).lower()
    if not name:  # no errno (a semaphore under a small file-size limit): the likely cause
        import resource

        limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
        if limit != resource.RLIM_INFINITY:
            cause = f"{'failed' if cause == 'error' else cause}, perhaps over the file-size "
            cause += f"limit ({limit} bytes)"
    where = path if path is not None else exc.filename
    where = repr(str(where)) if where is not None else "a file (not named by the system)"
    message = f"cannot {doing} {where}: {cause}" + (f" ({name})" if name else "")
    return FileError(message + (f"; {then}" if then else ""))


class UnreadableLatexError(SymderivError):
    """LaTeX that cannot be read; ``position`` is the 0-based offset of the fault, if known."""

    def __init__(self, message: str, latex: str = "", position: int | None = None):
        self.latex = latex
        self.position = position
        self.detail = message
        where = f" at position {position}" if position is not None else ""
        super().__init__(f"unreadable LaTeX{where}: {message}")
