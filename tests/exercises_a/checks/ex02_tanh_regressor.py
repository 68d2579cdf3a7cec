# h = tanh(Wx+b), y = v^T h, L = 1/2 (y-t)^2
from common import *
for (m, n) in [(3, 4), (6, 2)]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + m)
        W, x, b, v, t = U(r, m, n), U(r, n), U(r, m), U(r, m), U(r)
        def L(W, v):
            return 0.5 * (v @ np.tanh(W @ x + b) - t) ** 2
        h = np.tanh(W @ x + b); y = v @ h
        print(f"m={m} n={n} seed={seed}")
        # printed: (-t + y) (v o (1 - h^2)) x^T   (h^2 read entrywise)
        compare("dL_dW", grad(L, 0)(W, v), (-t + y) * np.outer(v * (1 - h**2), x))
        # printed: (-t + y) h
        compare("dL_dv", grad(L, 1)(W, v), (-t + y) * h)
summary()
