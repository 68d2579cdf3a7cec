"""The held-out set of ``symderiv ask`` (tests/asks/): 36 one-line asks (20 Matrix Cookbook
identities, 16 coursework derivatives) written by a helper who read only the README's "Ask
in one line" and never ran the tool, each with the shapes they meant and a NumPy/autograd
reference checked against finite differences (``build_a.py``). Each ask must infer the
shapes meant, and its printed matrix form, evaluated with NumPy, must equal the reference.
Its first run is in ``tests/asks/FIRST_RUN.md``."""

import json
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from ask_values import matrix_value

import symderiv
from symderiv.errors import SymderivError

ITEMS = [
    json.loads(line)
    for line in (Path(__file__).parent / "asks" / "asks_a.jsonl").read_text().splitlines()
    if line.strip()
]

#: asks refused by design, and what the refusal must say (how to resolve it)
REFUSED = {
    # det(AXB) with A, X, B of unknown shapes: derived for square factors only, never assumed
    "cb_det_AXB": "--shape 'A: n×n' --shape 'B: n×n' --shape 'X: n×n'",
}


def _sizes(d, kinds) -> dict:
    """The concrete size of each inferred size symbol, from the shapes the writer meant;
    a shape inferred otherwise fails here."""
    sizes = {}
    for q, meant in kinds.items():
        assert q in d.shapes, f"no quantity {q}: {d.shapes}"
        for got, k in zip(d.shapes[q], meant):
            got = sp.sympify(got)
            if got.is_Integer:
                assert int(got) == k, f"{q} is {d.shapes[q]}, meant {meant}"
            else:
                assert sizes.setdefault(got, k) == k, f"{q} is {d.shapes[q]}, meant {meant}"
    return sizes


@pytest.mark.parametrize("item", ITEMS, ids=[i["id"] for i in ITEMS])
def test_a_heldout_ask_derives_what_its_reference_says(item):
    if item["id"] in REFUSED:
        with pytest.raises(SymderivError) as err:
            symderiv.ask(item["text"], wrt=item["wrt"], shapes=item["shape"])
        assert REFUSED[item["id"]] in str(err.value)
        return
    d = symderiv.ask(item["text"], wrt=item["wrt"], shapes=item["shape"])
    assert not d.failures
    ((_name, r),) = d.results.items()
    sizes = _sizes(d, item["kinds"])
    for seed in range(2):
        rng = np.random.default_rng(seed * 101 + len(item["id"]))
        given = {}
        for q, (rows, cols) in item["kinds"].items():
            a = rng.uniform(0.5, 1.5, size=(rows, cols))
            if rows == cols > 1:
                a = a + rows * np.eye(rows)  # well conditioned, det > 0
            given[q] = float(a[0, 0]) if (rows, cols) == (1, 1) else a
        arrays = dict(given)
        for q, rhs in d.definitions.items():  # the intermediates the result names
            v = matrix_value(rhs, sizes, arrays)
            arrays[q] = float(v[0, 0]) if v.shape == (1, 1) else v
        got = matrix_value(r.expr, sizes, arrays)
        ns: dict = {}
        exec(item["reference"], ns)  # (the writer's reference: test data, not user input)
        want = np.asarray(ns["ref"](given), dtype=float)
        assert got.size == want.size, (got.shape, want.shape)
        np.testing.assert_allclose(got.reshape(want.shape), want, rtol=1e-7, atol=1e-9)
