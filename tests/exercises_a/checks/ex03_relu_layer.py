# h = ReLU(Wx+b), L = 1/2||h-t||^2 ; printed result uses z (= Wx + b, as defined in the tool's steps)
from common import *
relu = lambda z: np.maximum(z, 0.0)
for (m, n) in [(3, 4), (5, 2)]:
    for seed in [1, 2, 3]:
        r = np.random.RandomState(seed * 100 + m)
        W, x, b, t = U(r, m, n), U(r, n), U(r, m), U(r, m)
        if seed == 3:   # extra draw (outside the [0.5,1.5] rule) so that some units are inactive
            W = W - 1.0; b = b - 1.0
        L = lambda W, b: 0.5 * np.sum((relu(W @ x + b) - t) ** 2)
        z = W @ x + b; h = relu(z); ind = (z > 0).astype(float)
        print(f"m={m} n={n} seed={seed} active={ind.sum():.0f}/{m}")
        compare("dL_dW", grad(L, 0)(W, b), np.outer((h - t) * ind, x))
        compare("dL_db", grad(L, 1)(W, b), (h - t) * ind)
summary()
