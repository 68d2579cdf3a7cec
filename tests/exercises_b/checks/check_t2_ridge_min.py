from common import *
# L = 1/2||Xw - y||^2 + lam/2 ||w||^2
for (m, n) in [(5, 3), (4, 6)]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"m={m},n={n},seed={seed}"
        X, y, w = draw(rng, m, n), draw(rng, m), draw(rng, n)
        lam = rng.uniform(0.5, 1.5)
        L = lambda w: 0.5 * anp.sum((X @ w - y) ** 2) + lam / 2 * anp.sum(w ** 2)
        compare("grad", grad(L)(w), lam * w + X.T @ (X @ w - y), lab)   # tool: lam w + X^T (Xw - y)
        wstar = np.linalg.solve(lam * np.eye(n) + X.T @ X, X.T @ y)      # tool: (lam I_n + X^T X)^{-1} X^T y
        # independent check of the minimiser: gradient (autograd) vanishes there, and it beats nearby points
        gnorm = np.max(np.abs(grad(L)(wstar)))
        worse = min(L(wstar + 1e-3 * rng.standard_normal(n)) - L(wstar) for _ in range(20))
        compare("w_star", np.zeros(n), grad(L)(wstar), lab + f",min_increase={worse:.1e}")
        assert worse > 0
summary("t2_ridge_min")
