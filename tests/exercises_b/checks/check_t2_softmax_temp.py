from common import *
# p = softmax(z/tau), L = -y^T log p, 1^T y = 1
for n in [3, 6]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"n={n},seed={seed}"
        z = draw(rng, n); tau = rng.uniform(0.5, 1.5)
        y = draw(rng, n); y = y / y.sum()
        L = lambda z, tau: -y @ anp.log(softmax(z / tau))
        p = softmax(z / tau)
        compare("dL_dz", grad(L, 0)(z, tau), (p - y) / tau, lab)                    # tool: 1/tau (p - y)
        compare("dL_dtau", grad(L, 1)(z, tau), np.sum((-p + y) * z) / tau ** 2, lab)  # tool: sum (-p_u + y_u) z_u / tau^2
summary("t2_softmax_temp")
