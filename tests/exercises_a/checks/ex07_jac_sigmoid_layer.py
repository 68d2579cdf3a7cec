from common import *
for (m, n) in [(3, 4), (5, 2)]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + m)
        W, x, b = U(r, m, n), U(r, n), U(r, m)
        f = lambda x, b: sig(W @ x + b)
        h = f(x, b)
        print(f"m={m} n={n} seed={seed}")
        compare("J_x", jacobian(f, 0)(x, b), np.diag(h * (1 - h)) @ W)
        compare("J_b", jacobian(f, 1)(x, b), np.diag(h * (1 - h)))
summary()
