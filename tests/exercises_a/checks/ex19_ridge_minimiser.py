# L = 1/2||Xw - y||^2 + lam/2 ||w||^2 ; printed w = (lam I + X^T X)^{-1} X^T y
from common import *
for (m, n) in [(6, 3), (3, 5)]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + m)
        X, y, lam = U(r, m, n), U(r, m), U(r)
        L = lambda w: 0.5 * np.sum((X @ w - y) ** 2) + lam / 2 * np.sum(w ** 2)
        tool = np.linalg.inv(lam * np.eye(n) + X.T @ X) @ X.T @ y
        # independent minimiser: gradient descent from zero until converged
        w = np.zeros(n); g = grad(L)
        step = 1.0 / (np.linalg.norm(X, 2) ** 2 + lam)
        for _ in range(200000):
            w = w - step * g(w)
            if np.max(np.abs(g(w))) < 1e-13: break
        print(f"m={m} n={n} seed={seed}  |grad L(tool w)| = {np.max(np.abs(g(tool))):.1e}")
        compare("w_star (vs gradient descent)", w, tool, tol=1e-8)
        compare("grad L at tool's w is 0", np.zeros(n), g(tool))
summary()
