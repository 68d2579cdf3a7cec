"""Finding and loading problem specs: the built-in ones, ``--specs DIR`` and ``$SYMDERIV_SPECS``."""

from __future__ import annotations

import difflib
import importlib.util
import os
import sys
from pathlib import Path

import sympy as sp

from .errors import SpecError, UnknownProblemError
from .spec import Claim, Definition, Problem, Target

ENV_VAR = "SYMDERIV_SPECS"


def builtin_dir() -> Path:
    """The folder of the built-in specs (``derivations/``, shipped as ``symderiv.derivations``).

    Run from a source checkout without installing, it is the ``derivations/`` beside the package.
    """
    try:
        from . import derivations
    except ImportError:
        return Path(__file__).resolve().parent.parent / "derivations"
    return Path(derivations.__file__).parent


def spec_dirs(extra: list[str | os.PathLike] | None = None) -> list[Path]:
    """Built-in folder first, then ``$SYMDERIV_SPECS`` (os.pathsep-separated), then ``extra``."""
    dirs = [builtin_dir()]
    env = os.environ.get(ENV_VAR, "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs += [Path(p) for p in (extra or [])]
    for d in dirs[1:]:
        if not d.is_dir():
            raise SpecError(f"spec folder {str(d)!r} does not exist or is not a folder")
    return dirs


def spec_files(extra=None) -> list[Path]:
    files = []
    for d in spec_dirs(extra):
        files += sorted(p for p in d.glob("*.py") if not p.name.startswith("_"))
    return files


def load_file(path: str | os.PathLike) -> Problem:
    """Import one spec file and return its ``PROBLEM``; errors name the file."""
    path = Path(path)
    name = f"symderiv._spec_{path.stem}_{abs(hash(str(path.resolve())))}"
    if name in sys.modules:
        module = sys.modules[name]
    else:
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise SpecError(f"{path}: not a Python file")
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except Exception as exc:  # a broken spec is the author's bug: name the file
            raise SpecError(f"{path}: spec failed to load: {type(exc).__name__}: {exc}") from exc
        sys.modules[name] = module
    problem = getattr(module, "PROBLEM", None)
    if not isinstance(problem, Problem):
        raise SpecError(f"{path}: defines no PROBLEM = Problem(...)")
    _validate(problem, path)
    if problem.path != str(path):
        object.__setattr__(problem, "path", str(path))
    return problem


def _validate(problem: Problem, path: Path) -> None:
    where = f"{path}: problem {problem.id!r}"
    if not problem.id or not problem.id.replace("_", "").replace("-", "").isalnum():
        raise SpecError(f"{path}: problem id {problem.id!r} must be letters, digits, - or _")
    for field_name, kind in (
        ("targets", Target),
        ("definitions", Definition),
        ("claims", Claim),
    ):
        value = getattr(problem, field_name)
        if not isinstance(value, tuple | list) or not all(isinstance(v, kind) for v in value):
            raise SpecError(
                f"{where}: {field_name} must be a tuple of {kind.__name__}(...) "
                f"(a single one needs a trailing comma: ({kind.__name__}(...),))"
            )
    for d in problem.definitions:
        if not isinstance(d.lhs, sp.Basic) or not isinstance(d.rhs, sp.Basic):
            raise SpecError(
                f"{where}: definition {d.name or d.lhs!r}: both sides must be SymPy expressions, "
                f"not {type(d.rhs).__name__}"
            )
    for a in problem.assumptions:
        if not isinstance(a, sp.Basic):
            raise SpecError(f"{where}: assumption {a!r} is not a SymPy relation")
    names = [t.name for t in problem.targets]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise SpecError(f"{where}: duplicate target names {sorted(dup)}")
    for c in problem.claims:
        if c.target and c.target not in names:
            raise SpecError(f"{where}: claim at {c.location!r} answers unknown target {c.target!r}")
    for t in problem.targets:
        if not isinstance(t.expr, sp.Basic):
            raise SpecError(f"{where}: target {t.name!r} has no SymPy expression")
    for plot in problem.plots:
        if plot.kind not in ("stem", "heatmap"):
            raise SpecError(f"{where}: plot {plot.name!r} has unknown kind {plot.kind!r}")
        for label, what in plot.series:
            if isinstance(what, str) and what not in names:
                raise SpecError(
                    f"{where}: plot {plot.name!r} series {label!r} draws unknown target {what!r}"
                )


_SKIPPED: dict[str, str] = {}


def clear_skipped() -> None:
    _SKIPPED.clear()


def skipped() -> list[tuple[str, str]]:
    """Spec files of your own folders that failed to load and were left out: (path, why)."""
    return sorted(_SKIPPED.items())


def _load_or_skip(f: Path, builtin: Path) -> Problem | None:
    """``load_file(f)``; a broken spec of your own is recorded in ``skipped()`` and None is
    returned, a broken built-in spec is an error."""
    try:
        return load_file(f)
    except SpecError as exc:
        if f.resolve().parent == builtin:
            raise
        _SKIPPED[str(f)] = str(exc).removeprefix(f"{f}: ")
        return None


def _named(p: Problem, wanted: str) -> bool:
    """Is ``wanted`` (lower case) the problem's id or one of its aliases?"""
    return wanted == p.id.lower() or wanted in (a.lower() for a in p.aliases)


def all_problems(extra=None) -> list[Problem]:
    """Every problem. A broken spec in a folder of your own is left out (``skipped()`` says
    which and why) so that the others still work; a broken built-in spec is an error."""
    problems: dict[str, Problem] = {}
    builtin = builtin_dir().resolve()
    for f in spec_files(extra):
        p = _load_or_skip(f, builtin)
        if p is None:
            continue
        if p.id in problems:
            raise SpecError(f"{f}: problem id {p.id!r} is also defined in {problems[p.id].path}")
        problems[p.id] = p
    return list(problems.values())


def load(problem_id: str, extra=None) -> Problem:
    """The problem with this id or alias, or a path to a spec file."""
    if problem_id.endswith(".py") and Path(problem_id).is_file():
        return load_file(problem_id)
    wanted = problem_id.lower()
    found = _load_mentioning(wanted, extra)
    if found is not None:
        return found
    problems = all_problems(extra)
    for p in problems:
        if _named(p, wanted):
            return p
    names = [p.id for p in problems] + [a for p in problems for a in p.aliases]
    close = difflib.get_close_matches(problem_id, names, n=3, cutoff=0.5)
    raise UnknownProblemError(problem_id, close)


def _load_mentioning(wanted: str, extra) -> Problem | None:
    """The problem ``wanted`` (lower case) found by loading only the spec files whose text
    names it in quotes, or None (then every spec is loaded): importing all 21 built-in specs
    for one took a quarter of a second of every command."""
    builtin = builtin_dir().resolve()
    found: list[Problem] = []
    for f in spec_files(extra):
        try:
            text = f.read_text(encoding="utf-8", errors="replace").lower()
        except OSError:
            continue
        if f'"{wanted}"' not in text and f"'{wanted}'" not in text:
            continue
        p = _load_or_skip(f, builtin)
        if p is not None and _named(p, wanted):
            found.append(p)
    if len(found) > 1:
        raise SpecError(f"{found[1].path}: problem id {found[1].id!r} is also defined in "
                        f"{found[0].path}")  # fmt: skip
    return found[0] if found else None
