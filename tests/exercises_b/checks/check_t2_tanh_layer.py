from common import *
# h = tanh(Wx+b), L = 1/2||h-t||^2
for (n, m) in [(3, 4), (5, 2)]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"n={n},m={m},seed={seed}"
        W, x, b, t = draw(rng, m, n), draw(rng, n), draw(rng, m), draw(rng, m)
        L = lambda W, x: 0.5 * anp.sum((anp.tanh(W @ x + b) - t) ** 2)
        h = np.tanh(W @ x + b)
        # tool: -((h-t) o ((h+1) o (h-1))) x^T ;  -W^T ((h-t) o ((h+1) o (h-1)))
        compare("dL_dW", grad(L, 0)(W, x), -np.outer((h - t) * ((h + 1) * (h - 1)), x), lab)
        compare("dL_dx", grad(L, 1)(W, x), -W.T @ ((h - t) * ((h + 1) * (h - 1))), lab)
summary("t2_tanh_layer")
