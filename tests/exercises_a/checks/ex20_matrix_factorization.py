from common import *
for (a, b_, k) in [(4, 3, 2), (3, 6, 4)]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + a)
        Y, Uf, V, lam = U(r, a, b_), U(r, a, k), U(r, b_, k), U(r)
        L = lambda Uf, V: 0.5 * np.sum((Y - Uf @ V.T) ** 2) + lam / 2 * (np.sum(Uf ** 2) + np.sum(V ** 2))
        print(f"Y {a}x{b_} rank {k} seed={seed}")
        compare("dL_dU", grad(L, 0)(Uf, V), lam * Uf + (Uf @ V.T - Y) @ V)
        compare("dL_dV", grad(L, 1)(Uf, V), lam * V + (V @ Uf.T - Y.T) @ Uf)
summary()
