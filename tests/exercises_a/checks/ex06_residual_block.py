# u = ReLU(W1 x), y = x + W2 u, L = 1/2||y-t||^2 ; printed z = W1 x
from common import *
relu = lambda z: np.maximum(z, 0.0)
for (n, m) in [(4, 3), (2, 5)]:
    for seed in [1, 2, 3]:
        r = np.random.RandomState(seed * 100 + n)
        W1, W2, x, t = U(r, m, n), U(r, n, m), U(r, n), U(r, n)
        if seed == 3:   # extra draw with some inactive units
            W1 = W1 - 1.0
        def L(x, W1, W2):
            return 0.5 * np.sum((x + W2 @ relu(W1 @ x) - t) ** 2)
        z = W1 @ x; u = relu(z); y = x + W2 @ u; ind = (z > 0).astype(float)
        print(f"n={n} m={m} seed={seed} active={ind.sum():.0f}/{m}")
        compare("dL_dx", grad(L, 0)(x, W1, W2), -t + y + W1.T @ np.diag(ind) @ W2.T @ (-t + y))
        compare("dL_dW1", grad(L, 1)(x, W1, W2), np.outer(ind * (W2.T @ (-t + y)), x))
        compare("dL_dW2", grad(L, 2)(x, W1, W2), np.outer(-t + y, u))
summary()
