from common import *
# h = sigma(W1 x + b1), y = W2 h + b2, L = 1/2||y-t||^2
for (n, m, p) in [(3, 4, 2), (5, 2, 3)]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"n={n},m={m},p={p},seed={seed}"
        W1, x, b1 = draw(rng, m, n), draw(rng, n), draw(rng, m)
        W2, b2, t = draw(rng, p, m), draw(rng, p), draw(rng, p)
        def L(W1, b1, W2):
            return 0.5 * anp.sum((W2 @ sig(W1 @ x + b1) + b2 - t) ** 2)
        h = sig(W1 @ x + b1); y = W2 @ h + b2
        # tool: (h o (1-h) o (W2^T(-t+y))) x^T ; h o (1-h) o (W2^T(-t+y)) ; (-t+y) h^T
        d1 = h * (1 - h) * (W2.T @ (-t + y))
        compare("dL_dW1", grad(L, 0)(W1, b1, W2), np.outer(d1, x), lab)
        compare("dL_db1", grad(L, 1)(W1, b1, W2), d1, lab)
        compare("dL_dW2", grad(L, 2)(W1, b1, W2), np.outer(-t + y, h), lab)
summary("t2_mlp2_sigmoid")
