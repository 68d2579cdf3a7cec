"""The ``symderiv`` command: parse arguments, call the library, print. ``main(argv)`` returns
the exit code, so tests can call it; library errors become one line on stderr."""

from __future__ import annotations

import argparse
import json
import os
import sys

from . import __version__
from .errors import EXIT_INTERNAL, EXIT_OK, SymderivError


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line and exit code 2, like every other usage error
        raise SymderivError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="symderiv", description="Symbolic derivations for deep-learning coursework.")
    p.add_argument("--version", action="version", version=f"symderiv {__version__}")
    p.add_argument(
        "--specs",
        action="append",
        default=[],
        metavar="DIR",
        help="also load problem specs from DIR (repeatable; $SYMDERIV_SPECS works too)",
    )
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    lp = sub.add_parser("list", help="list the problems: id, title, source")
    lp.add_argument("--json", action="store_true", help="print JSON instead of a table")

    sp_ = sub.add_parser("show", help="print a problem's statement and targets")
    sp_.add_argument("id")

    dp = sub.add_parser("derive", help="derive a problem's targets, with steps")
    dp.add_argument("id", help="problem id, alias, or path to a spec file")
    dp.add_argument("targets", nargs="*", help="target names (default: all)")
    fmt = dp.add_mutually_exclusive_group()
    fmt.add_argument("--latex", action="store_true", help="print LaTeX (amsmath)")
    fmt.add_argument("--json", action="store_true", help="print JSON (schema in README)")
    dp.add_argument(
        "--steps",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="show the steps (default) or only the results (--no-steps)",
    )
    dp.add_argument(
        "--document", action="store_true", help="with --latex: a standalone LaTeX document"
    )
    dp.add_argument("--no-cache", action="store_true", help="derive again, ignoring the cache")
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return _run(args)
    except SymderivError as exc:
        print(f"symderiv: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("symderiv: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line, and the traceback only on request
        if os.environ.get("SYMDERIV_DEBUG"):
            raise
        print(
            f"symderiv: internal error: {type(exc).__name__}: {exc} "
            "(set SYMDERIV_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _run(args) -> int:
    from . import registry

    if args.command == "list":
        problems = registry.all_problems(args.specs)
        if args.json:
            rows = [
                {"id": p.id, "title": p.title, "source": str(p.source), "aliases": list(p.aliases)}
                for p in problems
            ]
            print(json.dumps(rows, indent=2, ensure_ascii=False))
        else:
            _table(["id", "title", "source"], [[p.id, p.title, str(p.source)] for p in problems])
        return EXIT_OK
    problem = registry.load(args.id, args.specs)
    if args.command == "show":
        print(f"{problem.id} — {problem.title}\nsource: {problem.source}\n")
        print(problem.statement + "\n\ntargets:")
        _table(["target", "title"], [[t.name, t.title] for t in problem.targets])
        return EXIT_OK
    if args.command == "derive":
        if args.document and not args.latex:
            raise SymderivError("--document goes with --latex")
        derivation = problem.derive(*args.targets, cache=not args.no_cache)
        if args.json:
            print(json.dumps(derivation_json(derivation, args.steps), indent=2, ensure_ascii=False))
        elif args.latex:
            from .emit import derivation_tex

            print(derivation_tex(derivation, steps=args.steps, document=args.document), end="")
        else:
            _text(derivation, args.steps)
        return EXIT_OK
    raise SymderivError(f"unknown command {args.command!r}")  # pragma: no cover


JSON_SCHEMA = "symderiv.derivation/1"


def derivation_json(derivation, steps: bool = True) -> dict:
    p = derivation.problem
    results = []
    for r in derivation:
        d = r.as_dict()
        if not steps:
            d.pop("steps")
        results.append(d)
    return {
        "schema": JSON_SCHEMA,
        "id": p.id,
        "title": p.title,
        "source": {"file": p.source.file, "exercise": p.source.exercise},
        "results": results,
    }


def _text(derivation, steps: bool) -> None:
    from .emit import latex

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


def _table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*header).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line.format(*row).rstrip())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
