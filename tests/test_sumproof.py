"""The linearity proof for sums (``symderiv.check.decide.sumproof``): what it proves is 0 at every
point (checked by writing the sums out at fixed sizes and random values), and it proves
the rearrangements students make."""

import random

import sympy as sp

from symderiv.check.decide.sumproof import sums_cancel

n = sp.Symbol("n", integer=True, positive=True)
i, j, k, l = sp.symbols("i j k l", integer=True, positive=True)
a, b = sp.IndexedBase("a", real=True), sp.IndexedBase("b", real=True)
c = sp.Symbol("c", real=True)


def brute_zero(expr, size: int = 4, trials: int = 3) -> bool:
    """The expression written out for n = size and evaluated at random values."""
    rnd = random.Random(5)
    e = expr.xreplace({n: size}).doit()
    for _ in range(trials):
        vals = {s: rnd.uniform(-2, 2) for s in e.atoms(sp.Indexed) | {c}}
        vals.update({i: rnd.randint(1, size)})
        if abs(complex(e.xreplace(vals).evalf())) > 1e-9:
            return False
    return True


def S(f, v, lo=1, hi=n):
    return sp.Sum(f, (v, lo, hi))


PROVED = [
    S(a[j] - b[j], j) - (S(a[k], k) - S(b[l], l)),
    c * S(a[j], j) - S(c * a[k], k),
    S(a[j] * (b[j] + c), j) - S(a[k] * b[k], k) - c * S(a[l], l),
    S(S(a[j] * b[k], j), k) - S(a[l], l) * 0 - S(S(a[k] * b[l], k), l),
    S(a[j], j, 0, 3) - (a[0] + a[1] + a[2] + a[3]),  # fixed bounds: written out
    a[i] * S(b[j], j) - S(a[i] * b[k], k),
]
NOT_PROVED = [
    S(a[j], j) - S(a[k], k, 0, n - 1),  # a shifted range: true only for a[0] = a[n]
    S(a[j] * b[j], j) - S(a[j], j) * S(b[k], k),
    S(a[j] - b[j], j) - S(a[k], k),
    c * S(a[j], j) - S(a[k], k),
]


def test_rearranged_sums_are_proved_and_are_zero():
    for e in PROVED:
        assert sums_cancel(e), e
        assert brute_zero(e), e


def test_what_it_cannot_prove_is_left_to_the_other_tests():
    for e in NOT_PROVED:
        assert not sums_cancel(e), e


def _rearranged(q, t, rnd):
    """q·t written another way: the coefficient moved inside the sum, the index renamed."""
    if isinstance(t, sp.Sum):
        v = t.limits[0][0]
        fresh = rnd.choice([j, k, l])  # never i: it is free in the answers
        return sp.Sum(q * t.function.xreplace({v: fresh}), (fresh, *t.limits[0][1:]))
    return q * t


def test_no_proof_of_a_nonzero_difference():
    """Random sums of terms against the same sums rearranged, a coefficient sometimes
    changed: every difference proved 0 must be 0 when written out, and the unchanged
    ones are proved."""
    rnd = random.Random(11)
    terms = [S(a[j], j), S(b[k], k), S(a[l] * b[l], l), a[i], b[i], S(a[j] * c, j), c]
    proved = unchanged = 0
    for _ in range(200):
        picked = rnd.sample(terms, 4)
        coeffs = [rnd.choice([-2, -1, 1, 2, c]) for _ in picked]
        other = list(coeffs)
        if rnd.random() < 0.5:
            other[rnd.randrange(4)] += rnd.choice([-1, 1])
        else:
            unchanged += 1
        e = sum(q * t for q, t in zip(coeffs, picked))
        e -= sum(_rearranged(q, t, rnd) for q, t in zip(other, picked))
        if sums_cancel(e):
            proved += 1
            assert brute_zero(e), e
    assert proved >= 0.9 * unchanged, (proved, unchanged)
