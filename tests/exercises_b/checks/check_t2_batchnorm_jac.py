from common import *
# mu = 1/n 1^T x, nu = 1/n (x-mu)^T(x-mu), y = g (x-mu)/sqrt(nu+eps) + be, L = 1/2||y-t||^2 ; g, be scalars
def fwd(x, g, be, eps):
    n = x.shape[0]; mu = anp.sum(x) / n; nu = anp.sum((x - mu) ** 2) / n
    return g * (x - mu) / anp.sqrt(nu + eps) + be, mu, nu
for n in [3, 6]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"n={n},seed={seed}"
        x, t = draw(rng, n), draw(rng, n)
        g, be, eps = rng.uniform(0.5, 1.5, 3)
        y, mu, nu = fwd(x, g, be, eps); s = np.sqrt(eps + nu)
        # tool J: g ( 1/s I_n + 1/n ( -1/s 1 + 1/(eps+nu)^{3/2} (mu - x)(-mu + x)^T ) ), reading bold 1 as the n x n ones matrix
        tool_J = g * ((1 / s) * np.eye(n) + (1 / n) * (-(1 / s) * np.ones((n, n))
                                                       + (1 / (eps + nu) ** 1.5) * np.outer(mu - x, -mu + x)))
        compare("J", jacobian(lambda x: fwd(x, g, be, eps)[0])(x), tool_J, lab)
        # tool dL/dgamma: sum_v (mu - x_v)(t_v - y_v) / sqrt(eps+nu)
        L = lambda g: 0.5 * anp.sum((fwd(x, g, be, eps)[0] - t) ** 2)
        compare("dL_dgamma", grad(L)(g), np.sum((mu - x) * (t - y)) / s, lab)
summary("t2_batchnorm_jac")
