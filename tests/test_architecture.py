"""The package's shape: imports run one way (cli/api → grade, render, check → engine → ops →
spec), no module imports another in a circle, and no module outgrows about 500 lines.

The import graph is read from the source (every ``import``, also those inside functions), so a
lazy import cannot hide an edge.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "symderiv"

#: what the class grader may import; the CLI sits above it
GRADE = {"gradebook", "check", "engine", "registry", "ops", "spec", "errors", "version", "progress"}

#: what each part of the package may import (besides itself); the layers of the README's map
ALLOWED = {
    "errors": set(),
    "version": set(),
    "progress": set(),
    "specmatrix": {"errors"},
    "spec": {"errors", "specmatrix"},
    "registry": {"spec", "errors", "derivations", "question"},
    "ops": {"spec", "errors"},
    "engine": {"ops", "spec", "errors"},
    "check": {"engine", "ops", "spec", "errors"},
    "render": {"check", "engine", "ops", "spec", "errors", "version", "progress"},
    "gradebook": {"check", "errors"},
    "grade": GRADE,
    "question": {"ops", "spec", "errors"},
    "api": {"check", "engine", "registry", "ops", "spec", "errors", "version", "question"},
    "cli": GRADE | {"api", "grade", "render"},
    "__init__": {"api", "errors", "version"},
    "__main__": {"cli"},
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    """The package-relative names an ``ImportFrom`` brings in (``.x``, ``..engine.y``)."""
    if node.level == 0:
        if not (node.module or "").startswith("symderiv"):
            return []
        base = node.module.split(".")[1:]
    else:
        here = module.split(".") if is_package else module.split(".")[:-1]
        if module == "__init__":
            here = []
        up = node.level - 1
        base = (here[: len(here) - up] if up else here) + (
            node.module.split(".") if node.module else []
        )
    # ``from .render import pdf`` imports the module render.pdf; ``from .x import name``, x
    return [".".join([*base, a.name]) for a in node.names]


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for mod, path in mods.items():
        is_package = path.name == "__init__.py" and mod != "__init__"
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.ImportFrom):
                targets = _resolve(mod, is_package, node)
            elif isinstance(node, ast.Import):
                targets = [
                    ".".join(a.name.split(".")[1:])
                    for a in node.names
                    if a.name.startswith("symderiv.")
                ]
            for t in targets:
                # the longest known module that is a prefix of the imported name
                while t and t not in mods:
                    t = t.rpartition(".")[0]
                if t and t != mod:
                    graph[mod].add(t)
    return graph


def _part(mod: str) -> str:
    return mod.split(".")[0]


def test_imports_follow_the_layers():
    bad = []
    for mod, deps in _graph().items():
        part = _part(mod)
        for d in deps:
            if _part(d) != part and _part(d) not in ALLOWED[part]:
                bad.append(f"{mod} → {d}")
    assert not bad, "imports against the layers: " + ", ".join(sorted(bad))


def test_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                cycles.append(" → ".join([*stack[stack.index(d) :], d]))
            elif d not in state:
                visit(d)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert not cycles, "import cycles: " + "; ".join(cycles)


def test_the_graph_reader_sees_lazy_imports():
    """The test above would pass vacuously if edges were missed: the CLI's lazy imports of
    the PDF writer and the grader are edges."""
    graph = _graph()
    assert "render.pdf" in graph["cli"] and "grade" in graph["cli"]
    assert "engine.calculus" in graph["engine.derive"]


def test_no_module_outgrows_the_house():
    long = {m: len(p.read_text().splitlines()) for m, p in _modules().items()}
    assert max(long.values()) <= 560, sorted(long.items(), key=lambda kv: -kv[1])[:3]


@pytest.mark.parametrize("mod", sorted(m for m in _modules() if m != "__main__"))
def test_every_module_imports_alone(mod):
    """Each module imports in a fresh interpreter on its own (no hidden order dependence);
    ``__main__`` is left out: importing it runs the CLI."""
    name = "symderiv" if mod == "__init__" else f"symderiv.{mod}"
    subprocess.run([sys.executable, "-c", f"import {name}"], check=True, timeout=120)


def test_the_main_job_imports_nothing_heavy():
    """`symderiv derive exercise13 --latex` never loads the LaTeX reader, Typst, matplotlib,
    rich or Dask (they cost seconds of start-up)."""
    code = (
        "import sys, io, contextlib\n"
        "from symderiv.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['derive', 'exercise13', '--latex']) == 0\n"
        "heavy = ('latex2sympy2_extended', 'antlr4', 'typst', 'tex2typst', 'matplotlib', 'rich',\n"
        "         'distributed', 'dask')\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    assert out.stdout.strip() == ""


def test_every_subpackage_ships_in_the_wheel():
    """pyproject lists packages one by one (the specs live outside the package folder): a new
    subpackage missing there would work in a checkout and vanish from an install."""
    import re

    text = (PACKAGE.parent / "pyproject.toml").read_text()
    block = re.search(r"^packages = \[(.*?)\]", text, re.S | re.M).group(1)
    listed = set(re.findall(r'"([\w.]+)"', block))  # tomllib is 3.11+; we support 3.10
    found = {
        "symderiv"
        + ("." + ".".join(p.parent.relative_to(PACKAGE).parts) if p.parent != PACKAGE else "")
        for p in PACKAGE.rglob("__init__.py")
    }
    assert found <= listed, found - listed


def test_the_checker_runs_read_then_decide_then_diagnose():
    """``check/`` shows its pipeline: read → decide → diagnose, each a package that imports
    only the stages before it (and the checker's shared records: verdicts, work budgets);
    ``judge`` runs the three in a bounded worker and is imported by none of them."""
    stages = ["read", "decide", "diagnose"]
    shared = {"check.verdict", "check.work"}
    bad = []
    for mod, deps in _graph().items():
        parts = mod.split(".")
        if parts[0] != "check" or len(parts) < 3 or parts[1] not in stages:
            continue
        allowed = stages[: stages.index(parts[1]) + 1]
        for d in deps:
            dp = d.split(".")
            if dp[0] != "check" or d in shared:
                continue
            if len(dp) < 3 or dp[1] not in allowed:
                bad.append(f"{mod} → {d}")
    assert not bad, "against the pipeline: " + ", ".join(sorted(bad))
    found = {m.split(".")[1] for m in _modules() if m.startswith("check.") and m.count(".") >= 2}
    assert found == set(stages)
