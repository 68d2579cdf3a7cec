"""The whole comparison: is a handwritten result equal to the derived one?

The tests, tried in this order (each small and named; the first that decides wins):

1. ``shape``      — matrix against scalar, or matrices of different shapes: not equivalent.
2. ``structural`` — the two expressions are identical, or their difference expands to 0.
3. ``numeric``    — evaluation at many points chosen adversarially: every index coincidence
                    pattern (i = k and i ≠ k), both signs, abstract functions replaced by
                    random smooth ones, 60-digit arithmetic. A disagreement is a
                    counterexample: not equivalent, with the witness. A quick screen of a
                    few points runs first; the whole test only after a quick proof attempt.
4. ``symbolic``   — a proof: split on index coincidences (Kronecker deltas and Piecewise
                    conditions decided in each case), write σ and σ' out, ``simplify`` the
                    difference to 0 in every case, in at most ``SYMBOLIC_BUDGET`` (most
                    proofs take milliseconds). Were that budget much longer than
                    ``QUICK_BUDGET``, a first attempt would get only that, and the rest
                    only after the full numeric test found no difference.
5. Otherwise, agreement at N points without a proof: equivalent-numerically (N stated).

Approximate answers (``\\approx 0.4``) are compared with a tolerance of half a unit in the
last significant figure written. Every check runs under a hard time bound (``sandbox``).
A wrong answer is never reported equivalent: "equivalent" needs a proof, and anything the
tests cannot decide is "undecided".
"""

from __future__ import annotations

import sympy as sp

from ...engine.points import MAX_COMBOS, other_sizes
from ..verdict import EQUIVALENT, NOT_EQUIVALENT, NUMERIC, UNDECIDED, Verdict
from .tests import (
    SCREEN,
    Comparison,
    _fmt,
    numeric_test,
    shape_test,
    structural_test,
    symbolic_test,
)


def compare(
    claimed, derived, cmp: Comparison, approx_digits: int | None = None, prove: bool = True
) -> Verdict:
    """Run the tests in their documented order; the first that decides wins. ``prove=False``:
    no symbolic proof is attempted (a matrix's entries are all tested numerically first)."""
    if approx_digits is None:  # 0.1 is one tenth, as written: not the binary float near it
        claimed, derived = decimals_as_written(claimed), decimals_as_written(derived)
    if _one_by_one(claimed) and not isinstance(derived, sp.MatrixBase):
        claimed = claimed[0, 0]  # xᵀy, 1ᵀg: a 1×1 product is the scalar it holds
    v = shape_test(claimed, derived)
    if v:
        return v
    if isinstance(derived, sp.MatrixBase):
        return _compare_matrix(claimed, derived, cmp)
    if approx_digits is not None:
        return _compare_approx(claimed, derived, cmp, approx_digits)
    v = structural_test(claimed, derived)
    if v:
        return v
    v = _screen(claimed, derived, cmp)  # a quick screen first
    if v:
        return v
    proof = symbolic_test(claimed, derived, cmp) if prove else None
    if proof:
        return proof
    v, n = numeric_test(claimed, derived, cmp)
    if _other_sizes_apply(claimed, cmp) and (v is None or v.status == UNDECIDED):
        # agreement at one set of sizes only says so much: a witness at others, or nothing
        other = cmp.at_sizes(other_sizes(cmp.sizes))
        try:
            w, more = numeric_test(claimed, derived, other, walk=MAX_COMBOS, refute_only=True)
        except (ArithmeticError, LookupError, TypeError, ValueError):  # not at these sizes
            w, more = None, 0
        if w or v:
            return w or v
        return Verdict(
            NUMERIC, f"numeric: equal at {n + more} points, at two sets of sizes; no symbolic "
            "proof found"
        )  # fmt: skip
    if v:
        return v
    return Verdict(NUMERIC, f"numeric: equal at {n} points; no symbolic proof found")


def _other_sizes_apply(claimed, cmp) -> bool:
    """The sizes are the checker's choice (the problem's are symbolic), and the answer was not
    read at them: no entry of a fixed number (wᵀx is read as w_1x_1 + w_2x_2 + w_3x_3 at m = 3,
    which is no answer at m = 7)."""
    if not (cmp.symbolic_sizes and cmp.sizes):
        return False
    return not any(all(i.is_Integer for i in e.indices) for e in claimed.atoms(sp.Indexed))


