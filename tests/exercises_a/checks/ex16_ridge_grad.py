from common import *
for (m, n) in [(5, 3), (3, 6)]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + m)
        X, w, y, lam = U(r, m, n), U(r, n), U(r, m), U(r)
        L = lambda w: np.sum((X @ w - y) ** 2) + lam * np.sum(w ** 2)
        print(f"m={m} n={n} seed={seed}")
        compare("grad", grad(L)(w), 2 * (lam * w + X.T @ (X @ w - y)))
        compare("hess", hessian(L)(w), 2 * (lam * np.eye(n) + X.T @ X))
summary()
