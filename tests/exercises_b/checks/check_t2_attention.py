from common import *
# s = softmax(K q), o = V^T s ; K m x n, V m x p
for (m, n, p) in [(4, 3, 2), (6, 5, 3)]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"m={m},n={n},p={p},seed={seed}"
        K, q, V = draw(rng, m, n), draw(rng, n), draw(rng, m, p)
        K = K - 1.0 * seed   # seed 1: spread the scores
        fs = lambda q: softmax(K @ q)
        fo = lambda q: V.T @ softmax(K @ q)
        s = fs(q); o = V.T @ s
        compare("ds_dq", jacobian(fs)(q), (np.diag(s) - np.outer(s, s)) @ K, lab)         # tool: (diag(s) - s s^T) K
        compare("do_dq", jacobian(fo)(q), (-np.outer(o, s) + V.T @ np.diag(s)) @ K, lab)  # tool: (-o s^T + V^T diag(s)) K
summary("t2_attention")
