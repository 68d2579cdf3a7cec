"""A derivation as the command line shows it: text on the terminal, or the JSON document of
``derive --json`` (schema ``symderiv.derivation/1``)."""

from __future__ import annotations

JSON_SCHEMA = "symderiv.derivation/1"


def derivation_json(derivation, steps: bool = True) -> dict:
    from .plots import figures

    p = derivation.problem
    results = []
    for r in derivation:
        d = r.as_dict()
        if not steps:
            d.pop("steps")
        results.append(d)
    return {
        "errors": [
            {"target": name, "error": str(exc)} for name, exc in derivation.failures.items()
        ],
        "schema": JSON_SCHEMA,
        "id": p.id,
        "title": p.title,
        "source": {"file": p.source.file, "exercise": p.source.exercise},
        "results": results,
        "plots": [f.as_dict() for f in figures(derivation)],
    }


def shapes_line(shapes: dict) -> str:
    """What ``ask`` took each quantity to be: W m×n, x n, λ scalar."""

    def one(r, c):
        return "scalar" if (r, c) == (1, 1) else f"{r}" if c == 1 else f"{r}×{c}"

    return ", ".join(f"{n} {one(r, c)}" for n, (r, c) in shapes.items())


def derivation_text(derivation, steps: bool) -> None:
    from ..ops.printer import latex

    p = derivation.problem
    print(f"{p.id} — {p.title} ({p.source})")
    for r in derivation:
        print(f"\n[{r.name}] {r.title}")
        if steps:
            for n, s in enumerate(r.steps, 1):
                note = f"  ({s.note})" if s.note else ""
                print(f"  {n}. {s.rule}{note}\n       {latex(s.lhs)} = {latex(s.rhs)}")
        print(f"  result: {r.latex}")
        c = r.numeric
        print(f"  numeric check: {c.points} points, max error {c.max_error:.1e}")
