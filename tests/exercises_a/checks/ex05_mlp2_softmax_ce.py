# h = tanh(W1 x), p = softmax(W2 h), L = -y^T log p ; assumption 1^T y = 1 -> y normalised
from common import *
for (n, m, k) in [(4, 3, 2), (2, 5, 4)]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + n)
        W1, W2, x = U(r, m, n), U(r, k, m), U(r, n)
        y = U(r, k); y = y / y.sum()
        def L(W1, W2):
            return -y @ np.log(softmax(W2 @ np.tanh(W1 @ x)))
        h = np.tanh(W1 @ x); p = softmax(W2 @ h)
        print(f"n={n} m={m} k={k} seed={seed}")
        compare("dL_dW2", grad(L, 1)(W1, W2), np.outer(p - y, h))
        # printed: -( ((h-1)(h+1)) o (W2^T (p-y)) ) x^T ; (h-1)(h+1) read entrywise
        compare("dL_dW1", grad(L, 0)(W1, W2), -np.outer(((h - 1) * (h + 1)) * (W2.T @ (p - y)), x))
summary()