def decimals_as_written(e):
    """Every decimal written (a Float of at most double precision) as the exact rational it
    reads as: the numeric test sees a difference of 10⁻²⁰, and 0.1 as a binary float is off
    from 1/10 by 5·10⁻¹⁸."""
    floats = e.atoms(sp.Float) if isinstance(e, sp.Basic | sp.MatrixBase) else ()
    rep = {f: sp.Rational(str(f)) for f in floats if f._prec <= 53}
    return e.xreplace(rep) if rep else e


def _screen(claimed, derived, cmp):
    """A few points (twice as many for cases: a wrong region is often small)."""
    cases = any(e.has(sp.Piecewise, sp.Heaviside) for e in (claimed, derived))
    return numeric_test(claimed, derived, cmp, points=2 * SCREEN if cases else SCREEN)[0]


def _one_by_one(e) -> bool:
    return isinstance(e, sp.MatrixBase) and e.shape == (1, 1)


def _compare_approx(claimed, derived, cmp, digits):
    value = sp.N(claimed)
    if not value.is_number:
        return Verdict(UNDECIDED, "approximate answer is not a number")
    exponent = sp.floor(sp.log(abs(value), 10)) if value != 0 else 0
    tol = sp.Rational(1, 2) * sp.Integer(10) ** (exponent - digits + 1)
    v, n = numeric_test(claimed, derived, cmp, tol=tol)
    how = f"within ±{_fmt(tol)} ({digits} significant figure{'s' if digits > 1 else ''})"
    if v:
        if v.status == NOT_EQUIVALENT:
            return Verdict(NOT_EQUIVALENT, f"approximate: not {how}", witness=v.witness)
        return v
    return Verdict(NUMERIC, f"approximate: {how} at {n} points")


#: entries of a matrix proved, at most (each entry agrees numerically before any is
#: proved: a wrong entry is found without waiting on proofs; the first entry without a proof
#: ends the proofs). A count, as every budget that decides a verdict (``tests.PROOF_WORK``)
MATRIX_PROOFS = 24


def _compare_matrix(claimed, derived, cmp):
    """Every entry screened first (a wrong entry is usually found there, before any proof),
    then proved while the shared budget lasts, and only the entries left unproved tested at
    every point of the full numeric test."""
    entries = [(r, c) for r in range(derived.rows) for c in range(derived.cols)]
    pending, wrong, how = [], [], ""
    for r, c in entries:
        a, b = claimed[r, c], derived[r, c]
        v = structural_test(a, b) or _screen(a, b, cmp)
        if v is None:
            pending.append((r, c))
        elif v.status == NOT_EQUIVALENT:
            wrong.append((r + 1, c + 1, v))
        elif v.status != EQUIVALENT:
            return Verdict(v.status, f"entry ({r + 1}, {c + 1}): {v.reason}")
        else:
            how = v.reason
    if wrong:
        return _wrong_entries(wrong, derived)
    unproved = []
    for n, (r, c) in enumerate(pending):  # then proofs, while each is found
        proof = None
        if not unproved and n < MATRIX_PROOFS:
            proof = symbolic_test(claimed[r, c], derived[r, c], cmp)
        if proof:
            how = proof.reason
        else:
            unproved.append((r, c))
    for r, c in unproved:
        v, _ = numeric_test(claimed[r, c], derived[r, c], cmp)
        if v is not None and v.status == NOT_EQUIVALENT:
            wrong.append((r + 1, c + 1, v))
        elif v is not None:
            return Verdict(v.status, f"entry ({r + 1}, {c + 1}): {v.reason}")
    if wrong:
        return _wrong_entries(wrong, derived)
    if not unproved:
        return Verdict(EQUIVALENT, f"every entry: {how}")
    return Verdict(NUMERIC, "every entry agrees numerically; not every entry proved")


def _wrong_entries(wrong, derived) -> Verdict:
    r, c, first = wrong[0]
    entries = ", ".join(f"({a}, {b})" for a, b, _ in wrong[:12])
    more = f" and {len(wrong) - 12} more" if len(wrong) > 12 else ""
    witness = dict(first.witness or {})
    witness["entry"] = f"({r}, {c})"
    return Verdict(
        NOT_EQUIVALENT,
        f"entries {entries}{more} of {derived.rows}×{derived.cols} differ",
        witness=witness,
    )
