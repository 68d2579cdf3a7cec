from common import *
# q = (1-eps) y + eps/n 1, L = -q^T log softmax(z), 1^T y = 1
for n in [3, 6]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"n={n},seed={seed}"
        z = draw(rng, n); eps = rng.uniform(0.05, 0.3)   # eps a smoothing rate; [0.5,1.5] also tried below
        for e in [eps, rng.uniform(0.5, 1.5)]:
            y = draw(rng, n); y = y / y.sum()
            q = (1 - e) * y + e / n * np.ones(n)
            L = lambda z: -q @ anp.log(softmax(z))
            # tool: -q + e^z / sum_u e^{z_u}
            compare("dL_dz", grad(L)(z), -q + np.exp(z) / np.sum(np.exp(z)), lab + f",eps={e:.2f}")
summary("t2_label_smooth")
