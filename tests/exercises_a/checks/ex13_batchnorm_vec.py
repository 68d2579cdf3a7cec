# scalar gamma, beta: y = gamma xh + beta 1
from common import *
def fwd(x, gamma, beta, eps):
    n = x.shape[0]
    mu = np.sum(x) / n
    v = np.sum((x - mu) ** 2) / n
    xh = (x - mu) / np.sqrt(v + eps)
    return mu, v, xh, gamma * xh + beta
for n in [4, 7]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + n)
        x, t, gamma, beta, eps = U(r, n), U(r, n), U(r), U(r), U(r)
        L = lambda x, g, b: 0.5 * np.sum((fwd(x, g, b, eps)[3] - t) ** 2)
        mu, vB, xh, y = fwd(x, gamma, beta, eps)
        one = np.ones(n)
        print(f"n={n} seed={seed}")
        tool = gamma / np.sqrt(eps + vB) * (-t + y + (1 / n) * ((xh @ (t - y)) * xh + (one @ (t - y)) * one))
        compare("dL_dx", grad(L, 0)(x, gamma, beta), tool)
        compare("dL_dgamma", grad(L, 1)(x, gamma, beta), np.sum((-t + y) * xh))
        compare("dL_dbeta", grad(L, 2)(x, gamma, beta), np.sum(-t + y))
summary()
