from common import *
# mu = 1/n 1^T x, nu = 1/n||x-mu||^2, xh = (x-mu)/sqrt(nu+eps), y = g o xh + beta, L = 1/2||y-t||^2
def fwd(x, g, be, t, eps):
    n = x.shape[0]
    mu = anp.sum(x) / n
    nu = anp.sum((x - mu) ** 2) / n
    xh = (x - mu) / anp.sqrt(nu + eps)
    return g * xh + be, mu, nu, xh
for n in [3, 6]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"n={n},seed={seed}"
        x, g, be, t = draw(rng, n), draw(rng, n), draw(rng, n), draw(rng, n)
        eps = rng.uniform(0.5, 1.5)
        L = lambda x, g, be: 0.5 * anp.sum((fwd(x, g, be, t, eps)[0] - t) ** 2)
        y, mu, nu, xh = fwd(x, g, be, t, eps)
        s = np.sqrt(eps + nu); one = np.ones(n); gt = g @ (t - y); gDt = g @ np.diag(x) @ (t - y)
        # tool (dL_dx): 1/sqrt(eps+nu) ( -(g o t) + g o y + 1/(n(eps+nu)) ( (-mu g^T(t-y) + g^T diag(x)(t-y)) x
        #               + (eps g^T(t-y) + mu^2 g^T(t-y) - mu g^T diag(x)(t-y) + nu g^T(t-y)) 1 ) )
        tool_dx = (1 / s) * (-(g * t) + g * y + 1 / (n * (eps + nu)) * (
            (-mu * gt + gDt) * x + (eps * gt + mu ** 2 * gt - mu * gDt + nu * gt) * one))
        compare("dL_dx", grad(L, 0)(x, g, be), tool_dx, lab)
        compare("dL_dgamma", grad(L, 1)(x, g, be), xh * (-t + y), lab)
        compare("dL_dbeta", grad(L, 2)(x, g, be), -t + y, lab)
summary("t2_layernorm")
