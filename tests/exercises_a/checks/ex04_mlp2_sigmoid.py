from common import *
for (n, m, k) in [(4, 3, 2), (2, 5, 3)]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + n)
        W1, b1, W2, b2, x, t = U(r, m, n), U(r, m), U(r, k, m), U(r, k), U(r, n), U(r, k)
        def E(W1, b1, W2, b2):
            return 0.5 * np.sum((W2 @ sig(W1 @ x + b1) + b2 - t) ** 2)
        h = sig(W1 @ x + b1); y = W2 @ h + b2
        d1 = h * (1 - h) * (W2.T @ (-t + y))
        print(f"n={n} m={m} k={k} seed={seed}")
        args = (W1, b1, W2, b2)
        compare("dE_dW1", grad(E, 0)(*args), np.outer(d1, x))
        compare("dE_db1", grad(E, 1)(*args), d1)
        compare("dE_dW2", grad(E, 2)(*args), np.outer(-t + y, h))
        compare("dE_db2", grad(E, 3)(*args), -t + y)
summary()
