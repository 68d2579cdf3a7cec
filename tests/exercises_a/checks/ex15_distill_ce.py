from common import *
for n in [3, 6]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + n)
        z, tau = U(r, n), U(r)
        q = U(r, n); q = q / q.sum()
        L = lambda z, tau: -q @ np.log(softmax(z / tau))
        p = softmax(z / tau)
        print(f"n={n} seed={seed}")
        compare("dL_dz", grad(L, 0)(z, tau), (1 / tau) * (p - q))
        compare("dL_dtau", grad(L, 1)(z, tau), np.sum((-p + q) * z) / tau**2)
summary()
