from common import *
# h = sigma(Wx + b) ; Jacobians by x and b (numerator layout)
for (n, m) in [(3, 4), (5, 2)]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"n={n},m={m},seed={seed}"
        W, x, b = draw(rng, m, n), draw(rng, n), draw(rng, m)
        f = lambda x, b: sig(W @ x + b)
        h = sig(W @ x + b)
        # tool: diag(h o (1-h)) W ; diag(h o (1-h))
        compare("J_x", jacobian(f, 0)(x, b), np.diag(h * (1 - h)) @ W, lab)
        compare("J_b", jacobian(f, 1)(x, b), np.diag(h * (1 - h)), lab)
summary("t2_jac_sigmoid")
