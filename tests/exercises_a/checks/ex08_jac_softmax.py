from common import *
for n in [3, 6]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + n)
        z = U(r, n); p = softmax(z)
        print(f"n={n} seed={seed}")
        compare("J", jacobian(softmax)(z), np.diag(p) - np.outer(p, p))
summary()
