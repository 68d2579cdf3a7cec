from common import *
for (m, n) in [(5, 3), (4, 6)]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + m)
        X, w = U(r, m, n), U(r, n)
        y = (r.uniform(size=m) > 0.5).astype(float)   # 0/1 labels
        if seed == 2:
            y = U(r, m) - 0.5                           # soft labels in [0,1] also allowed
        def L(w):
            p = sig(X @ w)
            return -y @ np.log(p) - (1 - y) @ np.log(1 - p)
        p = sig(X @ w)
        print(f"m={m} n={n} seed={seed}")
        compare("grad", grad(L)(w), X.T @ (p - y))
        compare("hess", hessian(L)(w), X.T @ np.diag(p * (1 - p)) @ X)
summary()
