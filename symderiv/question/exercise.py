r"""Exercises written as LaTeX: a Markdown file with a front matter, no Python.

    ---
    id: sigmoid_layer
    title: A sigmoid layer and its squared error
    source: Bishop, PRML, eq. 5.53
    aliases: sl, 5.53
    shapes: W: m×n; x: n
    ---
    A layer $h = \sigma(Wx + b)$ and its squared error against a target $t$.

    ## Definitions
    $h = \sigma(Wx + b)$
    $L = \tfrac12\|h - t\|^2$

    ## Targets
    - dL_dW: $\frac{\partial L}{\partial W}$ — the gradient by the weights
    - dL_db: $\nabla_b L$

    ## Claims
    - dL_dW (homework, p. 2): $\left((h - t) \odot h \odot (1 - h)\right) x^\top$

Headers are optional: in a file without sections, a line of math only is a definition and a
line ``- NAME: $…$`` a target, so the shortest exercise is its front matter and two lines.
The front matter is ``key: value`` lines: ``id`` and ``title`` (required), ``source``,
``aliases`` (commas), ``shapes`` (pins as ``--shape`` takes them, separated by ``;``),
``assume`` (relations, separated by ``;``: ``\mathbf{1}^\top y = 1; y(1 - y) = 0``). The
text before the first ``##`` is the statement. Each line of Definitions is one or more
definitions in the notation of ``symderiv ask`` (``$…$``, ``$$…$$`` or ``\[…\]`` around it,
or nothing); each Target line names a target and writes its derivative; each Claim line is a
handwritten answer, its target and where it was found. Every error names the file and line.
What LaTeX cannot say (a convolution, an unrolled recurrence) needs a Python spec.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import SpecError
from ..spec import Claim, Source
from . import parse_shape
from .build import problem_of
from .grammar import AskError, Deriv, Solve, parse, parse_relation
from .shapes import walk

#: the front matter's keys
KEYS = ("id", "title", "source", "aliases", "shapes", "assume")
SECTIONS = ("definitions", "targets", "claims", "statement")
_MATH = re.compile(r"^\s*(\$\$|\$|\\\[)(.*?)(\$\$|\$|\\\])\s*$")
_SPANS = re.compile(r"\$([^$]+)\$")
_TARGET = re.compile(r"^[-*]\s+([A-Za-z_][\w]*)\s*:\s*(.+?)\s*$")
_CLAIM = re.compile(r"^[-*]\s+([A-Za-z_][\w]*)\s*(?:\(([^)]*)\))?\s*:\s*(.+?)\s*$")
_ID = re.compile(r"^[A-Za-z][\w-]*$")


def is_exercise(path: Path) -> bool:
    """A Markdown file whose first line opens a front matter (a README is not one)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.readline().strip() == "---"
    except OSError:
        return False


