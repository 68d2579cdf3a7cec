# y = x + tanh(Wx+b) ; printed z = Wx + b
from common import *
for n in [3, 5]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + n)
        W, x, b = U(r, n, n), U(r, n), U(r, n)
        f = lambda x, b: x + np.tanh(W @ x + b)
        z = W @ x + b
        D = np.diag(1 - np.tanh(z) ** 2)
        print(f"n={n} seed={seed}")
        compare("J_x", jacobian(f, 0)(x, b), D @ W + np.eye(n))
        compare("J_b", jacobian(f, 1)(x, b), D)
summary()
