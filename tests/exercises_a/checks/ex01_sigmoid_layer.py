# h = sigma(Wx+b), L = 1/2 ||h-t||^2
from common import *
for (m, n) in [(3, 4), (5, 2)]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + m)
        W, x, b, t = U(r, m, n), U(r, n), U(r, m), U(r, m)
        L = lambda W, x, b: 0.5 * np.sum((sig(W @ x + b) - t) ** 2)
        h = sig(W @ x + b)
        d = h * (h - t) * (1 - h)
        print(f"m={m} n={n} seed={seed}")
        compare("dL_dW", grad(L, 0)(W, x, b), np.outer(d, x))
        compare("dL_db", grad(L, 2)(W, x, b), d)
        compare("dL_dx", grad(L, 1)(W, x, b), W.T @ d)
summary()
