"""``python -m symderiv`` and the ``symderiv`` command."""

import contextlib
import os
import signal
import sys

#: the hash seed every symderiv command runs with (see ``fixed_hash_seed``)
HASH_SEED = "0"


def fixed_hash_seed() -> None:
    """Run again, at once, with a fixed hash seed, unless already so. Python orders a set of
    symbols by their hashes, randomised per process; SymPy walks such sets, so the work a
    proof takes (its budget counts work, not seconds: ``check.work``) and the order of terms
    could differ from one run to the next. The grading pool's processes inherit the seed."""
    if os.environ.get("PYTHONHASHSEED") == HASH_SEED or os.environ.get("SYMDERIV_REEXEC"):
        return
    if sys.flags.ignore_environment or not sys.executable:
        return  # python -E would ignore the seed: never run again for nothing
    env = {**os.environ, "PYTHONHASHSEED": HASH_SEED, "SYMDERIV_REEXEC": "1"}
    # (no interpreter to run again: go on with this process's seed)
    with contextlib.suppress(OSError):
        os.execve(sys.executable, [sys.executable, "-m", "symderiv", *sys.argv[1:]], env)


def run() -> None:
    """The command's entry point: a Ctrl-C while the CLI is still being imported is the same
    one line and exit code 130 as one during the work."""
    fixed_hash_seed()
    try:
        from .cli import main
    except KeyboardInterrupt:
        print("symderiv: interrupted", file=sys.stderr)
        sys.exit(130)
    try:
        code = main()
        # the work is done (and its output written): a Ctrl-C during the interpreter's
        # shutdown has nothing to stop, and would otherwise kill the process by the signal
        # (exit -2). Ignored inside the try: one that came as main() returned is still the
        # one line and 130, never an unhandled KeyboardInterrupt
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except KeyboardInterrupt:  # as the work returned: nothing left to stop
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print("symderiv: interrupted", file=sys.stderr)
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    run()
