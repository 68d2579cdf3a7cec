"""``python -m symderiv`` and the ``symderiv`` command."""

import signal
import sys


def run() -> None:
    """The command's entry point: a Ctrl-C while the CLI is still being imported is the same
    one line and exit code 130 as one during the work."""
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