def load_exercise(path) -> object:
    """The Problem written in the exercise file ``path``; a ``SpecError`` names the line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise SpecError(f"{path}: not UTF-8 text") from None
    return _Reader(path, lines).problem()


class _Reader:
    def __init__(self, path: Path, lines: list[str]):
        self.path, self.lines = path, lines
        self.front: dict[str, str] = {}
        self.sections: dict[str, list[tuple[int, str]]] = {s: [] for s in SECTIONS}

    def fail(self, line: int | None, what: str) -> SpecError:
        where = f"{self.path}:{line}" if line else str(self.path)
        return SpecError(f"{where}: {what}")

    def split(self) -> None:
        if not self.lines or self.lines[0].strip() != "---":
            raise self.fail(1, "an exercise file starts with a front matter: a line '---'")
        end = next((k for k in range(1, len(self.lines)) if self.lines[k].strip() == "---"), None)
        if end is None:
            raise self.fail(1, "the front matter has no closing '---'")
        for k in range(1, end):
            line = self.lines[k]
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, value = line.partition(":")
            key = key.strip().lower()
            if not sep or key not in KEYS:
                raise self.fail(k + 1, f"expected 'KEY: value' with KEY one of {', '.join(KEYS)}")
            if key in self.front:
                raise self.fail(k + 1, f"{key} is given twice")
            self.front[key] = value.strip()
        section = "statement"
        headed = any(line.startswith("## ") for line in self.lines[end + 1 :])
        for k in range(end + 1, len(self.lines)):
            line = self.lines[k]
            if line.startswith("## "):
                section = line[3:].strip().lower()
                if section not in SECTIONS:
                    raise self.fail(k + 1, f"unknown section '{line[3:].strip()}': expected "
                                           "Definitions, Targets or Claims")  # fmt: skip
                continue
            if line.strip():
                self.sections[section if headed else _compact(line)].append((k + 1, line))

    def problem(self):
        self.split()
        for key in ("id", "title"):
            if not self.front.get(key):
                raise self.fail(None, f"the front matter has no {key}")
        if not _ID.match(self.front["id"]):
            raise self.fail(None, f"id {self.front['id']!r}: letters, digits, _ . - only")
        pinned = {}
        for pin in filter(None, (p.strip() for p in self.front.get("shapes", "").split(";"))):
            try:
                name, shape = parse_shape(pin)
            except AskError as exc:
                raise self.fail(self._key_line("shapes"), str(exc)) from None
            pinned[name] = shape
        items, texts, lines = [], [], {}
        for rel in filter(None, (r.strip() for r in self.front.get("assume", "").split(";"))):
            try:
                items.append(parse_relation(_math(rel)))
            except AskError as exc:
                raise self.fail(self._key_line("assume"), f"assume {rel!r}: {exc}") from None
        for line, text in self.sections["definitions"]:
            math = _math(text)
            texts.append(math)
            parsed = self._parse(line, math)
            lines.update({id(node): line for it in parsed for node in walk(it)})
            items += parsed
        names: dict = {}
        for line, text in self.sections["targets"]:
            m = _TARGET.match(text.strip())
            if not m:
                raise self.fail(line, "a target is '- NAME: $\\frac{\\partial L}{\\partial W}$'")
            math, _, title = m.group(2).partition(" — ")
            parsed = self._parse(line, _math(math))
            if len(parsed) != 1 or not isinstance(parsed[0], Deriv | Solve):
                raise self.fail(line, "a target writes one derivative: \\frac{\\partial L}"
                                      "{\\partial W}, \\nabla_W L, or ∇_w L = 0")  # fmt: skip
            if m.group(1) in {n for n, _ in names.values()}:
                raise self.fail(line, f"target {m.group(1)} is named twice")
            names[id(parsed[0])] = (m.group(1), title.strip())
            lines.update({id(node): line for node in walk(parsed[0])})
            items += parsed
        if not names:
            raise self.fail(None, "no targets: add a section '## Targets'")
        claims = []
        for line, text in self.sections["claims"]:
            m = _CLAIM.match(text.strip())
            if not m:
                raise self.fail(line, "a claim is '- TARGET (where): $answer$'")
            if m.group(1) not in {n for n, _ in names.values()}:
                raise self.fail(line, f"claim for an unknown target {m.group(1)}")
            location = m.group(2) or f"{self.path.name}, line {line}"
            claims.append(Claim(m.group(1), _math(m.group(3)), location))
        statement = " ".join(t.strip() for _, t in self.sections["statement"])
        meta = {
            "names": names,
            "id": self.front["id"],
            "title": self.front["title"],
            "source": Source(*_source(self.front.get("source", self.path.name))),
            "aliases": _aliases(self.front.get("aliases", "")),
            "claims": tuple(claims),
            "path": str(self.path),
        }  # fmt: skip
        if statement:
            meta["statement"] = statement
        try:
            problem, _shapes, _read = problem_of(", ".join(texts), items, pinned, (), meta)
        except AskError as exc:  # a shape that does not fit: at the line of its use
            raise self.fail(lines.get(id(getattr(exc, "node", None))), str(exc)) from None
        return problem

    def _parse(self, line: int, text: str) -> list:
        try:
            return parse(text)
        except AskError as exc:
            raise self.fail(line, str(exc)) from None

    def _key_line(self, key: str) -> int | None:
        for k, line in enumerate(self.lines):
            if line.strip().lower().startswith(key + ":"):
                return k + 1
        return None


def _compact(line: str) -> str:
    """In a file without sections, a line of math only is a definition and a line
    ``- NAME: $…$`` a target: a short exercise needs no headers."""
    if _TARGET.match(line.strip()) and "$" in line:
        return "targets"
    m = _MATH.match(line)
    if _SPANS.sub("", line).strip(" ,;") == "" or (m and "$" not in m.group(2)):
        return "definitions"
    return "statement"


def _math(text: str) -> str:
    """The LaTeX of a line: inside $…$, $$…$$ or \\[…\\] if it is written so; several
    spans ($a = …$, $b = …$) are several items."""
    m = _MATH.match(text)
    if m and "$" not in m.group(2):
        return m.group(2)
    spans = _SPANS.findall(text)
    if spans and not _SPANS.sub("", text).strip(" ,;"):
        return ", ".join(spans)
    return text.strip()


def _aliases(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.split(",") if a.strip())


def _source(text: str) -> tuple[str, str]:
    file, _, exercise = text.partition(",")
    return file.strip(), exercise.strip()
