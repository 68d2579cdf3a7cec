"""The README's command examples are real runs: every ``$ symderiv …`` block is run here and
its printed output must be exactly what the README shows; the JSON examples that follow a
command agree with that command's ``--json`` output on every value they show (values the
README elides with "…" aside)."""

import json
import re
import shlex
from pathlib import Path

import pytest

from symderiv.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def _command_blocks():
    text = README.read_text(encoding="utf-8")
    for m in re.finditer(r"```bash\n(\$ symderiv [^\n]*)\n(.*?)```", text, re.S):
        yield m.group(1)[2:], m.group(2), text[m.end() :]


BLOCKS = list(_command_blocks())


def test_the_readme_shows_command_examples():
    assert BLOCKS, "no `$ symderiv …` example found in the README"


@pytest.mark.parametrize("command,shown,after", BLOCKS, ids=[b[0][:60] for b in BLOCKS])
def test_a_readme_example_prints_what_the_readme_shows(command, shown, after, capsys):
    argv = shlex.split(command)[1:]
    main(argv)
    printed = capsys.readouterr().out
    assert printed.rstrip("\n") == shown.rstrip("\n"), "regenerate the README example"

    # a ```json block right after it shows the same command's --json output
    m = re.match(r"\s*(?:[^`]*?)```json\n(.*?)```", after, re.S)
    if not m or '"symderiv.check/1"' not in m.group(1):
        return
    main([*argv, "--json"])
    real = json.loads(capsys.readouterr().out)
    shown_doc = json.loads(m.group(1))
    _agree(shown_doc, real, "$")


def _agree(shown, real, where):
    """Every value the README shows is the real one; "…" stands for any value; timings may
    differ (they are the machine's)."""
    if shown == "…" or (isinstance(shown, str) and "…" in shown):
        return
    if isinstance(shown, dict):
        assert isinstance(real, dict), where
        for key, value in shown.items():
            assert key in real, f"{where}.{key} is not in the real output"
            if key != "seconds":
                _agree(value, real[key], f"{where}.{key}")
    elif isinstance(shown, list):
        assert isinstance(real, list) and len(real) == len(shown), where
        for n, (a, b) in enumerate(zip(shown, real, strict=True)):
            _agree(a, b, f"{where}[{n}]")
    else:
        assert shown == real, f"{where}: the README shows {shown!r}, the run gives {real!r}"
