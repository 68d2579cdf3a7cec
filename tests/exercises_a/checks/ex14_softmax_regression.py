from common import *
for (k, n) in [(3, 4), (5, 2)]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + k)
        W, x, b = U(r, k, n), U(r, n), U(r, k)
        y = np.zeros(k); y[seed % k] = 1.0   # one-hot (1^T y = 1)
        if seed == 2:
            y = U(r, k); y = y / y.sum()       # soft label, still 1^T y = 1
        L = lambda W, b, x: -y @ np.log(softmax(W @ x + b))
        p = softmax(W @ x + b)
        print(f"k={k} n={n} seed={seed}")
        compare("dL_dW", grad(L, 0)(W, b, x), np.outer(p - y, x))
        compare("dL_db", grad(L, 1)(W, b, x), p - y)
        compare("dL_dx", grad(L, 2)(W, b, x), W.T @ (p - y))
summary()
