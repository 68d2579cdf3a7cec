"""``python -m symderiv`` and the ``symderiv`` command."""

import sys


def run() -> None:
    """The command's entry point: a Ctrl-C while the CLI is still being imported is the same
    one line and exit code 130 as one during the work."""
    try:
        from .cli import main
    except KeyboardInterrupt:
        print("symderiv: interrupted", file=sys.stderr)
        sys.exit(130)
    sys.exit(main())


if __name__ == "__main__":
    run()
