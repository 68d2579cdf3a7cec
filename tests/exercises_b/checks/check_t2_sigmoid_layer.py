from common import *
# h = sigma(Wx+b), L = 1/2||h-t||^2
for (n, m) in [(3, 4), (5, 2)]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"n={n},m={m},seed={seed}"
        W, x, b, t = draw(rng, m, n), draw(rng, n), draw(rng, m), draw(rng, m)
        L = lambda W, b: 0.5 * anp.sum((sig(W @ x + b) - t) ** 2)
        h = sig(W @ x + b)
        # tool: (h o (h-t) o (1-h)) x^T ;  h o (h-t) o (1-h)
        compare("dL_dW", grad(L, 0)(W, b), np.outer(h * (h - t) * (1 - h), x), lab)
        compare("dL_db", grad(L, 1)(W, b), h * (h - t) * (1 - h), lab)
summary("t2_sigmoid_layer")
