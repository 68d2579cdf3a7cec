from common import *
for (n, m, k) in [(4, 3, 2), (2, 5, 3)]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + n)
        W1, W2, x, t, lam = U(r, m, n), U(r, k, m), U(r, n), U(r, k), U(r)
        def J(W1, W2):
            y = W2 @ sig(W1 @ x)
            return 0.5 * np.sum((y - t) ** 2) + lam / 2 * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
        h = sig(W1 @ x); y = W2 @ h
        print(f"n={n} m={m} k={k} seed={seed}")
        compare("dJ_dW1", grad(J, 0)(W1, W2), lam * W1 + np.outer(h * (h - 1) * (W2.T @ (t - y)), x))
        compare("dJ_dW2", grad(J, 1)(W1, W2), lam * W2 + np.outer(-t + y, h))
summary()
