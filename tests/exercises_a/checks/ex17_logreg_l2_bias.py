from common import *
for (m, n) in [(5, 3), (4, 7)]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + m)
        X, w, b, lam = U(r, m, n), U(r, n), U(r), U(r)
        y = (r.uniform(size=m) > 0.5).astype(float)
        def L(w, b):
            p = sig(X @ w + b)
            return -(1 / m) * (y @ np.log(p) + (1 - y) @ np.log(1 - p)) + lam / 2 * np.sum(w ** 2)
        p = sig(X @ w + b)
        print(f"m={m} n={n} seed={seed}")
        compare("dL_dw", grad(L, 0)(w, b), lam * w + -(1 / m) * X.T @ (-p + y))
        compare("dL_db", grad(L, 1)(w, b), np.sum(p - y) / m)
summary()
