"""The ``symderiv`` command: parse arguments, call the library, print. ``main(argv)`` returns
the exit code, so tests can call it; library errors become one line on stderr."""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys
import traceback
from pathlib import Path

from . import api, registry
from .errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, FileError, SymderivError, file_error
from .progress import Progress
from .version import __version__


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line and exit code 2, like every other usage error
        raise SymderivError(message)


#: the largest --timeout, in seconds (a time bound is a safety net: an hour is plenty)
MAX_TIMEOUT = 3600.0


def _seconds(text: str) -> float:
    """A ``--timeout``: a finite number of seconds, 0 < t ≤ MAX_TIMEOUT (``inf``, ``nan``,
    ``1e12``, ``0``, ``-1``: a one-line usage error)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_TIMEOUT):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of seconds greater than 0 and at most {MAX_TIMEOUT:g}"
        )
    return value


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
    dp.add_argument("--no-cache", action="store_true", help="derive again, ignoring the cache")

    ap = sub.add_parser("ask", help="derive from definitions written in LaTeX, in one line")
    ap.add_argument("text", help=r"definitions and what to derive, in LaTeX: "
                    r"'h = \sigma(Wx+b), L = \tfrac12\|h-t\|^2' or "
                    r"'\frac{\partial}{\partial X} \log\det X'")  # fmt: skip
    ap.add_argument("--wrt", action="append", default=[], metavar="NAME",
                    help="differentiate the last quantity by NAME (repeatable)")  # fmt: skip
    ap.add_argument("--shape", action="append", default=[], metavar="'NAME: SIZES'",
                    help="pin a shape: 'W: m×n', 'x: n', 'c: scalar' (repeatable)")  # fmt: skip

    cp = sub.add_parser("check", help="judge handwritten answers against the derivation")
    cp.add_argument("id", nargs="?", help="problem id, alias, or path to a spec file")
    cp.add_argument("--all", action="store_true", help="every claim of every problem")
    cp.add_argument("--target", help="the target your answers answer (with --answer/--answers)")
    cp.add_argument("--answer", action="append", default=[], metavar="LATEX",
                    help="an answer in LaTeX (repeatable)")  # fmt: skip
    cp.add_argument(
        "--answers", metavar="FILE", help="answers: one per line, or a JSON list of strings"
    )
    cp.add_argument(
        "--region",
        metavar="COND",
        help="judge the answers on this region only ('n >= L'; part of a question)",
    )
    cp.add_argument("--json", action="store_true", help="print JSON (schema in README)")
    cp.add_argument("--timeout", type=_seconds, default=None,
                    help="seconds per answer (default 10, at most 3600)")  # fmt: skip

    mp_ = sub.add_parser("mutate", help="the typical mistakes on a target's result, named")
    mp_.add_argument("id", help="problem id, alias, or path to a spec file")
    mp_.add_argument("target", help="the target whose result is mutated")
    mp_.add_argument("--json", action="store_true", help="print JSON (schema in README)")

    pp = sub.add_parser("pdf", help="an answer PDF: steps, results, verdicts, plots")
    pp.add_argument("ids", nargs="*", metavar="ID", help="problem ids (or --all)")
    pp.add_argument("--all", action="store_true", help="every problem")
    pp.add_argument("-o", "--output", default="answers.pdf", help="the PDF (default answers.pdf)")
    pp.add_argument("--engine", choices=["typst", "latex"], default="typst",
                    help="typst (default, bundled) or latex (a TeX engine on PATH)")  # fmt: skip
    pp.add_argument("--tex", metavar="FILE", help="also write the LaTeX source to FILE")
    pp.add_argument("--timeout", type=_seconds, default=None,
                    help="seconds per answer (default 10, at most 3600)")  # fmt: skip

    gp = sub.add_parser("grade", help="grade a class: many submissions, isolated, resumable")
    gp.add_argument("submissions", help="a CSV (student,problem,target,answer) or a folder of "
                    "<student>.json files")  # fmt: skip
    gp.add_argument("-o", "--output", required=True,
                    help="the gradebook CSV (and its .json report next to it); with "
                    "--format gradescope: results.json, or a folder for a class")  # fmt: skip
    gp.add_argument("--format", choices=["csv", "gradescope"], default="csv")
    gp.add_argument("--jobs", type=int, default=None,
                    help="processes (default and at most: the cores)")  # fmt: skip
    gp.add_argument("--timeout", type=_seconds, default=10.0,
                    help="seconds per answer (default 10, at most 3600); an answer that runs "
                    "past it is checked again at the end with 4 times as long")  # fmt: skip
    gp.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the checks on a Dask cluster (needs distributed)",
    )
    gp.add_argument("--fresh", action="store_true",
                    help="ignore an earlier run's journal: check every answer again")  # fmt: skip
    gp.add_argument("--skip-bad-rows", action="store_true",
                    help="grade the rest when rows are malformed or name an unknown problem "
                    "or target")  # fmt: skip
    for derives in (dp, ap):  # how a derivation is printed
        fmt = derives.add_mutually_exclusive_group()
        fmt.add_argument("--latex", action="store_true", help="print LaTeX (amsmath)")
        fmt.add_argument("--json", action="store_true", help="print JSON (schema in README)")
        derives.add_argument("--steps", action=argparse.BooleanOptionalAction, default=True,
                             help="show the steps (default) or the results only")  # fmt: skip
        derives.add_argument("--document", action="store_true",
                             help="with --latex: a standalone LaTeX document")  # fmt: skip
    # --specs is accepted after the command too (symderiv derive --specs DIR ID)
    for sub_parser in (lp, sp_, dp, ap, cp, mp_, pp, gp):
        sub_parser.add_argument(
            "--specs", action="append", default=[], dest="specs_after", metavar="DIR",
            help="also load problem specs from DIR (repeatable)",
        )  # fmt: skip
    return p


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # text from a spec may hold a lone surrogate
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")
    try:
        args = build_parser().parse_args(argv)
        args.specs = list(args.specs) + list(getattr(args, "specs_after", []) or [])
        registry.clear_skipped()
        try:
            return _run(args)
        finally:
            for path, why in registry.skipped():
                print(f"symderiv: warning: skipped the spec {path}: {why}", file=sys.stderr)
    except SymderivError as exc:
        print(f"symderiv: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("symderiv: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `symderiv list | head -1`: the reader has what it wanted
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # a file that could not be read or written: not a bug
        if exc.errno is None:
            return _internal(exc)
        err = file_error(exc, None, "read or write")
        print(f"symderiv: error: {err}", file=sys.stderr)
        return err.exit_code
    except Exception as exc:  # a bug: one line, and the traceback only on request
        return _internal(exc)


def _internal(exc: Exception) -> int:
    if os.environ.get("SYMDERIV_DEBUG"):
        traceback.print_exc()  # the traceback, and the same exit code as without it
        return EXIT_INTERNAL
    print(
        f"symderiv: internal error: {type(exc).__name__}: {exc} "
        "(set SYMDERIV_DEBUG=1 for the traceback)",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def _run(args) -> int:
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
    if args.command == "check" and (args.all or not args.id):
        if not args.all:
            raise SymderivError("check needs a problem id, or --all")
        if args.id or args.target or args.answer or args.answers:
            raise SymderivError("--all checks the handwritten claims; it takes no id or answers")
        return _check(args, None)
    if args.command == "pdf":
        return _pdf(args)
    if args.command == "grade":
        return _grade(args)
    if args.command == "ask":
        if args.document and not args.latex:
            raise SymderivError("--document goes with --latex")
        derivation = api.ask(args.text, wrt=args.wrt, shapes=args.shape)
        return _print_derivation(args, derivation, shapes=derivation.shapes)
    problem = api.load(args.id, args.specs)
    if args.command == "show":
        print(f"{problem.id} — {problem.title}\nsource: {problem.source}\n")
        print(problem.statement + "\n\ntargets:")
        _table(["target", "title"], [[t.name, t.title] for t in problem.targets])
        return EXIT_OK
    if args.command == "derive":
        if args.document and not args.latex:
            raise SymderivError("--document goes with --latex")
        derivation = problem.derive(*args.targets, cache=not args.no_cache)
        return _print_derivation(args, derivation)
    if args.command == "check":
        return _check(args, problem)
    if args.command == "mutate":
        return _mutate(args, problem)
    raise SymderivError(f"unknown command {args.command!r}")  # pragma: no cover


def _print_derivation(args, derivation, shapes=None) -> int:
    """A derivation as text, LaTeX or JSON; ``shapes`` (name → (rows, cols)): those ``ask``
    inferred, printed first (in JSON: a "shapes" field)."""
    if args.json:
        from .render.text import derivation_json

        out = derivation_json(derivation, args.steps)
        if shapes is not None:
            out["shapes"] = {n: [str(r), str(c)] for n, (r, c) in shapes.items()}
        print(json.dumps(out, indent=2, ensure_ascii=False))
    elif args.latex:
        from .render.emit import derivation_tex

        print(derivation_tex(derivation, steps=args.steps, document=args.document), end="")
    else:
        from .render.text import derivation_text, shapes_line

        if shapes is not None:
            print(f"shapes: {shapes_line(shapes)}  (pin one with --shape 'W: m×n')")
        derivation_text(derivation, args.steps)
    for exc in derivation.failures.values():  # the others are printed; these say why not
        print(f"symderiv: error: {exc}", file=sys.stderr)
    return max((e.exit_code for e in derivation.failures.values()), default=EXIT_OK)


def _mutate(args, problem) -> int:
    problem.target(args.target)  # an unknown target: the names, exit 2
    found = problem.mutations(args.target)
    if args.json:
        doc = {
            "schema": "symderiv.mutations/1",
            "problem": problem.id,
            "target": args.target,
            "mistakes": [m.as_dict() for m in found["mistakes"]],
            "rewrites": [m.as_dict() for m in found["rewrites"]],
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return EXIT_OK
    rows = [[m.name, m.explanation, m.as_dict()["latex"]] for m in found["mistakes"]]
    _table(["mistake", "explanation", "the result with the mistake"], rows)
    if found["rewrites"]:
        names = ", ".join(sorted({m.name for m in found["rewrites"]}))
        n = len(found["rewrites"])
        print(f"({n} mutation{'s' if n > 1 else ''} equal to the result itself left out: {names})")
    return EXIT_OK


def _pdf(args) -> int:
    from .render import pdf

    if args.all == bool(args.ids):
        raise SymderivError("pdf needs problem ids, or --all (not both)")
    _writable(args.output, "the PDF")  # checked before a minute of work, not after
    if args.engine == "latex":
        from .render.latexdoc import need_latex

        need_latex()
    if args.tex:
        _writable(args.tex, "the LaTeX source")
    from . import grade

    problems = registry.all_problems(args.specs) if args.all else []
    problems += [registry.load(i, args.specs) for i in args.ids]
    # inputs are sacred: no output (the PDF, the source, a figure) is a spec or another output
    grade.check_paths(*pdf.pdf_paths(problems, args.output, args.tex))
    report = pdf.build_report(problems, args.timeout, progress=Progress(len(problems), "pdf"))
    info = pdf.write_pdf(report, args.output, engine=args.engine, tex=args.tex)
    extra = f", LaTeX source {info.tex}" if info.tex else ""
    shown = f"; {len(info.fallbacks)} formulas shown as LaTeX source" if info.fallbacks else ""
    print(
        f"wrote {info.path}: {_n(len(problems), 'problem')}, {_n(len(report.rows()), 'verdict')}, "
        f"{info.pages} pages, {info.formulas} formulas ({info.program}{shown}){extra}"
    )
    return EXIT_OK


def _grade(args) -> int:
    from . import grade

    if args.jobs is not None and args.jobs < 1:
        raise SymderivError("--jobs must be at least 1")
    jobs = args.jobs
    if not args.scheduler:  # more processes than cores: more memory, and slower
        cores = grade.cores()
        if jobs is not None and jobs > cores:
            print(
                f"symderiv: note: --jobs {jobs} is more than the {cores} cores this process "
                f"may use; using {cores}",
                file=sys.stderr,
            )
        jobs = min(jobs or cores, cores)
    out = Path(args.output)
    journal = out.with_name(out.name + ".journal")
    if args.format == "csv":
        if out.suffix.lower() == ".json":
            raise SymderivError(
                f"cannot write {args.output!r}: the gradebook is a CSV and its JSON report goes "
                f"next to it as {out.with_suffix('.json').name}; name the gradebook .csv"
            )
        _writable(out, "the gradebook")
        _writable(out.with_suffix(".json"), "the report")
    elif not (out.suffix == ".json" or out.is_dir() or not out.exists()):
        raise SymderivError(f"cannot write {args.output!r}: not a folder or a .json file")
    else:
        _writable(out / "x" if out.suffix != ".json" else out, "the Gradescope results")
    _writable(journal, "the journal")
    bad: list = []
    subs = grade.read_submissions(args.submissions, bad)
    if bad and not args.skip_bad_rows:
        where = ", ".join(f"{w}: {why}" for w, why in bad[:3]) + (" …" if len(bad) > 3 else "")
        raise SymderivError(
            f"{_n(len(bad), 'malformed row')} or file(s) in the submissions ({where}); fix "
            "them, or grade the rest with --skip-bad-rows"
        )
    # inputs are sacred: no output may be an input or another output (checked before any work)
    specs = []
    for pid in sorted({s.problem for s in subs}):
        with contextlib.suppress(SymderivError):
            specs.append(registry.load(pid, args.specs).path)
    folders = grade.check_class_paths(args.submissions, specs, subs, out, args.format)
    executor = client = None
    if args.scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise SymderivError("--scheduler needs Dask: pip install 'symderiv[dask]'") from None
        try:
            client = Client(args.scheduler, timeout=30)
        except OSError as exc:
            raise SymderivError(
                f"cannot reach the Dask scheduler {args.scheduler}: {exc}"
            ) from None
        executor = client.get_executor()
    try:
        run = grade.grade(subs, args.output, jobs=jobs, timeout=args.timeout,
                          specs=args.specs, executor=executor, fresh=args.fresh,
                          skip_bad_rows=args.skip_bad_rows)  # fmt: skip
    except KeyboardInterrupt:
        print(
            f"symderiv: interrupted; finished results are in {journal}; run the "
            "same command to resume",
            file=sys.stderr,
        )
        return 130
    finally:
        if client is not None:
            client.close()
    try:
        if args.format == "gradescope":
            files = grade.write_gradescope(run, args.output, folders)
            where = files[0] if len(files) == 1 else f"{args.output}/<student>/results.json"
        else:
            grade.write_gradebook(run, args.output)
            where = f"{args.output} (report {Path(args.output).with_suffix('.json')})"
    except FileError as exc:
        raise FileError(
            f"{exc}; every verdict is in {journal}: run the same command again to write it "
            "(nothing is checked again)"
        ) from None
    for row, why in [*bad, *run.skipped]:
        print(f"symderiv: skipped {row}: {why}", file=sys.stderr)
    print(grade.summary(run, where))
    return EXIT_OK


#: the largest ``check --answers`` file, in bytes
MAX_ANSWERS = 64 << 20
CHECK_SCHEMA = "symderiv.check/1"


def _writable(path, what: str) -> None:
    """``path`` can be written (its folder exists, is writable; not a folder): one line."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise SymderivError(f"cannot write {what} {str(path)!r}: it is a folder")
    if not folder.is_dir():
        # a Gradescope class folder is created; its parent must exist
        if what == "the Gradescope results" and folder.parent.is_dir():
            folder = folder.parent
        else:
            raise SymderivError(
                f"cannot write {what} {str(path)!r}: folder {str(folder)!r} does not exist"
            )
    if not os.access(folder, os.W_OK) or str(folder.resolve()).startswith(("/proc", "/sys")):
        raise SymderivError(
            f"cannot write {what} {str(path)!r}: folder {str(folder)!r} is not writable"
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise SymderivError(f"cannot write {what} {str(path)!r}: the file is not writable")


def _n(count: int, word: str) -> str:
    """'1 problem', '2 problems'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def _read_answers(args) -> list[tuple[str, str]]:
    """(location, LaTeX) of every answer: ``answer N`` for the N-th ``--answer``, ``line N``
    for a line of an ``--answers`` file (blank lines skipped, not counted out), ``item N``
    for an entry of a JSON list."""
    answers = [(f"answer {n}", a) for n, a in enumerate(args.answer, 1)]
    if args.answers:
        try:
            with open(args.answers, "rb") as f:
                data = f.read(MAX_ANSWERS + 1)  # never more: /dev/zero is a file too
            if len(data) > MAX_ANSWERS:
                raise SymderivError(f"cannot read answers file {args.answers!r}: larger than "
                                    f"{MAX_ANSWERS >> 20} MiB, the most it may be")  # fmt: skip
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SymderivError(
                f"cannot read answers file {args.answers!r}: not UTF-8 text ({exc.reason} at "
                f"byte {exc.start})"
            ) from None
        except (FileNotFoundError, IsADirectoryError) as exc:
            raise SymderivError(
                f"cannot read answers file {args.answers!r}: {exc.strerror}"
            ) from None
        except OSError as exc:
            raise file_error(exc, args.answers, "read answers file") from None
        if text.lstrip().startswith("["):
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise SymderivError(f"{args.answers}: not valid JSON: {exc}") from None
            if not all(isinstance(a, str) for a in data):
                raise SymderivError(f"{args.answers}: a JSON list of strings is expected")
            answers += [(f"item {n}", a) for n, a in enumerate(data, 1)]
        else:
            lines = enumerate(text.splitlines(), 1)
            answers += [(f"line {n}", ln) for n, ln in lines if ln.strip()]
    return answers


def _check(args, problem) -> int:
    from . import check

    rows = []  # (problem id, target, location, latex, verdict)
    if problem is None:
        problems = api.problems(args.specs)
        bar = Progress(len(problems), "check")
        bar.start(0)
        for n, p in enumerate(problems, 1):
            bar.update(n - 1)
            rows += [
                (p.id, c.target, c.location, c.latex, v) for c, v in p.check_claims(args.timeout)
            ]
        bar.update(len(problems))
        bar.stop()
    elif args.answer or args.answers:
        if not args.target:
            raise SymderivError("--answer/--answers need --target NAME")
        problem.target(args.target)
        answers = _read_answers(args)
        if not answers:
            raise SymderivError("no answers given")
        derivation = problem.derive(args.target)
        for where, latex in answers:
            v = check.check_latex(problem.problem, derivation, args.target, latex,
                                  timeout=args.timeout, region=args.region)  # fmt: skip
            rows.append((problem.id, args.target, where, latex, v))
    else:
        if args.target or args.region:
            raise SymderivError(f"--{'target' if args.target else 'region'} goes with --answer")
        if not problem.claims:
            raise SymderivError(f"problem {problem.id!r} has no handwritten claims")
        rows = [
            (problem.id, c.target, c.location, c.latex, v)
            for c, v in problem.check_claims(args.timeout)
        ]
    if args.json:
        doc = {
            "schema": CHECK_SCHEMA,
            "results": [
                {"problem": pid, "target": t, "location": loc, "latex": tex, **v.as_dict()}
                for pid, t, loc, tex, v in rows
            ],
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        table = []
        for pid, t, loc, _tex, v in rows:
            detail = v.witness_text() or v.reason
            if v.ok or v.status == check.NOT_CHECKABLE:
                detail = v.reason
            if v.diagnosis:
                detail = f"{v.diagnosis['explanation']}; {detail}"
            claim = f"{pid}/{t}" if problem is None else t
            read_as = (v.reading or {}).get("text", "")
            read_as = read_as if len(read_as) <= 60 else read_as[:59] + "…"
            table.append([claim, loc, v.status, read_as, detail])
        _table(["claim", "location", "verdict", "read as", "witness / reason"], table)
    statuses = {v.status for *_, v in rows}
    if statuses & {check.UNREADABLE}:
        return EXIT_USAGE
    if check.NOT_EQUIVALENT in statuses:
        return 1
    if statuses & {check.UNDECIDED, check.TIMEOUT}:
        return 3
    return EXIT_OK


def _table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*header).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line.format(*row).rstrip())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
