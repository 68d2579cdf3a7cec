# mu = 1^T x / n, v = ||x - mu 1||^2 / n, xh = (x - mu 1)/sqrt(v+eps), y = gamma o xh + beta, L = 1/2||y-t||^2
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
        x, gamma, beta, t, eps = U(r, n), U(r, n), U(r, n), U(r, n), U(r)
        L = lambda x, g, b: 0.5 * np.sum((fwd(x, g, b, eps)[3] - t) ** 2)
        mu, v, xh, y = fwd(x, gamma, beta, eps)
        one = np.ones(n)
        print(f"n={n} seed={seed}")
        # J printed: 1/sqrt(eps+v) ( -1/n (xh xh^T + 1) + I ), "1" read as the n x n all-ones matrix
        compare("J (1 = ones matrix)", jacobian(lambda x: fwd(x, gamma, beta, eps)[2])(x),
                (1 / np.sqrt(eps + v)) * (-(1 / n) * (np.outer(xh, xh) + np.ones((n, n))) + np.eye(n)))
        # dL_dx printed (long form), translated literally
        s = gamma @ (t - y)                 # gamma^T (t - y)
        sx = gamma @ np.diag(x) @ (t - y)   # gamma^T diag(x) (t - y)
        tool = (1 / np.sqrt(eps + v)) * (-(gamma * t) + gamma * y + (1 / (n * (eps + v))) * (
            (-mu * s + sx) * x + (eps * s + mu**2 * s - mu * sx + v * s) * one))
        compare("dL_dx", grad(L, 0)(x, gamma, beta), tool)
        compare("dL_dgamma", grad(L, 1)(x, gamma, beta), xh * (-t + y))
        compare("dL_dbeta", grad(L, 2)(x, gamma, beta), -t + y)
summary()
